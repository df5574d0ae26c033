// @ts-check
/** A small LCS diff for the version history: characters for text (Chinese has no spaces), items for lists. */
import { h } from './dom.js';

/**
 * @template T
 * @param {T[]} a
 * @param {T[]} b
 * @returns {{ op: 'same' | 'del' | 'ins', items: T[] }[]}
 */
export function diffSequences(a, b) {
  // Common prefix and suffix first: edits are usually small, so the table stays small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  /** @type {{ op: 'same' | 'del' | 'ins', items: T[] }[]} */
  const out = [];
  const push = (/** @type {'same' | 'del' | 'ins'} */ op, /** @type {T} */ item) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.items.push(item);
    else out.push({ op, items: [item] });
  };
  for (const x of a.slice(0, start)) push('same', x);
  if (midA.length * midB.length > 4_000_000) {
    // Too large to align: show it as replaced.
    for (const x of midA) push('del', x);
    for (const x of midB) push('ins', x);
  } else {
    const n = midA.length;
    const m = midB.length;
    const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        table[i][j] = midA[i] === midB[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push('same', midA[i]);
        i++;
        j++;
      } else if (table[i + 1][j] >= table[i][j + 1]) push('del', midA[i++]);
      else push('ins', midB[j++]);
    }
    while (i < n) push('del', midA[i++]);
    while (j < m) push('ins', midB[j++]);
  }
  for (const x of a.slice(endA)) push('same', x);
  return out;
}

/**
 * Character diffs of rewritten sentences shred into confetti: a short run of equal characters
 * between changes is folded into the change, and each changed stretch reads as one deletion
 * followed by one insertion.
 * @param {{ op: 'same' | 'del' | 'ins', items: string[] }[]} parts
 */
export function readable(parts) {
  /** @type {{ op: 'same' | 'del' | 'ins', items: string[] }[]} */
  const out = [];
  let del = [];
  let ins = [];
  const flush = () => {
    if (del.length) out.push({ op: 'del', items: del });
    if (ins.length) out.push({ op: 'ins', items: ins });
    del = [];
    ins = [];
  };
  parts.forEach((p, i) => {
    const between = i > 0 && i < parts.length - 1;
    if (p.op === 'same' && !(between && p.items.length <= 3)) {
      flush();
      out.push(p);
    } else if (p.op === 'same') {
      del.push(...p.items);
      ins.push(...p.items);
    } else if (p.op === 'del') del.push(...p.items);
    else ins.push(...p.items);
  });
  flush();
  return out;
}

/** @param {unknown} value */
const asText = (value) => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/**
 * The change of one field, marked up with <del> and <ins> (which screen readers announce too).
 * @param {unknown} before
 * @param {unknown} after
 */
export function renderChange(before, after) {
  if (Array.isArray(before) || Array.isArray(after)) {
    const parts = diffSequences(/** @type {unknown[]} */ (before ?? []).map(asText), /** @type {unknown[]} */ (after ?? []).map(asText));
    return h(
      'ul',
      { class: 'diff list' },
      parts.flatMap((p) =>
        p.items.map((item) =>
          h('li', { class: p.op }, p.op === 'del' ? h('del', null, item) : p.op === 'ins' ? h('ins', null, item) : item),
        ),
      ),
    );
  }
  const parts = readable(diffSequences([...asText(before)], [...asText(after)]));
  return h(
    'p',
    { class: 'diff text' },
    parts.map((p) => {
      const text = p.items.join('');
      if (p.op === 'del') return h('del', null, text);
      if (p.op === 'ins') return h('ins', null, text);
      return text.length > 120 ? `${text.slice(0, 50)} … ${text.slice(-50)}` : text;
    }),
  );
}
