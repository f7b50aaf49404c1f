// The dashboard's entry: a hash router over three views (#/lab, #/heap, #/jobs/{id}). Job ids may
// appear in the URL; tokens, credentials and bodies never do.
import { getJson, setApiKey } from './api.js';
import { byId } from './dom.js';
import { initLab } from './lab.js';
import { initHeap, showJobs, showJob, leaveHeap } from './heap.js';

const views = { lab: byId('view-lab'), heap: byId('view-heap'), job: byId('view-job') };
const navs = { lab: byId('nav-lab'), heap: byId('nav-heap'), job: byId('nav-heap') };

function route() {
  const hash = location.hash || '#/lab';
  const job = /^#\/jobs\/([0-9A-Za-z-]{1,64})$/.exec(hash);
  const name = job ? 'job' : hash === '#/heap' ? 'heap' : 'lab';
  for (const [key, view] of Object.entries(views)) view.hidden = key !== name;
  for (const link of new Set(Object.values(navs))) link.removeAttribute('aria-current');
  navs[name].setAttribute('aria-current', 'page');
  document.body.dataset.view = name;
  leaveHeap();
  if (name === 'heap') showJobs();
  if (name === 'job') showJob(job[1]);
  document.title = `${name === 'lab' ? 'Signature lab' : name === 'heap' ? 'Heap cases' : 'Job'} · Casebook`;
}

async function showService() {
  try {
    const info = await getJson('/v1/info');
    byId('service').textContent = `${info.name} ${info.version} · ${info.profiles} profiles`;
  } catch (e) {
    byId('service').textContent = `service unavailable: ${e.title}`;
  }
}

// A 401 anywhere asks for a key once; the key lives in api.js's memory for this tab only.
window.addEventListener('casebook:key-needed', (e) => {
  const form = byId('key-form');
  byId('key-reason').textContent = e.detail.detail || e.detail.title;
  if (form.hidden) {
    form.hidden = false;
    byId('api-key').focus();
  }
});
byId('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = byId('api-key');
  setApiKey(input.value.trim());
  input.value = '';
  byId('key-form').hidden = true;
  route();
});

window.addEventListener('hashchange', () => { route(); byId('main').focus({ preventScroll: true }); });
initLab();
initHeap();
route();
showService();
