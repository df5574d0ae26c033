import { timeOrderedId } from '../../src/platform/db/timeOrderedId';

describe('time-ordered ids (UUID version 7)', () => {
  it('are UUIDs of version 7 that start with the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 25, 2, 0, 0, 123);
    const id = timeOrderedId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sort in the order of their times and differ within one millisecond', () => {
    const times = [0, 1, 999, 1_000, 65_536, Date.UTC(2026, 0, 1), Date.UTC(2026, 10, 25)];
    const ids = times.map((t) => timeOrderedId(t));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => timeOrderedId(1_000))).size).toBe(1000);
  });
});
