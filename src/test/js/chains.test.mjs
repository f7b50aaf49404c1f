// "Copy as text" of a chain, checked in Node (run by DashboardScriptsTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainText, classesLine, describeQuery, groupText, gapIndex, stepLabel } from '../../main/resources/META-INF/resources/js/chains.js';

const chain = {
  root: { kind: 'STICKY_CLASS', description: 'class com.example.Registry' },
  length: 3,
  omittedSteps: 0,
  path: [
    { id: '0x10', type: 'java.lang.Class', name: 'com.example.Registry', edge: 'static ROOMS' },
    { id: '0x20', type: 'java.util.HashMap', edge: 'table' },
    { id: '0x30', type: 'com.example.Room' },
  ],
};

test('a chain reads from the root down to the target', () => {
  assert.equal(chainText(chain, { className: 'com.example.Room' }), [
    'Target: instances of com.example.Room',
    'GC root: STICKY_CLASS (class com.example.Registry)',
    '├─ java.lang.Class com.example.Registry  0x10',
    '│    ↓ static ROOMS',
    '├─ java.util.HashMap  0x20',
    '│    ↓ table',
    '╰→ com.example.Room  0x30  ← target',
    '(3 objects from root to target)',
  ].join('\n'));
});

test('a thread is named in quotes, a class without', () => {
  assert.equal(stepLabel({ type: 'java.lang.Thread', name: 'worker-1' }), 'java.lang.Thread "worker-1"');
  assert.equal(stepLabel({ type: 'java.lang.Class', name: 'a.B' }), 'java.lang.Class a.B');
});

test('a long chain says how many objects it leaves out, where it leaves them out', () => {
  const path = Array.from({ length: 200 }, (_, i) => ({ id: `0x${i}`, type: 'Link', edge: 'next' }));
  const long = { root: { kind: 'JNI_GLOBAL' }, length: 1200, omittedSteps: 1000, path };
  assert.equal(gapIndex(long), 100);
  const lines = chainText(long).split('\n');
  assert.equal(lines[1 + 2 * 100], '    … 1000 objects omitted …');
  assert.equal(gapIndex(chain), -1);
});

test('a group is its path shape on one line', () => {
  assert.equal(groupText({ path: ['A static X', 'B[] [*]', 'C'], count: 3 }), 'A static X → B[] [*] → C');
});

test('a class-name target says which classes it was read as, and offers near names on a miss', () => {
  assert.equal(classesLine({ query: { className: 'Room' }, matched: 5, classes: ['com.example.Room'], classCount: 1 }),
    'Read as com.example.Room');
  assert.equal(classesLine({ query: { className: 'com.example.Room' }, matched: 5, classes: ['com.example.Room'] }), null);
  assert.equal(classesLine({ query: { className: 'Thread', subclasses: 'true' }, matched: 9,
    classes: ['a.Worker', 'java.lang.Thread'], classCount: 60 }), 'Read as a.Worker, java.lang.Thread and 58 more');
  assert.equal(classesLine({ query: { className: 'Rooom' }, matched: 0, classes: [], similarClasses: ['a.Room', 'a.Rooms'] }),
    'Did you mean: a.Room, a.Rooms');
  assert.equal(classesLine({ query: { objectId: '0x10' }, matched: 1 }), null);
  assert.equal(describeQuery({ className: 'java.lang.Thread', subclasses: 'true' }), 'instances of java.lang.Thread and its subclasses');
});
