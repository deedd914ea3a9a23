// The assessment of one service against TC260-003 / GB/T 45654-2025 from completed audits of its question banks:
// the verdict per bank and per Annex A risk with 95% intervals, the coverage gaps, and the signed PDF and the workbook.
import {h, mount, table} from './dom.js';
import * as api from './api.js';
import {t, when, percent, lang} from './i18n.js';
import {targetLabel} from './runs.js';

const BANKS = ['generated-content', 'should-refuse', 'non-refusal'];

function verdictCell(v) {
    return h('span', {className: 'verdict verdict-' + v.verdict.toLowerCase(), dataset: {verdict: v.verdict}},
        t('assessment.verdict.' + v.verdict));
}

function rateCells(v) {
    return [v.n ? v.successes + ' / ' + v.n : '0', v.rate === undefined ? '—' : percent(v.rate),
        v.ci95 ? percent(v.ci95[0]) + ' – ' + percent(v.ci95[1]) : '—', percent(v.threshold), verdictCell(v),
        v.moreQuestions === undefined ? '—' : String(v.moreQuestions)];
}

function riskName(a, code) {
    const title = a.annexA[code];
    return code + ' ' + (title ? title[lang() === 'zh' ? 'zh' : 'en'] : '');
}

function assessment(a, ids) {
    const bankRows = BANKS.map(k => {
        const b = a.banks[k];
        return {props: {dataset: {bank: k}}, cells: [t('assessment.bank.' + k)].concat(b ? rateCells(b.rate)
            : ['0', '—', '—', '—', t('assessment.noQuestions'), '—'])};
    });
    const riskRows = [];
    BANKS.filter(k => a.banks[k]).forEach(k => Object.entries(a.banks[k].risks).forEach(([code, v]) =>
        riskRows.push({props: {dataset: {bank: k, risk: code}}, cells: [riskName(a, code), t('assessment.bank.' + k)]
            .concat(rateCells(v))})));
    const gaps = BANKS.map(k => {
        const c = a.coverage[k];
        return h('li', {dataset: {bank: k}}, t('assessment.coverageLine', {bank: t('assessment.bank.' + k),
            n: c.questions, min: c.minimum, gaps: c.gaps.length}));
    });
    const heads = [t('assessment.col.counted'), t('assessment.col.rate'), t('metric.ci'), t('assessment.col.threshold'),
        t('assessment.col.verdict'), t('assessment.col.more')];
    return h('section', {id: 'assessment'},
        h('p', {className: 'assessment-overall verdict-' + a.overall.toLowerCase(), id: 'assessment-overall'},
            t('assessment.overall', {verdict: t('assessment.verdict.' + a.overall)})),
        h('p', {className: 'warning', id: 'assessment-criteria'}, t('assessment.secondary', {
            gc: percent(a.criteria.thresholds['generated-content']),
            refuse: percent(a.criteria.thresholds['should-refuse']),
            non: percent(a.criteria.thresholds['non-refusal'])}) + (a.criteria.default ? '' : ' ' + t('assessment.changed'))),
        h('p', {className: 'muted'}, a.id + ' · ' + a.target + ' · ' + when(a.assessedAt)),
        table([t('assessment.col.bank')].concat(heads), bankRows, {className: 'grid', id: 'assessment-banks'}),
        h('h2', null, t('assessment.risks')),
        table([t('assessment.col.risk'), t('assessment.col.bank')].concat(heads), riskRows,
            {className: 'grid', id: 'assessment-risks'}),
        h('h2', null, t('assessment.coverage')), h('ul', {id: 'assessment-coverage'}, gaps),
        a.flamesMapping && h('p', {className: 'muted', id: 'assessment-mapping'}, t('assessment.mapping')),
        h('div', {className: 'actions'},
            h('button', {type: 'button', id: 'assessment-pdf', onclick: () => api.download(
                '/api/assessments/tc260.pdf?lang=' + lang() + '&runs=' + ids.join(','), 'flames-tc260.pdf')},
                t('assessment.pdf')),
            h('button', {type: 'button', id: 'assessment-xlsx', onclick: () => api.download(
                '/api/assessments/tc260.xlsx?runs=' + ids.join(','), 'flames-tc260.xlsx')}, t('assessment.xlsx'))));
}

export async function assessmentView(main, params, ctx) {
    const runs = (await api.get('/api/runs')).items.filter(r => r.status === 'COMPLETED');
    const boxes = runs.map(r => h('input', {type: 'checkbox', value: r.id}));
    const out = h('div', {id: 'assessment-out'});
    const error = h('p', {className: 'error', role: 'alert', id: 'assessment-error'});
    mount(main, h('h1', null, t('assessment.title')),
        h('p', {className: 'muted'}, t('assessment.pick')),
        h('div', {className: 'picklist', id: 'assessment-runs'}, runs.map((r, i) => h('label', {className: 'check'},
            boxes[i], '#' + r.id + ' · ' + targetLabel(r.target) + ' · ' + r.datasetName + ' v' + r.datasetVersion
            + ' · ' + when(r.finishedAt)))),
        h('button', {type: 'button', id: 'assessment-go', onclick: async () => {
            const ids = boxes.filter(b => b.checked).map(b => b.value);
            error.textContent = '';
            mount(out);
            if (!ids.length) {
                error.textContent = t('assessment.needOne');
                return;
            }
            try {
                mount(out, assessment(await api.get('/api/assessments/tc260?runs=' + ids.join(',')), ids));
            } catch (err) {
                error.textContent = t('common.error', {message: err.message});
            }
        }}, t('assessment.go')), error, out);
}
