import { CodeUnitTrie } from './codeUnitTrie';

/**
 * Words as a trie over UTF-16 code units (CodeUnitTrie), so that finding the words a text has at a
 * position walks its characters without slicing or hashing strings — which the segmenter's second
 * pass did for every token of every question (see segment.ts).
 */
export class WordTrie {
  private readonly trie = new CodeUnitTrie();
  /** The nodes where a word ends. */
  private readonly ends = new Set<number>();

  constructor(words: Iterable<string>) {
    for (const word of words) this.ends.add(this.trie.insert(word));
  }

  /** The length of the longest word of at least `minLength` code units (and one at least) that `text` has at `start`; 0 if none. */
  longestAt(text: string, start: number, minLength = 1): number {
    let node = 0;
    let longest = 0;
    for (let i = start; i < text.length; i++) {
      node = this.trie.child(node, text.charCodeAt(i));
      if (node < 0) break;
      if (i + 1 - start >= minLength && this.ends.has(node)) longest = i + 1 - start;
    }
    return longest;
  }
}
