/** Code units per trie node: a child's key is its parent's number × this + the code unit. */
const CODE_UNITS = 0x10000;

/**
 * Words as a trie over UTF-16 code units, flattened into one map of numbers, so that finding the
 * words a text has at a position walks its characters without slicing or hashing strings — which
 * the segmenter's second pass did for every token of every question (see segment.ts).
 */
export class WordTrie {
  /** Parent node × CODE_UNITS + code unit → child node; the root is node 0. */
  private readonly children = new Map<number, number>();
  /** The nodes where a word ends. */
  private readonly ends = new Set<number>();
  private nodes = 1;

  constructor(words: Iterable<string>) {
    for (const word of words) {
      let node = 0;
      for (let i = 0; i < word.length; i++) {
        const key = node * CODE_UNITS + word.charCodeAt(i);
        let child = this.children.get(key);
        if (child === undefined) this.children.set(key, (child = this.nodes++));
        node = child;
      }
      this.ends.add(node);
    }
  }

  /** The length of the longest word of at least `minLength` code units (and one at least) that `text` has at `start`; 0 if none. */
  longestAt(text: string, start: number, minLength = 1): number {
    let node = 0;
    let longest = 0;
    for (let i = start; i < text.length; i++) {
      const child = this.children.get(node * CODE_UNITS + text.charCodeAt(i));
      if (child === undefined) break;
      node = child;
      if (i + 1 - start >= minLength && this.ends.has(node)) longest = i + 1 - start;
    }
    return longest;
  }
}
