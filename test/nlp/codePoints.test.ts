import { codePoints } from '../../src/understanding/nlp/codePoints';

describe('codePoints', () => {
  it('counts characters outside the basic plane once', () => {
    expect(codePoints('低保')).toBe(2);
    expect(codePoints('𠀀字𠀁')).toBe(3);
    expect(codePoints('')).toBe(0);
  });

  it('agrees with the string iterator, lone surrogates included', () => {
    const units = [0x41, 0x4e2d, 0xd840, 0xdc00, 0xdbff, 0xdfff, 0x20];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 2000; round++) {
      const text = String.fromCharCode(...Array.from({ length: next() % 8 }, () => units[next() % units.length]));
      expect(codePoints(text)).toBe([...text].length);
    }
  });
});
