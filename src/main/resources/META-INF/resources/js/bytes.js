// Canonical strings as bytes: where each character sits in the UTF-8 encoding, which characters
// differ between two strings, and how to draw them so that spaces, tabs, newlines and non-ASCII are
// visible. Offsets are UTF-8 byte offsets, the unit the API's divergence.offset uses.

const encoder = new TextEncoder();

/** The code points of `text`, each with its UTF-8 byte offset and size. */
export function units(text) {
  const out = [];
  let offset = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    out.push({ ch, cp, offset, size });
    offset += size;
  }
  return out;
}

export function byteLength(text) {
  return encoder.encode(text).length;
}

/** UTF-8 byte offset of the first difference of two strings, or -1 when they are equal. */
export function firstDifference(a, b) {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return i;
  return x.length === y.length ? -1 : n;
}

/**
 * Marks the code points of `a` and `b` that are not part of a longest common subsequence (Myers'
 * O((N+M)D) diff after trimming the common prefix and suffix). Past `maxEdits` differences the
 * strings have little in common, and everything between prefix and suffix is marked instead.
 */
export function diffUnits(a, b, maxEdits = 2000) {
  const changedA = new Uint8Array(a.length);
  const changedB = new Uint8Array(b.length);
  let start = 0;
  while (start < a.length && start < b.length && a[start].ch === b[start].ch) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1].ch === b[endB - 1].ch) { endA--; endB--; }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) {
    changedA.fill(1, start, endA);
    changedB.fill(1, start, endB);
    return { changedA, changedB };
  }
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    // Round d reads only diagonals -d-1..d+1 of the previous round: keep just those (O(D^2) memory).
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[start + x].ch === b[start + y].ch) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
  }
  if (!found) {
    changedA.fill(1, start, endA);
    changedB.fill(1, start, endB);
    return { changedA, changedB };
  }
  // Walk the trace back from (n, m), marking the deletions from a and insertions into b.
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d];
    const at = (diagonal) => vd[diagonal + d + 1];
    const k = x - y;
    const prevK = (k === -d || (k !== d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; }
    if (x === prevX) changedB[start + prevY] = 1; else changedA[start + prevX] = 1;
    x = prevX;
    y = prevY;
  }
  return { changedA, changedB };
}

function hex2(n) {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

function describe(u) {
  const bytes = Array.from(encoder.encode(u.ch), hex2).join(' ');
  return `byte ${u.offset}: U+${u.cp.toString(16).toUpperCase().padStart(4, '0')}, ${u.size} byte${u.size > 1 ? 's' : ''} (${bytes})`;
}

const VISIBLE = { 0x20: ['·', 'ws', 'space'], 0x09: ['→', 'ws', 'tab'], 0x0a: ['↵', 'ws', 'newline'], 0x0d: ['␍', 'ws', 'carriage return'] };

/** Indices of code points that start a JSON \uXXXX escape, so that they can be marked. */
function escapeStarts(list) {
  const starts = new Set();
  for (let i = 0; i + 5 < list.length; i++) {
    if (list[i].ch !== '\\') continue;
    if (list[i + 1].ch === 'u' && /^[0-9a-fA-F]{4}$/.test(list.slice(i + 2, i + 6).map((u) => u.ch).join(''))) starts.add(i);
    i++; // the escaped character is never itself the start of an escape
  }
  return starts;
}

/**
 * Draws a string with its invisible bytes made visible. Options: `changed` (Uint8Array of code
 * points to highlight), `masked` (list of [fromByte, toByte) ranges drawn as dots, for secrets),
 * `mark` (a byte offset drawn as the first divergence).
 */
export function render(list, { changed = null, masked = [], mark = -1 } = {}) {
  const fragment = document.createDocumentFragment();
  const escapes = escapeStarts(list);
  let plain = '';
  const flush = () => { if (plain) { fragment.append(plain); plain = ''; } };
  let escapeLeft = 0;
  for (let i = 0; i < list.length; i++) {
    const u = list[i];
    const isMasked = masked.some(([from, to]) => u.offset >= from && u.offset < to);
    const classes = [];
    let text = u.ch;
    let title = null;
    if (isMasked) {
      classes.push('masked');
      text = '•';
      title = 'hidden: use Show secrets';
    } else if (VISIBLE[u.cp]) {
      const [glyph, cls, name] = VISIBLE[u.cp];
      classes.push(cls);
      text = glyph;
      title = `${name}, ${describe(u)}`;
    } else if (u.cp < 0x20 || u.cp === 0x7f) {
      classes.push('ctl');
      text = `\\x${hex2(u.cp)}`;
      title = `control character, ${describe(u)}`;
    } else if (u.cp > 0x7f) {
      classes.push('nonascii');
      title = describe(u);
    }
    if (escapes.has(i)) escapeLeft = 6;
    if (escapeLeft > 0 && !isMasked) { classes.push('esc'); escapeLeft--; if (!title) title = `JSON escape, ${describe(u)}`; }
    if (changed && changed[i]) classes.push('diff');
    if (mark >= 0 && u.offset <= mark && mark < u.offset + u.size) classes.push('first');
    if (classes.length === 0) { plain += text; continue; }
    flush();
    const span = document.createElement('span');
    span.className = classes.join(' ');
    span.textContent = text;
    if (title) span.title = title;
    span.dataset.offset = u.offset;
    fragment.append(span);
    if (u.cp === 0x0a && !isMasked) fragment.append(document.createElement('br'));
  }
  flush();
  if (mark >= 0 && list.length > 0 && mark >= list[list.length - 1].offset + list[list.length - 1].size) {
    // The divergence is past the end of this string: the other side has more bytes.
    fragment.append(Object.assign(document.createElement('span'), { className: 'first end', textContent: '∅', title: `ends at byte ${mark}` }));
  }
  return fragment;
}

/** Byte ranges of every occurrence of `secret` in `text` (for masking where the layout is unknown). */
export function occurrences(text, secret) {
  const ranges = [];
  if (!secret) return ranges;
  let from = 0;
  for (;;) {
    const at = text.indexOf(secret, from);
    if (at < 0) break;
    const start = byteLength(text.slice(0, at));
    ranges.push([start, start + byteLength(secret)]);
    from = at + secret.length;
  }
  return ranges;
}
