// Compare runs on one dataset version (significance against the baseline) and follow a schedule's runs over time.
import {h, mount, table} from './dom.js';
import * as api from './api.js';
import {t, when, percent, dimension, DIMENSIONS} from './i18n.js';
import {rateChart, trendChart} from './charts.js';
import {targetLabel} from './runs.js';

function diffCell(d) {
    if (!d) return '—';
    // as the comparison PDF writes it: two decimals, percentage points, p to four decimals, ▲ higher ▼ lower
    const points = d.difference === null ? '—' : (d.difference >= 0 ? '+' : '') + (d.difference * 100).toFixed(2)
        + ' ' + t('compare.ppUnit');
    const p = d.pValue === null ? '' : ' (p ' + (d.pValue < 0.0001 ? '< 0.0001' : d.pValue.toFixed(4)) + ')';
    return h('span', {className: d.significant ? 'significant' : 'muted', dataset: {significant: d.significant}},
        points + p + (d.significant ? (d.difference > 0 ? ' ▲' : ' ▼') : ''));
}

function comparison(c, onLeave) {
    const names = c.runs.map(r => r.label + ' #' + r.runId + ' ' + r.target);
    const rows = [];
    for (const d of [...DIMENSIONS, 'overall']) {
        c.runs.forEach((r, i) => {
            const s = d === 'overall' ? r.overall : r.dimensions[d];
            rows.push({props: {dataset: {dimension: d, run: r.runId}}, cells: [
                i === 0 ? (d === 'overall' ? t('compare.overall') : dimension(d)) : '', names[i],
                h('code', {className: 'scorer'}, r.scorer),
                s ? percent(s.harmlessRate) : '—',
                s && s.harmlessRateCi95 ? percent(s.harmlessRateCi95[0]) + ' – ' + percent(s.harmlessRateCi95[1]) : '—',
                i === 0 ? t('compare.baseline') : diffCell(s && s.vsBaseline)]});
        });
    }
    return h('section', {id: 'comparison'},
        !c.sameScorer && h('p', {className: 'error', role: 'alert', id: 'compare-scorer-warning'},
            t('compare.differentScorers')),
        c.sameScope === false && h('p', {className: 'error', role: 'alert', id: 'compare-scope-warning'},
            t('compare.differentScope')),
        c.samePolicy === false && h('p', {className: 'error', role: 'alert', id: 'compare-policy-warning'},
            t('compare.differentPolicy')),
        h('p', {className: 'muted'}, c.dataset.name + ' v' + c.dataset.version + ' · ' + c.comparisonId + ' · '
            + t('compare.legend')),
        rateChart('compare-chart', DIMENSIONS.map(dimension), c.runs.map((r, i) => ({name: names[i],
            values: DIMENSIONS.map(d => (r.dimensions[d] ? r.dimensions[d].harmlessRate : null)),
            ci: DIMENSIONS.map(d => (r.dimensions[d] ? r.dimensions[d].harmlessRateCi95 : null))})), onLeave),
        table([t('metric.dimension'), t('runs.target'), t('runs.scorer'), t('metric.rate'), t('metric.ci'),
            t('compare.diff')], rows,
            {className: 'grid', id: 'compare-table'}));
}

export async function compareView(main, params, ctx) {
    const runs = (await api.get('/api/runs')).items.filter(r => r.status === 'COMPLETED');
    const schedules = (await api.get('/api/schedules')).items;
    const boxes = runs.map(r => h('input', {type: 'checkbox', value: r.id, dataset: {dataset: r.datasetId}}));
    const order = [];
    boxes.forEach(b => b.addEventListener('change', () => {
        if (b.checked) order.push(b.value); else order.splice(order.indexOf(b.value), 1);
    }));
    const out = h('div', {id: 'compare-out'});
    const error = h('p', {className: 'error', role: 'alert'});
    let stops = [];
    ctx.onLeave(() => stops.forEach(fn => fn()));
    const show = async ids => {
        stops.forEach(fn => fn());
        stops = [];
        error.textContent = '';
        if (ids.length < 2) {
            error.textContent = t('compare.needTwo');
            return null;
        }
        try {
            return await api.get('/api/reports/compare?runs=' + ids.join(','));
        } catch (err) {
            error.textContent = t('common.error', {message: err.message});
            return null;
        }
    };
    const pdf = ids => h('button', {type: 'button', id: 'compare-pdf', onclick: () =>
        api.download('/api/reports/compare.pdf?runs=' + ids.join(','), 'flames-comparison.pdf')}, t('compare.pdf'));
    const scheduleSelect = h('select', {id: 'trend-schedule'}, h('option', {value: ''}, '—'),
        schedules.map(s => h('option', {value: s.id}, '#' + s.id + ' ' + s.name)));
    scheduleSelect.addEventListener('change', async () => {
        if (!scheduleSelect.value) return;
        const own = (await api.get('/api/schedules/' + scheduleSelect.value + '/runs')).items
            .filter(r => r.status === 'COMPLETED').map(r => r.id).reverse();
        const c = await show(own);
        if (!c) return mount(out);
        const labels = c.runs.map(r => when(r.metricsAt));
        mount(out, h('h2', null, t('compare.trend')),
            trendChart('trend-chart', labels, [{name: t('compare.overall'), values: c.runs.map(r => r.overall.harmlessRate)},
                ...DIMENSIONS.map(d => ({name: dimension(d),
                    values: c.runs.map(r => (r.dimensions[d] ? r.dimensions[d].harmlessRate : null))}))],
            fn => stops.push(fn)), comparison(c, fn => stops.push(fn)), pdf(c.runs.map(r => r.runId)));
    });
    mount(main, h('h1', null, t('compare.title')),
        h('p', {className: 'muted'}, t('compare.pick')),
        h('div', {className: 'picklist', id: 'compare-runs'}, runs.map((r, i) => h('label', {className: 'check'}, boxes[i],
            '#' + r.id + ' · ' + targetLabel(r.target) + ' · ' + r.datasetName + ' v' + r.datasetVersion
            + (r.limit ? ' ' + t('runs.limited', {n: r.limit}) : '') + ' · ' + r.scorerKey + ' · '
            + when(r.finishedAt)))),
        h('button', {type: 'button', id: 'compare-go', onclick: async () => {
            const c = await show(order);
            mount(out, c && comparison(c, fn => stops.push(fn)), c && pdf(order));
        }}, t('compare.go')),
        h('label', null, t('compare.pickSchedule'), scheduleSelect), error, out);
}
