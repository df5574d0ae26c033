import { z } from 'zod';
import { instant, type ApiRoute } from '../../platform/http/openapi';
import type { KbDeps } from '../service';
import { SECTION_NAMES } from '../../../entities/knowledgeEntryFile';
import { actorOf, intQuery, staffRoute } from '../../staff/routing';
import { REVIEW_REASONS } from './queue';
import { deleteLabel, evaluateStoredLabels, labelAsked, listLabels, loadReviewQueue, startOfReview, type ReviewDeps } from './service';

const INTERPRETER = ['interpreter'] as const;

const candidate = z.object({ entry: z.string(), score: z.number() });

const evalStatsSchema = z.object({
  questions: z.number().int(),
  inScope: z.number().int(),
  correct: z.number().int(),
  withSection: z.number().int(),
  sectionCorrect: z.number().int(),
  wrong: z.number().int(),
  outOfScope: z.number().int(),
  rejected: z.number().int(),
  clarified: z.number().int(),
  top1: z.number().nullable(),
  sectionAccuracy: z.number().nullable(),
  wrongRate: z.number().nullable(),
  rejection: z.number().nullable(),
  clarifyRate: z.number().nullable(),
});

export const labelSchema = z.object({
  id: z.number().int(),
  text: z.string(),
  entry: z.string().nullable(),
  section: z.string().nullable(),
  verdict: z.enum(['assigned', 'confirmed', 'out-of-scope']),
  askedAt: instant.nullable(),
  labelledAt: instant,
  labelledBy: z.string(),
  version: z.number().int(),
});

/** The interpreters' learning loop: the review queue, labelling, the labelled questions and their evaluation. */
export function reviewRoutes(deps: ReviewDeps): ApiRoute[] {
  const kb: KbDeps = deps;
  return [
    staffRoute({
      method: 'get',
      path: '/api/v1/kb/review',
      operationId: 'reviewQueue',
      tag: 'knowledge',
      summary: 'Questions the bot did not understand or probably got wrong (待审问题), near-identical ones grouped, most frequent first',
      description:
        'Reasons: unanswered (fallback), unresolved-clarify (the citizen did not pick an offered entry), not-helpful (没用 after the answer), rephrased (another question on the same subject within 2 minutes), small-margin (the answer led the runner-up by less than twice WENZHENG_MATCH_MIN_MARGIN), operator-answered (an operator answered in a hand-off requested within 10 minutes of the question). Personal data in texts is masked; labelled questions are left out.',
      access: INTERPRETER,
      query: z.object({ days: intQuery(1, 365).optional().describe('questions asked in the last N city days; default 28') }),
      response: z.object({
        total: z.number().int(),
        items: z.array(
          z.object({
            key: z.string().describe('the group: shared content terms, or the normalized text'),
            count: z.number().int(),
            texts: z.array(z.object({ text: z.string(), count: z.number().int() })),
            reasons: z
              .partialRecord(z.enum(REVIEW_REASONS), z.number().int())
              .describe('how many of the group’s questions are here for each reason'),
            firstAt: instant,
            lastAt: instant,
            bot: z.object({
              decision: z.string(),
              entry: z.string().nullable(),
              section: z.string().nullable(),
              score: z.number(),
              candidates: z.array(candidate),
            }),
            questionIds: z.array(z.number().int()).describe('the asked questions of the group: send them with an action'),
            newEntryDraft: z
              .object({ questions: z.array(z.string()), titleSuggestion: z.string() })
              .describe('to prefill "new entry"; the title is a suggestion'),
          }),
        ),
      }),
      async handler({ query }) {
        const items = await loadReviewQueue(deps, startOfReview(query.days ?? 28, deps.now()));
        return {
          total: items.length,
          items: items.map((item) => ({
            ...item,
            firstAt: item.firstAt.toISOString(),
            lastAt: item.lastAt.toISOString(),
            newEntryDraft: { questions: item.texts.map((t) => t.text), titleSuggestion: item.texts[0]?.text ?? '' },
          })),
        };
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/kb/review/label',
      operationId: 'labelReviewItem',
      tag: 'knowledge',
      summary:
        'One action on a review item: assign (belongs to entry X, section Y), confirm (the answer was right), out-of-scope (the bot should decline)',
      description:
        'Each distinct text of the item becomes a labelled question (personal data masked, no citizen identity; audited as kb.label.create / kb.label.update). The knowledge revision moves: every instance answers with the labels within WENZHENG_KB_RELOAD_INTERVAL_MS.',
      access: INTERPRETER,
      body: z.object({
        questionIds: z.array(z.number().int().min(1)).min(1, 'needs at least one question').max(1000),
        action: z.enum(['assign', 'confirm', 'out-of-scope']),
        entry: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be an entry key')
          .nullable()
          .optional()
          .describe('assign: required; confirm: defaults to the entry the bot answered with'),
        section: z.enum(SECTION_NAMES).nullable().optional(),
      }),
      response: z.object({
        labelled: z.array(z.object({ id: z.number().int(), text: z.string(), outcome: z.enum(['created', 'updated', 'unchanged']) })),
      }),
      errors: [404],
      async handler({ ctx, principal, body }) {
        return labelAsked(kb, body, actorOf(ctx, principal));
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/kb/labels',
      operationId: 'listLabels',
      tag: 'knowledge',
      summary: 'The labelled questions (the city’s own evaluation set), oldest first; export them with GET /api/v1/kb/export',
      access: INTERPRETER,
      response: z.object({ labels: z.array(labelSchema) }),
      async handler() {
        return { labels: await listLabels(deps.db) };
      },
    }),
    staffRoute({
      method: 'delete',
      path: '/api/v1/kb/labels/:id',
      operationId: 'deleteLabel',
      tag: 'knowledge',
      summary: 'Remove a labelled question (audited as kb.label.delete); the matchers forget it within the reload interval',
      access: INTERPRETER,
      params: z.object({ id: intQuery(1, 2_147_483_647) }),
      response: z.object({ deleted: z.number().int() }),
      errors: [404],
      async handler({ ctx, principal, params }) {
        await deleteLabel(kb, params.id, actorOf(ctx, principal));
        return { deleted: params.id };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/kb/eval',
      operationId: 'evaluateLabels',
      tag: 'knowledge',
      summary:
        'The bot on the labelled questions, as `wenzheng eval --json`: top-1, wrong answers and out-of-scope rejection, overall as it answers now, and per week (Monday, city time) as it answered the labelled questions citizens asked that week',
      access: INTERPRETER,
      query: z.object({ weeks: intQuery(1, 104).optional().describe('default 8') }),
      response: z.object({ overall: evalStatsSchema, weeks: z.array(z.object({ week: z.string(), stats: evalStatsSchema })) }),
      async handler({ query }) {
        return evaluateStoredLabels(kb, query.weeks ?? 8);
      },
    }),
  ];
}
