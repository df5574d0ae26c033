import { WordTrie } from '../../src/understanding/nlp/wordTrie';

describe('WordTrie', () => {
  const trie = new WordTrie(['公积金', '公积金提取', '提取', '取', '𠀀𠀁']);

  it('finds the longest word the text has at a position', () => {
    expect(trie.longestAt('住房公积金提取条件', 2)).toBe(5);
    expect(trie.longestAt('住房公积金提', 2)).toBe(3);
    expect(trie.longestAt('公积金提取', 3)).toBe(2);
  });

  it('finds none where no word starts, or where a word would run past the end', () => {
    expect(trie.longestAt('住房公积金', 0)).toBe(0);
    expect(trie.longestAt('公积', 0)).toBe(0);
    expect(trie.longestAt('公积金', 3)).toBe(0);
  });

  it('takes only words of at least the length asked for', () => {
    expect(trie.longestAt('取款', 0)).toBe(1);
    expect(trie.longestAt('取款', 0, 2)).toBe(0);
  });

  it('walks characters outside the basic plane as the code units they are', () => {
    expect(trie.longestAt('字𠀀𠀁', 1)).toBe(4);
  });
});
