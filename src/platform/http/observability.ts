import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { statusOf } from './errors';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HttpMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route'>;
}

/** A registry per app, so several apps in one process (tests) do not share counters. */
export function createMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wenzheng_' });
  return {
    registry,
    requests: new Counter({
      name: 'wenzheng_http_requests_total',
      help: 'HTTP requests by matched route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'wenzheng_http_request_duration_seconds',
      help: 'HTTP request latency by matched route',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/** Counts kept elsewhere (the match cache's hits and misses), read when /metrics is scraped. */
export function exposeCounts(
  metrics: HttpMetrics,
  counter: { name: string; help: string; label: string },
  read: () => Record<string, number>,
): void {
  new Counter({
    name: counter.name,
    help: counter.help,
    labelNames: [counter.label],
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const [value, count] of Object.entries(read())) this.inc({ [counter.label]: value }, count);
    },
  });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

// 11 digits or more: a mobile number, an ID card number (also with a final X), a bank card. No route
// carries one, but a client may put one in a path; tracking numbers (12345-2026-000123) have shorter runs.
const PERSONAL_NUMBER = /\d{11,}[Xx]?/g;

/** The path as the access log records it: numbers that could identify a person are masked. */
export const pathForLog = (path: string) => path.replace(PERSONAL_NUMBER, '[redacted]');

/** Request id (taken from a proxy's X-Request-Id when sane), access log, metrics by route. */
export function observabilityMiddleware(logger: Logger, metrics: HttpMetrics) {
  // The access line is made of the fields below only (the path masked by pathForLog), none of which
  // the redaction paths name: it skips the redaction pass, a third of a line's cost on every request.
  const accessLog = logger.child({}, { redact: [] });
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    let status: number | undefined;
    try {
      await next();
    } catch (err) {
      status = statusOf(err);
      throw err;
    } finally {
      status ??= ctx.status;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The route pattern, not the path: paths carry ids and would explode the label set.
      const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      metrics.requests.inc({ method: ctx.method, route, status: String(status) });
      metrics.duration.observe({ method: ctx.method, route }, seconds);
      accessLog.info(
        { requestId, method: ctx.method, route, path: pathForLog(ctx.path), status, ms: Math.round(seconds * 1000) },
        'request',
      );
    }
  };
}
