import { CodeUnitTrie } from './codeUnitTrie';

/**
 * Phrases as a trie over UTF-16 code units (CodeUnitTrie), to find which of them a text contains in
 * one walk from each of its positions: section cues are a few hundred, and detectSection asked
 * `includes` of each of them on every text of every question.
 */
export class PhraseFinder {
  private readonly trie = new CodeUnitTrie();
  /** Node → the number (place in the list given) of the phrase ending there, or −1. */
  private readonly phraseAt: Int32Array;

  /** Phrases of one code unit or more (an empty one is never found). */
  constructor(phrases: readonly string[]) {
    const ends = phrases.map((phrase) => this.trie.insert(phrase));
    this.phraseAt = new Int32Array(this.trie.size).fill(-1);
    // The root stands for no phrase; of a phrase given twice, the first place counts.
    for (let number = phrases.length - 1; number >= 0; number--) if (ends[number] > 0) this.phraseAt[ends[number]] = number;
  }

  /**
   * Phrase number → where its last occurrence in `text` ends (text.lastIndexOf(phrase) + phrase.length),
   * for the phrases `text` contains.
   */
  lastEnds(text: string): Map<number, number> {
    const ends = new Map<number, number>();
    // Later starts come later: an occurrence found now ends after any found before with the same phrase.
    this.trie.forEachIn(text, this.phraseAt, (phrase, end) => ends.set(phrase, end));
    return ends;
  }
}
