// Datasets (import, rejected lines), schedules, scorer cards, the audit log, and the admin's accounts and API keys.
import {h, mount, table} from './dom.js';
import * as api from './api.js';
import {t, when, dimension, status, faultText, term, definition} from './i18n.js';
import {runFields, targetLabel} from './runs.js';

/** The HTTP listener's max-post-size: a larger body is refused before it reaches the API. */
const MAX_UPLOAD = 10 * 1024 * 1024;

function errorText(err) {
    return t('common.error', {message: err.field ? t('error.field', {field: err.field, message: faultText(err)})
        : faultText(err)});
}

export async function datasetsView(main, params, ctx) {
    const sets = (await api.get('/api/datasets')).items;
    const form = ctx.can('auditor') && uploadForm(ctx);
    mount(main, h('h1', null, t('datasets.title')), form,
        sets.length ? table([t('common.id'), t('datasets.name'), t('datasets.version'), t('common.status'),
            t('datasets.prompts'), 'SHA-256', t('datasets.createdBy'), t('common.created')],
            sets.map(s => ({props: {dataset: {set: s.id}}, cells: [h('a', {href: '#/datasets/' + s.id}, '#' + s.id),
                h('span', null, s.name, s.official && h('span', {className: 'badge official'}, t('dataset.official'))),
                'v' + s.version, status(s.status), s.status === 'IMPORTING' ? t('datasets.importingCount') : String(s.promptCount),
                h('code', {title: s.sha256}, s.sha256.substring(0, 16) + '…'), s.createdBy || '—', when(s.createdAt)]})),
            {className: 'grid', id: 'datasets-table'})
            : h('p', {className: 'muted', id: 'datasets-empty'}, t('datasets.empty')));
}

function uploadForm(ctx) {
    const file = h('input', {type: 'file', id: 'upload-file', accept: '.jsonl,.json,.txt', required: true});
    const name = h('input', {id: 'upload-name', required: true, maxlength: 200});
    const repeated = h('select', {id: 'upload-repeated'},
        h('option', {value: 'keep'}, t('datasets.repeatedKeep')), h('option', {value: 'drop'}, t('datasets.repeatedDrop')));
    const message = h('p', {className: 'error', role: 'alert', id: 'upload-error'});
    file.addEventListener('change', () => {
        message.textContent = '';
        if (!name.value && file.files[0]) name.value = file.files[0].name.replace(/\.[^.]+$/, '');
    });
    return h('form', {className: 'form inline', id: 'upload-form', onsubmit: async e => {
        e.preventDefault();
        const f = file.files[0];
        if (f.size > MAX_UPLOAD) {
            message.textContent = t('datasets.tooLarge', {mb: (f.size / 1048576).toFixed(1)});
            return;
        }
        try {
            const r = await api.upload('/api/datasets/upload?' + new URLSearchParams({name: name.value, filename: f.name,
                repeatedPrompts: repeated.value}), f);
            ctx.go('datasets/' + r.id);
        } catch (err) {
            message.textContent = errorText(err);
        }
    }}, h('h2', null, t('datasets.upload')), h('label', null, t('datasets.file'), file),
    h('label', null, t('datasets.name'), name), h('label', null, t('datasets.repeated'), repeated),
    h('button', {type: 'submit', id: 'upload-submit', dataset: {mutates: 'true'}}, t('datasets.submit')), message);
}

export async function datasetView(main, [id], ctx) {
    const s = await api.get('/api/datasets/' + id);
    mount(main, h('div', {className: 'titlebar'}, h('h1', {id: 'dataset-title'}, '#' + s.id + ' ' + s.name + ' v' + s.version),
        h('span', {className: 'badge', id: 'dataset-status', dataset: {status: s.status}}, status(s.status))),
    h('dl', {className: 'facts'},
        h('dt', null, 'SHA-256'), h('dd', null, h('code', null, s.sha256)),
        h('dt', null, t('datasets.source')), h('dd', null, s.source),
        h('dt', null, t('datasets.prompts')), h('dd', {id: 'dataset-prompts'}, String(s.promptCount)),
        h('dt', null, t('datasets.rejected')), h('dd', {id: 'dataset-rejected'}, String(s.rejectedCount)),
        h('dt', null, t(s.duplicatePrompts.kept ? 'datasets.duplicates' : 'datasets.duplicatesDropped')),
        h('dd', {id: 'dataset-duplicates'},
            String(s.duplicatePrompts.repeatedLines) + (s.duplicatePrompts.groups.length ? ' (' + s.duplicatePrompts.groups
                .map(g => g.lines.join('=')).join(', ') + ')' : '')),
        h('dt', null, t('common.created')), h('dd', null, when(s.createdAt)),
        s.error && [h('dt', null, t('run.error')), h('dd', {className: 'error'}, s.error)]),
    h('h2', null, t('datasets.byDimension')),
    table([t('metric.dimension'), t('datasets.prompts')],
        Object.entries(s.countsByDimension).map(([d, n]) => [dimension(d), String(n)]), {className: 'grid', id: 'dataset-counts'}),
    h('h2', null, t('datasets.rejected')),
    table([t('datasets.line'), t('datasets.reason')], s.rejected.map(r => ({props: {dataset: {line: r.line}},
        cells: [String(r.line), r.reason]})), {className: 'grid', id: 'rejected-table'}),
    s.rejectedCount > s.rejected.length && h('p', {className: 'muted', id: 'rejected-more'},
        t('datasets.rejectedMore', {shown: s.rejected.length, n: s.rejectedCount,
            path: 'GET /api/datasets/' + s.id + '/rejected?page=0&size=1000'})));
    if (!['READY', 'FAILED'].includes(s.status)) {
        const timer = setTimeout(() => ctx.rerender(), 1500);
        ctx.onLeave(() => clearTimeout(timer));
    }
}

export async function schedulesView(main, params, ctx) {
    const list = (await api.get('/api/schedules')).items;
    const message = h('p', {className: 'error', role: 'alert'});
    const toggle = async s => {
        const body = {name: s.name, cron: s.cron, zone: s.zone, enabled: !s.enabled, missedFirings: s.missedFirings,
            datasetId: s.datasetId, target: s.target, scorer: s.scorer, concurrency: s.concurrency,
            blockedPolicy: s.blockedPolicy};
        if (s.limit) body.limit = s.limit;
        if (s.gate) body.gate = s.gate;
        if (s.alerts) body.alerts = s.alerts;
        try {
            await api.put('/api/schedules/' + s.id, body);
            ctx.rerender();
        } catch (err) {
            message.textContent = errorText(err);
        }
    };
    const remove = async s => {
        // deleting stops future firings: ask first (its runs and its history stay)
        if (!window.confirm(t('schedules.confirmDelete', {id: s.id, name: s.name}))) return;
        try {
            await api.del('/api/schedules/' + s.id);
            ctx.rerender();
        } catch (err) {
            message.textContent = errorText(err);
        }
    };
    const rows = list.map(s => ({props: {dataset: {schedule: s.id}}, cells: [String(s.id), s.name,
        h('code', null, s.cron), s.zone, s.enabled ? t('common.yes') : t('common.no'),
        s.nextSlot ? when(s.nextSlot) : '—', targetLabel(s.target),
        ctx.can('auditor') ? h('span', null,
            h('button', {type: 'button', className: 'toggle-schedule', dataset: {mutates: 'true'},
                onclick: () => toggle(s)}, s.enabled ? t('schedules.disable') : t('schedules.enable')),
            h('button', {type: 'button', className: 'delete-schedule', dataset: {mutates: 'true'},
                onclick: () => remove(s)}, t('common.delete'))) : '']}));
    mount(main, h('h1', null, t('schedules.title')), message,
        !list.length && h('p', {className: 'muted', id: 'schedules-empty'}, t('schedules.empty')),
        table([t('common.id'), t('schedules.name'), t('schedules.cron'), t('schedules.zone'), t('schedules.enabled'),
            t('schedules.next'), t('runs.target'), ''], rows, {className: 'grid', id: 'schedules-table'}),
        ctx.can('auditor') && scheduleForm(await api.get('/api/datasets'), ctx));
}

function scheduleForm(datasets, ctx) {
    const fields = runFields(datasets.items);
    const name = h('input', {id: 's-name', required: true});
    const cron = h('input', {id: 's-cron', required: true, placeholder: '0 2 * * 1'});
    const zone = h('input', {id: 's-zone', value: Intl.DateTimeFormat().resolvedOptions().timeZone});
    const message = h('p', {className: 'error', role: 'alert'});
    // the next firings of the expression as it is typed, in the browser's zone (the schedule fires in its own zone)
    const preview = h('p', {className: 'muted field-note', id: 's-cron-preview'});
    let pending = null;
    const showPreview = () => {
        clearTimeout(pending);
        pending = setTimeout(async () => {
            if (!cron.value.trim()) return mount(preview);
            try {
                const p = await api.get('/api/schedules/preview?count=3&cron=' + encodeURIComponent(cron.value)
                    + '&zone=' + encodeURIComponent(zone.value));
                mount(preview, t('schedules.preview', {times: p.next.map(when).join('，')}));
            } catch (err) {
                mount(preview, h('span', {className: 'error'}, faultText(err)));
            }
        }, 300);
    };
    cron.addEventListener('input', showPreview);
    zone.addEventListener('input', showPreview);
    return h('form', {className: 'form', id: 'schedule-form', onsubmit: async e => {
        e.preventDefault();
        message.textContent = '';
        const faults = fields.validate();
        if (faults) {
            message.textContent = t('error.fields', {n: faults});
            return;
        }
        try {
            await api.post('/api/schedules', {name: name.value, cron: cron.value, zone: zone.value, ...fields.body()});
            ctx.rerender();
        } catch (err) {
            message.textContent = fields.showServerError(err) ? t('error.fields', {n: 1}) : errorText(err);
        }
    }}, h('h2', null, t('schedules.new')), h('label', null, h('span', null, t('schedules.name')), name),
    h('label', null, h('span', null, t('schedules.cron')), cron), preview, h('label', null, h('span', null, t('schedules.zone')), zone),
    fields.rows, h('button', {type: 'submit', id: 'schedule-submit', dataset: {mutates: 'true'}}, t('common.save')),
    message);
}

export async function scorersView(main) {
    const [cards, heads] = await Promise.all([api.get('/api/scorers'), api.get('/api/scorers/heads')]);
    mount(main, h('h1', null, t('scorers.title')),
        cards.items.map(c => h('article', {className: 'card scorer', dataset: {type: c.type}},
            h('h2', null, term('scorer.' + c.type), ' ', c.official && h('span', {className: 'badge'}, t('scorers.official')),
                !c.official && c.type !== 'imported' && h('span', {className: 'badge warn'}, term('scorer.notValidated')),
                c.default && h('span', {className: 'badge'}, t('scorers.default'))),
            h('p', {className: 'scorer-definition'}, definition('scorer.' + c.type)),
            h('p', {className: 'muted'}, t('scorers.card'), ' ', c.name),
            h('p', null, c.description), h('p', {className: 'muted'}, c.agreement))),
        h('h2', null, t('scorers.heads')),
        table([t('common.id'), t('datasets.name'), t('common.status'), t('common.created'), t('log.user')],
            heads.items.map(x => [String(x.id), x.name, x.status, when(x.createdAt), x.createdBy]),
            {className: 'grid', id: 'heads-table'}));
}

function describe(e) {
    if (e.type === 'score-review') {
        // linked to the run's items, numbered by line as the items page numbers them
        return h('span', null, h('a', {href: '#/runs/' + e.runId + '/items'}, t('log.run', {run: e.runId})), ' ',
            t('log.review', {line: e.line ?? '—', from: e.previousScore ?? e.machineScore ?? e.machineStatus,
                to: e.newScore, why: e.justification}));
    }
    if (e.type === 'acceptance') {
        return t('log.acceptance', {run: e.runId, reason: e.withheldReason, why: e.justification});
    }
    if (e.type === 'action') {
        // the entry links to what it concerns: the run (and its reports) or the dataset
        const target = e.runId != null ? h('a', {href: '#/runs/' + e.runId}, t('log.run', {run: e.runId}))
            : e.datasetId != null ? h('a', {href: '#/datasets/' + e.datasetId}, t('log.dataset', {dataset: e.datasetId}))
                : null;
        return h('span', null, target, target && ' ', t('log.action.' + e.action), e.detail ? '（' + e.detail + '）' : '');
    }
    if (e.type === 'login') {
        return t('log.login.' + e.action, {account: e.username, address: e.address || '—', failures: e.failures ?? '—',
            wait: e.waitSeconds ?? '—'});
    }
    const who = e.type === 'schedule' ? '#' + e.scheduleId : e.type === 'key' ? e.key : e.username;
    // a value as a person reads it: text without quotes, nothing as "—"; a creation lists the values it set
    const value = v => (v === null || v === undefined ? '—' : String(v));
    const changes = Object.entries(e.changes || {}).map(([field, c]) => e.action === 'created'
        ? field + ' = ' + value(c.new) : field + ' ' + value(c.old) + ' → ' + value(c.new)).join('; ');
    return changes ? t('log.changes', {who, action: t('log.change.' + e.action), changes})
        : who + ' ' + t('log.change.' + e.action);
}

export async function auditLogView(main, params, ctx) {
    const type = h('select', {id: 'log-type'}, h('option', {value: ''}, t('common.all')),
        ['score', 'schedule', 'user', 'key', 'login', 'acceptance', 'action'].map(x => h('option', {value: x},
            t('log.type.' + (x === 'score' ? 'score-review' : x)))));
    const out = h('div', {id: 'log'});
    const load = async page => {
        const q = new URLSearchParams({page, size: 50});
        if (type.value) q.set('type', type.value);
        const r = await api.get('/api/audit-log?' + q);
        mount(out, table([t('log.at'), t('log.type'), t('log.user'), t('log.what')],
            r.items.map(e => ({props: {dataset: {type: e.type}}, cells: [when(e.at), t('log.type.' + e.type), e.user,
                describe(e)]})), {className: 'grid', id: 'log-table'}),
        h('div', {className: 'pager'},
            h('button', {type: 'button', disabled: page === 0, onclick: () => load(page - 1)}, t('common.prev')),
            h('span', null, String(page + 1)),
            h('button', {type: 'button', disabled: r.items.length < 50, onclick: () => load(page + 1)}, t('common.next'))));
    };
    type.addEventListener('change', () => load(0));
    mount(main, h('h1', null, t('log.title')), chainCheck(), h('label', null, t('log.type'), type), out);
    await load(0);
}

/**
 * Recomputes the audit log's hash chain on the server (GET /api/audit-log/verify), optionally against the anchor a
 * report printed, and says whether the log is intact or which entry was changed.
 */
function chainCheck() {
    const anchor = h('input', {id: 'log-anchor', placeholder: t('log.anchorHint')});
    const result = h('div', {id: 'log-verify-result', role: 'status'});
    const check = async () => {
        const q = new URLSearchParams();
        if (anchor.value.trim()) q.set('anchor', anchor.value.trim());
        try {
            const v = await api.get('/api/audit-log/verify' + (q.toString() ? '?' + q : ''));
            const b = v.firstBroken;
            mount(result,
                h('p', {className: v.valid ? 'ok' : 'error', dataset: {valid: String(v.valid)}}, b
                    ? t('log.chainBroken', {seq: b.seq, source: b.source ? t('log.source.' + b.source) : '—',
                        id: b.sourceId ?? '—', kind: t('log.chain.' + b.kind), broken: v.broken})
                    : t(v.valid ? 'log.chainValid' : 'log.chainAnchorsFail', {entries: v.entries, seq: v.head.seq,
                        hash: v.head.hash})),
                v.anchors.map(a => h('p', {className: a.matches ? 'ok' : 'error', dataset: {anchor: String(a.seq)}},
                    t(a.matches ? 'log.anchorMatches' : 'log.anchorFails', {seq: a.seq}))),
                v.late > 0 && h('p', {className: 'warning', id: 'log-late'}, t('log.late', {n: v.late,
                    rows: v.lateRows.map(r => t('log.source.' + r.source) + ' ' + r.id).join('、')})),
                Object.keys(v.unchained).length > 0 && h('p', {className: 'muted'}, t('log.unchained',
                    {n: Object.values(v.unchained).reduce((x, y) => x + y, 0)})));
        } catch (err) {
            mount(result, h('p', {className: 'error'}, t('common.error', {message: err.message})));
        }
    };
    return h('section', {id: 'chain-check', className: 'card'}, h('h2', null, t('log.chainTitle')),
        h('p', {className: 'muted'}, t('log.chainExplain')),
        h('div', {className: 'controls'}, anchor,
            h('button', {type: 'button', id: 'log-verify', onclick: check}, t('log.verify'))), result);
}

export async function usersView(main, params, ctx) {
    const r = await api.get('/api/users');
    const message = h('p', {role: 'status', id: 'user-message'});
    const username = h('input', {id: 'u-name', required: true});
    const password = h('input', {id: 'u-password', type: 'password', autocomplete: 'new-password'});
    const roles = ['auditor', 'reviewer', 'approver', 'regulator', 'admin'].map(x => h('input', {type: 'checkbox', value: x}));
    const enabled = h('input', {type: 'checkbox', id: 'u-enabled', checked: true});
    mount(main, h('h1', null, t('users.title')),
        table([t('users.username'), t('users.roles'), t('users.enabled'), t('datasets.source')],
            [...r.items.map(u => [u.username, u.roles.map(x => t('role.' + x)).join(', '),
                u.enabled ? t('common.yes') : t('common.no'), 'database']),
            ...r.fileAccounts.map(u => [u.username, u.roles.map(x => t('role.' + x)).join(', '), t('common.yes'), 'file'])],
            {className: 'grid', id: 'users-table'}),
        h('form', {className: 'form', id: 'user-form', onsubmit: async e => {
            e.preventDefault();
            const body = {roles: roles.filter(x => x.checked).map(x => x.value), enabled: enabled.checked};
            if (password.value) body.password = password.value;
            try {
                await api.put('/api/users/' + encodeURIComponent(username.value), body);
                ctx.rerender();
            } catch (err) {
                message.textContent = errorText(err);
            }
        }}, h('label', null, h('span', null, t('users.username')), username),
        h('label', null, h('span', null, t('users.password')), password),
        h('fieldset', null, h('legend', null, t('users.roles')),
            roles.map(x => h('label', {className: 'check'}, x, t('role.' + x.value)))),
        h('label', {className: 'check'}, enabled, t('users.enabled')),
        h('button', {type: 'submit', dataset: {mutates: 'true'}}, t('users.save')), message));
}

/** One URL per line in a textarea -> the list the API takes. */
function endpointList(textarea) {
    return textarea.value.split('\n').map(x => x.trim()).filter(x => x);
}

function endpointCell(endpoints) {
    return endpoints.length ? h('div', {className: 'endpoints'}, endpoints.map(e => h('div', null, h('code', null, e))))
        : h('span', {className: 'error'}, t('secrets.noEndpoints'));
}

export async function secretsView(main, params, ctx) {
    const r = await api.get('/api/secrets');
    const alias = h('input', {id: 'k-alias', required: true});
    const value = h('input', {id: 'k-value', type: 'password', required: true, autocomplete: 'off'});
    const endpoints = h('textarea', {id: 'k-endpoints', rows: 3, placeholder: 'https://api.deepseek.com/v1'});
    const message = h('p', {role: 'status', id: 'secret-message'});
    const kind = h('select', {id: 'e-kind'}, h('option', {value: 'alias'}, t('secrets.kind.alias')),
        h('option', {value: 'env'}, t('secrets.kind.env')));
    const name = h('input', {id: 'e-name', required: true});
    const registered = h('textarea', {id: 'e-endpoints', rows: 3, required: true, placeholder: 'https://api.deepseek.com/v1'});
    const endpointMessage = h('p', {role: 'status', id: 'endpoint-message'});
    const refused = r.refused.length === 0 ? null : h('section', {id: 'secrets-refused'},
        h('h2', null, t('secrets.refused')),
        h('p', {className: 'error'}, t('secrets.refusedNote')),
        table([t('secrets.refusedWhat'), t('secrets.refusedField'), t('secrets.refusedWhy')],
            r.refused.map(x => [x.kind === 'schedule' ? h('a', {href: '#/schedules'}, t('secrets.schedule', {id: x.id}))
                : h('a', {href: '#/runs/' + x.id}, t('secrets.run', {id: x.id})), h('code', null, x.field), x.error]),
            {className: 'grid'}));
    mount(main, h('h1', null, t('secrets.title')),
        h('p', {className: 'muted'}, t('secrets.why')),
        refused,
        table([t('secrets.alias'), t('secrets.endpoints'), t('secrets.keySetAt'), t('secrets.updatedBy')],
            r.items.map(x => ({props: {dataset: {alias: x.alias}}, cells: [x.alias, endpointCell(x.endpoints),
                x.keySetAt ? when(x.keySetAt) : '—', x.updatedBy || '—']})),
            {className: 'grid', id: 'secrets-table'}),
        h('h2', null, t('secrets.variables')),
        h('p', {className: 'muted'}, t('secrets.variablesNote', {allowed: r.variables.allowed})),
        table([t('secrets.variable'), t('secrets.variableSet'), t('secrets.endpoints'), t('secrets.updatedBy')],
            r.variables.items.map(x => ({props: {dataset: {variable: x.name}}, cells: [x.name,
                x.set ? t('common.yes') : t('common.no'), endpointCell(x.endpoints), x.updatedBy || '—']})),
            {className: 'grid', id: 'variables-table'}),
        h('h2', null, t('secrets.setTitle')),
        h('form', {className: 'form', id: 'secret-form', onsubmit: async e => {
            e.preventDefault();
            const body = {value: value.value};
            if (endpointList(endpoints).length) body.endpoints = endpointList(endpoints);
            try {
                await api.put('/api/secrets/' + encodeURIComponent(alias.value), body);
                value.value = '';
                ctx.rerender();
            } catch (err) {
                message.textContent = errorText(err);
            }
        }}, h('label', null, h('span', null, t('secrets.alias')), alias),
        h('label', null, h('span', null, t('secrets.value')), value),
        h('label', null, h('span', null, t('secrets.endpointsInput')), endpoints),
        h('button', {type: 'submit', dataset: {mutates: 'true'}}, t('secrets.save')), message),
        h('h2', null, t('secrets.endpointsTitle')),
        h('form', {className: 'form', id: 'endpoint-form', onsubmit: async e => {
            e.preventDefault();
            const path = kind.value === 'env' ? '/api/secrets/env/' + encodeURIComponent(name.value) + '/endpoints'
                : '/api/secrets/' + encodeURIComponent(name.value) + '/endpoints';
            try {
                await api.put(path, {endpoints: endpointList(registered)});
                ctx.rerender();
            } catch (err) {
                endpointMessage.textContent = errorText(err);
            }
        }}, h('label', null, h('span', null, t('secrets.kind')), kind),
        h('label', null, h('span', null, t('secrets.name')), name),
        h('label', null, h('span', null, t('secrets.endpointsOnly')), registered),
        h('button', {type: 'submit', dataset: {mutates: 'true'}}, t('secrets.saveEndpoints')), endpointMessage));
}
