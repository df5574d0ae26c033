import { createHash } from 'node:crypto';
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import type { RateLimiter } from '../http/rateLimit';
import type { Department } from '../knowledge/departments';
import { ENTRY_KINDS, type EntryFileEntry } from '../knowledge/entryFile';
import type { LiveKnowledge } from '../knowledge/liveKnowledge';
import { knowledgeUsage } from '../knowledge/statistics';

export interface PublicApiDeps {
  db: Database;
  knowledge: LiveKnowledge;
  departments: readonly Department[];
  limiter: RateLimiter;
  now: () => Date;
}

const HOT_DAYS = 30;
const DAY_MS = 86_400_000;

const listQuery = z.object({
  kind: z.enum(ENTRY_KINDS).optional(),
  department: z.string().trim().min(1).max(100).optional(),
  q: z.string().trim().min(1, 'q must not be empty').max(100, 'q must be at most 100 characters').optional(),
  sort: z.enum(['popular', 'date']).default('popular'),
  page: z.coerce.number().int().min(1, 'page starts at 1').max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50, 'pageSize must be at most 50').default(20),
});
const hotQuery = z.object({ limit: z.coerce.number().int().min(1).max(50, 'limit must be at most 50').default(10) });

/** The part of an entry a list shows: no sections, never anything but published text. */
function summary(entry: EntryFileEntry) {
  return {
    key: entry.key,
    kind: entry.kind,
    title: entry.title,
    department: entry.department ?? null,
    answer: entry.answer,
    source: entry.source ?? null,
    validFrom: entry.validFrom ?? null,
    validUntil: entry.validUntil ?? null,
  };
}

/** Public data changes only with the knowledge base: a strong ETag lets clients and proxies revalidate cheaply. */
function cacheable(ctx: Context, body: unknown, maxAgeSeconds: number): void {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  ctx.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  ctx.set('ETag', etag);
  if (ctx.get('if-none-match') === etag) {
    ctx.status = 304;
    return;
  }
  ctx.type = 'application/json';
  ctx.body = json;
}

/**
 * The citizen-facing read API for mini-program and web pages: browse and search the published
 * guides and interpretations with the bot's own matcher. No personal data passes here.
 */
export function publicRoutes(deps: PublicApiDeps) {
  const router = new Router({ prefix: '/api/v1/public' });

  router.use(async (ctx: Context, next: Next) => {
    const decision = deps.limiter.hit(`public:${ctx.ip}`);
    if (!decision.allowed) {
      ctx.set('Retry-After', String(decision.retryAfterSeconds));
      throw new HttpError(429, 'rate_limited', '请求太频繁，请稍后再试');
    }
    await next();
  });

  router.get('/entries', async (ctx) => {
    const query = listQuery.parse(ctx.query);
    const now = deps.now();
    const accept = (entry: EntryFileEntry) => (!query.kind || entry.kind === query.kind) && (!query.department || entry.department === query.department);
    let ranked: { entry: EntryFileEntry; score?: number }[];
    if (query.q) {
      ranked = deps.knowledge
        .search(query.q, now, query.page * query.pageSize, accept)
        .map((hit) => ({ entry: deps.knowledge.entry(hit.entry) as EntryFileEntry, score: Number(hit.score.toFixed(4)) }));
    } else {
      const visible = deps.knowledge.answerable(now).filter(accept);
      if (query.sort === 'date') {
        const dated = (e: EntryFileEntry) => e.source?.publishedAt ?? e.validFrom ?? '';
        visible.sort((a, b) => dated(b).localeCompare(dated(a)) || a.key.localeCompare(b.key));
      } else {
        const counts = new Map((await deps.db.transaction((tx) => knowledgeUsage.answerCounts(tx, new Date(now.getTime() - HOT_DAYS * DAY_MS)))).map((c) => [c.entryKey, c.count]));
        visible.sort((a, b) => (counts.get(b.key) ?? 0) - (counts.get(a.key) ?? 0) || a.key.localeCompare(b.key));
      }
      ranked = visible.map((entry) => ({ entry }));
    }
    const start = (query.page - 1) * query.pageSize;
    const items = ranked.slice(start, start + query.pageSize).map(({ entry, score }) => ({ ...summary(entry), ...(score === undefined ? {} : { score }) }));
    // A search is ranked only as deep as asked; its total counts the hits found so far.
    cacheable(ctx, { page: query.page, pageSize: query.pageSize, total: ranked.length, items }, 60);
  });

  router.get('/entries/:key', (ctx) => {
    const entry = deps.knowledge.answerable(deps.now()).find((e) => e.key === ctx.params.key);
    if (!entry) throw new HttpError(404, 'entry_not_found', `no published entry "${ctx.params.key}"`, 'key');
    cacheable(ctx, { ...summary(entry), questions: entry.questions, sections: entry.sections ?? {}, region: entry.region ?? null }, 300);
  });

  router.get('/hot', async (ctx) => {
    const { limit } = hotQuery.parse(ctx.query);
    const now = deps.now();
    const visible = new Map(deps.knowledge.answerable(now).map((e) => [e.key, e]));
    const counts = await deps.db.transaction((tx) => knowledgeUsage.answerCounts(tx, new Date(now.getTime() - HOT_DAYS * DAY_MS)));
    const items = counts
      .filter((c) => visible.has(c.entryKey))
      .slice(0, limit)
      .map((c) => ({ ...summary(visible.get(c.entryKey) as EntryFileEntry), timesAsked: c.count }));
    cacheable(ctx, { days: HOT_DAYS, items }, 60);
  });

  router.get('/departments', (ctx) => {
    const counts = new Map<string, number>();
    for (const entry of deps.knowledge.answerable(deps.now())) if (entry.department) counts.set(entry.department, (counts.get(entry.department) ?? 0) + 1);
    cacheable(ctx, { departments: deps.departments.map((d) => ({ name: d.name, duties: d.duties ?? null, entries: counts.get(d.name) ?? 0, channels: d.channels })) }, 300);
  });

  return router;
}
