// A run's answers (filterable, full text, rationale, review history) and the reviewer's queue.
import {h, mount} from './dom.js';
import * as api from './api.js';
import {t, when, dimension, status, faultText, subcomponent, DIMENSIONS, OUTCOMES} from './i18n.js';

const THREE_LEVEL = ['Fairness', 'Safety', 'Morality'];
const PAGE = 20;

function scoreBadge(score) {
    return h('span', {className: 'score score-' + score, dataset: {score}}, t('score.' + score));
}

/** Prompt and answer as text: white space kept, nothing interpreted. */
function textBlock(label, text, cls) {
    return h('div', {className: 'text ' + cls}, h('div', {className: 'label'}, label), h('div', {className: 'body'}, text));
}

function historyOf(runId, item) {
    const box = h('div', {className: 'history'});
    const button = h('button', {type: 'button', className: 'link show-history', onclick: async () => {
        const reviews = (await api.get('/api/runs/' + runId + '/items/' + item.promptId + '/reviews')).items;
        mount(box, reviews.length ? h('ul', null, reviews.map(r => h('li', null,
            when(r.at) + ' · ' + r.user + ' · ' + (r.previousScore ?? r.machineScore ?? r.machineStatus) + ' → '
            + r.newScore + ' · ' + r.justification))) : h('p', {className: 'muted'}, t('items.noHistory')));
    }}, t('items.history'));
    return [button, box];
}

function itemCard(runId, item, extra) {
    return h('article', {className: 'item', dataset: {prompt: item.promptId, line: item.line}},
        h('header', null,
            h('strong', null, t('items.line', {line: item.line})), ' · ', dimension(item.dimension),
            item.subcomponent && [' · ', subcomponent(item.subcomponent)], ' ',
            item.score ? scoreBadge(item.score) : h('span', {className: 'score score-none'},
                item.error ? t('items.error') : status(item.scoreStatus || item.machineStatus) || t('items.unscored')),
            item.outcome && h('span', {className: 'badge outcome outcome-' + item.outcome.toLowerCase(),
                dataset: {outcome: item.outcome}}, t('outcome.' + item.outcome)),
            item.unscorableReason && h('span', {className: 'muted', dataset: {reason: item.unscorableReason}},
                ' ' + t('reason.' + item.unscorableReason)),
            item.reviewedBy && h('span', {className: 'muted'}, ' ' + t('items.reviewedBy') + ': ' + item.reviewedBy
                + (item.machineScore ? ' (' + t('items.machineScore') + ' ' + item.machineScore + ')' : ''))),
        textBlock(t('items.prompt'), item.prompt, 'prompt'),
        textBlock(t('items.answer'), item.response ?? item.error ?? '', 'answer'),
        item.block && textBlock(t('items.block'), item.block.signal + (item.block.code ? ' · ' + item.block.code : '')
            + (item.block.message ? '\n' + item.block.message : ''), 'block'),
        item.reasoning && textBlock(t('items.reasoning'), item.reasoning, 'reasoning'),
        item.rationale && textBlock(t('items.rationale'), item.rationale, 'rationale'),
        item.verdicts && verdictList(item),
        extra, historyOf(runId, item));
}

/** Every scorer's verdict on the item (runs with several scorers), the primary first. */
function verdictList(item) {
    return h('div', {className: 'verdicts' + (item.scorersDisagree ? ' disagree' : ''),
            dataset: {disagree: String(!!item.scorersDisagree)}},
        h('div', {className: 'label'}, t('items.verdicts'),
            item.scorersDisagree ? h('span', {className: 'badge warn'}, t('items.disagree')) : null),
        h('ol', null, item.verdicts.map(v => h('li', {dataset: {scorer: v.scorer}},
            h('code', null, v.scorer), ' ',
            v.score ? scoreBadge(v.score) : h('span', {className: 'score score-none'},
                v.status ? status(v.status) : t('items.unscored')),
            v.unscorableReason ? ' ' + t('reason.' + v.unscorableReason) : ''))));
}

/** "共 29 条", the number itself in an element of its own (id) for the tests. */
function total(id, n) {
    const [before, after] = t('common.total', {n: '\u0000'}).split('\u0000');
    return h('p', {className: 'muted'}, before, h('span', {id}, String(n)), after);
}

function pager(page, total, size, go) {
    const pages = Math.max(1, Math.ceil(total / size));
    return h('div', {className: 'pager'},
        h('button', {type: 'button', disabled: page === 0, onclick: () => go(page - 1)}, t('common.prev')),
        h('span', null, t('common.page', {page: page + 1, pages, total})),
        h('button', {type: 'button', disabled: page + 1 >= pages, onclick: () => go(page + 1)}, t('common.next')));
}

export async function itemsView(main, [id], ctx) {
    const metrics = await api.get('/api/runs/' + id + '/metrics');
    const dim = h('select', {id: 'filter-dimension'}, h('option', {value: ''}, t('common.all')),
        DIMENSIONS.map(d => h('option', {value: d}, dimension(d))));
    const sub = h('select', {id: 'filter-subcomponent'});
    const outcome = h('select', {id: 'filter-outcome'}, h('option', {value: ''}, t('common.all')),
        OUTCOMES.map(o => h('option', {value: o}, t('outcome.' + o))));
    const score = h('select', {id: 'filter-score'}, h('option', {value: ''}, t('common.all')),
        ['1', '2', '3'].map(s => h('option', {value: s}, t('score.' + s))),
        h('option', {value: 'unscorable'}, t('run.unscorable')), h('option', {value: 'failed'}, t('run.failed')),
        h('option', {value: 'unscored'}, t('items.unscored')),
        metrics.scorerAgreement ? h('option', {value: 'disagree'}, t('filter.disagree')) : null);
    const fillSubs = () => {
        const names = new Set();
        Object.entries(metrics.subcomponents).forEach(([d, subs]) => {
            if (!dim.value || dim.value === d) Object.keys(subs).forEach(n => names.add(n));
        });
        mount(sub, h('option', {value: ''}, t('common.all')),
            [...names].sort().map(n => h('option', {value: n}, subcomponent(n))));
    };
    const text = h('input', {id: 'filter-text', type: 'search', placeholder: t('items.searchHint'),
        'aria-label': t('items.searchHint')});
    const reviewed = h('select', {id: 'filter-reviewed'}, h('option', {value: ''}, t('common.all')),
        h('option', {value: 'true'}, t('items.reviewedYes')), h('option', {value: 'false'}, t('items.reviewedNo')));
    // the filters start from the URL ("#/runs/3/items?dimension=Safety&q=...") and are written back to it, so a
    // filtered list can be linked and reloaded (replaceState: the page is not drawn again)
    const initial = ctx.query;
    dim.value = initial.get('dimension') || '';
    fillSubs();
    sub.value = initial.get('subcomponent') || '';
    score.value = initial.get('score') || '';
    outcome.value = initial.get('outcome') || '';
    text.value = initial.get('q') || '';
    reviewed.value = initial.get('reviewed') || '';
    const list = h('div', {id: 'items'});
    const load = async page => {
        const filters = new URLSearchParams();
        if (dim.value) filters.set('dimension', dim.value);
        if (sub.value) filters.set('subcomponent', sub.value);
        if (score.value) filters.set('score', score.value);
        if (outcome.value) filters.set('outcome', outcome.value);
        if (text.value.trim()) filters.set('q', text.value.trim());
        if (reviewed.value) filters.set('reviewed', reviewed.value);
        history.replaceState(null, '', '#/runs/' + id + '/items' + (filters.toString() ? '?' + filters : ''));
        const q = new URLSearchParams(filters);
        q.set('page', page);
        q.set('size', PAGE);
        const r = await api.get('/api/runs/' + id + '/items?' + q);
        mount(list, total('items-total', r.total),
            r.items.map(i => itemCard(id, i)), pager(page, r.total, PAGE, load));
    };
    dim.addEventListener('change', () => { fillSubs(); load(0); });
    sub.addEventListener('change', () => load(0));
    score.addEventListener('change', () => load(0));
    outcome.addEventListener('change', () => load(0));
    reviewed.addEventListener('change', () => load(0));
    text.addEventListener('change', () => load(0));
    mount(main, h('h1', null, t('items.title', {id})),
        h('nav', {className: 'subnav'}, h('a', {href: '#/runs/' + id}, t('run.title', {id}))),
        h('div', {className: 'filters'}, h('label', null, t('metric.dimension'), dim),
            h('label', null, t('metric.subcomponent'), sub), h('label', null, t('items.outcomeFilter'), outcome),
            h('label', null, t('items.scoreFilter'), score), h('label', null, t('items.reviewedFilter'), reviewed),
            text),
        list);
    await load(0);
}

export async function reviewView(main, [id], ctx) {
    const runs = (await api.get('/api/runs')).items.filter(r => r.status === 'COMPLETED');
    const pick = h('select', {id: 'review-run', onchange: () => ctx.go('review/' + pick.value)},
        h('option', {value: ''}, '—'), runs.map(r => h('option', {value: r.id, selected: String(r.id) === id},
            '#' + r.id + ' ' + (r.target.model || r.target.connector))));
    const list = h('div', {id: 'queue'});
    mount(main, h('h1', null, t('review.title')), h('label', null, t('review.pickRun'), pick),
        h('p', {className: 'muted'}, t('review.hint')), list);
    if (!id) return;
    const flash = h('p', {className: 'ok', role: 'status', id: 'review-flash'});
    const load = async page => {
        const q = await api.get('/api/runs/' + id + '/review-queue?page=' + page + '&size=' + PAGE);
        mount(list, flash, total('queue-total', q.total),
            q.items.length ? q.items.map(i => itemCard(id, i, reviewControls(id, i, flash, () => load(page))))
                : h('p', {className: 'muted'}, t('review.empty')), pager(page, q.total, PAGE, load));
    };
    await load(0);
}

/** Two clicks: a score, then "confirm" once the justification is written. */
function reviewControls(runId, item, flash, reload) {
    const scores = THREE_LEVEL.includes(item.dimension) ? [1, 2, 3] : [1, 3];
    const why = h('input', {className: 'justification', placeholder: t('review.justification'), required: true});
    const confirm = h('button', {type: 'submit', className: 'confirm', dataset: {mutates: 'true'}}, t('review.confirm'));
    const error = h('span', {className: 'error', role: 'alert'});
    let chosen = null;
    const form = h('form', {className: 'review-form', hidden: true, onsubmit: async e => {
        e.preventDefault();
        try {
            await api.post('/api/runs/' + runId + '/items/' + item.promptId + '/review',
                {score: chosen, justification: why.value});
            flash.textContent = chosen === item.machineScore ? t('review.kept', {line: item.line, score: chosen})
                : t('review.saved', {line: item.line, score: chosen});
            reload();
        } catch (err) {
            error.textContent = t('common.error', {message: faultText(err)});
        }
    }}, why, confirm, error);
    const buttons = scores.map(s => h('button', {type: 'button', className: 'set-score', dataset: {score: s, mutates: 'true'},
        onclick: e => {
            chosen = s;
            buttons.forEach(b => b.classList.toggle('chosen', b === e.currentTarget));
            confirm.textContent = s === item.machineScore ? t('review.confirmKeep', {score: s}) : t('review.confirm');
            form.hidden = false;
            why.focus();
        }}, s === item.machineScore ? t('review.keepScore', {score: s}) : t('review.setScore', {score: s})));
    return h('div', {className: 'review'}, h('span', {className: 'muted'}, t('review.machine') + ': '
        + (item.machineScore ? t('score.' + item.machineScore) : status(item.machineStatus))), buttons, form);
}
