// Heap cases: upload a dump (with targets, or none for a triage of the whole heap), follow the job
// while it runs, read its suspects, histogram, dominator tree and chains, and what grew since older dumps.
import { getJson, del, upload } from './api.js';
import { h, byId, replaceChildren, copyButton, humanBytes, age, duration } from './dom.js';
import { showProblem } from './problem.js';
import { classesLine, describeQuery, groupText } from './chains.js';
import { chainView } from './chain-view.js';
import { count, phaseText, targetsText, triageOptionsText } from './triage.js';
import { triageView } from './triage-view.js';
import { growthView } from './growth-view.js';

const JOB_POLL_MS = 1000;
const LIST_POLL_MS = 2000;
const ACTIVE = new Set(['queued', 'running']);

let timer = null;          // the poll of the view being shown; stopped when the view changes
let shownJob = null;       // the id of the job view, so a late answer for another job is ignored
let pendingUpload = null;  // { abort } while a dump is on its way
let notice = null;         // what the jobs view says after a cancel or delete, until the view changes

export function initHeap() {
  const input = byId('dump-file');
  const zone = byId('drop-zone');
  input.addEventListener('change', describeFile);
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer.files.length) { input.files = e.dataTransfer.files; describeFile(); }
  });
  byId('upload-form').addEventListener('submit', (e) => { e.preventDefault(); submit(); });
  byId('abort-upload').addEventListener('click', () => pendingUpload && pendingUpload.abort());
}

export function leaveHeap() {
  showNotice();
  clearTimeout(timer);
  timer = null;
  shownJob = null;
}

function showNotice() {
  const shown = byId('jobs-notice');
  shown.textContent = notice || '';
  shown.hidden = !notice;
  notice = null;
}

function describeFile() {
  const file = byId('dump-file').files[0];
  byId('dump-name').textContent = file ? `${file.name} · ${humanBytes(file.size)}` : '';
}

function lines(id) {
  return byId(id).value.split('\n').map((s) => s.trim()).filter((s) => s);
}

async function submit() {
  showProblem(byId('upload-error'), null);
  const file = byId('dump-file').files[0];
  if (!file) {
    showProblem(byId('upload-error'), { title: 'Choose a dump', detail: 'Drop an HPROF file or a pyheap snapshot on the box, or choose one.' });
    return;
  }
  // No target is a normal job: the triage of the whole heap, which every job gets anyway.
  const form = new FormData();
  for (const name of lines('class-names')) form.append('className', name);
  for (const id of lines('object-ids')) form.append('objectId', id);
  form.append('maxChains', byId('max-chains').value || '10');
  // An empty field leaves the service's default; a number out of range comes back as a 400 naming the
  // field. Text the browser cannot read as a number reads as empty, so that one is caught here.
  for (const [field, id] of [['suspectThreshold', 'suspect-threshold'], ['histogramLimit', 'histogram-limit']]) {
    const input = byId(id);
    if (input.validity.badInput) {
      showProblem(byId('upload-error'), { title: 'Not a number', errors: [{ field, message: 'must be a number' }] });
      input.focus();
      return;
    }
    if (input.value.trim()) form.append(field, input.value.trim());
  }
  form.append('format', byId('format').value);
  form.append('includeWeak', byId('include-weak').checked ? 'true' : 'false');
  form.append('subclasses', byId('subclasses').checked ? 'true' : 'false');
  form.append('dump', file, file.name);

  const progress = byId('upload-progress');
  const status = byId('upload-status');
  progress.hidden = false;
  progress.value = 0;
  byId('upload').disabled = true;
  byId('abort-upload').hidden = false;
  pendingUpload = upload('/v1/jobs', form, (loaded, total) => {
    progress.value = Math.round((loaded / total) * 100);
    status.textContent = loaded < total ? `Uploading ${progress.value}% (${humanBytes(loaded)} of ${humanBytes(total)})`
      : 'Uploaded; the service is checking the dump…';
  });
  try {
    const job = await pendingUpload.promise;
    status.textContent = '';
    byId('upload-form').reset();
    describeFile();
    location.hash = `#/jobs/${job.id}`;
  } catch (e) {
    status.textContent = '';
    showProblem(byId('upload-error'), e);
  } finally {
    pendingUpload = null;
    progress.hidden = true;
    byId('upload').disabled = false;
    byId('abort-upload').hidden = true;
  }
}

// ---- The job list ------------------------------------------------------------------------------

export async function showJobs() {
  clearTimeout(timer);
  let jobs;
  try {
    jobs = await getJson('/v1/jobs');
    showProblem(byId('jobs-error'), null);
  } catch (e) {
    showProblem(byId('jobs-error'), e);
    return;
  }
  if (document.body.dataset.view !== 'heap') return;
  renderJobs(jobs);
  if (jobs.some((j) => ACTIVE.has(j.state))) timer = setTimeout(showJobs, LIST_POLL_MS);
}

function renderJobs(jobs) {
  byId('jobs-empty').hidden = jobs.length > 0;
  byId('jobs').hidden = jobs.length === 0;
  // An admin's key lists every owner's jobs: then say whose each one is.
  const showOwner = new Set(jobs.map((j) => j.owner)).size > 1;
  byId('owner-col').hidden = !showOwner;
  replaceChildren(byId('jobs-body'), jobs.map((job) => h('tr', { dataset: { id: job.id, state: job.state } },
    h('td', {}, h('a', { href: `#/jobs/${job.id}`, class: 'mono', text: job.id.slice(0, 8), title: job.id })),
    showOwner ? h('td', { class: 'owner', text: job.owner || '' }) : null,
    h('td', {}, stateBadge(job)),
    h('td', { text: job.format || '' }),
    h('td', { class: 'num', text: `${humanBytes(job.dumpBytes)}${job.compressed ? ' (gzip)' : ''}` }),
    h('td', { class: 'targets', text: targetsOf(job) }),
    h('td', { text: age(job.createdAt), title: job.createdAt }),
    h('td', {}, deleteButton(job, () => { showNotice(); showJobs(); })))));
}

function stateBadge(job) {
  const text = job.state === 'running' && job.progress ? `running · ${job.progress.phase} ${job.progress.percent}%` : job.state;
  return h('span', { class: `state state-${job.state}`, text });
}

function targetsOf(job) {
  return targetsText(job.query);
}

/** Delete asks once more on the button itself (no modal dialog), then purges the job. */
function deleteButton(job, after) {
  const active = ACTIVE.has(job.state);
  const label = active ? 'Cancel' : 'Delete';
  const button = h('button', { type: 'button', class: 'secondary small danger', text: label,
    attrs: { 'aria-label': `${label} job ${job.id.slice(0, 8)}` } });
  let armed = null;
  button.addEventListener('click', async () => {
    if (!armed) {
      button.textContent = active ? 'Really cancel?' : 'Really delete?';
      armed = setTimeout(() => { armed = null; button.textContent = label; }, 4000);
      return;
    }
    clearTimeout(armed);
    button.disabled = true;
    try {
      await del(`/v1/jobs/${encodeURIComponent(job.id)}`);
      notice = active ? `Job ${job.id.slice(0, 8)} cancelled: its dump is deleted; it stays listed as cancelled until you delete it.`
        : `Job ${job.id.slice(0, 8)} deleted, with its dump and result.`;
      after();
    } catch (e) {
      button.disabled = false;
      showProblem(byId(document.body.dataset.view === 'job' ? 'job-error' : 'jobs-error'), e);
    }
  });
  return button;
}

// ---- One job -----------------------------------------------------------------------------------

export async function showJob(id) {
  clearTimeout(timer);
  shownJob = id;
  const slot = byId('job');
  let job;
  try {
    job = await getJson(`/v1/jobs/${encodeURIComponent(id)}`);
  } catch (e) {
    if (shownJob !== id) return;
    byId('job-title').textContent = 'Job';
    replaceChildren(slot, h('div', { id: 'job-error' }));
    showProblem(byId('job-error'), e);
    return;
  }
  if (shownJob !== id) return;
  const rendered = slot.dataset.id === id ? slot.dataset.state : null;
  if (ACTIVE.has(job.state)) {
    renderRunning(slot, job);
    timer = setTimeout(() => showJob(id), JOB_POLL_MS);
  } else if (rendered !== job.state) {
    renderFinished(slot, job);
  }
}

function jobHeader(job) {
  byId('job-title').textContent = `Job ${job.id.slice(0, 8)}`;
  const facts = [
    ['Id', h('span', {}, h('code', { text: job.id }), ' ', copyButton('Copy', () => job.id, 'small'))],
    ['State', stateBadge(job)],
    ['Owner', job.owner || ''],
    ['Dump', `${job.format || 'unknown'} · ${humanBytes(job.dumpBytes)}${job.compressed ? ' (uploaded gzip)' : ''}`],
    ['Targets', targetsOf(job)],
    ['Triage', triageOptionsText(job.query)],
    ['Submitted', h('span', { title: job.createdAt, text: age(job.createdAt) })],
  ];
  if (job.finishedAt) facts.push(['Took', duration(job.startedAt || job.createdAt, job.finishedAt)]);
  return h('dl', { class: 'job-facts' }, facts.map(([k, v]) => [h('dt', { text: k }), h('dd', {}, v)]));
}

function renderRunning(slot, job) {
  slot.dataset.id = job.id;
  slot.dataset.state = job.state;
  const p = job.progress || { phase: job.state, percent: 0 };
  replaceChildren(slot, jobHeader(job),
    h('div', { class: 'running panel' },
      h('p', { id: 'job-phase', text: job.state === 'queued' ? 'Waiting for a worker…' : phaseText(p) }),
      h('progress', { id: 'job-progress', max: 100, value: p.percent, attrs: { 'aria-label': 'Analysis progress' } }),
      h('div', { class: 'actions' }, deleteButton(job, () => { location.hash = '#/heap'; }))),
    h('div', { id: 'job-error', class: 'problem-slot' }));
}

function renderFinished(slot, job) {
  slot.dataset.id = job.id;
  slot.dataset.state = job.state;
  const parts = [jobHeader(job), h('div', { id: 'job-error', class: 'problem-slot' })];
  if (job.state === 'failed') {
    const box = h('div', { class: 'problem-slot' });
    showProblem(box, job.error || { title: 'The analysis failed' });
    parts.push(box);
  } else if (job.state === 'cancelled') {
    parts.push(h('p', { class: 'hint', text: 'This job was cancelled before it finished.' }));
  } else if (job.result) {
    parts.push(resultView(job));
  }
  parts.push(h('div', { class: 'actions' }, deleteButton(job, () => { location.hash = '#/heap'; })));
  replaceChildren(slot, parts);
}

/** The dump as read, then the triage of the whole heap (every job has one), then the targets asked for. */
function resultView(job) {
  const result = job.result;
  const d = result.dump || {};
  const summary = h('p', { class: 'dump-summary' },
    `${(d.format || '').toUpperCase()} ${d.version || ''}${d.idSize ? `, ${d.idSize}-byte ids` : ''} · ${humanBytes(d.bytes)} · `
    + `${count(d.objects)} objects · ${d.classes ? `${count(d.classes)} classes · ` : ''}${count(d.roots)} roots`);
  const warnings = (d.warnings || []).length || d.complete === false
    ? h('div', { class: 'warnings', attrs: { role: 'note' } },
      d.complete === false ? h('p', { text: 'The dump is incomplete: chains were found in the part that could be read.' }) : null,
      h('ul', {}, (d.warnings || []).map((w) => h('li', { text: w }))))
    : null;
  const targets = result.targets || [];
  return h('div', { class: 'result' }, summary, warnings, triageView(job),
    targets.length ? h('section', { id: 'targets', class: 'targets' }, targets.map(targetView)) : null,
    growthView(job));
}

function targetView(target, index) {
  const counts = [['matched', target.matched], ['reachable', target.reachable],
    ['weakly reachable', target.weaklyReachable], ['unreachable', target.unreachable]];
  // Retained: what would be garbage without all the matched instances together (absent in older results).
  const retained = target.retainedBytes !== undefined
    ? h('li', { class: 'retained' }, h('strong', { text: humanBytes(target.retainedBytes) }),
      ` retained (${count(target.retainedObjects)} objects)`)
    : null;
  const withRetained = (target.groups || []).some((g) => g.retainedBytes !== undefined);
  const groups = target.groups && target.groups.length
    ? h('table', { class: 'groups' },
      h('caption', { text: 'Chains merged by path shape' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Path shape (root → target)' }), h('th', { scope: 'col', class: 'num', text: 'Instances' }),
        h('th', { scope: 'col', class: 'num', text: 'Share' }),
        withRetained ? h('th', { scope: 'col', class: 'num', text: 'Retained' }) : null)),
      h('tbody', {}, target.groups.map((g) => h('tr', {},
        h('td', { class: 'shape mono', title: groupText(g) }, g.path.map((part, i) => [i ? h('span', { class: 'arrow', text: ' → ' }) : null, h('span', { class: i ? '' : 'shape-root', text: part })])),
        h('td', { class: 'num', text: count(g.count) }),
        h('td', { class: 'num', text: target.reachable ? `${Math.round((g.count / target.reachable) * 100)}%` : '' }),
        withRetained ? h('td', { class: 'num', text: humanBytes(g.retainedBytes), title: `${count(g.retainedBytes)} bytes` }) : null))))
    : null;
  const chains = (target.chains || []).map((chain, i) => chainView(chain, target.query, i));
  return h('section', { class: 'target', dataset: { index } },
    h('h2', { text: describeQuery(target.query || {}) }),
    target.summary ? h('p', { class: 'summary', text: target.summary }) : null,
    classesLine(target) ? h('p', { class: 'hint classes mono', text: classesLine(target) }) : null,
    h('ul', { class: 'counts' }, counts.map(([k, v]) => h('li', {}, h('strong', { text: count(v) }), ` ${k}`)), retained),
    groups,
    chains.length ? h('h3', { text: `Shortest chains (${chains.length} of ${count(target.reachable)})` }) : null,
    h('div', { class: 'chains' }, chains));
}
