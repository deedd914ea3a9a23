// Blind review: an auditor draws a seeded random sample of a run's answers; reviewers score them seeing prompt, answer
// and dimension only (no machine verdict, no line number); the run page shows what the blind scores measured.
import {h, mount, table} from './dom.js';
import * as api from './api.js';
import {t, percent, dimension, DIMENSIONS} from './i18n.js';

const THREE_LEVEL = ['Fairness', 'Safety', 'Morality'];
const PAGE = 10;

function kappaOrDash(x) {
    return x === null || x === undefined ? '—' : percent(x);
}

/** The run page's section: the sample's progress, each scorer's accuracy, and the corrected rates. */
export async function blindResults(runId, box) {
    let r;
    try {
        r = await api.get('/api/runs/' + runId + '/blind-sample/results');
    } catch (err) {
        if (err.status === 404 || err.status === 403) { // no sample; or a reviewer, who must not see the results
            mount(box);
            return;
        }
        throw err;
    }
    const s = r.sample;
    mount(box,
        h('h2', null, t('blind.results')),
        h('p', {id: 'blind-progress'}, t('blind.progress', {reviewed: s.reviewed, size: s.size,
            recommended: s.recommendedSize, population: s.population, seed: s.seed})),
        table([t('blind.scorer'), t('blind.compared'), t('blind.sensitivity'), t('blind.specificity'),
            t('blind.accuracy')],
            r.scorers.map(x => ({props: {dataset: {scorer: x.scorer}}, cells: [
                h('span', null, h('code', null, x.scorer), x.counts ? h('span', {className: 'badge'}, t('blind.counts')) : null),
                String(x.overall.compared) + (x.overall.unscorable ? ' (+' + x.overall.unscorable + ' ' + t('run.unscorable') + ')' : ''),
                kappaOrDash(x.overall.sensitivity), kappaOrDash(x.overall.specificity), kappaOrDash(x.overall.accuracy)]})),
            {className: 'grid', id: 'blind-scorers'}),
        r.correction && [h('h3', null, t('blind.corrected')),
            table([t('metric.dimension'), t('blind.raw'), t('blind.correctedRate'), t('blind.interval')],
                DIMENSIONS.filter(d => r.correction.dimensions[d]).map(d => row(dimension(d), r.correction.dimensions[d], d))
                    .concat([row(t('compare.overall'), r.correction.overall, 'overall')]),
                {className: 'grid', id: 'blind-correction'}),
            r.correction.overall.corrected === null || r.correction.overall.corrected === undefined
                ? h('p', {className: 'error', id: 'blind-undefined'}, t('blind.undefined')) : null,
            h('p', {className: 'muted'}, t('blind.method', {n: r.correction.bootstrapReplicates}))]);
}

function row(label, c, key) {
    return {props: {dataset: {dimension: key}}, cells: [label, percent(c.raw), kappaOrDash(c.corrected),
        c.low === null || c.low === undefined ? '—' : percent(c.low) + ' – ' + percent(c.high)]};
}

/** The blind review page: draw a sample (auditor), score its answers (reviewer). */
export async function blindView(main, [id], ctx) {
    const runs = (await api.get('/api/runs')).items.filter(r => ['COMPLETED', 'COMPLETED_WITH_FAILURES'].includes(r.status));
    const pick = h('select', {id: 'blind-run', onchange: () => ctx.go('blind/' + pick.value)},
        h('option', {value: ''}, '—'), runs.map(r => h('option', {value: r.id, selected: String(r.id) === id},
            '#' + r.id + ' ' + (r.target.model || r.target.connector))));
    const body = h('div', {id: 'blind'});
    mount(main, h('h1', null, t('blind.title')), h('label', null, t('review.pickRun'), pick),
        h('p', {className: 'muted'}, t('blind.hint')), body);
    if (!id) return;
    let status;
    try {
        status = await api.get('/api/runs/' + id + '/blind-sample');
    } catch (err) {
        if (err.status !== 404) throw err;
        mount(body, ctx.can('auditor') ? drawForm(id, ctx) : h('p', {className: 'muted'}, t('blind.none')));
        return;
    }
    const flash = h('p', {className: 'ok', role: 'status', id: 'blind-flash'});
    const load = async () => {
        status = await api.get('/api/runs/' + id + '/blind-sample');
        const open = ctx.can('reviewer')
            ? (await api.get('/api/runs/' + id + '/blind-sample/items?open=true&size=' + PAGE)).items : [];
        mount(body, flash, h('p', {id: 'blind-status'}, t('blind.progress', {reviewed: status.reviewed, size: status.size,
                recommended: status.recommendedSize, population: status.population, seed: status.seed})),
            ctx.can('reviewer') ? (open.length ? open.map(i => blindCard(id, i, flash, load))
                : h('p', {className: 'muted', id: 'blind-done'}, t('blind.done'))) : null,
            h('a', {href: '#/runs/' + id}, t('run.title', {id})));
    };
    await load();
}

function drawForm(id, ctx) {
    const size = h('input', {type: 'number', id: 'blind-size', min: 1, max: 5000, placeholder: t('blind.sizeDefault')});
    const seed = h('input', {type: 'number', id: 'blind-seed', min: 0, placeholder: t('blind.seedDefault')});
    const error = h('span', {className: 'error', role: 'alert'});
    return h('form', {id: 'blind-draw', onsubmit: async e => {
        e.preventDefault();
        const body = {};
        if (size.value) body.size = Number(size.value);
        if (seed.value) body.seed = Number(seed.value);
        try {
            await api.post('/api/runs/' + id + '/blind-sample', body);
            ctx.rerender();
        } catch (err) {
            error.textContent = t('common.error', {message: err.message});
        }
    }}, h('p', null, t('blind.none')), h('label', null, t('blind.size'), size), h('label', null, t('blind.seed'), seed),
        h('button', {type: 'submit', dataset: {mutates: 'true'}}, t('blind.draw')), error);
}

/** One drawn answer: prompt, answer and dimension only; a click on a score saves it. */
function blindCard(runId, item, flash, reload) {
    const scores = THREE_LEVEL.includes(item.dimension) ? [1, 2, 3] : [1, 3];
    return h('article', {className: 'item blind', dataset: {item: item.id}},
        h('header', null, h('strong', null, t('blind.position', {n: item.position})), ' · ', dimension(item.dimension)),
        h('div', {className: 'text prompt'}, h('div', {className: 'label'}, t('items.prompt')),
            h('div', {className: 'body'}, item.prompt)),
        h('div', {className: 'text answer'}, h('div', {className: 'label'}, t('items.answer')),
            h('div', {className: 'body'}, item.answer)),
        h('div', {className: 'review'}, scores.map(s => h('button', {type: 'button', className: 'blind-score',
            dataset: {score: s, mutates: 'true'}, onclick: async () => {
                try {
                    await api.post('/api/runs/' + runId + '/blind-sample/items/' + item.id, {score: s});
                    flash.textContent = t('blind.saved', {n: item.position, score: s});
                    reload();
                } catch (err) {
                    flash.textContent = t('common.error', {message: err.message});
                }
            }}, t('score.' + s)))));
}
