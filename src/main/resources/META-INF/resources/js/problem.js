// An API problem (RFC 9457) shown the way a person reads it: title, detail, and the fields at fault.
import { h, replaceChildren } from './dom.js';

export function showProblem(slot, error) {
  if (!error) { replaceChildren(slot); return; }
  const title = error.title || 'Something went wrong';
  const detail = error.detail || (error.message && error.message !== title ? error.message : '');
  const status = error.status ? h('span', { class: 'status', text: String(error.status) }) : null;
  const fields = (error.errors || []).map((e) => h('li', {}, h('code', { text: e.field || '' }), ' ', e.message || ''));
  const retry = error.retryAfter ? h('p', { text: `Try again in ${error.retryAfter} s.` }) : null;
  replaceChildren(slot, h('div', { class: 'problem', attrs: { role: 'alert' } },
    h('p', { class: 'problem-title' }, status, ' ', title),
    detail ? h('p', { class: 'problem-detail', text: detail }) : null,
    fields.length ? h('ul', { class: 'problem-fields' }, fields) : null,
    retry));
}
