// The console's only back end is the REST API under /api, called with the user's credentials (HTTP Basic, the same
// Elytron realm and roles as every other client). The credentials live in this tab's sessionStorage only: closing the
// tab logs out.

const KEY = 'flames.credentials';

export class ApiError extends Error {
    constructor(status, message, field, reason, figures) {
        super(message);
        this.status = status;
        this.field = field;
        // the kind of fault (required, out_of_range, ...) and its figures: the console translates these
        this.reason = reason;
        this.figures = figures || {};
    }
}

export function loggedIn() {
    return sessionStorage.getItem(KEY) !== null;
}

export function logout() {
    sessionStorage.removeItem(KEY);
}

/** Checks the user name and password against GET /api/me; keeps them only when they work. */
export async function login(username, password) {
    const token = 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(username + ':' + password)));
    const me = await call('GET', '/api/me', undefined, token);
    sessionStorage.setItem(KEY, token);
    return me;
}

export function get(path) {
    return call('GET', path);
}

export function post(path, body) {
    return call('POST', path, body === undefined ? '' : JSON.stringify(body), undefined, 'application/json');
}

export function put(path, body) {
    return call('PUT', path, JSON.stringify(body), undefined, 'application/json');
}

export function del(path) {
    return call('DELETE', path);
}

/** Sends a file as the request body (dataset upload). */
export function upload(path, file) {
    return call('POST', path, file, undefined, 'application/octet-stream');
}

/** Downloads a report through the API and hands it to the browser as a file. */
export async function download(path, fallbackName) {
    const r = await fetch(path, {headers: headers(undefined, undefined, '*/*')});
    if (!r.ok) throw await errorOf(r);
    const blob = await r.blob();
    const disposition = r.headers.get('Content-Disposition') || '';
    const m = /filename="?([^";]+)"?/.exec(disposition);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = m ? m[1] : fallbackName;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
    return a.download;
}

// X-Requested-With marks a script's request: the server then answers a failed login with a challenge the browser does
// not turn into its own password dialog (ScriptedLoginChallenge); the console has its login form.
function headers(token, contentType, accept) {
    const h = {'Accept': accept || 'application/json', 'X-Requested-With': 'XMLHttpRequest'};
    const t = token || sessionStorage.getItem(KEY);
    if (t) h['Authorization'] = t;
    if (contentType) h['Content-Type'] = contentType;
    return h;
}

async function call(method, path, body, token, contentType) {
    const r = await fetch(path, {method, headers: headers(token, contentType), body});
    if (r.status === 401 && !token) {
        logout();
        window.dispatchEvent(new Event('flames:logged-out'));
    }
    if (!r.ok) throw await errorOf(r);
    const text = await r.text();
    return text ? JSON.parse(text) : {};
}

async function errorOf(r) {
    let message = r.status + ' ' + r.statusText;
    let field;
    let reason;
    let figures;
    try {
        const body = await r.json();
        if (body && body.error) message = body.error;
        field = body && body.field;
        reason = body && body.reason;
        figures = body && body.figures;
    } catch (e) {
        // not JSON: keep the status line
    }
    const error = new ApiError(r.status, message, field, reason, figures);
    error.retryAfter = r.headers.get('Retry-After');
    return error;
}
