import { groupUnanswered } from '../../src/understanding/nlp/gaps';
import { loadLexicon } from '../../src/understanding/nlp/lexicon';

const lexicon = loadLexicon('seeds/nlp');
const at = (day: number) => new Date(Date.UTC(2025, 5, day));

describe('groupUnanswered', () => {
  it('groups questions by shared key terms, most frequent first, with synonyms merged', () => {
    const groups = groupUnanswered(
      [
        { text: '公积金能炒股吗', at: at(1) },
        { text: '住房公积金可以买股票吗', at: at(3) },
        { text: '公积金炒股', at: at(2) },
        { text: '养狗要办证吗', at: at(4) },
        { text: '宠物狗办证在哪里', at: at(5) },
        { text: '你好', at: at(6) },
      ],
      lexicon,
    );
    expect(groups).toEqual([
      { terms: ['住房公积金', '炒股'], count: 3, examples: ['住房公积金可以买股票吗', '公积金炒股', '公积金能炒股吗'], lastAt: at(3) },
      { terms: ['办证', '狗'], count: 2, examples: ['宠物狗办证在哪里', '养狗要办证吗'], lastAt: at(5) },
    ]);
  });

  it('never lets a section word define a group', () => {
    const groups = groupUnanswered(
      [
        { text: '结婚登记要带什么材料', at: at(1) },
        { text: '护照办理要带什么材料', at: at(2) },
      ],
      lexicon,
    );
    expect(groups.map(({ terms }) => terms[0])).not.toContain('材料');
    expect(groups).toHaveLength(2);
  });

  it('keeps at most three distinct examples, most recent first', () => {
    const questions = [1, 2, 3, 4].map((day) => ({ text: `驾驶证换证${day}`, at: at(day) }));
    questions.push({ text: '驾驶证换证4', at: at(5) });
    const [group] = groupUnanswered(questions, lexicon);
    expect(group.count).toBe(5);
    expect(group.examples).toEqual(['驾驶证换证4', '驾驶证换证3', '驾驶证换证2']);
    expect(group.lastAt).toEqual(at(5));
  });

  it('returns nothing for nothing', () => {
    expect(groupUnanswered([], lexicon)).toEqual([]);
  });
});
