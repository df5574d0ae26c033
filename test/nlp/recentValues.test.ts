import { RecentValues } from '../../src/understanding/nlp/recentValues';

describe('RecentValues', () => {
  it('works a key out once while it is kept, and anew after the memo was full and started afresh', () => {
    const worked: string[] = [];
    const recent = new RecentValues<number>(2);
    const length = (key: string) => {
      worked.push(key);
      return key.length;
    };
    expect(recent.get('低保', length)).toBe(2);
    expect(recent.get('公积金', length)).toBe(3);
    expect(recent.get('低保', length)).toBe(2);
    expect(worked).toEqual(['低保', '公积金']);
    expect(recent.get('社会保障卡', length)).toBe(5);
    expect(recent.get('社会保障卡', length)).toBe(5);
    expect(recent.get('低保', length)).toBe(2);
    expect(worked).toEqual(['低保', '公积金', '社会保障卡', '低保']);
  });

  it('works a key out anew once what the work depends on has changed (the basis)', () => {
    const worked: string[] = [];
    const recent = new RecentValues<string>(8);
    const work = (key: string) => {
      worked.push(key);
      return key;
    };
    recent.get('低保', work, 1);
    recent.get('低保', work, 1);
    expect(worked).toEqual(['低保']);
    recent.get('低保', work, 2);
    recent.get('低保', work, 2);
    expect(worked).toEqual(['低保', '低保']);
  });
});
