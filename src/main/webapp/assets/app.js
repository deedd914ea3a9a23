// Flames Audit web console: a single page over the REST API, routed by the URL's #fragment.
import {h, mount} from './dom.js';
import * as api from './api.js';
import {t, lang, setLang, timeZone, setGlossary} from './i18n.js';
import {runsView, runView, newRunView} from './runs.js';
import {itemsView, reviewView} from './items.js';
import {compareView} from './compare.js';
import {blindView} from './blind.js';
import {verifyView} from './verify.js';
import {bundlesView} from './bundles.js';
import {assessmentView} from './assessment.js';
import {datasetsView, datasetView, schedulesView, scorersView, auditLogView, usersView, secretsView} from './admin.js';

const READERS = ['auditor', 'reviewer', 'regulator', 'approver'];

// route pattern, view, menu entry ([path, text key], or null: not in the menu), roles that may open it
const ROUTES = [
    [/^runs$/, runsView, ['runs', 'nav.runs'], READERS],
    [/^runs\/new$/, newRunView, null, ['auditor']],
    [/^runs\/(\d+)$/, runView, null, READERS],
    [/^runs\/(\d+)\/items$/, itemsView, null, READERS],
    [/^review(?:\/(\d+))?$/, reviewView, ['review', 'nav.review'], ['reviewer']],
    [/^blind(?:\/(\d+))?$/, blindView, ['blind', 'nav.blind'], READERS],
    [/^compare$/, compareView, ['compare', 'nav.compare'], READERS],
    [/^assessment$/, assessmentView, ['assessment', 'nav.assessment'], READERS],
    [/^verify$/, verifyView, ['verify', 'nav.verify'], READERS],
    [/^bundles$/, bundlesView, ['bundles', 'nav.bundles'], READERS],
    [/^datasets$/, datasetsView, ['datasets', 'nav.datasets'], READERS],
    [/^datasets\/(\d+)$/, datasetView, null, READERS],
    [/^schedules$/, schedulesView, ['schedules', 'nav.schedules'], READERS],
    [/^scorers$/, scorersView, ['scorers', 'nav.scorers'], READERS],
    [/^audit-log$/, auditLogView, ['audit-log', 'nav.auditLog'], READERS],
    [/^users$/, usersView, ['users', 'nav.users'], ['admin']],
    [/^secrets$/, secretsView, ['secrets', 'nav.secrets'], ['admin']],
];

const app = document.getElementById('app');
let me = null;
let cleanups = [];
let query = new URLSearchParams();

function ctx() {
    return {
        me,
        can: role => me.roles.includes(role),
        // a timer or listener that ends when the user leaves the page
        onLeave: fn => cleanups.push(fn),
        go: path => { location.hash = '#/' + path; },
        // the page's filters from the hash ("#/runs?q=..."), and a way to change them (null or '' removes one)
        query,
        setQuery: (page, changes) => {
            const next = new URLSearchParams(query);
            Object.entries(changes).forEach(([k, v]) => (v === null || v === '' || v === undefined
                ? next.delete(k) : next.set(k, String(v))));
            location.hash = '#/' + page + (next.toString() ? '?' + next : '');
        },
        rerender: render,
    };
}

function allowed(roles) {
    return roles.some(r => me.roles.includes(r));
}

function home() {
    return allowed(READERS) ? 'runs' : 'users';
}

async function render() {
    cleanups.forEach(fn => fn());
    cleanups = [];
    document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
    if (!api.loggedIn() || !me) {
        if (api.loggedIn()) {
            try {
                me = await api.get('/api/me');
                setGlossary(await api.get('/api/glossary'));
            } catch (e) {
                api.logout();
            }
            return render();
        }
        return loginPage();
    }
    // a page's filters live in the hash's query ("#/runs?q=qwen&page=2"), so a filtered page can be linked and reloaded
    const [hashPath, hashQuery] = location.hash.replace(/^#\/?/, '').split('?');
    const path = hashPath || home();
    query = new URLSearchParams(hashQuery || '');
    const route = ROUTES.find(([re]) => re.test(path));
    const main = h('main', {id: 'main'});
    mount(app, header(path), main);
    if (!route || !allowed(route[3])) {
        mount(main, h('p', {className: 'error'}, t('common.error', {message: '404 / 403: #/' + path})));
        return;
    }
    const params = route[0].exec(path).slice(1);
    mount(main, h('p', {className: 'muted'}, t('common.loading')));
    try {
        await route[1](main, params, ctx());
    } catch (e) {
        mount(main, h('p', {className: 'error', role: 'alert'}, t('common.error', {message: e.message})));
    }
}

function header(path) {
    const nav = ROUTES.filter(r => r[2] && allowed(r[3])).map(([, , [target, key]]) =>
        h('a', {href: '#/' + target, className: path.startsWith(target) ? 'active' : null, dataset: {nav: target}},
            t(key)));
    return h('header', {className: 'top'},
        h('div', {className: 'brand'}, h('strong', null, t('app.title')), h('span', null, t('app.subtitle'))),
        h('nav', null, nav),
        h('div', {className: 'who'},
            h('span', {id: 'whoami'}, me.username + ' · ' + me.roles.map(r => t('role.' + r)).join(', ')),
            h('span', {className: 'muted', title: timeZone()}, t('tz', {zone: timeZone()})),
            h('button', {type: 'button', id: 'lang', className: 'link',
                onclick: () => { setLang(lang() === 'zh' ? 'en' : 'zh'); render(); }}, t('lang.switch')),
            h('button', {type: 'button', id: 'logout', className: 'link',
                onclick: () => { api.logout(); me = null; location.hash = ''; render(); }}, t('logout'))));
}

function loginPage() {
    const user = h('input', {id: 'username', name: 'username', autocomplete: 'username', required: true});
    const pass = h('input', {id: 'password', name: 'password', type: 'password', autocomplete: 'current-password',
        required: true});
    const message = h('p', {className: 'error', role: 'alert', id: 'login-error'});
    const form = h('form', {className: 'login', id: 'login-form', onsubmit: async e => {
        e.preventDefault();
        try {
            me = await api.login(user.value, pass.value);
            setGlossary(await api.get('/api/glossary'));
            render();
        } catch (err) {
            message.textContent = err.status === 401 ? t('login.failed')
                : err.status === 429 ? t('login.throttled', {seconds: err.retryAfter || '?'})
                : t('common.error', {message: err.message});
        }
    }},
        h('h1', null, t('app.title')), h('p', {className: 'muted'}, t('app.subtitle')),
        h('label', null, t('login.username'), user), h('label', null, t('login.password'), pass),
        h('button', {type: 'submit', id: 'login-submit'}, t('login.submit')), message,
        h('button', {type: 'button', className: 'link', id: 'lang',
            onclick: () => { setLang(lang() === 'zh' ? 'en' : 'zh'); render(); }}, t('lang.switch')));
    mount(app, form);
    user.focus();
}

window.addEventListener('hashchange', render);
window.addEventListener('flames:logged-out', () => { me = null; render(); });
render();
