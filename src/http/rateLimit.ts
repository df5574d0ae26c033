/**
 * In-memory rate limits: fixed windows per key, with an injectable clock. They protect one
 * instance; behind a load balancer each instance counts for itself, which is what flood and
 * brute-force protection needs (the per-account login lock-out is kept in the database).
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
  hit(key: string): RateDecision;
  /** Whether one more hit would be allowed, without counting one. */
  peek(key: string): RateDecision;
  reset(key: string): void;
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

  function decision(count: number, resetAt: number, at: number): RateDecision {
    const allowed = count <= limit;
    return { allowed, remaining: Math.max(0, limit - count), retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetAt - at) / 1000)) };
  }

  return {
    hit(key) {
      const at = now().getTime();
      let window = current(key, at);
      if (!window) {
        if (windows.size >= maxKeys) sweep(at);
        window = { count: 0, resetAt: at + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return decision(window.count, window.resetAt, at);
    },
    peek(key) {
      const at = now().getTime();
      const window = current(key, at);
      return window ? decision(window.count + 1, window.resetAt, at) : decision(1, at + windowMs, at);
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

/** What a citizen who floods a chat channel gets instead of an answer. */
export const FLOOD_REPLY = '您发送消息太频繁了，刚才这条消息没有收到。请稍等一会儿，再把它重新发送一次。';

export type FloodDecision = { allowed: true } | { allowed: false; reply: string; retryAfterSeconds: number };

export interface FloodGuard {
  /** Counts one message of a citizen on a channel; when over the limit, the polite reply to send instead of processing it. */
  check(channel: string, citizenId: string): FloodDecision;
}

/**
 * Per-citizen flood protection for the chat channels: at most `perMinute` messages a minute are
 * processed; the rest get FLOOD_REPLY and are neither stored nor matched.
 */
export function createFloodGuard(options: { perMinute: number; now?: () => Date }): FloodGuard {
  const limiter = createRateLimiter({ limit: options.perMinute, windowMs: 60_000, now: options.now });
  return {
    check(channel, citizenId) {
      const result = limiter.hit(`${channel}\u0000${citizenId}`);
      return result.allowed ? { allowed: true } : { allowed: false, reply: FLOOD_REPLY, retryAfterSeconds: result.retryAfterSeconds };
    },
  };
}
