import { createHash } from 'node:crypto';
import { LessThan } from 'typeorm';
import { RateCounter } from '../../../entities';
import type { Database } from '../db/database';

/**
 * Rate limits: fixed windows per key, with an injectable clock. On MySQL/MariaDB (several instances
 * behind a load balancer) the windows are counted in the database (rate_counter), so a limit holds
 * across instances; the embedded SQLite serves one process, which counts in memory.
 */

export interface RateDecision {
  allowed: boolean;
  /** Hits left in the current window after this one. */
  remaining: number;
  /** Whole seconds until the window resets (0 when allowed), for Retry-After. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one hit for `key` and says whether it is within the limit. */
  hit(key: string): Promise<RateDecision>;
  /** Whether one more hit would be allowed, without counting one. */
  peek(key: string): Promise<RateDecision>;
  reset(key: string): Promise<void>;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => Date;
  /** Keys kept at most; expired windows are swept first, then the oldest go. */
  maxKeys?: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs, now = () => new Date(), maxKeys = 100_000 } = options;
  const windows = new Map<string, { count: number; resetAt: number }>();

  function current(key: string, at: number) {
    const window = windows.get(key);
    if (window && window.resetAt > at) return window;
    if (window) windows.delete(key);
    return null;
  }

  function sweep(at: number) {
    for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
    // Still full: drop the oldest keys (a Map iterates in insertion order).
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  }

  return {
    async hit(key) {
      const at = now().getTime();
      let window = current(key, at);
      if (!window) {
        if (windows.size >= maxKeys) sweep(at);
        window = { count: 0, resetAt: at + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return decision(limit, window.count, window.resetAt, at);
    },
    async peek(key) {
      const at = now().getTime();
      const window = current(key, at);
      return window ? decision(limit, window.count + 1, window.resetAt, at) : decision(limit, 1, at + windowMs, at);
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}

function decision(limit: number, count: number, resetAt: number, at: number): RateDecision {
  const allowed = count <= limit;
  return { allowed, remaining: Math.max(0, limit - count), retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetAt - at) / 1000)) };
}

/** The same limits counted in the database, for every instance at once; `name` keeps limiters apart. */
export function createDatabaseRateLimiter(options: RateLimiterOptions & { db: Database; name: string }): RateLimiter {
  const { db, name, limit, windowMs, now = () => new Date() } = options;
  // Keys are client addresses or citizen ids: hashed, they always fit the column.
  const bucketOf = (key: string) => `${name}:${createHash('sha256').update(key).digest('base64url')}`;
  const windowOf = (at: number) => ({
    windowStart: new Date(Math.floor(at / windowMs) * windowMs),
    expiresAt: new Date(Math.floor(at / windowMs) * windowMs + windowMs),
  });
  const hitsIn = async (bucket: string, windowStart: Date) =>
    (await db.eachStatement((tx) => tx.findOne(RateCounter, { where: { bucket, windowStart } })))?.hits ?? 0;
  /**
   * Counts one hit and reads the window's total in one statement (one round trip instead of an update,
   * an insert when the window is new, and a read). MySQL hands the new total back as the insert id
   * (LAST_INSERT_ID(expr)); SQLite returns it (RETURNING).
   */
  const countHit = (bucket: string, windowStart: Date, expiresAt: Date) =>
    db.eachStatement(async (tx) => {
      const { driver } = tx.connection;
      const metadata = tx.connection.getMetadata(RateCounter);
      const values = Object.entries({ bucket, windowStart, expiresAt }).map(([property, value]) =>
        driver.preparePersistentValue(value, metadata.findColumnWithPropertyName(property)!),
      );
      if (db.type === 'sqlite') {
        const rows: { hits: number }[] = await tx.query(
          'INSERT INTO rate_counter (bucket, window_start, hits, expires_at) VALUES (?, ?, 1, ?) ' +
            'ON CONFLICT (bucket, window_start) DO UPDATE SET hits = hits + 1 RETURNING hits',
          values,
        );
        return Number(rows[0]!.hits);
      }
      const result: { insertId: number } = await tx.query(
        'INSERT INTO rate_counter (bucket, window_start, hits, expires_at) VALUES (?, ?, LAST_INSERT_ID(1), ?) ' +
          'ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)',
        values,
      );
      return Number(result.insertId);
    });

  return {
    async hit(key) {
      const at = now().getTime();
      const { windowStart, expiresAt } = windowOf(at);
      return decision(limit, await countHit(bucketOf(key), windowStart, expiresAt), expiresAt.getTime(), at);
    },
    async peek(key) {
      const at = now().getTime();
      const { windowStart, expiresAt } = windowOf(at);
      return decision(limit, (await hitsIn(bucketOf(key), windowStart)) + 1, expiresAt.getTime(), at);
    },
    async reset(key) {
      await db.transaction((tx) => tx.delete(RateCounter, { bucket: bucketOf(key) }));
    },
  };
}

/** Windows that have ended, on every limiter. */
export async function purgeExpiredRateCounters(db: Database, now: Date): Promise<number> {
  return (await db.transaction((tx) => tx.delete(RateCounter, { expiresAt: LessThan(now) }))).affected ?? 0;
}

/** A limiter that holds across instances where there can be several (MySQL), in memory on the one-process SQLite. */
export function sharedRateLimiter(db: Database, name: string, options: RateLimiterOptions): RateLimiter {
  return db.type === 'mysql' ? createDatabaseRateLimiter({ ...options, db, name }) : createRateLimiter(options);
}

/** What a citizen who floods a chat channel gets instead of an answer. */
export const FLOOD_REPLY = '您发送消息太频繁了，刚才这条消息没有收到。请稍等一会儿，再把它重新发送一次。';

export interface FloodRefusal {
  reason: 'flood';
  reply: string;
  retryAfterSeconds: number;
}

/**
 * Whether one more message of a citizen may be processed, given how many their conversation stored in
 * this minute on the server's clock (an Admission of conversation/service.ts hands the count over: it
 * comes with the conversation's row, so the check costs no statement). Null within the limit, else
 * the refusal with the polite reply to send instead of processing it.
 */
export type FloodGuard = (citizen: { storedThisMinute: number; now: Date }) => FloodRefusal | null;

/**
 * Per-citizen flood protection for the chat channels: at most `perMinute` messages a minute are
 * processed; the rest get FLOOD_REPLY and are neither stored nor matched.
 */
export function createFloodGuard(options: { perMinute: number }): FloodGuard {
  return ({ storedThisMinute, now }) => {
    if (storedThisMinute < options.perMinute) return null;
    return { reason: 'flood', reply: FLOOD_REPLY, retryAfterSeconds: Math.max(1, Math.ceil((60_000 - (now.getTime() % 60_000)) / 1000)) };
  };
}
