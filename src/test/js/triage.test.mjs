// The triage's arithmetic and wording, checked in Node (run by DashboardScriptsTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  count, percentOf, formatPercent, nextSort, sortRows, ariaSort, DEFAULT_SORT, dominatorsPath, remainder, moreLabel,
  nodeFacts, heapTotalsText, triageOptionsText, targetsText, suspectEnd, suspectText, phaseText,
} from '../../main/resources/META-INF/resources/js/triage.js';
import { chainText } from '../../main/resources/META-INF/resources/js/chains.js';

// The API's order: largest retained size first.
const rows = [
  { className: 'java.lang.Class', instances: 896, shallowBytes: 77048, retainedBytes: 6001352 },
  { className: 'java.util.ArrayList', instances: 15, shallowBytes: 360, retainedBytes: 5712728 },
  { className: 'byte[]', instances: 5544, shallowBytes: 3252568, retainedBytes: 3247488 },
  { className: 'a.LeakyListener', instances: 3000, shallowBytes: 48000, retainedBytes: 3168000 },
  { className: 'java.util.HashMap', instances: 15, shallowBytes: 720, retainedBytes: 2526208 },
];
const names = (list) => list.map((r) => r.className);

test('a share of the heap reads with one decimal, and a tiny one is not written as nothing', () => {
  assert.equal(formatPercent(50), '50.0%');
  assert.equal(formatPercent(percentOf(3184696, 6372328)), '50.0%');
  assert.equal(formatPercent(39.6), '39.6%');
  assert.equal(formatPercent(percentOf(40, 6372328)), '<0.1%');
  assert.equal(formatPercent(0), '0.0%');
  assert.equal(formatPercent(100), '100.0%');
  assert.equal(percentOf(5, 0), null, 'no heap, no share');
  assert.equal(formatPercent(null), '');
  assert.equal(count(1234567), '1,234,567');
  assert.equal(count(undefined), '0');
});

test('the histogram keeps the API order by default and sorts by any column', () => {
  assert.deepEqual(sortRows(rows), rows, 'retained size, largest first, is the default');
  assert.deepEqual(sortRows(rows, DEFAULT_SORT), rows);
  const byInstances = sortRows(rows, nextSort(DEFAULT_SORT, 'instances'));
  assert.deepEqual(byInstances.map((r) => r.instances), [5544, 3000, 896, 15, 15]);
  assert.deepEqual(names(byInstances).slice(3), ['java.util.ArrayList', 'java.util.HashMap'], 'a tie keeps the API order');
  assert.deepEqual(sortRows(rows, { key: 'shallowBytes', descending: false }).map((r) => r.shallowBytes),
    [360, 720, 48000, 77048, 3252568]);
  assert.deepEqual(names(sortRows(rows, nextSort(DEFAULT_SORT, 'className'))),
    ['a.LeakyListener', 'byte[]', 'java.lang.Class', 'java.util.ArrayList', 'java.util.HashMap']);
  assert.deepEqual(rows.map((r) => r.retainedBytes), [6001352, 5712728, 3247488, 3168000, 2526208], 'the input is left alone');
});

test('a click on the sorted column turns it around; another column starts from its natural order', () => {
  assert.deepEqual(nextSort(DEFAULT_SORT, 'retainedBytes'), { key: 'retainedBytes', descending: false });
  assert.deepEqual(nextSort({ key: 'retainedBytes', descending: false }, 'retainedBytes'), { key: 'retainedBytes', descending: true });
  assert.deepEqual(nextSort(DEFAULT_SORT, 'instances'), { key: 'instances', descending: true }, 'numbers: largest first');
  assert.deepEqual(nextSort(DEFAULT_SORT, 'className'), { key: 'className', descending: false }, 'names: A to Z');
  assert.throws(() => nextSort(DEFAULT_SORT, 'nope'));
  assert.equal(ariaSort(DEFAULT_SORT, 'retainedBytes'), 'descending');
  assert.equal(ariaSort({ key: 'className', descending: false }, 'className'), 'ascending');
  assert.equal(ariaSort(DEFAULT_SORT, 'instances'), 'none');
});

test('the dominator tree is paged through the browse endpoint, its parts encoded', () => {
  assert.equal(dominatorsPath('adc11db9-4c68', 'root'), '/v1/jobs/adc11db9-4c68/dominators?parent=root&limit=50&offset=0');
  assert.equal(dominatorsPath('j', '0x64784aca8', 50), '/v1/jobs/j/dominators?parent=0x64784aca8&limit=50&offset=50');
  assert.equal(dominatorsPath('a/b', 'x&y=1', 0, 10), '/v1/jobs/a%2Fb/dominators?parent=x%26y%3D1&limit=10&offset=0');
});

test('what is left below a node: more to load, and what the job did not keep', () => {
  // The root of a real dump: 3,038 top-level dominators, the largest 1,000 kept.
  assert.deepEqual(remainder({ total: 3038, listed: 1000 }, 50), { nextOffset: 50, more: 950, notKept: 2038 });
  assert.deepEqual(remainder({ total: 3038, listed: 1000 }, 1000), { nextOffset: 1000, more: 0, notKept: 2038 });
  assert.deepEqual(remainder({ total: 15, listed: 15 }, 15), { nextOffset: 15, more: 0, notKept: 0 });
  assert.deepEqual(remainder({ total: 120 }, 50), { nextOffset: 50, more: 70, notKept: 0 }, 'without listed, all were kept');
  assert.equal(moreLabel(950), 'Show 50 more (of 950)');
  assert.equal(moreLabel(20), 'Show 20 more');
});

test('a node says its size, its objects and its share of what is reachable', () => {
  const node = { id: '0x64784aca8', type: 'jdk.internal.loader.ClassLoaders$AppClassLoader', retainedBytes: 5720208, retainedObjects: 12146 };
  assert.equal(nodeFacts(node, 6372328), '5.5 MB · 12,146 objects · 89.8% of reachable');
  assert.equal(nodeFacts({ retainedBytes: 16, retainedObjects: 1 }, 6372328), '16 B · 1 object · <0.1% of reachable');
  assert.equal(nodeFacts({ retainedBytes: 16, retainedObjects: 1 }, 0), '16 B · 1 object');
});

test('the heap totals, the triage options and a job without targets read as sentences', () => {
  assert.equal(heapTotalsText({ objects: 27637, shallowBytes: 6393400, reachableObjects: 27158, reachableBytes: 6372328 }),
    '27,637 objects · 6.1 MB in the dump; 27,158 objects · 6.1 MB reachable from the GC roots');
  assert.equal(heapTotalsText(undefined), '');
  assert.equal(triageOptionsText({ histogramLimit: 20, suspectThreshold: 12.5 }), 'suspects from 12.5% of the reachable heap · 20 histogram rows');
  assert.equal(triageOptionsText({}), 'suspects from 10% of the reachable heap · 50 histogram rows', 'a job from before: the defaults');
  assert.equal(targetsText({ maxChains: 10 }), 'none: triage of the whole heap');
  assert.equal(targetsText({ className: ['a.B'], objectId: ['0x10'] }), 'a.B, 0x10');
});

test('a running job names its phase, dominating included', () => {
  assert.equal(phaseText({ phase: 'dominating', percent: 42 }), 'Dominating (retained sizes): 42%');
  assert.equal(phaseText({ phase: 'indexing', percent: 7 }), 'Indexing: 7%');
  assert.equal(phaseText({ phase: 'something-new', percent: 1 }), 'Something-new: 1%');
  assert.equal(phaseText(null), 'Running: 0%');
});

const suspect = {
  fingerprint: '878b4e30916c515f12e024bd2ae047c3',
  title: '3,000 instances of a.LeakyListener (50.0% of the heap) held by one java.util.ArrayList, reached from static a.Bus.LISTENERS',
  retainedBytes: 3184696,
  retainedObjects: 6002,
  retainedPercent: 50.0,
  holder: { id: '0x20', type: 'java.util.ArrayList', retainedBytes: 3184696, retainedObjects: 6002 },
  accumulation: { id: '0x30', type: 'java.lang.Object[]', retainedBytes: 3184672, retainedObjects: 6001 },
  chain: {
    root: { kind: 'STICKY_CLASS', description: 'class a.Bus' },
    length: 3,
    path: [
      { id: '0x10', type: 'java.lang.Class', name: 'a.Bus', edge: 'static LISTENERS' },
      { id: '0x20', type: 'java.util.ArrayList', edge: 'elementData' },
      { id: '0x30', type: 'java.lang.Object[]' },
    ],
  },
  contents: [{ className: 'a.LeakyListener', instances: 3000, retainedBytes: 3168000 }],
};

test('a suspect as text reads like a leak report, its chain ending at the accumulation point', () => {
  assert.equal(suspectText(suspect), [
    `Suspect: ${suspect.title}`,
    'Retained: 3.0 MB (50.0% of the reachable heap), 6,002 objects',
    'Holder: java.util.ArrayList  0x20',
    'Accumulation point: java.lang.Object[]  0x30',
    'GC root: STICKY_CLASS (class a.Bus)',
    '├─ java.lang.Class a.Bus  0x10',
    '│    ↓ static LISTENERS',
    '├─ java.util.ArrayList  0x20',
    '│    ↓ elementData',
    '╰→ java.lang.Object[]  0x30  ← accumulation point',
    '(3 objects from root to accumulation point)',
    'Contents:',
    '  3,000 × a.LeakyListener  3.0 MB',
    'Fingerprint: 878b4e30916c515f12e024bd2ae047c3',
  ].join('\n'));
  assert.equal(suspectEnd(suspect), 'accumulation point');
});

test('a class suspect has no holder: its chain ends at its largest instance', () => {
  const many = { ...suspect, holder: undefined, accumulation: undefined, contents: [] };
  assert.equal(suspectEnd(many), 'largest instance');
  const text = suspectText(many);
  assert.ok(!text.includes('Holder:') && !text.includes('Contents:'), text);
  assert.ok(text.includes('╰→ java.lang.Object[]  0x30  ← largest instance'), text);
});

test('a target\'s chain text is as before', () => {
  assert.ok(chainText(suspect.chain, { className: 'x' }).endsWith('0x30  ← target\n(3 objects from root to target)'));
});
