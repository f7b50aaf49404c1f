// Small DOM helpers: the dashboard builds its views with these rather than with innerHTML, so that
// nothing the API or a dump returns (type names, thread names, bodies) is ever parsed as markup.

/**
 * Creates an element. `props` keys: `class`, `text`, `on<event>` handlers, `dataset`, `attrs`
 * (plain attributes), and any other DOM property (value, type, checked, disabled...).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'attrs') for (const [a, v] of Object.entries(value)) { if (v !== null && v !== undefined && v !== false) el.setAttribute(a, v === true ? '' : v); }
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el[key] = value;
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

export function byId(id) {
  return document.getElementById(id);
}

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 287309824 -> "274 MB" (binary multiples, as the upload limits are configured). */
export function humanBytes(bytes) {
  if (bytes === undefined || bytes === null) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** "just now", "4 min ago", "3 h ago", "2 d ago": how old a job is, at a glance. */
export function age(isoTime, now = Date.now()) {
  if (!isoTime) return '';
  const seconds = Math.max(0, Math.round((now - Date.parse(isoTime)) / 1000));
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** Milliseconds between two ISO times, as "840 ms" or "12.3 s". */
export function duration(fromIso, toIso) {
  if (!fromIso || !toIso) return '';
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/**
 * Copies text to the clipboard. navigator.clipboard needs a secure context (localhost is one);
 * elsewhere, a selected off-screen textarea and execCommand still work in every browser.
 */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try { await navigator.clipboard.writeText(text); return true; } catch (e) { /* fall through */ }
  }
  const area = h('textarea', { value: text, class: 'offscreen', attrs: { 'aria-hidden': 'true', readonly: true } });
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

/** A button that copies `text()` and says so for a moment. */
export function copyButton(label, text, extraClass = '') {
  const button = h('button', { type: 'button', class: `copy ${extraClass}`.trim(), text: label });
  button.addEventListener('click', async () => {
    const ok = await copyText(text());
    button.textContent = ok ? 'Copied' : 'Copy failed';
    setTimeout(() => { button.textContent = label; }, 1500);
  });
  return button;
}
