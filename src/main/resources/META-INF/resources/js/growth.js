// What grew between dumps, as text: the pure part of the growth view (no DOM), tested in Node.
import { count } from './triage.js';

/** The jobs a job can be compared with: the caller's other succeeded jobs of its format, oldest first. */
export function baselineCandidates(job, jobs) {
  return jobs
    .filter((j) => j.id !== job.id && j.state === 'succeeded' && j.format === job.format)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
}

/** The growth request for `id` against the chosen baselines, sent oldest first whatever the order chosen. */
export function growthPath(id, chosen, candidates) {
  const order = new Map(candidates.map((c, i) => [c.id, i]));
  const ids = [...chosen].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const query = ids.map((b) => `baseline=${encodeURIComponent(b)}`).join('&');
  return `/v1/jobs/${encodeURIComponent(id)}/growth?${query}`;
}

/** +1,000 / −250 / 0: a change with its sign. */
export function signed(n) {
  if (!n) return '0';
  return n > 0 ? `+${count(n)}` : `−${count(-n)}`;
}

/** "1,000 → 2,000 → 3,000": the instances at each step, oldest first. */
export function stepsText(steps) {
  return (steps || []).map(count).join(' → ');
}

/** A shape as text, one step per arrow; a class's other shapes say so. */
export function shapeText(row) {
  return row.path && row.path.length ? row.path.join(' → ') : `${row.className} (other shapes, summed)`;
}
