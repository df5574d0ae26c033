import type { Context } from 'koa';
import { z } from 'zod';
import type { Database } from '../../platform/db/database';
import { DELIVERIES, DELIVERY_LABELS, FORM_LABELS, FORMS, IDENTITY_KIND_LABELS, IDENTITY_KINDS } from '../../cases/disclosure/application';
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES } from '../../cases/disclosure/rules/annualReport';
import type { Labelled } from '../../cases/hotline/rules/hotline';
import { HttpError } from '../../platform/http/errors';
import { publicRoute, type ApiRoute } from '../../platform/http/openapi';
import type { RateLimiter } from '../../platform/http/rateLimit';
import { departmentSchema, type Department } from '../../knowledge/departments';
import { ENTRY_KINDS, sectionsSchema, sourceSchema, type EntryFileEntry } from '../../../entities/knowledgeEntryFile';
import type { LiveKnowledge } from '../../knowledge/liveKnowledge';
import { choicesOf } from '../../platform/http/choices';
import { knowledgeUsage } from '../../knowledge/statistics';

export interface PublicApiDeps {
  db: Database;
  knowledge: LiveKnowledge;
  departments: readonly Department[];
  limiter: RateLimiter;
  now: () => Date;
  /** What the application and appeal forms offer: the agencies handling disclosure requests, the ticket categories. */
  forms: { agencies: () => readonly { code: string; name: string }[]; hotlineCategories: readonly Labelled[] };
}

const choices = z.array(z.object({ code: z.string(), label: z.string() }));

const HOT_DAYS = 30;
const DAY_MS = 86_400_000;
/** How old the popularity counts may be: as old as the cached lists they order (max-age 60). */
const POPULARITY_MAX_AGE_MS = 60_000;

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

const entrySummarySchema = z.object({
  key: z.string(),
  kind: z.enum(ENTRY_KINDS),
  title: z.string(),
  department: z.string().nullable(),
  answer: z.string(),
  source: sourceSchema.nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
});

/**
 * The citizen-facing read API for mini-program and web pages: browse and search the published
 * guides and interpretations with the bot's own matcher. No personal data passes here; every
 * answer is cacheable, and each client address has one budget for all of them.
 */
export function publicRoutes(deps: PublicApiDeps): ApiRoute[] {
  const rateLimit = { limiter: deps.limiter, key: (ctx: Context) => `public:${ctx.ip}` };
  // Counting answers over 30 days is the one costly query here; like the responses it feeds, it may be a minute old.
  let counted: { at: number; counts: Promise<{ entryKey: string; count: number }[]> } | null = null;
  const hotCounts = (now: Date) => {
    if (!counted || now.getTime() - counted.at >= POPULARITY_MAX_AGE_MS || now.getTime() < counted.at) {
      const counts = deps.db.transaction((tx) => knowledgeUsage.answerCounts(tx, { since: new Date(now.getTime() - HOT_DAYS * DAY_MS) }));
      counted = { at: now.getTime(), counts };
      counts.catch(() => {
        counted = null;
      });
    }
    return counted.counts;
  };

  return [
    publicRoute({
      method: 'get',
      path: '/api/v1/public/entries',
      operationId: 'listPublicEntries',
      tag: 'public',
      summary:
        "Published, valid guides and interpretations, page by page: most asked first, newest first, or ranked by the bot's matcher for `q`",
      description: 'A search is ranked only as deep as the page asked for; its total counts the hits found so far.',
      access: 'public',
      rateLimit,
      cache: { maxAgeSeconds: 60 },
      query: listQuery,
      response: z.object({
        page: z.number().int(),
        pageSize: z.number().int(),
        total: z.number().int(),
        items: z.array(entrySummarySchema.extend({ score: z.number().optional().describe('with q: how well the entry matches, 0..1') })),
      }),
      async handler({ query }) {
        const now = deps.now();
        const accept = (entry: EntryFileEntry) =>
          (!query.kind || entry.kind === query.kind) && (!query.department || entry.department === query.department);
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
            const counts = new Map((await hotCounts(now)).map((c) => [c.entryKey, c.count]));
            visible.sort((a, b) => (counts.get(b.key) ?? 0) - (counts.get(a.key) ?? 0) || a.key.localeCompare(b.key));
          }
          ranked = visible.map((entry) => ({ entry }));
        }
        const start = (query.page - 1) * query.pageSize;
        const items = ranked
          .slice(start, start + query.pageSize)
          .map(({ entry, score }) => ({ ...summary(entry), ...(score === undefined ? {} : { score }) }));
        return { page: query.page, pageSize: query.pageSize, total: ranked.length, items };
      },
    }),
    publicRoute({
      method: 'get',
      path: '/api/v1/public/entries/:key',
      operationId: 'getPublicEntry',
      tag: 'public',
      summary: 'One whole published entry with its questions, sections and source',
      access: 'public',
      rateLimit,
      cache: { maxAgeSeconds: 300 },
      params: z.object({ key: z.string() }),
      response: entrySummarySchema.extend({ questions: z.array(z.string()), sections: sectionsSchema, region: z.string().nullable() }),
      errors: [404],
      async handler({ params }) {
        const entry = deps.knowledge.answerableEntry(params.key, deps.now());
        if (!entry) throw new HttpError(404, 'entry_not_found', `no published entry "${params.key}"`, 'key');
        return { ...summary(entry), questions: entry.questions, sections: entry.sections ?? {}, region: entry.region ?? null };
      },
    }),
    publicRoute({
      method: 'get',
      path: '/api/v1/public/hot',
      operationId: 'hotPublicEntries',
      tag: 'public',
      summary: `The most asked published entries of the last ${HOT_DAYS} days`,
      access: 'public',
      rateLimit,
      cache: { maxAgeSeconds: 60 },
      query: hotQuery,
      response: z.object({ days: z.number().int(), items: z.array(entrySummarySchema.extend({ timesAsked: z.number().int() })) }),
      async handler({ query }) {
        const now = deps.now();
        const items = (await hotCounts(now))
          .flatMap((c) => {
            const entry = deps.knowledge.answerableEntry(c.entryKey, now);
            return entry ? [{ ...summary(entry), timesAsked: c.count }] : [];
          })
          .slice(0, query.limit);
        return { days: HOT_DAYS, items };
      },
    }),
    publicRoute({
      method: 'get',
      path: '/api/v1/public/forms',
      operationId: 'publicFormChoices',
      tag: 'public',
      summary: 'The choices the forms of POST /api/v1/me/requests and POST /api/v1/me/tickets accept, with their codes and labels',
      access: 'public',
      rateLimit,
      cache: { maxAgeSeconds: 300 },
      response: z.object({
        disclosure: z.object({ applicantTypes: choices, identityKinds: choices, forms: choices, deliveries: choices, agencies: choices }),
        hotline: z.object({ categories: choices }),
      }),
      async handler() {
        return {
          disclosure: {
            applicantTypes: choicesOf(APPLICANT_TYPE_LABELS, APPLICANT_TYPES),
            identityKinds: choicesOf(IDENTITY_KIND_LABELS, IDENTITY_KINDS),
            forms: choicesOf(FORM_LABELS, FORMS),
            deliveries: choicesOf(DELIVERY_LABELS, DELIVERIES),
            agencies: deps.forms.agencies().map((a) => ({ code: a.code, label: a.name })),
          },
          hotline: { categories: deps.forms.hotlineCategories.map((c) => ({ code: c.code, label: c.label })) },
        };
      },
    }),
    publicRoute({
      method: 'get',
      path: '/api/v1/public/departments',
      operationId: 'listPublicDepartments',
      tag: 'public',
      summary: 'The departments with their duties, contact channels and number of published entries (config/departments.yaml)',
      access: 'public',
      rateLimit,
      cache: { maxAgeSeconds: 300 },
      response: z.object({
        departments: z.array(
          z.object({
            name: z.string(),
            duties: z.string().nullable(),
            entries: z.number().int(),
            channels: departmentSchema.shape.channels,
          }),
        ),
      }),
      async handler() {
        const counts = new Map<string, number>();
        for (const entry of deps.knowledge.answerable(deps.now()))
          if (entry.department) counts.set(entry.department, (counts.get(entry.department) ?? 0) + 1);
        return {
          departments: deps.departments.map((d) => ({
            name: d.name,
            duties: d.duties ?? null,
            entries: counts.get(d.name) ?? 0,
            channels: d.channels,
          })),
        };
      },
    }),
  ];
}
