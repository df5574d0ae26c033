import { CodeUnitTrie } from '../../src/understanding/nlp/codeUnitTrie';
import { Random } from '../fuzz/random';

/** The node a text leads to from the root, or −1. */
function walk(trie: CodeUnitTrie, text: string): number {
  let node = 0;
  for (let i = 0; i < text.length && node >= 0; i++) node = trie.child(node, text.charCodeAt(i));
  return node;
}

describe('CodeUnitTrie', () => {
  it('numbers each prefix of the words once, the root 0', () => {
    const trie = new CodeUnitTrie();
    const node = trie.insert('公积金');
    expect(trie.insert('公积金')).toBe(node);
    expect(walk(trie, '公积金')).toBe(node);
    expect(walk(trie, '')).toBe(0);
    expect(trie.insert('公积')).toBe(walk(trie, '公积'));
    expect(trie.size).toBe(4);
  });

  it('finds every occurrence of the words with a value, by start then end, passing over nodes without one', () => {
    const trie = new CodeUnitTrie();
    const values = new Int32Array(16).fill(-1);
    values[trie.insert('公积金')] = 0;
    values[trie.insert('积金')] = 1;
    trie.insert('公积'); // a prefix without a value
    values[trie.insert('金')] = 2;
    const found: [number, number][] = [];
    trie.forEachIn('公积金和公积金', values, (value, end) => found.push([value, end]));
    expect(found).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [0, 7],
      [1, 7],
      [2, 7],
    ]);
  });

  it('has no child where no word continues', () => {
    const trie = new CodeUnitTrie();
    trie.insert('提取');
    expect(trie.child(0, '取'.charCodeAt(0))).toBe(-1);
    expect(walk(trie, '提取款')).toBe(-1);
  });

  it('finds exactly the prefixes of the words, however many transitions it grows to hold', () => {
    const random = new Random(7);
    // Few distinct code units (including 0 and 0xffff) make long shared prefixes and many collisions.
    const units = [0, 1, 0x4e00, 0x4e01, 0x9fff, 0xd840, 0xdc00, 0xffff];
    const words = Array.from({ length: 3000 }, () =>
      String.fromCharCode(...Array.from({ length: random.int(1, 8) }, () => random.pick(units))),
    );
    const trie = new CodeUnitTrie();
    const nodeOf = new Map<string, number>();
    for (const word of words) {
      const node = trie.insert(word);
      expect(nodeOf.get(word) ?? node).toBe(node);
      nodeOf.set(word, node);
    }
    const prefixes = new Set(words.flatMap((word) => Array.from({ length: word.length + 1 }, (_, end) => word.slice(0, end))));
    expect(trie.size).toBe(prefixes.size);
    const seen = new Set<number>();
    for (const prefix of prefixes) {
      const node = walk(trie, prefix);
      expect(node).toBeGreaterThanOrEqual(0);
      expect(seen.has(node)).toBe(false);
      seen.add(node);
    }
    for (const [word, node] of nodeOf) expect(walk(trie, word)).toBe(node);
    for (let i = 0; i < 2000; i++) {
      const text = String.fromCharCode(...Array.from({ length: random.int(1, 6) }, () => random.pick(units)));
      expect(walk(trie, text) >= 0).toBe(prefixes.has(text));
    }
  });
});
