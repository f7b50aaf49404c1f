// The growth view's text and requests, checked in Node (run by DashboardScriptsTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineCandidates, growthPath, signed, stepsText, shapeText } from '../../main/resources/META-INF/resources/js/growth.js';

const job = { id: 'c', state: 'succeeded', format: 'hprof', createdAt: '2026-01-01T10:30:00Z' };
const jobs = [
  job,
  { id: 'b', state: 'succeeded', format: 'hprof', createdAt: '2026-01-01T10:20:00Z' },
  { id: 'a', state: 'succeeded', format: 'hprof', createdAt: '2026-01-01T10:10:00Z' },
  { id: 'p', state: 'succeeded', format: 'pyheap', createdAt: '2026-01-01T10:00:00Z' },
  { id: 'q', state: 'running', format: 'hprof', createdAt: '2026-01-01T10:05:00Z' },
];

test('the baselines offered are the other succeeded jobs of the same format, oldest first', () => {
  assert.deepEqual(baselineCandidates(job, jobs).map((j) => j.id), ['a', 'b']);
});

test('the baselines are sent oldest first whatever order they were ticked in', () => {
  const candidates = baselineCandidates(job, jobs);
  assert.equal(growthPath('c', ['b', 'a'], candidates), '/v1/jobs/c/growth?baseline=a&baseline=b');
  assert.equal(growthPath('c/d', ['a'], candidates), '/v1/jobs/c%2Fd/growth?baseline=a');
});

test('changes carry their sign; steps and shapes read as arrows', () => {
  assert.equal(signed(2000), '+2,000');
  assert.equal(signed(-250), '−250');
  assert.equal(signed(0), '0');
  assert.equal(stepsText([1000, 2000, 3000]), '1,000 → 2,000 → 3,000');
  assert.equal(shapeText({ className: 'X', path: ['ROOT: r', 'A f', 'X'] }), 'ROOT: r → A f → X');
  assert.equal(shapeText({ className: 'X', path: [] }), 'X (other shapes, summed)');
});
