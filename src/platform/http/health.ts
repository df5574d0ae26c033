import Router from '@koa/router';
import type { Database } from '../db/database';
import type { HttpMetrics } from './observability';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * /healthz: the process answers. /readyz: every dependency is usable; `warnings` (still 200) are
 * what staff must fix soon, e.g. next year's holiday calendar. /metrics: Prometheus text.
 */
export function healthRoutes(deps: {
  checks: ReadinessCheck[];
  metrics: HttpMetrics;
  warnings?: () => string[];
  /** True until migrations and seeding are done: the checks wait, since probing the migrations table would race them. */
  starting?: () => boolean;
}) {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    if (deps.starting?.()) {
      ctx.status = 503;
      ctx.body = { status: 'starting', checks: {} };
      return;
    }
    const results: Record<string, string> = {};
    let ready = true;
    for (const { name, check } of deps.checks) {
      try {
        await check();
        results[name] = 'ok';
      } catch (err) {
        ready = false;
        results[name] = (err as Error).message;
      }
    }
    ctx.status = ready ? 200 : 503;
    const warnings = deps.warnings?.() ?? [];
    ctx.body = { status: ready ? 'ready' : 'not ready', checks: results, ...(warnings.length ? { warnings } : {}) };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });
  return router;
}

export function databaseChecks(db: Database): ReadinessCheck[] {
  return [
    { name: 'database', check: () => db.ping() },
    {
      name: 'migrations',
      async check() {
        if (await db.pendingMigrations()) throw new Error('migrations pending: run `wenzheng migrate`');
      },
    },
  ];
}
