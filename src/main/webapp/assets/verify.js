// Report verification for regulators: is this file a report this server issued, which run, and is it current?
import {h, mount} from './dom.js';
import * as api from './api.js';
import {t, when} from './i18n.js';

export async function verifyView(main) {
    const result = h('div', {id: 'verify-result', role: 'status'});
    const file = h('input', {type: 'file', id: 'verify-file', accept: '.pdf,.xlsx', onchange: async () => {
        const f = file.files[0];
        if (!f) return;
        mount(result, h('p', {className: 'muted'}, t('verify.checking')));
        try {
            show(await api.upload('/api/reports/verify', f));
        } catch (err) {
            mount(result, h('p', {className: 'error'}, t('common.error', {message: err.message})));
        }
    }});
    const show = v => mount(result,
        h('p', {className: v.issued ? 'ok' : 'error', id: 'verify-verdict'}, t(v.issued ? 'verify.issued' : 'verify.unknown')),
        h('p', {className: 'muted'}, 'SHA-256: ', h('code', {id: 'verify-sha'}, v.sha256)),
        v.matches.map(m => h('p', {className: 'verify-match', dataset: {run: m.runId}},
            t('verify.match', {run: m.runId, reportId: m.reportId, format: m.format, at: when(m.createdAt)}), ' · ',
            h('strong', null, t(m.current ? 'verify.current' : 'verify.superseded')), ' ',
            h('a', {href: '#/runs/' + m.runId}, t('run.title', {id: m.runId})))));
    mount(main, h('h1', null, t('verify.title')), h('p', {className: 'muted'}, t('verify.hint')),
        h('label', null, t('verify.file'), file), result);
}
