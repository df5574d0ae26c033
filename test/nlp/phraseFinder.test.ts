import { PhraseFinder } from '../../src/understanding/nlp/phraseFinder';

describe('PhraseFinder', () => {
  const phrases = ['收费标准', '收不收费', '收费', '标准', '费', '𠀀𠀁'];
  const finder = new PhraseFinder(phrases);

  it('gives each phrase the text contains, by number, with where its last occurrence ends', () => {
    expect(finder.lastEnds('收费标准是什么')).toEqual(
      new Map([
        [0, 4],
        [2, 2],
        [3, 4],
        [4, 2],
      ]),
    );
    expect(finder.lastEnds('收费吗 还收费不')).toEqual(
      new Map([
        [2, 7],
        [4, 7],
      ]),
    );
    expect(finder.lastEnds('办理流程')).toEqual(new Map());
    expect(finder.lastEnds('')).toEqual(new Map());
  });

  it('walks characters outside the basic plane as the code units they are', () => {
    expect(finder.lastEnds('字𠀀𠀁')).toEqual(new Map([[5, 5]]));
  });

  it('agrees with includes and lastIndexOf on every phrase of any text', () => {
    const alphabet = '收费标准不是多少吗';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: next() % 12 }, () => alphabet[next() % alphabet.length]).join('');
      const expected = new Map<number, number>();
      phrases.forEach((phrase, number) => {
        if (text.includes(phrase)) expected.set(number, text.lastIndexOf(phrase) + phrase.length);
      });
      expect(finder.lastEnds(text)).toEqual(expected);
    }
  });

  it('numbers a phrase given twice by its first place', () => {
    expect(new PhraseFinder(['材料', '材料']).lastEnds('要带材料')).toEqual(new Map([[0, 4]]));
  });
});
