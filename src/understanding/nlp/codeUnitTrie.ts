/** Transitions a table starts with room for; it doubles when half full. */
const INITIAL_CAPACITY = 1024;

/**
 * The nodes of a trie over UTF-16 code units, numbered from the root (0), with every transition
 * (node, code unit) → child in one open-addressing hash table of typed arrays: walking a text costs
 * a few array reads per character, with no string sliced or hashed and no map per node. What a
 * node stands for (a word's end, a term) is kept by the caller, by node number.
 */
export class CodeUnitTrie {
  private parents = new Int32Array(INITIAL_CAPACITY).fill(-1);
  private codes = new Uint16Array(INITIAL_CAPACITY);
  private children = new Int32Array(INITIAL_CAPACITY);
  private transitions = 0;
  /** How many nodes there are, the root included. */
  size = 1;

  /** The node `word` leads to from the root, added (with its prefixes) when missing. */
  insert(word: string): number {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      let child = this.child(node, code);
      if (child < 0) {
        if (2 * (this.transitions + 1) > this.parents.length) this.grow();
        child = this.size++;
        this.place(node, code, child);
        this.transitions++;
      }
      node = child;
    }
    return node;
  }

  /** The child of `node` by code unit `code`, or −1. */
  child(node: number, code: number): number {
    const mask = this.parents.length - 1;
    for (let at = slotOf(node, code, mask); ; at = (at + 1) & mask) {
      const parent = this.parents[at];
      if (parent === -1) return -1;
      if (parent === node && this.codes[at] === code) return this.children[at];
    }
  }

  /**
   * Calls `found(value, end)` for every occurrence in `text` of a word whose node has a value
   * (`values[node]` ≥ 0), by where it starts, then where it ends: one walk from each position of the text.
   */
  forEachIn(text: string, values: ArrayLike<number>, found: (value: number, end: number) => void): void {
    for (let start = 0; start < text.length; start++) {
      let node = 0;
      for (let i = start; i < text.length; i++) {
        node = this.child(node, text.charCodeAt(i));
        if (node < 0) break;
        const value = values[node];
        if (value >= 0) found(value, i + 1);
      }
    }
  }

  private place(node: number, code: number, child: number): void {
    const mask = this.parents.length - 1;
    let at = slotOf(node, code, mask);
    while (this.parents[at] !== -1) at = (at + 1) & mask;
    this.parents[at] = node;
    this.codes[at] = code;
    this.children[at] = child;
  }

  private grow(): void {
    const { parents, codes, children } = this;
    this.parents = new Int32Array(2 * parents.length).fill(-1);
    this.codes = new Uint16Array(2 * parents.length);
    this.children = new Int32Array(2 * parents.length);
    for (let at = 0; at < parents.length; at++) if (parents[at] !== -1) this.place(parents[at], codes[at], children[at]);
  }
}

/** Where a transition's probe starts (the table's length is a power of two). */
function slotOf(node: number, code: number, mask: number): number {
  return (Math.imul(node ^ (code << 16) ^ (code >>> 3), 0x9e3779b1) >>> 7) & mask;
}
