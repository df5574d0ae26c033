import { cacheFolder } from '../../src/platform/data/derivedFile';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTypoModel, correctTypos, readAhead } from '../../src/understanding/nlp/typos';

const vocabulary = ['低保', '公积金', '社保卡', '社保', '居住证', '居住', '邮寄', '公示', '公式', '提取', '住房公积金'];
const stopWords = new Set(['有', '几', '吗', '了', '怎么', '的']);
const known = new Set([...vocabulary, ...stopWords, '丢', '办理']);
// Entries are about 暖气 and 报停 together, and 公示 and 名单.
const together = [
  ['暖气', '报停'],
  ['公示', '名单'],
];
const model = buildTypoModel(
  [...vocabulary, '暖气', '报停', '补助', '的士', '办公司'],
  {
    isKnown: (word) => known.has(word) || word === '暖气',
    isStopWord: (word) => stopWords.has(word),
    isLexiconWord: () => false,
    longestWord: 5,
  },
  (word, context) => together.some((entry) => entry.includes(word) && context.some((token) => token !== word && entry.includes(token))),
);

describe('correctTypos', () => {
  it.each([
    [
      ['低', '包', '怎么', '办理'],
      ['低保', '怎么', '办理'],
    ],
    [
      ['公', '基金', '提取'],
      ['公积金', '提取'],
    ],
    [
      ['社保', '咔', '丢', '了'],
      ['社保卡', '丢', '了'],
    ],
    [['居住', '正'], ['居住证']],
  ])('corrects pinyin-input typos: %j', (tokens, corrected) => {
    expect(correctTypos(tokens, model)).toEqual(corrected);
  });

  it('accepts fuzzy-pinyin confusions from three syllables up (jin/jing)', () => {
    expect(correctTypos(['公积', '经'], model)).toEqual(['公积金']);
  });

  it('takes a word the segmenter found whole for a typo only by its exact sound (办公室 is no 办公司)', () => {
    expect(correctTypos(['办公室', '电话'], model)).toEqual(['办公室', '电话']);
  });

  it('leaves known words alone', () => {
    expect(correctTypos(['社保', '提取'], model)).toEqual(['社保', '提取']);
  });

  it('never builds a word out of stop words alone (有 几 sounds like 邮寄)', () => {
    expect(correctTypos(['有', '几', '套房'], model)).toEqual(['有', '几', '套房']);
  });

  it('never joins a stop word to the characters beside it (的 市 sounds like 的士)', () => {
    expect(correctTypos(['纸质', '版', '的', '市', '公示'], model)).toEqual(['纸质', '版', '的', '市', '公示']);
  });

  it('does not correct when several words sound alike (公示, 公式)', () => {
    expect(correctTypos(['公', '事'], model)).toEqual(['公', '事']);
  });

  it('of several words that sound alike, corrects to the one an entry has with another word of the question', () => {
    expect(correctTypos(['名单', '公', '事'], model)).toEqual(['名单', '公示']);
    expect(correctTypos(['公', '事', '名单'], model)).toEqual(['公示', '名单']);
  });

  it('corrects to a word whose listed homophone typos sound the same: they are one meaning, not several words', () => {
    const canonical = new Map([
      ['低包', '低保'],
      ['抵保', '低保'],
    ]);
    const withTypos = buildTypoModel(
      ['低保', '低包', '抵保', '公示', '公式'],
      { isKnown: (word) => word === '低保', isStopWord: () => false, isLexiconWord: () => false, longestWord: 2 },
      () => false,
      (word) => canonical.get(word) ?? word,
    );
    expect(correctTypos(['底', '保'], withTypos)).toEqual(['低保']);
    expect(correctTypos(['公', '事'], withTypos)).toEqual(['公', '事']);
  });

  it('takes a two-character word for a typo only when an entry is about its homophone and another word of the question', () => {
    expect(correctTypos(['暖气', '报亭'], model)).toEqual(['暖气', '报停']);
    expect(correctTypos(['不住', '暖气'], model)).toEqual(['不住', '暖气']);
  });

  it('is built with the syllables of its sounds and their fuzzy forms (zheng → zen), which questions are read with', () => {
    expect(model.syllables.get('zheng')).toBe('zen');
    expect(model.syllables.get('zhu')).toBe('zu');
    expect(model.syllables.get('bao')).toBe('bao');
    expect(model.syllables.has('jing')).toBe(false);
    expect(model.longestSyllable).toBe(5);
  });

  it('does not correct unknown words that sound like nothing in the vocabulary', () => {
    expect(correctTypos(['炒股'], model)).toEqual(['炒股']);
  });
});

describe('reading words ahead', () => {
  const readingFiles = () => new Set(readdirSync(cacheFolder()!).filter((name) => name.startsWith('wenzheng-pinyin-')));
  /** A six-character word no other test reads. */
  const unseenWord = () =>
    [...randomUUID().replace(/-/g, '').slice(0, 6)].map((digit) => '零一二三四五六七八九甲乙丙丁戊己'[parseInt(digit, 16)]).join('');

  it("keeps their readings in the user's cache folder under the hash of the words and pinyin-pro's build", () => {
    const unseen = unseenWord();
    const before = readingFiles();
    readAhead(['重庆', '低保', unseen, 'app', '长']);
    const added = [...readingFiles()].filter((name) => !before.has(name));
    expect(added).toHaveLength(1);
    const readings = JSON.parse(readFileSync(join(cacheFolder()!, added[0]), 'utf8')) as {
      words: [string, string][];
      characters: [string, string][];
    };
    // Typo targets only (two to six Chinese characters), read in context (重庆: chong) and character by character (重: zhong).
    expect(readings.words.map(([word]) => word)).toEqual(['低保', '重庆', unseen].sort());
    expect(readings.words).toContainEqual(['重庆', 'chong qing']);
    expect(readings.characters).toContainEqual(['重', 'zhong']);

    readAhead(['重庆', '低保', unseen]);
    expect(readingFiles().size).toBe(before.size + 1);
    readAhead(['重庆', '低保', unseen, unseenWord()]);
    expect(readingFiles().size).toBe(before.size + 2);
  });
});
