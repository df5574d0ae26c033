import { buildKnowledgeIndex } from '../../src/understanding/nlp/knowledgeIndex';
import { loadLexicon } from '../../src/understanding/nlp/lexicon';
import { matchQuestion } from '../../src/understanding/nlp/match';
import { normalize, readLatin, type LatinVocabulary } from '../../src/understanding/nlp/normalize';
import { buildTypoModel, pinyinWord } from '../../src/understanding/nlp/typos';
import { ENTRIES } from './fixtures/entries';

const words = ['低保', '公积金', '社保卡', '居住证', '西安', '先', 'ic卡'];
const model = buildTypoModel(
  words,
  { isKnown: (word) => words.includes(word), isStopWord: () => false, isLexiconWord: () => false, longestWord: 3 },
  () => false,
);
const vocabulary: LatinVocabulary = {
  isKnown: (word) => words.includes(word) || word === 'app',
  pinyinWord: (latin, tail) => pinyinWord(latin, model, tail),
};
const read = (text: string) => readLatin(normalize(text), vocabulary);

describe('pinyinWord', () => {
  it('spells the vocabulary word of a run of toneless pinyin, however it splits into syllables', () => {
    expect(pinyinWord('gongjijin', model)).toBe('公积金');
    expect(pinyinWord('juzhuzheng', model)).toBe('居住证');
    // xian reads xi an (西安) or xian; only 西安 is a word of two syllables or more.
    expect(pinyinWord('xian', model)).toBe('西安');
  });

  it('reads a run of consonants as the initials of a word of three syllables or more', () => {
    expect(pinyinWord('gjj', model)).toBe('公积金');
    expect(pinyinWord('jzz', model)).toBe('居住证');
    // Two initials spell too many words to pick one.
    expect(pinyinWord('sb', model)).toBeNull();
  });

  it('reads pinyin or initials with the Chinese characters written after them, which end the word', () => {
    expect(pinyinWord('di', model, '保')).toBe('低保');
    expect(pinyinWord('shebao', model, '卡')).toBe('社保卡');
    expect(pinyinWord('sb', model, '卡')).toBe('社保卡');
    // The characters must be the word's own: 社保 + 证 sounds like no word.
    expect(pinyinWord('shebao', model, '证')).toBeNull();
    expect(pinyinWord('juzhu', model, '卡')).toBeNull();
  });

  it('spells nothing for English or letters that are no pinyin', () => {
    expect(pinyinWord('please', model)).toBeNull();
    expect(pinyinWord('zzz', model)).toBeNull();
  });
});

describe('readLatin', () => {
  it('reads pinyin as the vocabulary word, joined to the Chinese or in separate syllables', () => {
    expect(read('shebaoka丢了咋办')).toBe('社保卡 丢了咋办');
    expect(read('Ju Zhu Zheng 在哪办')).toBe('居住证 在哪办');
  });

  it('reads a word spelled in pinyin or initials up to the characters the citizen found', () => {
    expect(read('di保去哪申请')).toBe('低保 去哪申请');
    expect(read('我的sb卡丢了')).toBe('我的 社保卡 丢了');
    expect(read('jzz多久能办好')).toBe('居住证 多久能办好');
    // A known word written with Latin letters stays as written.
    expect(read('ic卡丢了')).toBe('ic卡丢了');
  });

  it('drops English and stray letters around the question', () => {
    expect(read('please tell me 公积金 thanks')).toBe('公积金');
    expect(read('Where can I get gongjijin')).toBe('公积金');
    expect(read('居住证多久能办好7xk2q')).toBe('居住证多久能办好');
  });

  it('keeps digits, ID numbers, known words and abbreviations written into the Chinese', () => {
    expect(read('打１２３４５问一下')).toBe('打12345问一下');
    expect(read('身份证41030219900101123X挂失')).toBe('身份证41030219900101123x挂失');
    expect(read('下载APP')).toBe('下载app');
    expect(read('IC卡丢了')).toBe('ic卡丢了');
    expect(read('办ETC要啥')).toBe('办etc要啥');
    expect(read('gongjijin打12345热线')).toBe('公积金 打12345热线');
  });

  it('leaves nothing of a text that is only English or noise', () => {
    expect(read('How do I renew my passport?')).toBe('');
    expect(read('qwzx 9f8g')).toBe('');
  });

  it('returns a text without Latin letters unchanged', () => {
    expect(read('低保 怎么申请')).toBe('低保 怎么申请');
  });
});

describe('matching questions with Latin letters', () => {
  const index = buildKnowledgeIndex(ENTRIES, loadLexicon('seeds/nlp'));
  const now = new Date('2025-06-01T04:00:00Z');
  const match = (text: string) => matchQuestion(index, text, { now });

  it('answers pinyin and English-wrapped questions by their Chinese meaning', () => {
    expect(match('shebaoka怎么补办')).toMatchObject({ decision: 'answer', entry: 'card-replace' });
    // Only the pinyin word is left, a bare topic: what can be answered about it, never another entry.
    expect(match('How to apply for dibao please')).toMatchObject({
      decision: 'partial',
      entry: null,
      terms: ['最低生活保障'],
      partial: { subject: '最低生活保障', kind: 'topic' },
    });
    expect(match('gongjijin怎么提取')).toMatchObject({ decision: 'answer', entry: 'fund-withdrawal' });
  });

  it('answers a word spelled partly in pinyin or by its initials', () => {
    expect(match('gjj怎么提取')).toMatchObject({ decision: 'answer', entry: 'fund-withdrawal' });
    expect(match('shebao卡丢了怎么补办')).toMatchObject({ decision: 'answer', entry: 'card-replace' });
  });

  it('does not let trailing noise change the answer', () => {
    expect(match('公积金怎么提取x7plain')).toMatchObject({
      decision: 'answer',
      entry: 'fund-withdrawal',
      terms: match('公积金怎么提取').terms,
    });
  });

  it('admits not knowing a question that is all English or noise', () => {
    expect(match('what is the weather like today')).toMatchObject({ decision: 'fallback', terms: [] });
    expect(match('zxcvbnm')).toMatchObject({ decision: 'fallback', terms: [] });
  });
});

describe('pinyinWord on untrusted text', () => {
  it('answers at once for long runs of ambiguous syllables', () => {
    const started = Date.now();
    expect(pinyinWord('xian'.repeat(8) + 'q', model)).toBeNull();
    expect(pinyinWord('xian'.repeat(500), model)).toBeNull();
    expect(Date.now() - started).toBeLessThan(200);
  });
});
