import { RateCounter } from '../../entities';
import {
  createDatabaseRateLimiter,
  createFloodGuard,
  createRateLimiter,
  FLOOD_REPLY,
  purgeExpiredRateCounters,
  type RateLimiter,
  type RateLimiterOptions,
} from '../../src/platform/http/rateLimit';
import { createTestApp, type TestApp } from '../support/testApp';

describe('rate limits', () => {
  const clock = { now: new Date('2026-11-25T02:00:00Z') };
  const advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({}, {}, { seed: false });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    clock.now = new Date('2026-11-25T02:00:00Z');
  });

  // In memory (one process), and in the database (every instance counts in the same windows).
  const kinds: [string, (options: RateLimiterOptions) => RateLimiter][] = [
    ['in memory', (options) => createRateLimiter(options)],
    ['in the database', (options) => createDatabaseRateLimiter({ ...options, db: app.db, name: `test-${Math.random()}` })],
  ];

  describe.each(kinds)('%s', (_kind, make) => {
    it('allows `limit` hits per key and window, then says when to retry', async () => {
      const limiter = make({ limit: 3, windowMs: 60_000, now: () => clock.now });
      for (let i = 0; i < 3; i++) expect((await limiter.hit('a')).allowed).toBe(true);
      expect(await limiter.peek('a')).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
      advance(20_000);
      expect(await limiter.hit('a')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 40 });
      expect((await limiter.hit('b')).allowed).toBe(true);
      advance(40_000);
      expect(await limiter.hit('a')).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
      await limiter.reset('a');
      expect((await limiter.peek('a')).remaining).toBe(2);
    });
  });

  it("refuses a citizen's message beyond the minute's limit politely in Chinese, until the minute on the server's clock ends", () => {
    const guard = createFloodGuard({ perMinute: 5 });
    const at = new Date('2026-11-25T02:00:20Z');
    expect(guard({ storedThisMinute: 4, now: at })).toBeNull();
    expect(guard({ storedThisMinute: 5, now: at })).toEqual({ reason: 'flood', reply: FLOOD_REPLY, retryAfterSeconds: 40 });
    expect(FLOOD_REPLY).toMatch(/请稍等/);
    expect(guard({ storedThisMinute: 5, now: new Date('2026-11-25T02:00:59.900Z') })?.retryAfterSeconds).toBe(1);
  });

  it('keeps its memory bounded', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, now: () => clock.now, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) await limiter.hit(`k${i}`);
    // The oldest keys were dropped to make room: they may hit again.
    expect((await limiter.hit('k0')).allowed).toBe(true);
    expect((await limiter.hit('k999')).allowed).toBe(false);
  });

  it('counts in the database across instances: two limiters of one name share their windows, and ended windows are purged', async () => {
    const name = 'shared-test';
    const [one, two] = [1, 2].map(() => createDatabaseRateLimiter({ db: app.db, name, limit: 3, windowMs: 60_000, now: () => clock.now }));
    expect((await one!.hit('203.0.113.1')).allowed).toBe(true);
    expect((await two!.hit('203.0.113.1')).allowed).toBe(true);
    expect((await one!.hit('203.0.113.1')).allowed).toBe(true);
    expect((await two!.hit('203.0.113.1')).allowed).toBe(false);
    advance(180_000);
    expect(await purgeExpiredRateCounters(app.db, clock.now)).toBeGreaterThan(0);
    expect(await app.db.dataSource.getRepository(RateCounter).count()).toBe(0);
  });

  it('counts every one of many concurrent hits of a new window, each statement standing alone on MySQL', async () => {
    const limiter = createDatabaseRateLimiter({ db: app.db, name: 'concurrent-test', limit: 100, windowMs: 60_000, now: () => clock.now });
    const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.hit('198.51.100.7')));
    // Each hit reads the total it made (one statement counts and reads): 99, 98, … 80, none seen twice.
    expect(decisions.map(({ remaining }) => remaining).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => 80 + i));
    // Written as TypeORM writes the entity: the window reads back as the minute it began.
    const [row] = await app.db.dataSource.getRepository(RateCounter).find({ where: { hits: 20 } });
    expect(row?.windowStart).toEqual(new Date(Math.floor(clock.now.getTime() / 60_000) * 60_000));
    // One round trip per statement on MySQL (no START TRANSACTION … COMMIT around it); SQLite's one connection batches them.
    const inTransaction = await app.db.eachStatement(async (tx) => tx.queryRunner?.isTransactionActive ?? false);
    expect(inTransaction).toBe(app.db.type === 'sqlite');
  });
});
