import { frequentWords, SEGMENTER_MIN_FREQUENCY } from '../../src/understanding/nlp/segmenterDictionary';
import { loadLexicon } from '../../src/understanding/nlp/lexicon';
import { normalize } from '../../src/understanding/nlp/normalize';
import { segment } from '../../src/understanding/nlp/segment';

describe("the segmenter's dictionary", () => {
  it("keeps jieba's words seen at least SEGMENTER_MIN_FREQUENCY times", () => {
    const dictionary = ['宠物 203 n', `宠物狗 ${SEGMENTER_MIN_FREQUENCY - 1} n`, `办证 ${SEGMENTER_MIN_FREQUENCY} n`, ''].join('\n');
    expect(frequentWords(dictionary)).toBe('宠物 203 n\n办证 5 n\n');
  });

  it('segments with the trimmed dictionary, keeping the lexicon words whole however rare they are in jieba', () => {
    const lexicon = loadLexicon('seeds/nlp');
    // 宠物狗 (3 in jieba's corpus) is left out; 销户 (3 too) is a word of colloquial.yaml.
    expect(segment(normalize('宠物狗办证'), lexicon)).toEqual(['宠物', '狗', '办证']);
    expect(segment(normalize('公积金账户怎么销户'), lexicon)).toContain('销户');
  });
});
