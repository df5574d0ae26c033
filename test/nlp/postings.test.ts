import { holds, someInAll } from '../../src/understanding/nlp/postings';

const list = (...values: number[]) => Int32Array.from(values);

describe('a posting list', () => {
  it('holds exactly the values it lists, at its ends too', () => {
    const postings = list(2, 5, 9, 14);
    expect([2, 5, 9, 14].every((value) => holds(postings, value))).toBe(true);
    expect([0, 3, 10, 15].some((value) => holds(postings, value))).toBe(false);
    expect(holds(undefined, 2)).toBe(false);
    expect(holds(list(), 2)).toBe(false);
  });
});

describe('some value every posting list holds', () => {
  it('is found when it passes the test, in whichever order the lists come', () => {
    const lists = [list(4, 6, 9, 11, 20), list(1, 4, 7, 9), list(0, 4, 5, 9, 20)];
    const tested: number[] = [];
    expect(someInAll(lists, (value) => (tested.push(value), value === 9))).toBe(true);
    // Only values all the lists hold are tested: 4, then 9.
    expect(tested).toEqual([4, 9]);
    expect(someInAll([...lists].reverse(), (value) => value === 9)).toBe(true);
  });

  it('is not found when the common values all fail the test, or the lists share none', () => {
    expect(someInAll([list(1, 4, 9), list(4, 9)], (value) => value > 9)).toBe(false);
    expect(someInAll([list(1, 3, 5), list(2, 4, 6)], () => true)).toBe(false);
    expect(someInAll([list(10, 11), list(1, 2)], () => true)).toBe(false);
    expect(someInAll([list(1, 2), list()], () => true)).toBe(false);
  });

  it('is any value of a single list that passes', () => {
    expect(someInAll([list(3, 8)], (value) => value === 8)).toBe(true);
  });
});
