// The dashboard's byte arithmetic, checked in Node (run by DashboardScriptsTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { units, diffUnits, firstDifference, occurrences, byteLength } from '../../main/resources/META-INF/resources/js/bytes.js';

function lcsLength(a, b) {
  const row = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}

function random(seed) {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

test('byte offsets follow UTF-8: 1, 2, 3 and 4 bytes', () => {
  const list = units('a\u00e9\u20ac\u{1F600}b');
  assert.deepEqual(list.map((u) => [u.ch, u.offset, u.size]),
    [['a', 0, 1], ['\u00e9', 1, 2], ['\u20ac', 3, 3], ['\u{1F600}', 6, 4], ['b', 10, 1]]);
  assert.equal(byteLength('a\u00e9\u20ac\u{1F600}b'), 11);
});

test('the first difference is a UTF-8 byte offset', () => {
  assert.equal(firstDifference('1234tok-abc{"url": "x"}', '1234tok-abc{"url":"x"}'), 18);
  assert.equal(firstDifference('\u00e9a', '\u00e9b'), 2);
  assert.equal(firstDifference('\u00e9', '\u00e8'), 1, 'the second byte of the two differs');
  assert.equal(firstDifference('same', 'same'), -1);
  assert.equal(firstDifference('ab', 'abc'), 2);
});

test('the diff marks exactly what a longest common subsequence leaves out', () => {
  const next = random(42);
  const alphabet = ['a', 'b', ' ', '"', ':', '\u00e9', '\u{1F600}'];
  for (let n = 0; n < 2000; n++) {
    const word = () => Array.from({ length: Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const a = units(word());
    const b = units(word());
    const { changedA, changedB } = diffUnits(a, b);
    const keptA = a.filter((u, i) => !changedA[i]).map((u) => u.ch);
    const keptB = b.filter((u, i) => !changedB[i]).map((u) => u.ch);
    assert.deepEqual(keptA, keptB, 'what is kept is common to both');
    assert.equal(keptA.length, lcsLength(a.map((u) => u.ch), b.map((u) => u.ch)), 'and as long as it can be');
  }
});

test('python separators against compact ones differ by the spaces only', () => {
  const a = units('{"a": 1, "b": [1, 2]}');
  const b = units('{"a":1,"b":[1,2]}');
  const { changedA, changedB } = diffUnits(a, b);
  assert.deepEqual(a.filter((u, i) => changedA[i]).map((u) => u.ch), [' ', ' ', ' ', ' ']);
  assert.equal(changedB.reduce((x, y) => x + y, 0), 0);
});

test('past the edit budget everything between common prefix and suffix is marked', () => {
  const a = units(`<${'x'.repeat(50)}>`);
  const b = units(`<${'y'.repeat(50)}>`);
  const { changedA, changedB } = diffUnits(a, b, 10);
  assert.equal(changedA.reduce((x, y) => x + y, 0), 50);
  assert.equal(changedB[0] + changedB[51], 0, 'the common ends stay unmarked');
});

test('secret occurrences are byte ranges', () => {
  assert.deepEqual(occurrences('\u00e9tok-tok', 'tok'), [[2, 5], [6, 9]]);
  assert.deepEqual(occurrences('abc', ''), []);
});
