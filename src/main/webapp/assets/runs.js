// Audits: the list with live progress, a new audit, and a run's page (progress, metrics, chart, reports).
import {blindResults} from './blind.js';
import {h, mount, table} from './dom.js';
import * as api from './api.js';
import {t, when, percent, dimension, status, faultText, term, definition, subcomponent, DIMENSIONS, OUTCOMES}
    from './i18n.js';
import {rateChart} from './charts.js';

const ACTIVE = ['QUEUED', 'RUNNING'];

export function targetLabel(target) {
    if (!target) return '';
    return (target.model || target.file || '') + ' (' + target.connector + ')';
}

function badge(s) {
    return h('span', {className: 'badge status-' + s.toLowerCase(), dataset: {status: s}}, status(s));
}

function progressBar(p) {
    const total = Math.max(p.total, 1);
    return h('div', {className: 'progress', title: p.generated + ' / ' + p.scored + ' / ' + p.total},
        h('progress', {max: 2 * total, value: p.generated + p.scored + p.unscorable}),
        h('span', {className: 'counts'},
            t('run.generated') + ' ' + p.generated + '/' + p.total + ' · ' + t('run.scored') + ' ' + p.scored
            + ' · ' + t('run.unscorable') + ' ' + p.unscorable + ' · ' + t('run.failed') + ' ' + p.failed));
}

const RUN_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_FAILURES', 'STOPPED', 'FAILED'];
const RUNS_PAGE = 20;

/** A run's headline result: its overall harmless rate, marked when it covers fewer than the 5 dimensions. */
function result(r) {
    if (!r.result || r.result.overallHarmlessRate === undefined || r.result.overallHarmlessRate === null) return '—';
    return h('span', {className: 'result'}, percent(r.result.overallHarmlessRate),
        r.result.dimensions < 5 && h('span', {className: 'badge partial', title: t('run.partial', {n: r.result.dimensions})},
            t('runs.partial', {n: r.result.dimensions})));
}

export async function runsView(main, params, ctx) {
    // newest first, one page at a time; the search, status and page are in the URL ("#/runs?q=qwen&page=1")
    const page = Math.max(0, parseInt(ctx.query.get('page') || '0', 10) || 0);
    const search = ctx.query.get('q') || '';
    const state = ctx.query.get('status') || '';
    const request = new URLSearchParams({page: String(page), size: String(RUNS_PAGE)});
    if (search) request.set('q', search);
    if (state) request.set('status', state);
    // active runs (and only they) come with their progress: one request for the whole page
    const body = await api.get('/api/runs?' + request);
    const list = body.items;
    const pages = Math.max(1, Math.ceil(body.total / RUNS_PAGE));
    const rows = list.map(r => ({props: {dataset: {run: r.id}}, cells: [
        h('a', {href: '#/runs/' + r.id}, '#' + r.id),
        // a stopped, halted or failed run says why under its status (the run page has the whole text)
        h('span', null, badge(r.status), r.error && !ACTIVE.includes(r.status) && r.status !== 'COMPLETED'
            && h('div', {className: 'muted run-why', title: r.error},
                r.error.length > 90 ? r.error.substring(0, 90) + '…' : r.error)),
        h('span', null, r.name && h('strong', {className: 'run-name'}, r.name), r.name && h('br'), targetLabel(r.target),
            r.ticket && h('div', {className: 'muted'}, t('run.ticketShort', {ticket: r.ticket}))),
        h('a', {href: '#/datasets/' + r.datasetId}, r.datasetName + ' v' + r.datasetVersion),
        r.scorerKey, String(r.total) + (r.limit ? ' ' + t('runs.limited', {n: r.limit}) : ''), result(r),
        r.progress ? progressBar(r.progress) : '—', r.createdBy || '—', when(r.createdAt)]}));
    const input = h('input', {id: 'runs-search', type: 'search', value: search, placeholder: t('runs.searchHint'),
        'aria-label': t('runs.searchHint')});
    const select = h('select', {id: 'runs-status', 'aria-label': t('common.status')},
        h('option', {value: ''}, t('common.all')),
        RUN_STATUSES.map(s => h('option', {value: s, selected: s === state}, status(s))));
    // not a form: filtering reads, it changes nothing (a regulator's pages hold no form)
    const apply = () => ctx.setQuery('runs', {q: input.value.trim(), status: select.value, page: null});
    input.addEventListener('keydown', e => { if (e.key === 'Enter') apply(); });
    select.addEventListener('change', apply);
    const filters = h('div', {className: 'filters', id: 'runs-filter', role: 'search'}, input, select,
        h('button', {type: 'button', id: 'runs-filter-go', onclick: apply}, t('runs.filter')));
    const empty = search || state ? t('runs.noMatch') : t('runs.empty');
    mount(main,
        h('div', {className: 'titlebar'}, h('h1', null, t('runs.title')),
            ctx.can('auditor') && h('a', {href: '#/runs/new', className: 'button', id: 'new-run',
                dataset: {mutates: 'true'}}, t('runs.new'))),
        filters,
        list.length ? h('div', {className: 'scroll'}, table([t('common.id'), t('common.status'), t('runs.target'),
            t('runs.dataset'), t('runs.scorer'), t('runs.total'), t('runs.result'), t('runs.progress'),
            t('runs.createdBy'), t('common.created')], rows, {className: 'grid', id: 'runs-table'}))
            : h('p', {className: 'muted', id: 'runs-empty'}, empty),
        h('div', {className: 'pager', id: 'runs-pager'},
            h('button', {type: 'button', id: 'runs-prev', disabled: page === 0,
                onclick: () => ctx.setQuery('runs', {page: page - 1 || null})}, t('common.prev')),
            h('span', {id: 'runs-page'}, t('common.page', {page: page + 1, pages, total: body.total})),
            h('button', {type: 'button', id: 'runs-next', disabled: page + 1 >= pages,
                onclick: () => ctx.setQuery('runs', {page: page + 1})}, t('common.next'))));
    if (list.some(r => r.progress)) {
        const timer = setTimeout(() => ctx.rerender(), 3000);
        ctx.onLeave(() => clearTimeout(timer));
    }
}

function field(label, input) {
    return h('label', null, h('span', null, label), input);
}

/** The target and scorer fields of a run request; also used by the schedule form. */
export function runFields(datasets) {
    const f = {
        dataset: h('select', {name: 'datasetId', id: 'f-dataset'}, datasets.filter(d => d.status === 'READY')
            .map(d => h('option', {value: d.id}, '#' + d.id + ' ' + d.name + ' v' + d.version + ' (' + d.promptCount + ')'))),
        connector: h('select', {name: 'connector', id: 'f-connector'},
            ['openai-compatible', 'anthropic', 'replay'].map(c => h('option', {value: c}, c))),
        baseUrl: h('input', {name: 'baseUrl', id: 'f-baseUrl', placeholder: 'http://localhost:8000/v1'}),
        model: h('input', {name: 'model', id: 'f-model'}),
        name: h('input', {name: 'name', id: 'f-name', maxlength: 200}),
        ticket: h('input', {name: 'ticket', id: 'f-ticket', maxlength: 100}),
        apiKeyAlias: h('input', {name: 'apiKeyAlias', id: 'f-apiKeyAlias'}),
        apiKeyEnv: h('input', {name: 'apiKeyEnv', id: 'f-apiKeyEnv', placeholder: 'OPENAI_API_KEY'}),
        temperature: h('input', {name: 'temperature', id: 'f-temperature', type: 'number', min: 0, max: 2, step: 0.1}),
        maxTokens: h('input', {name: 'maxTokens', id: 'f-maxTokens', type: 'number', min: 1}),
        file: h('input', {name: 'file', id: 'f-file'}),
        // each scorer by its name in the page's language, its key beside; what it is and whether it was validated
        // on Flames is said under the choice (the glossary's words, as in the reports)
        scorer: h('select', {name: 'scorer', id: 'f-scorer'},
            ['djl', 'llm-judge', 'imported'].map(c => h('option', {value: c}, term('scorer.' + c) + ' (' + c + ')'))),
        judgeUrl: h('input', {name: 'judgeUrl', id: 'f-judgeUrl'}),
        judgeModel: h('input', {name: 'judgeModel', id: 'f-judgeModel'}),
        judgeKeyAlias: h('input', {name: 'judgeKeyAlias', id: 'f-judgeKeyAlias'}),
        scoresFile: h('input', {name: 'scoresFile', id: 'f-scoresFile'}),
        concurrency: h('input', {name: 'concurrency', id: 'f-concurrency', type: 'number', min: 1, max: 64, value: 8}),
        limit: h('input', {name: 'limit', id: 'f-limit', type: 'number', min: 1}),
        stream: h('input', {name: 'stream', id: 'f-stream', type: 'checkbox'}),
        blockedPolicy: h('select', {name: 'blockedPolicy', id: 'f-blockedPolicy'},
            ['exclude', 'harmless'].map(p => h('option', {value: p}, t('new.blockedPolicy.' + p)))),
    };
    const targetRows = {
        baseUrl: field(t('new.baseUrl'), f.baseUrl), model: field(t('new.model'), f.model),
        apiKeyAlias: field(t('new.apiKeyAlias'), f.apiKeyAlias), apiKeyEnv: field(t('new.apiKeyEnv'), f.apiKeyEnv),
        temperature: field(t('new.temperature'), f.temperature), maxTokens: field(t('new.maxTokens'), f.maxTokens),
        stream: field(t('new.stream'), f.stream),
        file: field(t('new.file'), f.file)};
    const scorerRows = {
        judgeUrl: field(t('new.judgeUrl'), f.judgeUrl), judgeModel: field(t('new.judgeModel'), f.judgeModel),
        judgeKeyAlias: field(t('new.apiKeyAlias'), f.judgeKeyAlias), scoresFile: field(t('new.scoresFile'), f.scoresFile)};
    const sync = () => {
        const replay = f.connector.value === 'replay';
        targetRows.file.hidden = !replay;
        targetRows.baseUrl.hidden = targetRows.model.hidden = targetRows.apiKeyAlias.hidden = targetRows.stream.hidden
            = targetRows.apiKeyEnv.hidden = targetRows.temperature.hidden = targetRows.maxTokens.hidden = replay;
        const judge = f.scorer.value === 'llm-judge';
        scorerRows.judgeUrl.hidden = scorerRows.judgeModel.hidden = scorerRows.judgeKeyAlias.hidden = !judge;
        scorerRows.scoresFile.hidden = f.scorer.value !== 'imported';
    };
    const scorerInfo = h('p', {className: 'muted scorer-info', id: 'f-scorer-info'});
    const describeScorer = () => mount(scorerInfo, definition('scorer.' + f.scorer.value),
        f.scorer.value !== 'imported' && h('span', {className: 'badge warn', id: 'f-scorer-unvalidated'},
            term('scorer.notValidated')));
    f.connector.addEventListener('change', sync);
    f.scorer.addEventListener('change', sync);
    f.scorer.addEventListener('change', describeScorer);
    describeScorer();
    sync();
    const rows = [field(t('new.name'), f.name), field(t('new.ticket'), f.ticket),
        field(t('runs.dataset'), f.dataset), field(t('new.connector'), f.connector),
        ...Object.values(targetRows), field(t('new.scorerType'), f.scorer), scorerInfo, ...Object.values(scorerRows),
        field(t('new.concurrency'), f.concurrency), field(t('new.limit'), f.limit),
        field(t('new.blockedPolicy'), f.blockedPolicy)];
    // the API's field names, and the input each stands for (a server error is shown beside its input)
    const byField = {'datasetId': f.dataset, 'target.connector': f.connector, 'target.baseUrl': f.baseUrl,
        'target.model': f.model, 'target.apiKeyAlias': f.apiKeyAlias, 'target.file': f.file, 'scorer.type': f.scorer,
        'name': f.name, 'ticket': f.ticket, 'target.apiKeyEnv': f.apiKeyEnv, 'target.temperature': f.temperature, 'target.maxTokens': f.maxTokens,
        'scorer.baseUrl': f.judgeUrl, 'scorer.model': f.judgeModel, 'scorer.apiKeyAlias': f.judgeKeyAlias,
        'scorer.file': f.scoresFile, 'concurrency': f.concurrency, 'limit': f.limit, 'blockedPolicy': f.blockedPolicy};
    /** Every fault the form can see before asking the server, each marked beside its field; returns how many. */
    const validate = () => {
        clearFieldErrors(rows);
        const faults = [];
        const need = (input, visible) => { if (visible && !input.value.trim()) faults.push([input, t('error.required')]); };
        if (!f.dataset.value) faults.push([f.dataset, t('error.noDataset')]);
        const replay = f.connector.value === 'replay';
        need(f.file, replay);
        need(f.baseUrl, f.connector.value === 'openai-compatible');
        need(f.model, !replay);
        need(f.judgeUrl, f.scorer.value === 'llm-judge');
        need(f.judgeModel, f.scorer.value === 'llm-judge');
        need(f.scoresFile, f.scorer.value === 'imported');
        const c = Number(f.concurrency.value);
        if (!Number.isInteger(c) || c < 1 || c > 64) faults.push([f.concurrency, t('error.out_of_range', {min: 1, max: 64})]);
        if (f.limit.value && (!Number.isInteger(Number(f.limit.value)) || Number(f.limit.value) < 1)) {
            faults.push([f.limit, t('error.out_of_range', {min: 1, max: 10000000})]);
        }
        faults.forEach(([input, text]) => fieldError(input, text));
        return faults.length;
    };
    /** Shows a server error beside its field; false when the error names no field of this form. */
    const showServerError = err => {
        const input = byField[err.field];
        if (!input) return false;
        fieldError(input, faultText(err));
        return true;
    };
    const body = () => {
        const target = {connector: f.connector.value};
        if (f.connector.value === 'replay') {
            target.file = f.file.value.trim();
        } else {
            if (f.baseUrl.value.trim()) target.baseUrl = f.baseUrl.value.trim();
            target.model = f.model.value.trim();
            if (f.apiKeyAlias.value.trim()) target.apiKeyAlias = f.apiKeyAlias.value.trim();
            if (f.apiKeyEnv.value.trim()) target.apiKeyEnv = f.apiKeyEnv.value.trim();
            if (f.temperature.value !== '') target.temperature = Number(f.temperature.value);
            if (f.maxTokens.value !== '') target.maxTokens = Number(f.maxTokens.value);
            if (f.stream.checked) target.stream = true;
        }
        const scorer = {type: f.scorer.value};
        if (f.scorer.value === 'llm-judge') {
            scorer.baseUrl = f.judgeUrl.value.trim();
            scorer.model = f.judgeModel.value.trim();
            if (f.judgeKeyAlias.value.trim()) scorer.apiKeyAlias = f.judgeKeyAlias.value.trim();
        } else if (f.scorer.value === 'imported') {
            scorer.file = f.scoresFile.value.trim();
        }
        const b = {datasetId: Number(f.dataset.value), target, scorer, concurrency: Number(f.concurrency.value)};
        if (f.name.value.trim()) b.name = f.name.value.trim();
        if (f.ticket.value.trim()) b.ticket = f.ticket.value.trim();
        if (f.limit.value) b.limit = Number(f.limit.value);
        if (f.blockedPolicy.value !== 'exclude') b.blockedPolicy = f.blockedPolicy.value;
        return b;
    };
    return {rows, body, validate, showServerError};
}

/** Marks an input as wrong, with the reason beside it (in its label). */
function fieldError(input, text) {
    const label = input.closest('label');
    const span = h('span', {className: 'field-error', role: 'alert', dataset: {for: input.id}}, text);
    input.setAttribute('aria-invalid', 'true');
    if (label) label.append(span); else input.after(span);
}

function clearFieldErrors(rows) {
    rows.forEach(r => {
        r.querySelectorAll('.field-error').forEach(s => s.remove());
        r.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
    });
}

export async function newRunView(main, params, ctx) {
    const datasets = (await api.get('/api/datasets')).items;
    const fields = runFields(datasets);
    const distributed = h('input', {type: 'checkbox', id: 'f-distributed'});
    const message = h('p', {className: 'error', role: 'alert', id: 'form-error'});
    mount(main, h('h1', null, t('new.title')),
        h('form', {className: 'form', id: 'new-run-form', onsubmit: async e => {
            e.preventDefault();
            message.textContent = '';
            const faults = fields.validate();
            if (faults) {
                message.textContent = t('error.fields', {n: faults});
                return;
            }
            const body = fields.body();
            if (distributed.checked) body.distributed = true;
            try {
                const r = await api.post('/api/runs', body);
                ctx.go('runs/' + r.id);
            } catch (err) {
                message.textContent = fields.showServerError(err) ? t('error.fields', {n: 1})
                    : t('common.error', {message: err.field ? t('error.field', {field: err.field, message: faultText(err)})
                        : faultText(err)});
            }
        }}, fields.rows, h('label', {className: 'check'}, distributed, t('new.distributed')),
        h('button', {type: 'submit', id: 'start-run', dataset: {mutates: 'true'}}, t('new.submit')), message));
}

export async function runView(main, [id], ctx) {
    let previous = null;
    let stops = []; // the charts of the last rendering, disposed before the next one
    ctx.onLeave(() => stops.forEach(fn => fn()));
    let metrics = null;
    let metricsAt = null; // the status and scored count the metrics were read at
    const refresh = async () => {
        const run = await api.get('/api/runs/' + id);
        const p = run.progress;
        // the server computes provisional metrics over every score: ask again only when they can have changed
        const mark = run.status + '/' + (p.scored + p.unscorable);
        if (mark !== metricsAt) {
            metrics = await api.get('/api/runs/' + id + '/metrics');
            metricsAt = mark;
        }
        const done = p.generated + p.scored + p.unscorable;
        const now = Date.now();
        let rate = null;
        if (previous && now > previous.at && done > previous.done) {
            rate = (done - previous.done) * 1000 / (now - previous.at);
        } else if (run.startedAt && ACTIVE.includes(run.status)) {
            const seconds = (now - Date.parse(run.startedAt)) / 1000;
            rate = seconds > 0 && done > 0 ? done / seconds : null;
        }
        previous = {at: now, done};
        render(run, metrics, rate);
        if (ACTIVE.includes(run.status)) {
            const timer = setTimeout(refresh, 2000);
            ctx.onLeave(() => clearTimeout(timer));
        }
    };
    const render = (run, metrics, rate) => {
        stops.forEach(fn => fn());
        stops = [];
        const p = run.progress;
        const remaining = 2 * p.total - p.generated - p.scored - p.unscorable - p.failed;
        const active = ACTIVE.includes(run.status);
        const controls = ctx.can('auditor') && h('div', {className: 'controls'},
            active && h('button', {type: 'button', id: 'stop-run', dataset: {mutates: 'true'},
                onclick: () => { if (window.confirm(t('run.stopConfirm'))) act('stop'); }}, t('run.stop')),
            ['STOPPED', 'FAILED', 'COMPLETED_WITH_FAILURES'].includes(run.status) && h('button', {type: 'button',
                id: 'restart-run', dataset: {mutates: 'true'}, onclick: () => act('restart')}, t('run.restart')),
            run.status === 'COMPLETED_WITH_FAILURES' && h('button', {type: 'button', id: 'accept-failures',
                dataset: {mutates: 'true'}, onclick: () => {
                    const why = window.prompt(t('run.acceptPrompt'));
                    if (why && why.trim()) act('accept-failures', {justification: why.trim()});
                }}, t('run.acceptFailures')));
        const act = async (what, body) => {
            try {
                await api.post('/api/runs/' + id + '/' + what, body);
                previous = null;
                refresh();
            } catch (err) {
                alertBox.textContent = t('common.error', {message: err.message});
            }
        };
        const alertBox = h('p', {className: 'error', role: 'alert'});
        mount(main,
            h('div', {className: 'titlebar'}, h('h1', {id: 'run-title'}, t('run.title', {id: run.id})
                + (run.name ? ' · ' + run.name : '')), badge(run.status),
                controls),
            alertBox,
            h('dl', {className: 'facts'},
                run.ticket && [h('dt', null, t('new.ticket')), h('dd', {id: 'run-ticket'}, run.ticket)],
                h('dt', null, t('runs.target')), h('dd', null, targetLabel(run.target),
                    run.target && run.target.baseUrl && h('div', {className: 'muted hash', id: 'run-target-url'},
                        run.target.baseUrl)),
                h('dt', null, t('runs.scorer')), h('dd', null, run.scorerKey),
                h('dt', null, t('runs.dataset')), h('dd', {id: 'run-dataset'},
                    h('a', {href: '#/datasets/' + run.datasetId}, run.datasetName + ' v' + run.datasetVersion),
                    run.datasetOfficial && h('span', {className: 'badge official'}, t('dataset.official')),
                    h('div', {className: 'muted hash'}, 'SHA-256 ' + run.datasetSha256)),
                h('dt', null, t('runs.createdBy')), h('dd', {id: 'run-created-by'}, run.createdBy === 'system'
                    ? t('run.bySystem', {schedule: run.scheduleId ?? '—'}) : run.createdBy || '—'),
                run.scheduleId != null && [h('dt', null, t('run.schedule')), h('dd', null,
                    h('a', {href: '#/schedules'}, '#' + run.scheduleId))],
                h('dt', null, t('run.concurrency')), h('dd', null, String(run.concurrency)),
                h('dt', null, t('run.limit')), h('dd', {id: 'run-limit'}, run.limit ? t('run.limitFirst', {n: run.limit})
                    : t('run.limitAll')),
                h('dt', null, t('common.created')), h('dd', null, when(run.createdAt)),
                run.startedAt && [h('dt', null, t('run.started')), h('dd', null, when(run.startedAt))],
                run.finishedAt && [h('dt', null, t('run.finished')), h('dd', null, when(run.finishedAt))],
                run.error && [h('dt', null, t('run.error')), h('dd', {className: 'error'}, run.error)]),
            h('section', {id: 'progress'}, progressBar(p),
                active && h('p', {className: 'muted', id: 'rate'},
                    t('run.rate') + ': ' + (rate ? t('run.perSecond', {n: rate.toFixed(1)}) : '—') + ' · '
                    + t('run.eta') + ': ' + (rate ? duration(remaining / rate) : '—'))),
            h('nav', {className: 'subnav'}, h('a', {href: '#/runs/' + id + '/items', id: 'open-items'}, t('run.items')),
                ctx.can('reviewer') && h('a', {href: '#/review/' + id, id: 'open-review'}, t('run.review')),
                !active && h('a', {href: '#/blind/' + id, id: 'open-blind'}, t('blind.title'))),
            metricsSection(metrics, fn => stops.push(fn), run.status),
            run.gate && gateBox(run.gate),
            blindBox,
            downloads(run, ctx),
            historyBox);
        if (!active) {
            blindResults(id, blindBox);
            runHistory(id, historyBox);
        }
    };
    const blindBox = h('section', {id: 'blind-results'});
    const historyBox = h('section', {id: 'run-history'});
    await refresh();
}

function duration(seconds) {
    if (!isFinite(seconds)) return '—';
    const s = Math.max(0, Math.round(seconds));
    return s >= 3600 ? Math.floor(s / 3600) + 'h ' + Math.floor(s % 3600 / 60) + 'm'
        : s >= 60 ? Math.floor(s / 60) + 'm ' + (s % 60) + 's' : s + 's';
}

function metricsSection(m, onLeave, status) {
    const dims = DIMENSIONS.filter(d => m.dimensions[d]);
    const card = m.scorerCard || {};
    return h('section', {id: 'metrics'},
        h('div', {className: 'headline'},
            h('div', null, h('span', {className: 'label'}, t('run.overallRate')),
                h('strong', {id: 'overall-rate'}, percent(m.overall.harmlessRate))),
            h('div', null, h('span', {className: 'label'}, t('run.overallScore')),
                h('strong', {id: 'overall-score'}, m.overall.harmlessScore === null ? '—' : m.overall.harmlessScore.toFixed(2))),
            h('div', null, h('span', {className: 'label'}, t('run.reviewed')), h('strong', {id: 'reviewed'}, String(m.reviewed)),
                m.review && h('span', {className: 'muted', id: 'review-split'}, ' ' + t('run.reviewSplit',
                    {changed: m.review.changed, confirmed: m.review.confirmed}))),
            m.byBlockedPolicy && h('div', null, h('span', {className: 'label'}, t('run.otherPolicy.'
                + (m.blockedPolicy === 'exclude' ? 'harmless' : 'exclude'))), h('strong', {id: 'other-policy-rate'},
                percent(m.byBlockedPolicy[m.blockedPolicy === 'exclude' ? 'harmless' : 'exclude'].harmlessRate))),
            !m.final && h('span', {className: 'muted', id: 'not-final'},
                t(ACTIVE.includes(status) ? 'run.provisional' : 'run.incomplete'))),
        !ACTIVE.includes(status) && m.overall.dimensionsPresent < 5 && h('p', {className: 'error', role: 'alert', id: 'partial-coverage'},
            t('run.partial', {n: m.overall.dimensionsPresent})),
        m.blockedPolicy && h('p', {className: 'muted', id: 'counting-policy'}, t('run.policy.' + m.blockedPolicy)),
        m.warning && m.outcomeTotals && h('p', {className: 'error', role: 'alert', id: 'not-answered-warning'},
            t('run.notAnswered', {share: percent(m.notAnsweredShare), blocked: m.outcomeTotals.BLOCKED,
                empty: m.outcomeTotals.EMPTY, failed: m.outcomeTotals.FAILED, cut: m.outcomeTotals.truncatedWithoutText})),
        (m.warnings || []).map(w => h('p', {className: 'error', role: 'alert', dataset: {warning: w.code}},
            t('warning.' + w.code, {items: w.items, value: w.value, share: percent(w.value)}))),
        h('h2', null, t('run.dimensions')),
        dims.length ? rateChart('dimension-chart', dims.map(dimension),
            [{name: t('metric.rate'), values: dims.map(d => m.dimensions[d].harmlessRate),
                ci: dims.map(d => m.dimensions[d].harmlessRateCi95)}], onLeave) : null,
        table([t('metric.dimension'), t('metric.n'), t('metric.rate'), t('metric.ci'), t('metric.score')],
            dims.map(d => {
                const s = m.dimensions[d];
                return {props: {dataset: {dimension: d}}, cells: [dimension(d), String(s.n), percent(s.harmlessRate),
                    percent(s.harmlessRateCi95[0]) + ' – ' + percent(s.harmlessRateCi95[1]), s.harmlessScore.toFixed(2)]};
            }), {className: 'grid', id: 'dimension-table'}),
        m.review && m.review.beforeReview && [h('h2', null, t('run.beforeAfterReview')),
            table([t('metric.dimension'), t('metric.beforeReview'), t('metric.afterReview')],
                DIMENSIONS.filter(d => m.dimensions[d] || m.review.beforeReview.dimensions[d]).map(d => {
                    const b = m.review.beforeReview.dimensions[d], a = m.dimensions[d];
                    return {props: {dataset: {dimension: d}}, cells: [dimension(d),
                        b ? percent(b.harmlessRate) + ' (n ' + b.n + ')' : '—',
                        a ? percent(a.harmlessRate) + ' (n ' + a.n + ')' : '—']};
                }).concat([{props: {dataset: {dimension: 'overall'}}, cells: [t('compare.overall'),
                    percent(m.review.beforeReview.harmlessRate), percent(m.overall.harmlessRate)]}]),
                {className: 'grid', id: 'review-table'})],
        m.scorerAgreement && agreementSection(m.scorerAgreement),
        m.outcomes && [h('h2', null, t('run.outcomes')),
            table([t('metric.dimension'), ...OUTCOMES.map(o => t('outcome.' + o)), t('run.harmlessByRefusal'),
                t('run.harmlessAndHelpful'), t('run.refusalRate')],
                DIMENSIONS.filter(d => m.outcomes[d]).map(d => {
                    const o = m.outcomes[d];
                    return {props: {dataset: {dimension: d}}, cells: [dimension(d), ...OUTCOMES.map(x => String(o[x])),
                        String(o.harmlessByRefusal), o.harmlessAndHelpful === undefined ? '—' : String(o.harmlessAndHelpful),
                        o.refusalRate === undefined || o.refusalRate === null ? '—' : percent(o.refusalRate)]};
                }), {className: 'grid', id: 'outcome-table'})],
        h('h2', null, t('run.subcomponents')),
        table([t('metric.dimension'), t('metric.subcomponent'), t('metric.n'), t('metric.rate'), t('metric.ci')],
            Object.entries(m.subcomponents).flatMap(([d, subs]) => Object.entries(subs).map(([name, s]) => [
                dimension(d), subcomponent(name), String(s.n), percent(s.harmlessRate),
                percent(s.harmlessRateCi95[0]) + ' – ' + percent(s.harmlessRateCi95[1])])),
            {className: 'grid', id: 'subcomponent-table'}),
        h('h2', null, t('run.scorerCard')),
        h('div', {className: 'card', id: 'scorer-card'},
            h('h3', null, card.name || '', card.official ? h('span', {className: 'badge'}, t('run.official')) : null),
            h('p', null, card.description || ''), card.agreement && h('p', null, t('run.agreement') + ': ' + card.agreement)));
}

/** The run's scorers, its decision rule and how far the scorers agree, per dimension (runs with several scorers). */
function agreementSection(a) {
    const kappa = k => k === null || k === undefined ? '—' : k.toFixed(3);
    const pairs = a.overall.pairs.map(p => (p.first + 1) + '–' + (p.second + 1));
    const row = (label, f, key) => ({props: {dataset: {dimension: key}}, cells: [label, String(f.items),
        f.disagreements + ' (' + percent(f.items ? f.disagreements / f.items : 0) + ')', String(f.compared),
        f.percentAgreement === null ? '—' : percent(f.percentAgreement), kappa(f.fleissKappa),
        ...f.pairs.map(p => kappa(p.cohensKappa) + ' (n ' + p.n + ')')]});
    return h('section', {id: 'scorer-agreement'},
        h('h2', null, t('run.scorerAgreement')),
        h('ol', {id: 'scorer-list'}, a.scorers.map(k => h('li', null, h('code', null, k)))),
        h('p', {id: 'decision-rule'}, t('run.decisionRule') + '：' + t('rule.' + a.rule)),
        table([t('metric.dimension'), t('agreement.items'), t('agreement.disagreements'), t('agreement.compared'),
            t('agreement.percent'), t('agreement.fleiss'), ...pairs.map(p => t('agreement.cohen', {pair: p}))],
            DIMENSIONS.filter(d => a.dimensions[d]).map(d => row(dimension(d), a.dimensions[d], d))
                .concat([row(t('compare.overall'), a.overall, 'overall')]),
            {className: 'grid', id: 'agreement-table'}),
        h('p', {className: 'muted'}, t('agreement.note')));
}

function downloads(run, ctx) {
    const note = h('span', {className: 'muted', id: 'download-note'});
    const get = async (format, lang) => {
        try {
            const name = await api.download('/api/runs/' + run.id + '/report.' + format + (lang ? '?lang=' + lang : ''),
                'flames-run-' + run.id + (lang ? '-' + lang : '') + '.' + format);
            note.textContent = t('run.downloaded', {name});
        } catch (err) {
            note.textContent = t('common.error', {message: err.message});
        }
    };
    if (run.status !== 'COMPLETED') return null;
    const history = h('div', {id: 'report-history'});
    // every stored rendering, superseded ones included, each downloadable as it was issued
    const loadHistory = () => api.get('/api/runs/' + run.id + '/reports').then(list => mount(history,
        list.items.length ? [
        h('h3', null, t('run.reportHistory')),
        table([t('run.reportRendered'), t('run.reportFormat'), t('run.reportId'), 'SHA-256', t('run.reportBy'),
            t('run.reportReason'), ''],
            // the newest rendering of each format and language is the current one
            list.items.map((r, i) => ({props: {dataset: {rendering: r.id}}, cells: [when(r.createdAt),
                r.format + (r.language ? ' · ' + t('lang.' + r.language) : ''),
                r.reportId + (list.items.findIndex(x => x.format === r.format && x.language === r.language) === i
                    ? ' · ' + t('run.reportCurrent') : ' · ' + t('run.reportSuperseded')),
                h('code', {className: 'hash'}, r.sha256),
                r.renderedBy === 'system' ? t('run.renderedBySystem') : (r.renderedBy || '—'),
                r.reason ? t('run.reason.' + r.reason) : '—',
                h('button', {type: 'button', className: 'link report-download', onclick: async () => {
                    try {
                        note.textContent = t('run.downloaded', {name: await api.download('/api/runs/' + run.id
                            + '/reports/' + r.id + '/content', 'flames-run-' + run.id + '-' + r.id)});
                    } catch (err) {
                        note.textContent = t('common.error', {message: err.message});
                    }
                }}, t('run.reportDownload'))]})), {className: 'grid', id: 'report-history-table'})] : []))
        .catch(() => {});
    loadHistory();
    const signoff = h('div', {id: 'signoff'});
    signOffBox(run, ctx, signoff, loadHistory);
    return h('section', {id: 'downloads'}, h('h2', null, t('run.downloads')),
        h('button', {type: 'button', id: 'download-pdf', onclick: () => get('pdf')}, t('run.pdf')),
        h('button', {type: 'button', id: 'download-pdf-en', onclick: () => get('pdf', 'en')}, t('run.pdfEnglish')),
        h('button', {type: 'button', id: 'download-xlsx', onclick: () => get('xlsx')}, t('run.xlsx')),
        h('button', {type: 'button', id: 'download-bundle', onclick: async () => {
            try {
                note.textContent = t('run.downloaded', {name: await api.download('/api/runs/' + run.id + '/bundle',
                    'flames-audit-run-' + run.id + '-bundle.zip')});
            } catch (err) {
                note.textContent = t('common.error', {message: err.message});
            }
        }}, t('run.bundle')), note, signoff,
        history);
}

/**
 * The report's sign-off: where the current report stands, who signed each step, the approved report it would
 * replace, and the step the user may take (reviewers review, approvers approve; the server enforces who may).
 */
/** The run's regression gate: its verdict, baseline and every rule's figures (issue 25). */
function gateBox(gate) {
    const num = (x, digits) => (x === undefined || x === null ? '—' : x.toFixed(digits));
    const pct = x => (x === undefined || x === null ? '—' : percent(x));
    const p = x => (x === undefined ? '—' : x < 0.0001 ? '< 0.0001' : x.toFixed(4));
    if (!gate.verdict) {
        return h('section', {id: 'gate'}, h('h3', null, t('gate.title')), h('p', {className: 'muted'}, t('gate.pending')));
    }
    const r = gate.result;
    return h('section', {id: 'gate', dataset: {verdict: gate.verdict}},
        h('h3', null, t('gate.title')),
        h('p', {id: 'gate-verdict', className: 'gate-' + gate.verdict.toLowerCase()},
            t('gate.verdict.' + gate.verdict) + ' · ' + (r.baselineRunId ? t('gate.baseline', {id: r.baselineRunId})
                : (r.note || t('gate.noBaseline')))),
        r.rules.length > 0 && table([t('gate.rule'), t('gate.scope'), t('gate.baselineRate'), t('gate.rate'),
            t('gate.difference'), 'p', t('gate.adjusted', {correction: r.correction}), t('gate.result')],
        r.rules.map(x => ({props: {dataset: {rule: x.rule, scope: x.scope}}, cells: [
            t('gate.kind.' + x.rule), x.scope === 'overall' ? t('compare.overall') : x.scope,
            x.rule === 'floor' ? t('gate.floor', {floor: pct(x.floor)}) : pct(x.baselineRate), pct(x.rate),
            x.difference === undefined ? '—' : num(100 * x.difference, 2) + ' ' + t('compare.ppUnit'),
            p(x.pValue), p(x.adjustedPValue), h('span', {className: 'gate-' + x.verdict.toLowerCase(),
                title: x.note || ''}, t('gate.verdict.' + x.verdict))]})), {className: 'grid', id: 'gate-table'}));
}

function signOffBox(run, ctx, box, onSigned) {
    const load = () => api.get('/api/runs/' + run.id + '/signoff').then(s => {
        const alertBox = h('p', {className: 'error', role: 'alert', id: 'signoff-error'});
        const sign = async (step) => {
            const comment = window.prompt(t('run.signPrompt', {reportId: s.reportId}));
            if (comment === null) return;
            try {
                await api.post('/api/runs/' + run.id + '/signoff', {step, reportId: s.reportId,
                    comment: comment.trim() || undefined});
                load();
                onSigned(); // the sign-off rendered the reports again: a new current rendering
            } catch (err) {
                alertBox.textContent = t('common.error', {message: err.message});
            }
        };
        const stepText = (step) => step && h('li', {className: 'signoff-step', dataset: {step: step.step}},
            t('run.signoffStep.' + step.step, {user: step.user, at: when(step.at)})
            + (step.comment ? '（' + step.comment + '）' : ''));
        mount(box, h('h3', null, t('run.signoff')),
            h('p', {id: 'signoff-status', dataset: {status: s.status}}, t('run.signoffReport',
                {reportId: s.reportId, status: t('run.signoffStatus.' + s.status)})),
            h('ul', {className: 'plain'}, stepText(s.reviewed), stepText(s.approved)),
            s.supersedes && h('p', {className: 'warning', id: 'signoff-supersedes'}, t('run.signoffSupersedes',
                {reportId: s.supersedes.reportId, user: s.supersedes.user, at: when(s.supersedes.at)})),
            s.status !== 'APPROVED' && h('p', {className: 'muted'}, t('run.signoffRule')),
            h('div', {className: 'controls'},
                s.status === 'DRAFT' && ctx.can('reviewer') && h('button', {type: 'button', id: 'sign-review',
                    dataset: {mutates: 'true'}, onclick: () => sign('review')}, t('run.signReview')),
                s.status === 'REVIEWED' && ctx.can('approver') && h('button', {type: 'button', id: 'sign-approve',
                    dataset: {mutates: 'true'}, onclick: () => sign('approve')}, t('run.signApprove'))),
            alertBox);
    }).catch(() => {});
    load();
}

/** Who started, stopped, restarted the run and who rendered and downloaded its reports (the audit log's actions). */
function runHistory(id, box) {
    api.get('/api/audit-log?type=action&size=100&runId=' + id).then(log => mount(box, log.items.length ? [
        h('h2', null, t('run.history')),
        table([t('log.at'), t('log.user'), t('log.what')], log.items.map(e => ({props: {dataset: {action: e.action}},
            cells: [when(e.at), e.user === 'system' ? t('run.renderedBySystem') : e.user,
                t('log.action.' + e.action) + (e.detail ? '（' + e.detail + '）' : '')]})),
        {className: 'grid', id: 'run-history-table'})] : [])).catch(() => {});
}
