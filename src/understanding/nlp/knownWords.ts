/** The words an index knows: entry terms and lexicon words. */
export interface KnownWords {
  isKnown(word: string): boolean;
  isStopWord(word: string): boolean;
  /** Words of the lexicon (dictionary and synonym terms): the only one-character words trusted when splitting. */
  isLexiconWord(word: string): boolean;
  /** Length of the longest known word, in UTF-16 units. */
  readonly longestWord: number;
}
