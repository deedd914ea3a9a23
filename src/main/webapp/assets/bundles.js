// Reproduction bundles imported here: each checked against its signed manifest, its metrics recomputed from its
// answers (and, for the embedded scorer, its answers scored again) before it is kept, read-only.
import {h, mount, table} from './dom.js';
import * as api from './api.js';
import {t, when} from './i18n.js';

/** The HTTP listener's max-post-size: a larger body is refused before it reaches the API. */
const MAX_UPLOAD = 10 * 1024 * 1024;

export async function bundlesView(main, params, ctx) {
    const list = h('div', {id: 'bundles'});
    const result = h('div', {id: 'bundle-result', role: 'status'});
    const load = async () => {
        const r = await api.get('/api/bundles');
        mount(list, r.items.length
            ? table([t('bundles.importedAt'), t('bundles.source'), t('run.reportId'), t('bundles.items'),
                t('bundles.signer'), t('log.user')], r.items.map(b => ({props: {dataset: {bundle: b.id}}, cells: [
                when(b.importedAt), t('bundles.sourceRun', {run: b.sourceRunId, dataset: b.datasetName || '—'}),
                b.reportId, String(b.items), b.signer || t('bundles.unsigned'), b.importedBy]})),
            {className: 'grid', id: 'bundles-table'})
            : h('p', {className: 'muted', id: 'bundles-empty'}, t('bundles.none')));
    };
    const file = ctx.can('auditor') && h('input', {type: 'file', id: 'bundle-file', accept: '.zip', onchange: async () => {
        const f = file.files[0];
        if (!f) return;
        if (f.size > MAX_UPLOAD) {
            mount(result, h('p', {className: 'error'}, t('bundles.tooLarge')));
            return;
        }
        mount(result, h('p', {className: 'muted'}, t('bundles.checking')));
        try {
            const b = await api.upload('/api/bundles', f);
            mount(result, h('p', {className: 'ok', id: 'bundle-accepted'}, t('bundles.accepted', {run: b.sourceRunId,
                reportId: b.reportId, items: b.items})),
                h('p', {className: 'muted', id: 'bundle-rescored'}, b.rescored > 0
                    ? t('bundles.rescored', {n: b.rescored}) : t('bundles.notRescored')),
                h('p', {className: b.signerTrusted ? 'muted' : 'warning', id: 'bundle-signer'}, b.signer
                    ? t(b.signerTrusted ? 'bundles.signedTrusted' : 'bundles.signedBy',
                        {signer: b.signer, sha: b.signerSha256})
                    : t('bundles.unsignedWarning')));
            load();
        } catch (err) {
            mount(result, h('p', {className: 'error', id: 'bundle-refused'}, t('bundles.refused',
                {reason: err.message})));
        }
        file.value = '';
    }});
    mount(main, h('h1', null, t('bundles.title')), h('p', {className: 'muted'}, t('bundles.hint')),
        file && h('label', null, t('bundles.file'), file), result, list);
    await load();
}
