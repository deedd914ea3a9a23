// Building the page without ever parsing text as HTML. Every string that reaches the page -- a prompt, an answer, a
// rationale, an error message -- becomes a text node; no string is ever parsed as HTML in the console. Attributes are
// set one by one, and a link may only point inside the console or at a download this page created.

const SAFE_HREF = /^(#\/|blob:)/;

/**
 * h('div', {className: 'x', onclick: fn, dataset: {k: 'v'}}, 'text', child, [more children])
 * Strings and numbers become text nodes; null/undefined/false children are skipped.
 */
export function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (key.startsWith('on') && typeof value === 'function') {
            el.addEventListener(key.substring(2), value);
        } else if (key === 'className') {
            el.className = value;
        } else if (key === 'dataset') {
            Object.assign(el.dataset, value);
        } else if (key === 'href') {
            if (!SAFE_HREF.test(String(value))) throw new Error('refused link target ' + value);
            el.setAttribute('href', value);
        } else if (key === 'value') {
            el.value = value;
        } else if (key === 'checked' || key === 'disabled' || key === 'selected' || key === 'multiple') {
            el[key] = Boolean(value);
        } else if (key.startsWith('on') || key === 'style' || key === 'src' || key === 'srcdoc') {
            throw new Error('refused attribute ' + key);
        } else {
            el.setAttribute(key, value === true ? '' : String(value));
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children) {
        if (child === undefined || child === null || child === false) continue;
        if (Array.isArray(child)) append(el, child);
        else if (child instanceof Node) el.appendChild(child);
        else el.appendChild(document.createTextNode(String(child)));
    }
}

/** Replaces an element's content with these children. */
export function mount(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

/** A table from a header row and rows of cells (strings or nodes). */
export function table(headers, rows, props) {
    return h('table', props || {className: 'grid'},
        h('thead', null, h('tr', null, headers.map(x => h('th', null, x)))),
        h('tbody', null, rows.map(r => h('tr', r.props || null, (r.cells || r).map(c => h('td', null, c))))));
}
