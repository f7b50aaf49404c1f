// Signature lab: canonical strings and tokens per encoder profile, side by side, with every byte
// visible and the differences between profiles marked; and the diagnosis of a sent body and token.
//
// The body always travels as `bodyText` (a string), never through JSON.parse: JavaScript would turn
// 12345678901234567890 into 12345678901234567000 and 1.0 into 1 before the server saw them.
// Credentials and tokens live only in this module's memory and the form fields; they are masked
// on screen until "Show secrets" is pressed, and never written to storage or the URL.
import { getJson, postJson } from './api.js';
import { h, byId, replaceChildren, copyButton } from './dom.js';
import { units, diffUnits, firstDifference, render, occurrences, byteLength } from './bytes.js';
import { showProblem } from './problem.js';

const EXAMPLE = {
  customerId: '1234',
  authToken: 'tok-abc',
  body: '{"url": "http://example.com/a", "amount": 100}',
  sentBody: '{"url":"http://example.com/a","amount":100}',
  query: [['a', '1']],
  profiles: ['python-json', 'javascript-json'],
  expected: 'python-json',
};

let catalog = null;
let selected = [];            // profile ids in the order they were chosen; the first is the baseline
let secretsShown = false;
let lastCompute = null;       // { request, outcomes: [{profile, response | error}] }
let lastDiagnosis = null;     // { request, diagnosis, expected, sent }

export function initLab() {
  byId('lab-form').addEventListener('submit', (e) => { e.preventDefault(); compute(); });
  byId('diagnose-form').addEventListener('submit', (e) => { e.preventDefault(); diagnose(); });
  byId('add-query').addEventListener('click', () => addQueryRow('', '', true));
  byId('toggle-secrets').addEventListener('click', toggleSecrets);
  for (const form of [byId('lab-form'), byId('diagnose-form')]) {
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
    });
  }
  addQueryRow('', '', false);
  loadCatalog();
}

async function loadCatalog() {
  try {
    catalog = await getJson('/v1/profiles');
  } catch (e) {
    showProblem(byId('lab-error'), e);
    return;
  }
  fillSelect(byId('algorithm'), catalog.algorithms, 'sha256');
  fillSelect(byId('encoding'), catalog.encodings, 'hex');
  for (const q of catalog.queryEncodings) byId('query-encoding').append(h('option', { value: q.id, text: q.id, title: q.example }));
  byId('template').value = catalog.defaultTemplate;
  for (const p of catalog.profiles) byId('expected-profile').append(h('option', { value: p.id, text: p.id }));
  const list = byId('profiles');
  for (const p of catalog.profiles) {
    const box = h('input', { type: 'checkbox', value: p.id, id: `profile-${p.id}` });
    box.addEventListener('change', () => {
      selected = selected.filter((id) => id !== p.id);
      if (box.checked) selected.push(p.id);
      markBaseline();
    });
    list.append(h('label', { class: 'profile', title: `${p.description}\n${p.snippet}`, dataset: { language: p.language } },
      box, h('span', { text: p.id })));
  }
  const example = h('button', { type: 'button', id: 'load-example', class: 'secondary', text: 'Load the seed\'s example' });
  example.addEventListener('click', loadExample);
  byId('lab-form').querySelector('.actions').append(example);
}

function fillSelect(select, values, chosen) {
  for (const v of values) select.append(h('option', { value: v, text: v, selected: v === chosen }));
}

function markBaseline() {
  for (const label of byId('profiles').querySelectorAll('label')) {
    const id = label.querySelector('input').value;
    label.classList.toggle('baseline', selected[0] === id);
  }
}

async function loadExample() {
  byId('customer-id').value = EXAMPLE.customerId;
  byId('auth-token').value = EXAMPLE.authToken;
  byId('secret').value = '';
  byId('body-text').value = EXAMPLE.body;
  replaceChildren(byId('query-rows'));
  for (const [n, v] of EXAMPLE.query) addQueryRow(n, v, false);
  selected = [];
  for (const box of byId('profiles').querySelectorAll('input')) box.checked = false;
  for (const id of EXAMPLE.profiles) {
    const box = byId(`profile-${id}`);
    box.checked = true;
    selected.push(id);
  }
  markBaseline();
  byId('sent-body').value = EXAMPLE.sentBody;
  byId('expected-profile').value = EXAMPLE.expected;
  // What the browser client of the story sent: JSON.stringify's bytes, signed as they are.
  try {
    const signed = await postJson('/v1/canonical', { ...common(), profile: 'raw', bodyText: EXAMPLE.sentBody });
    byId('sent-token').value = signed.token;
  } catch (e) {
    showProblem(byId('diagnose-error'), e);
  }
}

function addQueryRow(name, value, focus) {
  const nameInput = h('input', { value: name, class: 'mono', spellcheck: false, attrs: { 'aria-label': 'query name' } });
  const valueInput = h('input', { value, class: 'mono', spellcheck: false, attrs: { 'aria-label': 'query value' } });
  const row = h('div', { class: 'query-row' }, nameInput, h('span', { text: '=' }), valueInput);
  row.append(h('button', { type: 'button', class: 'secondary small', text: 'Remove', attrs: { 'aria-label': 'remove this pair' },
    onclick: () => row.remove() }));
  byId('query-rows').append(row);
  if (focus) nameInput.focus();
}

/** The parts every request shares: credentials, query and scheme as the form holds them. */
function common() {
  const credentials = { customerId: byId('customer-id').value, authToken: byId('auth-token').value };
  if (byId('secret').value) credentials.secret = byId('secret').value;
  const query = [...byId('query-rows').querySelectorAll('.query-row')]
    .map((row) => [...row.querySelectorAll('input')].map((i) => i.value))
    .filter(([n, v]) => n !== '' || v !== '');
  const scheme = { template: byId('template').value, algorithm: byId('algorithm').value, encoding: byId('encoding').value };
  if (byId('query-encoding').value) scheme.queryEncoding = byId('query-encoding').value;
  const request = { credentials, scheme };
  if (query.length) request.query = query;
  return request;
}

function secrets() {
  return [byId('auth-token').value, byId('secret').value].filter((s) => s);
}

/**
 * Byte ranges of the authToken inside a canonical string. The template says where it is; when the
 * string cannot be rebuilt from the template (it always can, today), every occurrence is masked.
 */
function secretRanges(canonical, request, encodedBody, encodedQuery) {
  if (secretsShown) return [];
  const values = { customerId: request.credentials.customerId, authToken: request.credentials.authToken,
    body: encodedBody || '', query: encodedQuery || '' };
  const ranges = [];
  let rebuilt = '';
  let bytes = 0;
  for (const part of (request.scheme.template || '').split(/(\{customerId\}|\{authToken\}|\{body\}|\{query\})/)) {
    const name = /^\{(\w+)\}$/.exec(part);
    const text = name && name[1] in values ? values[name[1]] : part;
    const size = byteLength(text);
    if (name && name[1] === 'authToken' && size > 0) ranges.push([bytes, bytes + size]);
    rebuilt += text;
    bytes += size;
  }
  if (rebuilt === canonical) return ranges;
  return secrets().flatMap((s) => occurrences(canonical, s));
}

function tokenView(token, label) {
  const shown = secretsShown ? token : `${'•'.repeat(Math.min(token.length, 16))} (${token.length} characters, hidden)`;
  return h('div', { class: 'token' },
    h('span', { class: 'token-label', text: label }),
    h('code', { class: `token-value${secretsShown ? '' : ' is-masked'}`, text: shown }),
    copyButton('Copy token', () => token));
}

async function compute() {
  showProblem(byId('lab-error'), null);
  if (!catalog) { await loadCatalog(); if (!catalog) return; }
  if (selected.length === 0) {
    showProblem(byId('lab-error'), { title: 'Choose a profile', detail: 'Tick one or several encoder profiles to compare.' });
    return;
  }
  const request = common();
  const bodyText = byId('body-text').value;
  if (bodyText !== '') request.bodyText = bodyText;
  const button = byId('compute');
  button.disabled = true;
  try {
    const outcomes = await Promise.all(selected.map((profile) => postJson('/v1/canonical', { ...request, profile })
      .then((response) => ({ profile, response }), (error) => ({ profile, error }))));
    // A problem common to every profile (a missing customerId) is the form's problem, shown once.
    if (outcomes.every((o) => o.error && o.error.status === 400)) {
      lastCompute = null;
      showProblem(byId('lab-error'), outcomes[0].error);
      replaceChildren(byId('lab-results'));
      return;
    }
    lastCompute = { request, outcomes };
    renderResults();
  } finally {
    button.disabled = false;
  }
}

function renderResults() {
  const slot = byId('lab-results');
  if (!lastCompute) { replaceChildren(slot); return; }
  const { request, outcomes } = lastCompute;
  const ok = outcomes.filter((o) => o.response);
  const listed = new Map(ok.map((o) => [o.profile, units(o.response.canonicalString)]));
  const baseline = ok[0];
  const changed = new Map();
  const firsts = new Map();
  if (baseline) {
    const base = listed.get(baseline.profile);
    const union = new Uint8Array(base.length);
    for (const o of ok.slice(1)) {
      const { changedA, changedB } = diffUnits(base, listed.get(o.profile));
      changedA.forEach((c, i) => { if (c) union[i] = 1; });
      changed.set(o.profile, changedB);
      firsts.set(o.profile, firstDifference(baseline.response.canonicalString, o.response.canonicalString));
    }
    changed.set(baseline.profile, union);
  }
  const cards = outcomes.map((o) => {
    const profile = catalog.profiles.find((p) => p.id === o.profile);
    const head = h('header', {},
      h('h3', { text: o.profile }),
      h('span', { class: 'language', text: profile ? profile.language : '' }),
      profile ? h('code', { class: 'snippet', text: profile.snippet }) : null);
    if (o.error) {
      const slotEl = h('div', { class: 'problem-slot' });
      showProblem(slotEl, o.error);
      return h('article', { class: 'card failed', dataset: { profile: o.profile } }, head, slotEl);
    }
    const r = o.response;
    const first = firsts.has(o.profile) ? firsts.get(o.profile) : -1;
    const relation = o === baseline ? h('span', { class: 'badge', text: 'baseline' })
      : first < 0 ? h('span', { class: 'badge same', text: 'same bytes as the baseline' })
        : h('span', { class: 'badge differs', text: `first difference at byte ${first}` });
    const facts = h('p', { class: 'facts' }, relation, ' ',
      `${byteLength(r.canonicalString)} bytes · query: ${r.queryEncoding || 'none'}`);
    const text = h('pre', { class: 'canonical mono', attrs: { 'aria-label': `canonical string of ${o.profile}` } });
    text.append(render(listed.get(o.profile), {
      changed: changed.get(o.profile),
      masked: secretRanges(r.canonicalString, request, r.encodedBody, r.encodedQuery),
      mark: o === baseline ? -1 : first,
    }));
    return h('article', { class: 'card', dataset: { profile: o.profile } }, head, facts, text,
      tokenView(r.token, `${r.algorithm} ${r.encoding}`),
      r.canonicalStringBase64 ? h('p', { class: 'hint', text: 'The body is not well-formed UTF-8: the exact bytes are in canonicalStringBase64.' }) : null);
  });
  const legend = h('p', { class: 'legend' },
    h('span', { class: 'ws', text: '·' }), ' space ', h('span', { class: 'ws', text: '→' }), ' tab ',
    h('span', { class: 'ws', text: '↵' }), ' newline ', h('span', { class: 'nonascii', text: 'é' }), ' non-ASCII ',
    h('span', { class: 'esc', text: '\\u00e9' }), ' escape ', h('span', { class: 'diff', text: 'x' }), ' differs from the other profiles ',
    h('span', { class: 'first', text: 'x' }), ' first difference ', h('span', { class: 'masked', text: '•••' }), ' hidden secret');
  replaceChildren(slot, legend, h('div', { class: 'cards' }, cards));
}

async function diagnose() {
  showProblem(byId('diagnose-error'), null);
  const request = { ...common(), sentBody: byId('sent-body').value };
  if (byId('sent-token').value) request.sentToken = byId('sent-token').value.trim();
  const expected = byId('expected-profile').value;
  if (expected) request.expectedProfile = expected;
  const button = byId('diagnose');
  button.disabled = true;
  try {
    const diagnosis = await postJson('/v1/diagnoses', request);
    let sides = null;
    if (diagnosis.divergence) sides = await bothSides(request, expected).catch(() => null);
    lastDiagnosis = { request, diagnosis, sides };
    renderDiagnosis();
  } catch (e) {
    lastDiagnosis = null;
    replaceChildren(byId('diagnosis'));
    showProblem(byId('diagnose-error'), e);
  } finally {
    button.disabled = false;
  }
}

/** The two whole canonical strings the divergence is about: the server's profile and the sent bytes. */
async function bothSides(request, expected) {
  const base = { credentials: request.credentials, scheme: request.scheme, query: request.query, bodyText: request.sentBody };
  const server = await postJson('/v1/canonical', { ...base, profile: expected });
  const scheme = { ...request.scheme, queryEncoding: request.scheme.queryEncoding || server.queryEncoding };
  const sent = await postJson('/v1/canonical', { ...base, scheme, profile: 'raw' });
  return { server, sent };
}

function renderDiagnosis() {
  const slot = byId('diagnosis');
  if (!lastDiagnosis) { replaceChildren(slot); return; }
  const { request, diagnosis: d, sides } = lastDiagnosis;
  const chips = (ids) => h('span', { class: 'chips' }, ids.map((id) => h('span', { class: 'chip', text: id })));
  const fingerprint = d.bodyProfiles && d.bodyProfiles.length
    ? h('div', { class: 'fact', id: 'fingerprint' }, h('h3', { text: 'Written by' }), chips(d.bodyProfiles))
    : h('div', { class: 'fact', id: 'fingerprint' }, h('h3', { text: 'Written by' }), h('p', { text: d.bodyNote || 'no known profile' }));
  let tokens = null;
  if (request.sentToken) {
    const matches = (d.tokenMatches || []).map((m) => `${m.profile} · ${m.algorithm} ${m.encoding}${m.queryEncoding ? ` · ${m.queryEncoding}` : ''}`);
    tokens = h('div', { class: 'fact', id: 'token-matches' }, h('h3', { text: 'Token matches' }),
      matches.length ? chips(matches) : h('p', { text: 'No profile\'s token equals the sent token.' }),
      h('p', { class: 'hint', text: d.rawBodyMatches ? 'Signing the sent bytes as they are gives the sent token.'
        : 'Signing the sent bytes as they are does not give the sent token.' }));
  }
  let divergence = null;
  if (d.divergence) {
    const v = d.divergence;
    const whole = sides && firstDifference(sides.server.canonicalString, sides.sent.canonicalString) === v.offset;
    const expectedText = whole ? sides.server.canonicalString : v.context.expected;
    const sentText = whole ? sides.sent.canonicalString : v.context.actual;
    const a = units(expectedText);
    const b = units(sentText);
    const { changedA, changedB } = diffUnits(a, b);
    // The context is the same window of both strings, so within it they part where they first differ.
    const mark = whole ? v.offset : firstDifference(expectedText, sentText);
    // A context window cannot be rebuilt from the template: secretRanges then masks every occurrence.
    const side = (label, text, list, changedSet, id, response) => h('div', { class: 'side' }, h('h4', { text: label }),
      h('pre', { class: 'canonical mono', id }, render(list, { changed: changedSet, mark,
        masked: secretRanges(text, request, response && response.encodedBody, response && response.encodedQuery) })));
    divergence = h('div', { class: 'fact wide', id: 'divergence' },
      h('h3', {}, 'First difference at byte ', h('span', { id: 'divergence-offset', text: String(v.offset) })),
      h('p', { class: 'explanation', text: v.explanation }),
      h('div', { class: 'sides' },
        side(`The server's string (${d.expectedProfile})`, expectedText, a, changedA, 'expected-side', whole && sides.server),
        side('The string built with the sent bytes', sentText, b, changedB, 'sent-side', whole && sides.sent)),
      whole ? null : h('p', { class: 'hint', text: 'Showing the bytes around the difference.' }));
  } else if (d.expectedError) {
    divergence = h('div', { class: 'fact wide' }, h('h3', { text: `The server's profile (${d.expectedProfile})` }), h('p', { text: d.expectedError }));
  }
  replaceChildren(slot, h('div', { class: 'diagnosis' },
    h('p', { class: 'verdict', id: 'verdict', text: d.verdict }),
    h('div', { class: 'facts-grid' }, fingerprint, tokens, divergence)));
}

function toggleSecrets() {
  secretsShown = !secretsShown;
  const button = byId('toggle-secrets');
  button.setAttribute('aria-pressed', String(secretsShown));
  button.textContent = secretsShown ? 'Hide secrets' : 'Show secrets';
  for (const id of ['auth-token', 'secret', 'sent-token']) byId(id).type = secretsShown ? 'text' : 'password';
  renderResults();
  renderDiagnosis();
}
