/**
 * HTTP for hotline tickets: the operators' API (role operator; the report also admin) and the
 * citizens' own tickets under /api/v1/me/tickets (chat token), both declared in the route registry.
 */
import { z } from 'zod';
import { HandoffThread, HotlineTicketEvent } from '../../../entities';
import { TICKET_RESOLUTIONS, TICKET_VIAS, type HotlineTicket } from '../../../entities/HotlineTicket';
import { unmaskQueryShape } from '../../staff/audit/personalData';
import { presentPersonalData } from '../../staff/audit/presentPersonalData';
import type { AuditActor } from '../../staff/audit/repository';
import { citizenRoute } from '../../channels/webchat/tokens';
import { deliverToCitizen } from '../../conversation/deliver';
import { conversations } from '../../conversation/repositories';
import type { Database, Transaction } from '../../platform/db/database';
import { LIMIT_STATES } from './rules/hotline';
import { invalidFields } from '../../platform/domainError';
import { HttpError } from '../../platform/http/errors';
import { formBody, instant, named, RawResponse, type ApiRoute } from '../../platform/http/openapi';
import type { StaffPrincipal } from '../../staff/auth';
import { actorOf, intQuery, staffRoute } from '../../staff/routing';
import { formatReport, hotlineReport, isMonth, REPORT_FORMATS } from './report';
import type { HotlineService } from './service';
import type { StaffTicketView } from './views';
import { describeServiceHours, type ServiceHours } from '../../handoff/serviceHours';
import { threads } from '../../handoff/repository';
import { idParams as threadIdParams, who as threadOperator } from '../../handoff/routes';
import type { HandoffService } from '../../handoff/service';
import { FIELD_LABELS, RATING_LABELS, STATUS_LABELS } from './texts';
import { bodyRefusal } from '../../platform/fieldRefusal';
import { choicesOf } from '../../platform/http/choices';

/** Who handles tickets; who may also read the monthly report. */
export const HOTLINE_ROLES = ['operator'] as const;
export const HOTLINE_REPORT_ROLES = ['operator', 'admin'] as const;

const STATUSES = ['accepted', 'dispatched', 'handling', 'replied', 'callback', 'closed'] as const;
const RATINGS = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;

export const ticketNumberParams = z.object({
  number: z.string().regex(/^12345-\d{4}-\d{6,}$/, '工单编号应形如12345-2026-000123'),
});

/** Operators' bodies are refused in Chinese, a field of the wrong type or missing too. */
const refuseBody = bodyRefusal(FIELD_LABELS);

const note = z.string().trim().min(1, '说明不能为空').max(1000, '说明请控制在1000字以内').optional();

/** A hotline appeal as operators and citizens file it: checked by the chat intake's rules (HotlineService.validate). */
export const appealBody = named(
  z.object({
    category: z.string().max(40, '诉求类别过长').describe('category code or label (GET /api/v1/public/forms lists them)'),
    content: z.string().max(4000, '诉求内容请控制在4000字以内'),
    location: z.string().max(400, '地点请控制在400字以内').optional(),
    phone: z.string().max(40, '联系电话过长').optional(),
    anonymous: z.boolean().optional(),
    urgency: z.string().max(40, '紧急程度代码过长').optional(),
  }),
  'TicketAppeal',
);

export const staffTicketSchema = z.object({
  number: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  urgency: z.string(),
  urgencyLabel: z.string(),
  content: z.string(),
  location: z.string().nullable().describe('personal data: masked unless ?unmask=true'),
  phone: z.string().nullable().describe('personal data: masked unless ?unmask=true; null for anonymous reports'),
  anonymous: z.boolean().describe('an anonymous 举报: no contact, and the department never learns who reported'),
  channel: z.string(),
  via: z.enum(TICKET_VIAS),
  conversationId: z.string().nullable().describe('the chat to follow up in; null for anonymous reports'),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  suggestedDepartment: z.string().describe('where config/hotline-routing.yaml would send it'),
  department: z.string().nullable(),
  departmentName: z.string().nullable(),
  acceptedAt: instant,
  signForDueAt: instant.describe('签收 limit (响应)'),
  dueAt: instant.describe('办结 limit'),
  dueBeyondCoverage: z.boolean().describe('a working-day limit ran past the holiday calendar: check it once the calendar is extended'),
  overdue: z
    .boolean()
    .describe('either limit is overdue now (src/cases/hotline/rules/hotline.ts ticketLimitStates), as 只看超期 and the dashboard count'),
  signForState: z.enum(LIMIT_STATES).describe('签收时限: running, overdue, metInTime or metLate'),
  signForStateLabel: z.string(),
  resolveState: z.enum(LIMIT_STATES).describe('办结时限: running, overdue, metInTime or metLate'),
  resolveStateLabel: z.string(),
  dispatchedAt: instant.nullable(),
  signedForAt: instant.nullable(),
  reply: z.string().nullable(),
  repliedAt: instant.nullable(),
  resolution: z.enum(TICKET_RESOLUTIONS).nullable(),
  closedAt: instant.nullable(),
  rating: z.enum(RATINGS).nullable(),
  ratedAt: instant.nullable(),
  reopenCount: z.number().int(),
  superviseCount: z.number().int(),
  lastSupervisedAt: instant.nullable(),
  version: z.number().int(),
});

const eventSchema = z.object({
  at: instant,
  actor: z.string(),
  actorLabel: z.string().describe('市民, 系统, or the staff login name'),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

const departmentSheetSchema = z.object({
  number: z.string(),
  categoryLabel: z.string(),
  urgencyLabel: z.string(),
  content: z.string().describe('for anonymous reports, ID and phone numbers in the text are masked'),
  location: z.string().nullable().describe('personal data: masked unless ?unmask=true'),
  anonymous: z.boolean(),
  phone: z.string().nullable().describe('null for anonymous reports; masked unless ?unmask=true'),
  department: z.string().nullable(),
  departmentName: z.string().nullable(),
  acceptedAt: instant,
  signForDueAt: instant,
  dueAt: instant,
  status: z.enum(STATUSES),
  statusLabel: z.string(),
});

/**
 * Location and phone are personal data, and so are the numbers, names and addresses a citizen wrote into the
 * description; operators may see them whole (audited) to call the citizen back.
 */
const TICKET_PERSONAL_FIELDS = { content: 'freeText', location: 'address', phone: 'phone' } as const;

export interface HotlineRouteDeps {
  db: Database;
  service: HotlineService;
  now: () => Date;
  serviceHours: ServiceHours;
  /** WENZHENG_HANDOFF_HISTORY_HOURS: how long after letting a thread go its operator may still unmask the ticket. */
  historyHours: number;
  /** Wakes the outbox worker after a notice to the citizen was queued. */
  wake(): void;
}

/**
 * Who may see a ticket's location and phone whole: an operator handling it (an action of theirs
 * is in its history: accepting it, dispatching, replying, calling back...), or one who holds the
 * thread of the conversation it came from, or held it less than `historyHours` ago.
 */
export async function handlesTicket(
  tx: Transaction,
  ticket: HotlineTicket,
  operator: string,
  at: Date,
  historyHours: number,
): Promise<boolean> {
  if (await tx.exists(HotlineTicketEvent, { where: { ticketId: ticket.id, actor: operator } })) return true;
  if (!ticket.conversationId) return false;
  const ids = (await tx.find(HandoffThread, { select: { id: true }, where: { conversationId: ticket.conversationId } })).map((t) => t.id);
  return (await threads.heldWithin(tx, ids, operator, at, historyHours)).size > 0;
}

export function presentTickets<T extends { number: string; content: string; location: string | null; phone: string | null }>(
  tx: Transaction,
  views: T[],
  options: { unmask: boolean; reason?: string; principal: StaffPrincipal; who: AuditActor; at: Date; handled?: boolean },
): Promise<T[]> {
  return presentPersonalData(tx, views, {
    fields: TICKET_PERSONAL_FIELDS,
    unmask: options.unmask,
    reason: options.reason,
    roles: options.principal.roles,
    unmaskRoles: HOTLINE_ROLES,
    mayUnmask: () => options.handled === true,
    who: options.who,
    objectType: 'ticket',
    objectIdOf: (v) => v.number,
    at: options.at,
  });
}

export function hotlineStaffRoutes(deps: HotlineRouteDeps): ApiRoute[] {
  const { db, service, now } = deps;
  const operator = [...HOTLINE_ROLES];
  const { settings, routing } = service.config;

  const action = <B extends z.ZodType>(spec: {
    path: string;
    operationId: string;
    summary: string;
    description?: string;
    body: B;
    run(tx: Transaction, number: string, body: z.output<B>, who: AuditActor, at: Date): Promise<HotlineTicket>;
    notifies?: boolean;
  }) =>
    staffRoute({
      method: 'post',
      path: `/api/v1/tickets/:number/${spec.path}`,
      operationId: spec.operationId,
      tag: 'hotline',
      summary: spec.summary,
      description: spec.description,
      access: operator,
      params: ticketNumberParams,
      body: spec.body,
      refuseBody,
      response: staffTicketSchema,
      errors: [404, 409],
      async handler({ ctx, principal, params, body }) {
        const at = now();
        const who = actorOf(ctx, principal);
        const view = await db.transaction(async (tx) => {
          const ticket = await spec.run(tx, params.number, body as z.output<B>, who, at);
          return (await presentTickets(tx, [service.staffView(ticket, at)], { unmask: false, principal, who, at }))[0];
        });
        if (spec.notifies) deps.wake();
        return view;
      },
    });

  return [
    staffRoute({
      method: 'get',
      path: '/api/v1/hotline/reference',
      operationId: 'hotlineReference',
      tag: 'hotline',
      summary: 'Categories, urgencies with their time limits, departments, ticket statuses and the service hours',
      access: [...HOTLINE_REPORT_ROLES],
      response: z.object({
        categories: z.array(z.object({ code: z.string(), label: z.string() })),
        urgencies: z.array(z.object({ code: z.string(), label: z.string() })),
        slas: z.array(
          z.object({
            category: z.string(),
            urgency: z.string(),
            signFor: z.object({ amount: z.number(), unit: z.string() }),
            resolve: z.object({ amount: z.number(), unit: z.string() }),
          }),
        ),
        departments: z.array(z.object({ code: z.string(), name: z.string(), default: z.boolean() })),
        statuses: z.array(z.object({ code: z.string(), label: z.string() })),
        ratings: z.array(z.object({ code: z.string(), label: z.string() })),
        serviceHours: z.object({ text: z.string(), description: z.string() }),
      }),
      async handler() {
        return {
          categories: [...settings.categories],
          urgencies: [...settings.urgencies],
          slas: [...settings.slas.entries()].map(([key, sla]) => ({
            category: key.split('/')[0],
            urgency: key.split('/')[1],
            signFor: sla.signFor,
            resolve: sla.resolve,
          })),
          departments: routing.departments.map((d) => ({ code: d.code, name: d.name, default: d.code === routing.defaultDepartment })),
          statuses: choicesOf(STATUS_LABELS),
          ratings: choicesOf(RATING_LABELS),
          serviceHours: { text: deps.serviceHours.text, description: describeServiceHours(deps.serviceHours) },
        };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/tickets',
      operationId: 'listTickets',
      tag: 'hotline',
      summary: 'Hotline tickets, newest first; location and phone masked',
      access: operator,
      query: z.object({
        status: z
          .enum([...STATUSES, 'open'])
          .optional()
          .describe('one status, or open = every status but closed'),
        department: z.string().max(64).optional(),
        category: z.string().max(40).optional(),
        overdue: z
          .enum(['true', 'false'])
          .optional()
          .describe('true: only open tickets past their sign-for or resolve limit (督办 candidates)'),
        before: intQuery(1, Number.MAX_SAFE_INTEGER).optional().describe('tickets older than this internal id (paging)'),
        limit: intQuery(1, 500).optional().describe('at most this many (default 100)'),
      }),
      response: z.object({ tickets: z.array(staffTicketSchema) }),
      async handler({ ctx, principal, query }) {
        const at = now();
        return db.transaction(async (tx) => {
          const rows = await service.list(tx, {
            status: query.status,
            department: query.department,
            category: query.category,
            overdueAt: query.overdue === 'true' ? at : undefined,
            before: query.before,
            limit: query.limit ?? 100,
          });
          return {
            tickets: await presentTickets(
              tx,
              rows.map((t) => service.staffView(t, at)),
              { unmask: false, principal, who: actorOf(ctx, principal), at },
            ),
          };
        });
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/tickets/:number',
      operationId: 'getTicket',
      tag: 'hotline',
      summary: 'One ticket with its history (who, when, note); ?unmask=true shows location and phone (audited)',
      access: operator,
      params: ticketNumberParams,
      query: z.object(unmaskQueryShape),
      response: z.object({ ticket: staffTicketSchema, history: z.array(eventSchema) }),
      errors: [404],
      async handler({ ctx, principal, params, query }) {
        const at = now();
        return db.transaction(async (tx) => {
          const ticket = await service.loadTicket(tx, params.number);
          const handled = query.unmask === 'true' && (await handlesTicket(tx, ticket, principal.name, at, deps.historyHours));
          const [view] = await presentTickets(tx, [service.staffView(ticket, at)], {
            unmask: query.unmask === 'true',
            reason: query.reason,
            principal,
            who: actorOf(ctx, principal),
            at,
            handled,
          });
          return { ticket: view as StaffTicketView, history: await service.history(tx, ticket) };
        });
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/tickets/:number/dispatch-sheet',
      operationId: 'ticketDispatchSheet',
      tag: 'hotline',
      summary: "What the department receives (派单单): never the citizen's identity; an anonymous 举报 has no contact at all",
      access: operator,
      params: ticketNumberParams,
      query: z.object(unmaskQueryShape),
      response: departmentSheetSchema,
      errors: [404],
      async handler({ ctx, principal, params, query }) {
        const at = now();
        return db.transaction(async (tx) => {
          const ticket = await service.loadTicket(tx, params.number);
          const handled = query.unmask === 'true' && (await handlesTicket(tx, ticket, principal.name, at, deps.historyHours));
          const [sheet] = await presentTickets(tx, [service.departmentView(ticket)], {
            unmask: query.unmask === 'true',
            reason: query.reason,
            principal,
            who: actorOf(ctx, principal),
            at,
            handled,
          });
          return sheet;
        });
      },
    }),
    action({
      path: 'dispatch',
      operationId: 'dispatchTicket',
      summary:
        '派单: to a department (default: the routing suggestion); again while dispatched = 改派. A new urgency recomputes the limits.',
      body: z.object({
        department: z.string().max(64, '承办部门代码过长').optional(),
        urgency: z.string().max(40, '紧急程度代码过长').optional(),
        note,
      }),
      run: (tx, number, body, who, at) => service.dispatch(tx, number, body, who, at),
    }),
    action({
      path: 'sign',
      operationId: 'signForTicket',
      summary: '签收: the department took the ticket (the response 响应率 measures)',
      body: z.object({ note }),
      run: (tx, number, body, who, at) => service.signFor(tx, number, body, who, at),
    }),
    action({
      path: 'reply',
      operationId: 'replyToTicket',
      summary: "答复: the department's answer, sent to the citizen when the ticket is closed",
      body: z.object({ text: z.string().trim().min(1, '答复内容不能为空').max(2000, '答复内容请控制在2000字以内'), note }),
      run: (tx, number, body, who, at) => service.reply(tx, number, body, who, at),
    }),
    action({
      path: 'callback',
      operationId: 'ticketCallback',
      summary: '回访: whether the citizen confirms the matter resolved (解决率)',
      body: z.object({ resolved: z.boolean(), note }),
      run: (tx, number, body, who, at) => service.callback(tx, number, body, who, at),
    }),
    action({
      path: 'close',
      operationId: 'closeTicket',
      summary: '办结: the citizen receives the answer and is asked to rate it (满意 / 基本满意 / 不满意)',
      body: z.object({ note }),
      run: (tx, number, body, who, at) => service.close(tx, number, body, who, at),
      notifies: true,
    }),
    action({
      path: 'supervise',
      operationId: 'superviseTicket',
      summary: '督办: press the department on an overdue ticket (409 when it is not overdue)',
      body: z.object({ note: z.string().trim().min(1, '说明不能为空').max(1000, '说明请控制在1000字以内') }),
      run: (tx, number, body, who, at) => service.supervise(tx, number, body, who, at),
    }),
    action({
      path: 'reopen',
      operationId: 'reopenTicket',
      summary: 'Reopen a closed ticket: back to the department with a new resolve limit; the citizen is told',
      body: z.object({ note: z.string().trim().min(1, '说明不能为空').max(1000, '说明请控制在1000字以内') }),
      run: (tx, number, body, who, at) => service.reopen(tx, number, body, who, at),
      notifies: true,
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/hotline/report',
      operationId: 'hotlineMonthlyReport',
      tag: 'hotline',
      summary: 'Monthly report: counts by category and channel, 响应率, 解决率, 满意率, composite, on-time rate (JSON, Markdown or CSV)',
      access: [...HOTLINE_REPORT_ROLES],
      query: z.object({
        month: z.string().refine(isMonth, 'must be a month YYYY-MM'),
        department: z.string().max(64).optional(),
        format: z.enum(REPORT_FORMATS).optional().describe('json (default), md or csv'),
      }),
      response: z.record(z.string(), z.unknown()),
      alsoProduces: ['text/markdown', 'text/csv'],
      async handler({ query }) {
        if (query.department && !routing.departments.some((d) => d.code === query.department))
          throw new HttpError(400, 'unknown_department', `"${query.department}" is not a department`, 'department');
        const report = await hotlineReport(db, service, { month: query.month, department: query.department, now: now() });
        const format = query.format ?? 'json';
        if (format === 'md') return new RawResponse('text/markdown; charset=utf-8', formatReport(report, 'md'));
        if (format === 'csv') return new RawResponse('text/csv; charset=utf-8', formatReport(report, 'csv'), `hotline-${query.month}.csv`);
        return report as unknown as Record<string, unknown>;
      },
    }),
  ];
}

/** The citizen's own tickets (chat token): the same identity as the chat they were filed in. */
const ratingBody = z.object({
  rating: z.union(
    [
      z.enum(RATINGS),
      z.literal(1).transform(() => 'satisfied' as const),
      z.literal(2).transform(() => 'basicallySatisfied' as const),
      z.literal(3).transform(() => 'dissatisfied' as const),
    ],
    {
      error: 'rating must be satisfied, basicallySatisfied or dissatisfied (or 1-3)',
    },
  ),
});

const myTicketParams = z.object({
  number: z.string().describe("the ticket number, such as 12345-2026-000123; another citizen's answers 404"),
});

const citizenTicketSchema = named(
  z.object({
    number: z.string(),
    category: z.string(),
    categoryLabel: z.string(),
    status: z.enum(STATUSES),
    statusLabel: z.string(),
    content: z.string(),
    acceptedAt: instant,
    dueAt: instant,
    department: z.string().nullable().describe("the handling department's name, once dispatched"),
    reply: z.string().nullable().describe("the department's answer, once the ticket is closed"),
    rating: z.enum(RATINGS).nullable(),
    ratingLabel: z.string().nullable(),
    awaitingRating: z.boolean(),
    progress: z.array(z.object({ at: instant, label: z.string() })),
  }),
  'MyTicket',
);

export function citizenTicketRoutes(deps: { db: Database; service: HotlineService; now: () => Date }): ApiRoute[] {
  const { db, service, now } = deps;

  return [
    citizenRoute({
      method: 'get',
      path: '/api/v1/me/tickets',
      operationId: 'listMyTickets',
      tag: 'my-tickets',
      summary: "The citizen's own 12345 tickets and their progress",
      access: 'citizen',
      response: z.object({ tickets: z.array(citizenTicketSchema) }),
      async handler({ principal }) {
        return { tickets: await db.transaction((tx) => service.citizenTickets(tx, principal, now())) };
      },
    }),
    citizenRoute({
      method: 'post',
      path: '/api/v1/me/tickets',
      operationId: 'submitMyTicket',
      tag: 'my-tickets',
      summary:
        "A hotline appeal by form (mini-program, web page): the same validation as the chat intake, the same case in the citizen's chat",
      access: 'citizen',
      status: 201,
      body: formBody(appealBody),
      response: z.object({
        number: z.string(),
        category: z.string(),
        anonymous: z.boolean(),
        acceptedAt: instant,
        dueAt: instant,
        dueBeyondCoverage: z.boolean(),
      }),
      async handler({ principal, body }) {
        const checked = service.validate(body);
        if (!checked.ok) throw invalidFields('invalid_appeal', checked.issues);
        const opened = await db.transaction(async (tx) => {
          const conversation = await conversations.threadOf(tx, principal, now());
          return service.openTicket(tx, checked.appeal, { ...principal, conversationId: conversation.id, via: 'form' }, now());
        });
        return {
          number: opened.number,
          category: opened.category,
          anonymous: opened.anonymous,
          acceptedAt: opened.acceptedAt.toISOString(),
          dueAt: opened.dueAt.toISOString(),
          dueBeyondCoverage: opened.dueBeyondCoverage,
        };
      },
    }),
    citizenRoute({
      method: 'post',
      path: '/api/v1/me/tickets/:number/rating',
      operationId: 'rateMyTicket',
      tag: 'my-tickets',
      summary: "Rate the answer to one of the citizen's own closed tickets (满意 / 基本满意 / 不满意); 不满意 reopens it",
      access: 'citizen',
      params: myTicketParams,
      body: ratingBody,
      response: z.object({ number: z.string(), rating: z.enum(RATINGS), reopened: z.boolean() }),
      errors: [409],
      async handler({ principal, params, body }) {
        const outcome = await db.transaction((tx) => service.rateLatestClosedTicket(tx, principal, body.rating, now(), params.number));
        if (!outcome.ticket)
          throw new HttpError(409, 'not_awaiting_rating', '这个工单现在不能评价：只有您本人已办结且尚未评价的工单可以评价。');
        return { number: outcome.ticket.number, rating: body.rating, reopened: outcome.reopened };
      },
    }),
    citizenRoute({
      method: 'get',
      path: '/api/v1/me/tickets/:number',
      operationId: 'getMyTicket',
      tag: 'my-tickets',
      summary: "One of the citizen's own tickets with its progress",
      access: 'citizen',
      params: myTicketParams,
      response: citizenTicketSchema,
      errors: [404],
      async handler({ principal, params }) {
        const view = await db.transaction((tx) => service.citizenTicketStatus(tx, params.number, principal, now()));
        if (!view) throw new HttpError(404, 'ticket_not_found', '没有查到您提交的这个工单。');
        return view;
      },
    }),
  ];
}

export interface ThreadTicketRouteDeps {
  db: Database;
  handoff: HandoffService;
  hotline: HotlineService;
  now: () => Date;
  /** Wakes the outbox worker after the citizen's notice was queued. */
  wake(): void;
}

/** An operator opens a ticket for the citizen of a thread they may read (the thread API's tag and path). */
export function threadTicketRoutes(deps: ThreadTicketRouteDeps): ApiRoute[] {
  const { db, handoff, hotline, now } = deps;
  const operator = [...HOTLINE_ROLES];
  return [
    staffRoute({
      method: 'post',
      path: '/api/v1/threads/:id/ticket',
      operationId: 'openTicketFromThread',
      tag: 'handoff',
      summary: "Open a hotline ticket for the thread's citizen (their channel and chat); the same validation as the chat intake",
      access: operator,
      params: threadIdParams,
      body: appealBody,
      refuseBody,
      status: 201,
      response: z.object({ ticket: staffTicketSchema }),
      errors: [404, 409],
      async handler({ ctx, principal, params, body }) {
        const at = now();
        const actor = actorOf(ctx, principal);
        const checked = hotline.validate(body);
        // Every invalid field, as for any other invalid body (400 with `fields`).
        if (!checked.ok)
          throw new z.ZodError(
            checked.issues.map((i) => ({
              code: 'custom' as const,
              path: [i.field],
              message: `${i.message} (${i.code})`,
              input: body[i.field],
            })),
          );
        const view = await db.transaction(async (tx) => {
          const thread = await handoff.readableOr404(tx, params.id, threadOperator(principal), at);
          const conversation = await conversations.findById(tx, thread.conversationId);
          if (!conversation) throw new HttpError(404, 'thread_not_found', `thread ${params.id} has no conversation`);
          const opened = await hotline.openTicket(
            tx,
            checked.appeal,
            { channel: conversation.channel, citizenId: conversation.citizenId, conversationId: conversation.id, via: 'operator' },
            at,
            actor,
          );
          if (thread.status !== 'closed') {
            const text = hotline.openedReply(opened);
            await deliverToCitizen(
              tx,
              { conversationId: conversation.id, author: 'system', text, dedupeKey: `ticket:${opened.number}:opened` },
              at,
            );
          }
          const ticket = await hotline.loadTicket(tx, opened.number);
          return (await presentTickets(tx, [hotline.staffView(ticket, at)], { unmask: false, principal, who: actor, at }))[0];
        });
        deps.wake();
        return { ticket: view };
      },
    }),
  ];
}
