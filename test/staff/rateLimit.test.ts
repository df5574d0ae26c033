import { createFloodGuard, createRateLimiter, FLOOD_REPLY } from '../../src/http/rateLimit';

describe('rate limits', () => {
  const clock = { now: new Date('2026-11-25T02:00:00Z') };
  const advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };

  it('allows `limit` hits per key and window, then says when to retry', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => clock.now });
    expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true]);
    expect(limiter.peek('a')).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    advance(20_000);
    expect(limiter.hit('a')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 40 });
    expect(limiter.hit('b').allowed).toBe(true);
    advance(40_000);
    expect(limiter.hit('a')).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    limiter.reset('a');
    expect(limiter.peek('a').remaining).toBe(2);
  });

  it('keeps its memory bounded', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, now: () => clock.now, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.hit(`k${i}`);
    // The oldest keys were dropped to make room: they may hit again.
    expect(limiter.hit('k0').allowed).toBe(true);
    expect(limiter.hit('k999').allowed).toBe(false);
  });

  it('answers a flooding citizen politely in Chinese instead of processing, per channel and citizen', () => {
    const guard = createFloodGuard({ perMinute: 5, now: () => clock.now });
    for (let i = 0; i < 5; i++) expect(guard.check('webchat', 'web:1')).toEqual({ allowed: true });
    const flooded = guard.check('webchat', 'web:1');
    expect(flooded).toEqual({ allowed: false, reply: FLOOD_REPLY, retryAfterSeconds: expect.any(Number) });
    expect(FLOOD_REPLY).toMatch(/请稍等/);
    expect(guard.check('webchat', 'web:2')).toEqual({ allowed: true });
    expect(guard.check('wechat-official', 'web:1')).toEqual({ allowed: true });
    advance(60_000);
    expect(guard.check('webchat', 'web:1')).toEqual({ allowed: true });
  });
});
