// The triage of a succeeded job, drawn in the order a person asks: what is suspicious (suspects with
// their chains), how big the heap is, which classes take the room (a sortable histogram), and what
// holds what (the dominator tree, loaded a level at a time from the browse endpoint).
import { getJson } from './api.js';
import { h, append, replaceChildren, copyButton, humanBytes } from './dom.js';
import { showProblem } from './problem.js';
import { chainView, idButton } from './chain-view.js';
import { stepLabel } from './chains.js';
import {
  count, formatPercent, HISTOGRAM_COLUMNS, DEFAULT_SORT, nextSort, sortRows, ariaSort, dominatorsPath, remainder,
  moreLabel, nodeFacts, heapTotalsText, suspectEnd, suspectText, DOMINATOR_PAGE,
} from './triage.js';

/** The triage sections of a job's result; nothing for a result stored before jobs were triaged. */
export function triageView(job) {
  const result = job.result;
  if (!result || !result.heap) return null;
  return [
    suspectsView(result.suspects || [], job.query),
    h('p', { id: 'heap-totals', class: 'heap-totals', text: heapTotalsText(result.heap) }),
    histogramView(result.histogram || [], job.query),
    dominatorTreeView(job.id, result.heap),
  ];
}

// ---- Suspects ----------------------------------------------------------------------------------

function suspectsView(suspects, query) {
  const threshold = (query && query.suspectThreshold) ?? 10;
  return h('section', { id: 'suspects', class: 'triage', attrs: { 'aria-labelledby': 'suspects-title' } },
    h('h2', { id: 'suspects-title', text: `Suspects (${suspects.length})` }),
    suspects.length
      ? suspects.map(suspectView)
      : h('p', { class: 'hint no-suspects', text: `Nothing holds ${threshold}% of the reachable heap or more: no suspect at this threshold.` }));
}

function suspectView(suspect, index) {
  const chain = suspect.chain
    ? chainView(suspect.chain, null, index, { end: suspectEnd(suspect), caption: 'Shortest chain', copy: () => suspectText(suspect) })
    : null;
  return h('article', { class: 'suspect', dataset: { index, fingerprint: suspect.fingerprint || '' } },
    h('h3', { class: 'suspect-title', text: suspect.title }),
    shareLine(suspect),
    h('dl', { class: 'suspect-objects' },
      objectFact('Holder', suspect.holder),
      objectFact('Accumulation point', suspect.accumulation),
      suspect.holder ? null : [h('dt', { text: 'Holder' }), h('dd', { class: 'hint', text: 'none: many instances, each held on its own' })]),
    h('div', { class: 'suspect-body' }, chain, contentsTable(suspect.contents || [])),
    h('p', { class: 'fingerprint hint' }, 'Fingerprint ', h('code', { text: suspect.fingerprint || '' }), ' ',
      copyButton('Copy', () => suspect.fingerprint || '', 'small')));
}

/** The holder's share of the reachable heap as a bar and a figure, then its sizes. */
function shareLine(suspect) {
  const percent = suspect.retainedPercent ?? 0;
  return h('p', { class: 'share' },
    h('meter', { min: 0, max: 100, value: percent, attrs: { 'aria-label': `${formatPercent(percent)} of the reachable heap` } }),
    h('span', { class: 'share-text' },
      h('strong', { class: 'share-figure', text: formatPercent(percent) }), ' of the reachable heap · ',
      h('strong', { class: 'retained', text: humanBytes(suspect.retainedBytes) }),
      ` retained · ${count(suspect.retainedObjects)} objects`));
}

function objectFact(label, object) {
  if (!object) return null;
  return [h('dt', { text: label }),
    h('dd', {}, h('span', { class: 'type', text: stepLabel(object) }), ' ', idButton(object.id),
      h('span', { class: 'hint', text: ` · ${humanBytes(object.retainedBytes)} · ${count(object.retainedObjects)} objects` }))];
}

function contentsTable(contents) {
  if (!contents.length) return null;
  return h('table', { class: 'contents' },
    h('caption', { text: 'What it holds, by class' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Class' }), h('th', { scope: 'col', class: 'num', text: 'Instances' }),
      h('th', { scope: 'col', class: 'num', text: 'Retained' }))),
    h('tbody', {}, contents.map((c) => h('tr', {},
      h('td', { class: 'mono class-name', text: c.className }),
      h('td', { class: 'num', text: count(c.instances) }),
      h('td', { class: 'num', text: humanBytes(c.retainedBytes), title: `${count(c.retainedBytes)} bytes` })))));
}

// ---- Histogram ---------------------------------------------------------------------------------

/** Classes in a table whose headers are buttons: a click sorts by that column, a second turns it around. */
function histogramView(rows, query) {
  let sort = DEFAULT_SORT;
  const body = h('tbody');
  const headers = HISTOGRAM_COLUMNS.map((column) => {
    const mark = h('span', { class: 'sort-mark', attrs: { 'aria-hidden': 'true' } });
    const button = h('button', { type: 'button', class: 'sort', dataset: { key: column.key } }, column.label, mark);
    const th = h('th', { scope: 'col', class: column.numeric ? 'num' : null }, button);
    button.addEventListener('click', () => { sort = nextSort(sort, column.key); draw(); });
    return { column, th, mark };
  });
  function draw() {
    for (const { column, th, mark } of headers) {
      th.setAttribute('aria-sort', ariaSort(sort, column.key));
      mark.textContent = sort.key !== column.key ? '' : sort.descending ? ' ▼' : ' ▲';
    }
    replaceChildren(body, sortRows(rows, sort).map((row) => h('tr', {},
      h('td', { class: 'mono class-name', text: row.className }),
      h('td', { class: 'num', text: count(row.instances) }),
      h('td', { class: 'num', text: humanBytes(row.shallowBytes), title: `${count(row.shallowBytes)} bytes` }),
      h('td', { class: 'num', text: humanBytes(row.retainedBytes), title: `${count(row.retainedBytes)} bytes` }))));
  }
  draw();
  const limit = (query && query.histogramLimit) ?? 50;
  return h('section', { id: 'histogram-section', class: 'triage', attrs: { 'aria-labelledby': 'histogram-title' } },
    h('h2', { id: 'histogram-title', text: 'Histogram' }),
    h('p', { class: 'hint', text: `The ${count(rows.length)} classes that retain the most (the job asked for ${count(limit)}).`
      + " Retained counts what a class's top-most instances hold: a lower bound for all of them together."
      + ' Click a column to sort by it.' }),
    rows.length
      ? h('table', { id: 'histogram', class: 'histogram' },
        h('caption', { class: 'visually-hidden', text: 'Classes by retained size; the column headers sort' }),
        h('thead', {}, h('tr', {}, headers.map((x) => x.th))), body)
      : h('p', { class: 'hint', text: 'No rows were asked for.' }));
}

// ---- Dominator tree ----------------------------------------------------------------------------

/**
 * The tree starts at the GC roots, closed. Each node's children are fetched when it is first opened,
 * DOMINATOR_PAGE at a time; what the job did not keep (the smallest children of a node) is counted.
 */
function dominatorTreeView(jobId, heap) {
  const root = { id: 'root', retainedBytes: heap.reachableBytes, retainedObjects: heap.reachableObjects };
  return h('section', { id: 'dominators', class: 'triage', attrs: { 'aria-labelledby': 'dominators-title' } },
    h('h2', { id: 'dominators-title', text: 'Dominator tree' }),
    h('p', { class: 'hint', text: 'Each object holds everything below it alone: without it, all of that would be garbage.'
      + ' Open a node to see what it keeps alive, largest first; percentages are of the reachable heap.' }),
    h('ul', { id: 'dominator-tree', class: 'dom-tree' }, nodeItem(jobId, root, heap.reachableBytes)));
}

function nodeItem(jobId, node, reachable) {
  const isRoot = node.id === 'root';
  const label = isRoot ? 'GC roots (the whole reachable heap)' : stepLabel(node);
  const facts = h('span', { class: 'dom-facts', text: nodeFacts(node, reachable) });
  const childCount = isRoot ? null : h('span', { class: 'dom-count hint',
    text: node.children ? `${count(node.children)} dominated` : 'leaf' });
  const item = h('li', { class: 'dom-node', dataset: { id: node.id } });
  if (!isRoot && !node.children) {
    return append(item, [h('div', { class: 'dom-row' },
      h('span', { class: 'dom-leaf', attrs: { 'aria-hidden': 'true' } }), h('span', { class: 'type', text: label }), ' ',
      idButton(node.id), facts, childCount)]);
  }
  const list = h('ul', { class: 'dom-children', id: `dom-children-${node.id}`, hidden: true });
  const toggle = h('button', { type: 'button', class: 'toggle', attrs: { 'aria-expanded': 'false', 'aria-controls': list.id } },
    h('span', { class: 'twisty', attrs: { 'aria-hidden': 'true' }, text: '▸' }), h('span', { class: isRoot ? 'dom-root' : 'type', text: label }));
  let loaded = false;
  toggle.addEventListener('click', async () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
    if (open && !loaded) {
      loaded = true;
      // A failed first page may be tried again by closing and opening the node.
      if (!(await loadChildren(jobId, node.id, list, reachable))) loaded = false;
    }
  });
  return append(item, [h('div', { class: 'dom-row' }, toggle, ' ', isRoot ? null : idButton(node.id), facts, childCount), list]);
}

/**
 * Appends the children of `parent` from `offset` to the list, then a "more" button while the job
 * kept more than are shown. Returns whether the page came; if not, the problem is shown in the list
 * and whatever was there (a "more" button) stays, to try again.
 */
async function loadChildren(jobId, parent, list, reachable, offset = 0) {
  const tail = () => list.querySelectorAll(':scope > .dom-more, :scope > .dom-not-kept');
  list.querySelectorAll(':scope > .dom-error').forEach((el) => el.remove());
  const loading = h('li', { class: 'dom-loading hint', text: 'Loading…', attrs: { role: 'status' } });
  const before = tail()[0] || null;
  list.insertBefore(loading, before);
  let page;
  try {
    page = await getJson(dominatorsPath(jobId, parent, offset, DOMINATOR_PAGE));
  } catch (e) {
    const slot = h('li', { class: 'dom-error' });
    loading.replaceWith(slot);
    showProblem(slot, e);
    return false;
  }
  tail().forEach((el) => el.remove());
  loading.replaceWith(...page.children.map((child) => nodeItem(jobId, child, reachable)));
  const shown = offset + page.children.length;
  const { more, notKept } = remainder(page, shown);
  if (more > 0) {
    const button = h('button', { type: 'button', class: 'secondary small', text: moreLabel(more) });
    button.addEventListener('click', async () => {
      button.disabled = true;
      if (await loadChildren(jobId, parent, list, reachable, shown)) focusNode(list, shown);
      else button.disabled = false;
    });
    list.append(h('li', { class: 'dom-more' }, button,
      h('span', { class: 'hint', text: ` ${count(shown)} of ${count(page.total)} shown` })));
  }
  if (notKept > 0) {
    list.append(h('li', { class: 'dom-not-kept hint',
      text: `${count(notKept)} smaller ${notKept === 1 ? 'child was' : 'children were'} not kept with the job.` }));
  }
  return true;
}

/** After "more", the keyboard goes on from the first node the click added, not from the page's top. */
function focusNode(list, index) {
  const node = list.querySelectorAll(':scope > .dom-node')[index];
  const button = node && node.querySelector('button');
  if (button) button.focus();
}
