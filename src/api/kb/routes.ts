import { z } from 'zod';
import { UNDERSTOOD_DECISIONS, type Understood } from '../../conversation/understanding';
import type { Database } from '../../platform/db/database';
import { isIsoDate, shanghaiStartOfDay, toShanghaiDate } from '../../platform/calendar/dates';
import { HttpError } from '../../platform/http/errors';
import { instant, named, RawResponse, type ApiRoute } from '../../platform/http/openapi';
import {
  ENTRY_KINDS,
  ENTRY_STATUSES,
  entryFileEntrySchema,
  entryFileSchema,
  type EntryFileEntry,
  type EntryStatus,
  type SectionName,
} from '../../../entities/knowledgeEntryFile';
import { exportEntries, serializeEntryFile } from '../../knowledge/importExport';
import { answerText } from '../../dialogue/engine';
import type { LiveKnowledge } from '../../knowledge/liveKnowledge';
import { entryDrafts, knowledgeEntries, toFileEntry } from '../../knowledge/repository';
import { guardAgainstWorse, guardImportAgainstWorse, IMPACT_KINDS, impactOf } from '../../knowledge/review/service';
import { actorOf, booleanQuery, intQuery, staffRoute } from '../../staff/routing';
import {
  detailOf,
  draftViewOf,
  entryOr404,
  gapsSince,
  historyOf,
  importEntries,
  listEntries,
  publishEntry,
  restoreVersion,
  saveDraft,
  saveEntry,
  versionMismatch,
  setStatus,
  statsOf,
  versionOf,
  type KbDeps,
  VALIDITIES,
} from '../../knowledge/service';

export interface KbApiDeps {
  db: Database;
  knowledge: LiveKnowledge;
  now: () => Date;
  /** What the bot makes of a question: `wenzheng ask`. */
  understand(text: string, now: Date): Understood;
  /** What the bot would reply to it as a first message. */
  replyTo(text: string, now: Date): string[];
  /** Entry files are larger than ordinary requests. */
  importLimitBytes: number;
  /** WENZHENG_KB_SELF_PUBLISH */
  selfPublish: boolean;
}

const INTERPRETER = ['interpreter'] as const;

const keyParams = z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be an entry key (a-z, 0-9 and -)') });

named(entryFileEntrySchema, 'KnowledgeEntry');
named(entryFileSchema, 'EntryFile');

/** Create and edit take the file format of `wenzheng kb import`, status optional. */
const entryBody = (entryFileEntrySchema as unknown as z.ZodObject).safeExtend({
  status: z.enum(ENTRY_STATUSES).optional().describe('create: draft when left out; edit: unchanged when left out'),
}) as unknown as z.ZodType<Omit<EntryFileEntry, 'status'> & { status?: EntryStatus }>;
named(entryBody, 'KnowledgeEntryBody');

const validitySchema = z.enum(VALIDITIES);

const entrySummarySchema = named(
  z.object({
    key: z.string(),
    kind: z.enum(ENTRY_KINDS),
    title: z.string(),
    status: z.enum(ENTRY_STATUSES),
    department: z.string().nullable(),
    region: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    validity: validitySchema,
    version: z.number().int(),
    updatedAt: instant,
    pendingDraft: z.boolean().describe('a saved change waits to be published (待发布)'),
  }),
  'KnowledgeEntrySummary',
);

const fieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

const entryDetailSchema = named(
  z.object({
    entry: entryFileEntrySchema,
    version: z.number().int(),
    status: z.enum(ENTRY_STATUSES),
    validity: validitySchema,
    createdAt: instant,
    updatedAt: instant,
    draft: z
      .object({
        entry: entryFileEntrySchema,
        baseVersion: z.number().int().describe('the live version the change was made on'),
        savedBy: z.string(),
        savedAt: instant,
        changes: z.array(fieldChangeSchema).describe('from the live version'),
        mayPublish: z.boolean().describe('whether the caller may publish it (WENZHENG_KB_SELF_PUBLISH)'),
      })
      .nullable()
      .describe('a change to the published entry waiting to be published (待发布); the bot answers with `entry` until then'),
  }),
  'KnowledgeEntryDetail',
);

const saveResultSchema = named(
  entryDetailSchema.extend({
    outcome: z
      .enum(['created', 'updated', 'drafted', 'unchanged'])
      .describe('drafted: a change to a published entry, kept as its draft until published'),
  }),
  'KnowledgeEntrySaved',
);

const understoodSchema = z.object({
  text: z.string(),
  decision: z.enum(UNDERSTOOD_DECISIONS),
  intent: z.string().nullable(),
  entry: z.string().nullable(),
  section: z.string().nullable(),
  score: z.number(),
  candidates: z.array(z.object({ entry: z.string(), score: z.number() })),
  /** With decision elsewhere: the other city or province asked about. */
  place: z.string().nullable(),
  /** With decision partial: the subject, the entries about it, and why (action: what was asked is not covered; topic: only the subject was named). */
  partial: z.object({ subject: z.string(), entries: z.array(z.string()), kind: z.enum(['action', 'topic']) }).optional(),
  replies: z
    .array(z.string())
    .describe(
      'what the citizen would be sent for this text as the first message of a conversation (empty when the reply comes from an action, e.g. 转人工 queues the thread)',
    ),
});

const importSummarySchema = z.object({
  created: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
  archived: z.array(z.string()),
  labels: z
    .object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
    .optional()
    .describe('labelled questions, when the file has labels'),
  dryRun: z.boolean(),
});

const confirmQuery = z.object({
  confirmWorse: booleanQuery
    .optional()
    .describe('true: save even though labelled questions would be answered worse (409 lists them otherwise)'),
});

const answeredSchema = z.object({ decision: z.string(), entry: z.string().nullable(), section: z.string().nullable() });

const ifMatch = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d+"?$/, 'must be the version of the entry the edit is based on, e.g. "3"')
    .optional()
    .describe('the version (ETag) the edit is based on; 412 when the entry has changed since'),
});

/** The interpreters' API: knowledge entries, their history, import/export, statistics and gaps. */
export function kbRoutes(deps: KbApiDeps): ApiRoute[] {
  const kb: KbDeps = { db: deps.db, knowledge: deps.knowledge, now: deps.now, selfPublish: deps.selfPublish };
  const today = () => toShanghaiDate(deps.now());
  /** The entry with its pending draft, as `viewer` sees it. */
  const detail = (key: string, viewer: string) =>
    deps.db.transaction(async (tx) => {
      const row = await entryOr404(tx, key);
      const draft = await entryDrafts.byKey(tx, key);
      return detailOf(row, today(), draft && draftViewOf(draft, row, viewer, deps.selfPublish));
    });

  return [
    staffRoute({
      method: 'get',
      path: '/api/v1/kb/entries',
      operationId: 'listEntries',
      tag: 'knowledge',
      summary: 'List, search and filter entries',
      access: INTERPRETER,
      query: z.object({
        q: z.string().trim().max(100).optional().describe('words to find in key, title, questions and keywords (all must occur)'),
        status: z.enum(ENTRY_STATUSES).optional(),
        kind: z.enum(ENTRY_KINDS).optional(),
        department: z.string().max(100).optional(),
        validity: validitySchema.optional().describe('current: valid today; expired: validUntil passed; upcoming: validFrom not reached'),
        expiringWithinDays: intQuery(0, 3650).optional().describe('valid today and ending within this many days, soonest first'),
        limit: intQuery(1, 500).optional().describe('default 50'),
        offset: intQuery(0, 1_000_000).optional(),
      }),
      response: z.object({ total: z.number().int(), entries: z.array(entrySummarySchema) }),
      async handler({ query }) {
        return listEntries(kb, { ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/kb/entries',
      operationId: 'createEntry',
      tag: 'knowledge',
      summary:
        'Create an entry (a draft unless status says otherwise); created published, 409 labelled_questions_worse when labelled questions would be answered worse, unless confirmWorse=true',
      access: INTERPRETER,
      status: 201,
      query: confirmQuery,
      body: entryBody,
      response: saveResultSchema,
      errors: [409],
      async handler({ ctx, principal, body, query }) {
        // A new published entry can take labelled questions from the entries they belong to.
        const exists = await deps.db.transaction((tx) => knowledgeEntries.byKey(tx, body.key));
        if (body.status === 'published' && !exists)
          await guardAgainstWorse(kb, { ...body, status: 'published' }, query.confirmWorse ?? false);
        const saved = await saveEntry(
          kb,
          body.key,
          (current) => {
            if (current) throw new HttpError(409, 'entry_exists', `knowledge entry "${body.key}" exists already; edit it with PUT`, 'key');
            return { entry: { ...body, status: body.status ?? 'draft' } };
          },
          actorOf(ctx, principal),
          'kb.create',
        );
        ctx.set('ETag', `"${saved.row.version}"`);
        return { ...detailOf(saved.row, today()), outcome: saved.outcome };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/kb/entries/:key',
      operationId: 'getEntry',
      tag: 'knowledge',
      summary: 'One entry in the file format, with its version (also the ETag)',
      access: INTERPRETER,
      params: keyParams,
      response: entryDetailSchema,
      errors: [404],
      async handler({ ctx, principal, params }) {
        const result = await detail(params.key, principal.name);
        ctx.set('ETag', `"${result.version}"`);
        return result;
      },
    }),
    staffRoute({
      method: 'put',
      path: '/api/v1/kb/entries/:key',
      operationId: 'editEntry',
      tag: 'knowledge',
      summary: 'Save a new version of an entry (the whole entry in the file format); a change to a published entry is kept as its draft',
      description:
        'Saving identical content creates no version (outcome unchanged). Send If-Match with the version you edited to be refused (412) when someone else saved meanwhile. Validity dates (validFrom, validUntil) are edited here too. ' +
        'A change to a published entry (status left out or published) is kept as its draft (outcome drafted, `draft` in the answer): the bot answers with the live version until POST …/publish; saving the live content again discards the draft. The labelled-question check runs when the draft is published.',
      access: INTERPRETER,
      params: keyParams,
      headers: ifMatch,
      query: confirmQuery,
      body: entryBody,
      response: saveResultSchema,
      errors: [404, 409, 412],
      async handler({ ctx, principal, params, headers, query, body }) {
        if (body.key !== params.key)
          throw new HttpError(400, 'invalid_request', `key must be "${params.key}", the entry being edited`, 'key');
        const expected = headers['if-match'] ? Number(headers['if-match'].replace(/\D/g, '')) : null;
        const current = await deps.db.transaction((tx) => knowledgeEntries.byKey(tx, params.key));
        const who = actorOf(ctx, principal);
        if (current?.status === 'published' && (body.status ?? 'published') === 'published') {
          const drafted = await saveDraft(kb, params.key, { ...body, status: 'published' }, expected, who);
          ctx.set('ETag', `"${drafted.row.version}"`);
          const draft = drafted.draft && draftViewOf(drafted.draft, drafted.row, principal.name, deps.selfPublish);
          return { ...detailOf(drafted.row, today(), draft), outcome: drafted.outcome };
        }
        if (current) await guardAgainstWorse(kb, { ...body, status: body.status ?? current.status }, query.confirmWorse ?? false);
        const saved = await saveEntry(
          kb,
          params.key,
          (current) => {
            if (!current)
              throw new HttpError(404, 'entry_not_found', `no knowledge entry "${params.key}"; create it with POST /api/v1/kb/entries`);
            if (expected !== null && current.version !== expected) throw versionMismatch(current.version, expected);
            return { entry: { ...body, status: body.status ?? current.status } };
          },
          who,
          'kb.update',
        );
        ctx.set('ETag', `"${saved.row.version}"`);
        return { ...detailOf(saved.row, today()), outcome: saved.outcome };
      },
    }),
    ...(
      [
        [
          'publish',
          'published',
          'kb.publish',
          'Publish: the bot answers with it (within its validity dates) on every instance within seconds; a pending draft is what is published. With WENZHENG_KB_SELF_PUBLISH=false, 403 self_publish_forbidden when the caller saved the content being published',
        ],
        ['unpublish', 'draft', 'kb.unpublish', 'Back to draft: the bot stops answering with it'],
        ['archive', 'archived', 'kb.archive', 'Archive: never answered, kept with its history'],
      ] as const
    ).map(([verb, status, action, summary]) =>
      staffRoute({
        method: 'post',
        path: `/api/v1/kb/entries/:key/${verb}`,
        operationId: `${verb}Entry`,
        tag: 'knowledge',
        summary,
        access: INTERPRETER,
        params: keyParams,
        query: confirmQuery,
        response: saveResultSchema,
        errors: verb === 'publish' ? [403, 404, 409] : [404, 409],
        async handler({ ctx, principal, params, query }) {
          if (verb === 'publish') {
            const published = await publishEntry(kb, params.key, actorOf(ctx, principal), query.confirmWorse ?? false, guardAgainstWorse);
            return { ...detailOf(published.row, today()), outcome: published.outcome };
          }
          const current = await deps.db.transaction((tx) => entryOr404(tx, params.key));
          await guardAgainstWorse(kb, { ...toFileEntry(current), status }, query.confirmWorse ?? false);
          const saved = await setStatus(kb, params.key, status, actorOf(ctx, principal), action);
          return { ...detailOf(saved.row, today()), outcome: saved.outcome };
        },
      }),
    ),
    staffRoute({
      method: 'post',
      path: '/api/v1/kb/entries/:key/impact',
      operationId: 'entryImpact',
      tag: 'knowledge',
      summary:
        'Before saving or publishing: which labelled questions the bot would answer differently with this version of the entry (better, worse, changed)',
      description:
        'The body is the entry as it would be saved (as PUT; status unchanged when left out, send "published" to preview publishing). The labelled questions are matched against a temporary index with the change applied; nothing is saved. A save or publish that makes labelled questions worse answers 409 unless confirmWorse=true.',
      access: INTERPRETER,
      params: keyParams,
      body: entryBody,
      response: z.object({
        better: z.number().int(),
        worse: z.number().int(),
        changed: z.number().int(),
        items: z.array(
          z.object({
            labelId: z.number().int(),
            text: z.string(),
            expected: z.object({ entry: z.string().nullable(), section: z.string().nullable() }),
            before: answeredSchema,
            after: answeredSchema,
            impact: z.enum(IMPACT_KINDS),
          }),
        ),
      }),
      async handler({ params, body }) {
        if (body.key !== params.key)
          throw new HttpError(400, 'invalid_request', `key must be "${params.key}", the entry being checked`, 'key');
        const current = await deps.db.transaction((tx) => knowledgeEntries.byKey(tx, params.key));
        const items = await impactOf(kb, { ...body, status: body.status ?? current?.status ?? 'draft' });
        const count = (impact: string) => items.filter((item) => item.impact === impact).length;
        return { better: count('better'), worse: count('worse'), changed: count('changed'), items };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/kb/entries/:key/history',
      operationId: 'entryHistory',
      tag: 'knowledge',
      summary: 'Every version, oldest first, with who saved it and what changed from the one before',
      access: INTERPRETER,
      params: keyParams,
      response: z.object({
        key: z.string(),
        versions: z.array(
          z.object({
            version: z.number().int(),
            changedBy: z.string(),
            changedAt: instant,
            status: z.enum(ENTRY_STATUSES),
            changes: z.array(fieldChangeSchema),
          }),
        ),
      }),
      errors: [404],
      async handler({ params }) {
        return { key: params.key, versions: await historyOf(kb, params.key) };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/kb/entries/:key/versions/:version',
      operationId: 'entryVersion',
      tag: 'knowledge',
      summary: 'One old version of an entry, in the file format',
      access: INTERPRETER,
      params: keyParams.extend({ version: intQuery(1, 1_000_000) }),
      response: z.object({
        key: z.string(),
        version: z.number().int(),
        changedBy: z.string(),
        changedAt: instant,
        entry: entryFileEntrySchema,
      }),
      errors: [404],
      async handler({ params }) {
        const v = await versionOf(kb, params.key, params.version);
        return { key: v.key, version: v.version, changedBy: v.changedBy, changedAt: v.changedAt.toISOString(), entry: v.snapshot };
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/kb/entries/:key/restore',
      operationId: 'restoreEntryVersion',
      tag: 'knowledge',
      summary:
        "Restore an old version's content as a new version (the status stays as it is); for a published entry, as its draft (outcome drafted) until published",
      access: INTERPRETER,
      params: keyParams,
      body: z.object({ version: z.number().int().min(1) }),
      response: saveResultSchema,
      errors: [404],
      async handler({ ctx, principal, params, body }) {
        const current = await deps.db.transaction((tx) => entryOr404(tx, params.key));
        if (current.status === 'published') {
          const old = await versionOf(kb, params.key, body.version);
          const drafted = await saveDraft(kb, params.key, { ...old.snapshot, status: 'published' }, null, actorOf(ctx, principal));
          const draft = drafted.draft && draftViewOf(drafted.draft, drafted.row, principal.name, deps.selfPublish);
          return { ...detailOf(drafted.row, today(), draft), outcome: drafted.outcome };
        }
        const saved = await restoreVersion(kb, params.key, body.version, actorOf(ctx, principal));
        return { ...detailOf(saved.row, today()), outcome: saved.outcome };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/kb/entries/:key/stats',
      operationId: 'entryStats',
      tag: 'knowledge',
      summary:
        'How often the entry answered citizens, when last, and their helpful / not helpful feedback (in all and on the current version)',
      access: INTERPRETER,
      params: keyParams,
      response: z.object({
        key: z.string(),
        version: z.number().int(),
        timesAnswered: z.number().int(),
        lastAsked: instant.nullable(),
        helpful: z.number().int(),
        notHelpful: z.number().int(),
        currentVersion: z.object({ helpful: z.number().int(), notHelpful: z.number().int() }),
      }),
      errors: [404],
      async handler({ params }) {
        return statsOf(kb, params.key);
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/kb/export',
      operationId: 'exportEntries',
      tag: 'knowledge',
      summary:
        'Every entry, and the labelled questions (`labels:`), in the import file format (as `wenzheng kb export`): JSON, or YAML with ?format=yaml',
      access: INTERPRETER,
      query: z.object({ format: z.enum(['json', 'yaml']).optional().describe('json (default) or yaml') }),
      response: entryFileSchema,
      alsoProduces: ['application/yaml'],
      async handler({ query }) {
        const file = await exportEntries(deps.db);
        if (query.format === 'yaml')
          return new RawResponse('application/yaml; charset=utf-8', serializeEntryFile(file, 'yaml'), 'knowledge.yaml');
        return file;
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/kb/import',
      operationId: 'importEntries',
      tag: 'knowledge',
      summary:
        'Upsert entries by key, and labelled questions by text (`labels:`), from an entry file (JSON, or YAML with Content-Type application/yaml), all or nothing',
      description:
        'Every invalid field is reported (error.fields, e.g. entries[3].key). replace=true archives entries the file does not contain; dryRun=true reports what would change and writes nothing. An import that makes labelled questions worse answers 409 labelled_questions_worse listing them, unless confirmWorse=true.',
      access: INTERPRETER,
      query: confirmQuery.extend({ replace: booleanQuery.optional(), dryRun: booleanQuery.optional() }),
      body: entryFileSchema,
      yamlBody: true,
      bodyLimitBytes: deps.importLimitBytes,
      response: importSummarySchema,
      errors: [409, 413],
      async handler({ ctx, principal, query, body }) {
        const dryRun = query.dryRun ?? false;
        // The check compares with the live matcher: brought up to date before the import's transaction.
        await kb.knowledge.refresh();
        const summary = await importEntries(kb, body, { replace: query.replace ?? false, dryRun }, actorOf(ctx, principal), (tx) =>
          guardImportAgainstWorse(kb, tx, query.confirmWorse ?? false),
        );
        return { ...summary, dryRun };
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/kb/match',
      operationId: 'tryQuestion',
      tag: 'knowledge',
      summary: 'Try a question: what the bot makes of it, as `wenzheng ask --json`; includeDrafts also considers draft entries',
      access: INTERPRETER,
      body: z.object({ text: z.string().trim().min(1, 'must not be empty').max(1000), includeDrafts: z.boolean().optional() }),
      response: understoodSchema,
      async handler({ body }) {
        const at = deps.now();
        const understood = deps.understand(body.text, at);
        const replies = deps.replyTo(body.text, at);
        if (!body.includeDrafts || understood.decision === 'intent') return { text: body.text, ...understood, replies };
        const { decision, entry, section, score, candidates, place } = deps.knowledge.match(body.text, at, { includeDrafts: true });
        // An answer from a draft entry: the message it would give once published.
        const draftAnswer = decision === 'answer' && entry && entry !== understood.entry ? deps.knowledge.entry(entry) : undefined;
        return {
          text: body.text,
          decision,
          intent: null,
          entry,
          section,
          score,
          candidates,
          place: place?.name ?? null,
          replies: draftAnswer ? [answerText(draftAnswer, section as SectionName | null)] : replies,
        };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/kb/gaps',
      operationId: 'unansweredGroups',
      tag: 'knowledge',
      summary: 'Questions the bot could not answer, grouped by shared key terms, most frequent first (as `wenzheng kb gaps`)',
      access: INTERPRETER,
      query: z.object({
        since: z
          .string()
          .refine(isIsoDate, 'must be a date YYYY-MM-DD')
          .optional()
          .describe('only questions asked from this day on (Asia/Shanghai)'),
        limit: intQuery(1, 1000).optional().describe('default 100'),
      }),
      response: z.object({
        total: z.number().int(),
        groups: z.array(z.object({ terms: z.array(z.string()), count: z.number().int(), examples: z.array(z.string()), lastAt: instant })),
      }),
      async handler({ query }) {
        return gapsSince(kb, query.since ? shanghaiStartOfDay(query.since) : null, query.limit ?? 100);
      },
    }),
  ];
}
