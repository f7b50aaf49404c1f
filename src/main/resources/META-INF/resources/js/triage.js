// The triage of a whole heap as a person reads it: shares of the heap, the histogram's sort order,
// the paging of the dominator tree, a suspect as text for a ticket. Pure functions, no DOM (checked
// in Node by src/test/js/triage.test.mjs); heap.js and triage-view.js draw them.
import { humanBytes } from './dom.js';
import { chainText } from './chains.js';

/** How many children of a dominator-tree node one click loads (the endpoint's default). */
export const DOMINATOR_PAGE = 50;

/** 1234567 -> "1,234,567": the same digits in every browser, whatever its locale. */
export function count(n) {
  return (n ?? 0).toLocaleString('en-US');
}

/** `part` as a percentage of `whole`, or null when there is no whole to speak of. */
export function percentOf(part, whole) {
  return whole > 0 && part !== undefined && part !== null ? (part / whole) * 100 : null;
}

/**
 * "50.0%", "0.4%", "<0.1%": one decimal, as the API's retainedPercent has; a tiny share is not
 * written as 0.0%, which would read as nothing at all.
 */
export function formatPercent(percent) {
  if (percent === null || percent === undefined || Number.isNaN(percent)) return '';
  if (percent > 0 && percent < 0.05) return '<0.1%';
  return `${percent.toFixed(1)}%`;
}

/** The histogram's columns; numbers are read largest first, names from A to Z. */
export const HISTOGRAM_COLUMNS = [
  { key: 'className', label: 'Class', numeric: false },
  { key: 'instances', label: 'Instances', numeric: true },
  { key: 'shallowBytes', label: 'Shallow', numeric: true },
  { key: 'retainedBytes', label: 'Retained', numeric: true },
];

/** The order the API sends: largest retained size first. */
export const DEFAULT_SORT = Object.freeze({ key: 'retainedBytes', descending: true });

function column(key) {
  const found = HISTOGRAM_COLUMNS.find((c) => c.key === key);
  if (!found) throw new Error(`no histogram column ${key}`);
  return found;
}

/**
 * The sort after a click on `key`'s header: the column already sorted turns around; another one
 * starts from its natural order (numbers largest first, since the large ones are the question).
 */
export function nextSort(sort, key) {
  if (sort && sort.key === key) return { key, descending: !sort.descending };
  return { key, descending: column(key).numeric };
}

/**
 * A sorted copy of the rows. Ties keep the order they came in (the API's: retained size), so a
 * click never shuffles rows that are equal in the column sorted by.
 */
export function sortRows(rows, sort = DEFAULT_SORT) {
  const { key, descending } = sort;
  const numeric = column(key).numeric;
  const sign = descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[key];
      const y = b.row[key];
      const order = numeric ? (x ?? 0) - (y ?? 0) : String(x ?? '').localeCompare(String(y ?? ''), 'en');
      return order !== 0 ? sign * order : a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** The aria-sort value of a header: only the sorted column says which way. */
export function ariaSort(sort, key) {
  if (!sort || sort.key !== key) return 'none';
  return sort.descending ? 'descending' : 'ascending';
}

/** The browse endpoint for one page of a node's children; every part is encoded. */
export function dominatorsPath(jobId, parent, offset = 0, limit = DOMINATOR_PAGE) {
  const query = new URLSearchParams({ parent, limit: String(limit), offset: String(offset) });
  return `/v1/jobs/${encodeURIComponent(jobId)}/dominators?${query}`;
}

/**
 * What is left below a node once `shown` children are drawn: how many more the job kept (a "more"
 * button loads them from `nextOffset`), and how many small ones it did not keep at all.
 */
export function remainder(page, shown) {
  const listed = Math.min(page.listed ?? page.total ?? 0, page.total ?? 0);
  return { nextOffset: shown, more: Math.max(0, listed - shown), notKept: Math.max(0, (page.total ?? 0) - listed) };
}

/** The label of the "more" button: how many one click loads and how many are left after it. */
export function moreLabel(more, pageSize = DOMINATOR_PAGE) {
  const next = Math.min(more, pageSize);
  return next === more ? `Show ${count(next)} more` : `Show ${count(next)} more (of ${count(more)})`;
}

/** A dominator-tree node's sizes on one line: "5.5 MB · 12,146 objects · 89.8% of reachable". */
export function nodeFacts(node, reachableBytes) {
  const share = formatPercent(percentOf(node.retainedBytes, reachableBytes));
  return [humanBytes(node.retainedBytes), `${count(node.retainedObjects)} object${node.retainedObjects === 1 ? '' : 's'}`,
    share ? `${share} of reachable` : null].filter(Boolean).join(' · ');
}

/** The heap's totals as one sentence: the whole dump, and what the GC roots hold strongly. */
export function heapTotalsText(heap) {
  if (!heap) return '';
  return `${count(heap.objects)} objects · ${humanBytes(heap.shallowBytes)} in the dump; `
    + `${count(heap.reachableObjects)} objects · ${humanBytes(heap.reachableBytes)} reachable from the GC roots`;
}

/** What the triage was asked, as the job's query has it (older jobs lack the fields: the defaults). */
export function triageOptionsText(query) {
  const q = query || {};
  const threshold = q.suspectThreshold ?? 10;
  const rows = q.histogramLimit ?? 50;
  return `suspects from ${threshold}% of the reachable heap · ${count(rows)} histogram row${rows === 1 ? '' : 's'}`;
}

/** The targets of a job in a few words; none at all is a triage of the whole heap. */
export function targetsText(query) {
  const q = query || {};
  const all = [...(q.className || []), ...(q.objectId || [])];
  return all.length ? all.join(', ') : 'none: triage of the whole heap';
}

/** Where a suspect's chain ends: the accumulation point, or a class suspect's largest instance. */
export function suspectEnd(suspect) {
  return suspect.accumulation ? 'accumulation point' : 'largest instance';
}

/** A suspect as a leak report for a ticket: its title, sizes, chain, contents and fingerprint. */
export function suspectText(suspect) {
  const lines = [`Suspect: ${suspect.title}`,
    `Retained: ${humanBytes(suspect.retainedBytes)} (${formatPercent(suspect.retainedPercent)} of the reachable heap), `
    + `${count(suspect.retainedObjects)} objects`];
  if (suspect.holder) lines.push(`Holder: ${suspect.holder.type}  ${suspect.holder.id}`);
  if (suspect.accumulation) lines.push(`Accumulation point: ${suspect.accumulation.type}  ${suspect.accumulation.id}`);
  if (suspect.chain) lines.push(chainText(suspect.chain, null, suspectEnd(suspect)));
  if ((suspect.contents || []).length) {
    lines.push('Contents:');
    for (const c of suspect.contents) lines.push(`  ${count(c.instances)} × ${c.className}  ${humanBytes(c.retainedBytes)}`);
  }
  lines.push(`Fingerprint: ${suspect.fingerprint}`);
  return lines.join('\n');
}

const PHASES = {
  inflating: 'Inflating the gzip',
  indexing: 'Indexing',
  dominating: 'Dominating (retained sizes)',
  matching: 'Matching the targets',
  searching: 'Searching for chains',
  reporting: 'Reporting',
};

/** A running job's phase and percent, "Dominating (retained sizes): 42%". */
export function phaseText(progress) {
  const phase = progress && progress.phase ? progress.phase : 'running';
  const label = PHASES[phase] || phase[0].toUpperCase() + phase.slice(1);
  return `${label}: ${progress && progress.percent !== undefined ? progress.percent : 0}%`;
}
