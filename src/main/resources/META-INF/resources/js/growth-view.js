// Growth on a succeeded job's page: pick one or more of your older jobs of the same format as baselines,
// then read what grew by class and path shape (each shape drawn like a chain group), largest first, and the
// class histogram's delta. Answered from what each job kept, so it works after the dumps are gone.
import { getJson } from './api.js';
import { h, byId, replaceChildren, humanBytes, age } from './dom.js';
import { showProblem } from './problem.js';
import { count } from './triage.js';
import { baselineCandidates, growthPath, signed, stepsText, shapeText } from './growth.js';

export function growthView(job) {
  const section = h('section', { id: 'growth', class: 'growth triage', attrs: { 'aria-labelledby': 'growth-title' } },
    h('h2', { id: 'growth-title', text: 'Growth since earlier dumps' }),
    h('p', { class: 'hint', text: 'Compare this dump with older dumps of the same program: whatever grows at every step is the leak.' }),
    h('div', { id: 'growth-baselines', class: 'growth-baselines', text: 'Loading your jobs…' }),
    h('div', { id: 'growth-error', class: 'problem-slot', attrs: { 'aria-live': 'assertive' } }),
    h('div', { id: 'growth-result', attrs: { 'aria-live': 'polite' } }));
  loadCandidates(job);
  return section;
}

async function loadCandidates(job) {
  let jobs;
  try {
    jobs = await getJson('/v1/jobs?state=succeeded');
  } catch (e) {
    if (byId('growth-error')) showProblem(byId('growth-error'), e);
    return;
  }
  const slot = byId('growth-baselines');
  if (!slot || byId('job').dataset.id !== job.id) return;
  const candidates = baselineCandidates(job, jobs);
  if (!candidates.length) {
    replaceChildren(slot, h('p', { class: 'hint no-baselines', text: `No other succeeded ${job.format} job of yours to compare with: upload an older or newer dump of the same program.` }));
    return;
  }
  const boxes = candidates.map((c) => h('label', { class: 'check baseline' },
    h('input', { type: 'checkbox', value: c.id, dataset: { id: c.id } }), ' ',
    h('span', { class: 'mono', text: c.id.slice(0, 8), title: c.id }),
    h('span', { class: 'hint', text: ` · ${age(c.createdAt)} · ${humanBytes(c.dumpBytes)}` })));
  const button = h('button', { type: 'button', id: 'growth-compare', text: 'Compare' });
  button.addEventListener('click', () => compare(job, candidates, boxes));
  replaceChildren(slot, h('fieldset', {}, h('legend', { text: 'Baselines (older dumps; several: growth at every step)' }), boxes),
    h('div', { class: 'actions' }, button));
}

async function compare(job, candidates, boxes) {
  const chosen = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
  showProblem(byId('growth-error'), null);
  if (!chosen.length) {
    showProblem(byId('growth-error'), { title: 'Choose a baseline', detail: 'Tick at least one older job to compare this one with.' });
    return;
  }
  let growth;
  try {
    growth = await getJson(growthPath(job.id, chosen, candidates));
  } catch (e) {
    showProblem(byId('growth-error'), e);
    return;
  }
  replaceChildren(byId('growth-result'), shapesTable(growth), classesTable(growth));
}

function shapesTable(growth) {
  if (!growth.growth.length) return h('p', { class: 'hint no-growth', text: 'Nothing changed between these dumps.' });
  return h('table', { id: 'growth-table', class: 'groups growth-table' },
    h('caption', { text: `What changed, by class and path shape, largest growth first (${count(growth.growth.length)} of ${count(growth.total)})` }),
    h('thead', {}, h('tr', {}, ['Path shape (root → class)', 'Instances at each dump', 'Δ instances', 'Δ retained', 'Every step']
      .map((t, i) => h('th', { scope: 'col', class: i && i < 4 ? 'num' : '', text: t })))),
    h('tbody', {}, growth.growth.map((row) => h('tr', { dataset: { className: row.className, growing: String(row.growingEveryStep) } },
      h('td', { class: 'shape mono', title: shapeText(row) }, shapeCell(row)),
      h('td', { class: 'num steps', text: stepsText(row.steps) }),
      h('td', { class: 'num delta-instances', text: signed(row.delta.instances) }),
      h('td', { class: 'num delta-retained', text: signedBytes(row.delta.retainedBytes), title: `${signed(row.delta.retainedBytes)} bytes` }),
      h('td', {}, row.growingEveryStep ? h('span', { class: 'badge growing', text: 'grew every step' }) : null)))));
}

function shapeCell(row) {
  if (!row.path.length) return h('span', {}, h('span', { class: 'shape-root', text: row.className }), ' (other shapes, summed)');
  return row.path.map((part, i) => [i ? h('span', { class: 'arrow', text: ' → ' }) : null, h('span', { class: i ? '' : 'shape-root', text: part })]);
}

function classesTable(growth) {
  if (!growth.histogramDelta.length) return null;
  return h('table', { id: 'growth-histogram', class: 'contents' },
    h('caption', { text: `Class histogram delta (${count(growth.histogramDelta.length)} of ${count(growth.histogramTotal)})` }),
    h('thead', {}, h('tr', {}, ['Class', 'Before', 'After', 'Δ instances', 'Δ shallow'].map((t, i) => h('th', { scope: 'col', class: i ? 'num' : '', text: t })))),
    h('tbody', {}, growth.histogramDelta.map((row) => h('tr', { dataset: { className: row.className } },
      h('td', { class: 'mono class-name', text: row.className }),
      h('td', { class: 'num', text: count(row.before.instances) }),
      h('td', { class: 'num', text: count(row.after.instances) }),
      h('td', { class: 'num delta-instances', text: signed(row.delta.instances) }),
      h('td', { class: 'num', text: signedBytes(row.delta.shallowBytes) })))));
}

function signedBytes(n) {
  if (!n) return '0';
  return n > 0 ? `+${humanBytes(n)}` : `−${humanBytes(-n)}`;
}
