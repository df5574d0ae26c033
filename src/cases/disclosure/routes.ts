/**
 * HTTP for disclosure requests: the officers' API (role disclosure_officer; reports also admin)
 * and the citizens' own requests under /api/v1/me/requests (chat token), both declared in the
 * route registry so the OpenAPI document lists them.
 */
import { z } from 'zod';
import { maskRecord, scrubText, unmaskQueryShape, type PersonalFields } from '../../staff/audit/personalData';
import { presentPersonalData } from '../../staff/audit/presentPersonalData';
import type { AuditActor } from '../../staff/audit/repository';
import { citizenRoute } from '../../channels/webchat/tokens';
import { conversations } from '../../conversation/repositories';
import type { Database, Transaction } from '../../platform/db/database';
import { AnnualReportError, APPLICANT_TYPES, REPLY_OUTCOME_CODES } from './rules/annualReport';
import { isIsoDate, toShanghaiDate } from '../../platform/calendar/dates';
import { FEE_METHODS } from './rules/disclosureFees';
import { PAUSE_REASONS } from '../../../entities/DisclosureRequest';
import { CONSULTATION_REASONS } from './rules/disclosureDeadlines';
import { invalidFields } from '../../platform/domainError';
import { HttpError } from '../../platform/http/errors';
import { formBody, instant, named, RawResponse, type ApiRoute } from '../../platform/http/openapi';
import type { StaffPrincipal } from '../../staff/auth';
import { actorOf, intQuery, staffRoute } from '../../staff/routing';
import { validateApplication } from './application';
import { officerBodyRefusal } from './fieldErrors';
import { proceedings, proceedingView } from './proceedings';
import { buildAnnualReport, PROCEEDING_KINDS, PROCEEDING_OUTCOMES, renderAnnualReport, REPORT_FORMATS } from './report';
import type { DisclosureService } from './service';
import { FEE_METHOD_LABELS, outcomeLabel, PAUSE_REASON_LABELS, RECEIPT_CHANNEL_LABELS, STATUS_LABELS } from './texts';
import { choicesOf } from '../../platform/http/choices';

/** Who handles requests; who may also read the reports. */
export const DISCLOSURE_ROLES = ['disclosure_officer'] as const;
export const DISCLOSURE_REPORT_ROLES = ['disclosure_officer', 'admin'] as const;

const STATUSES = ['processing', 'awaitingCorrection', 'paused', 'closed'] as const;

const date = z.string().refine(isIsoDate, 'must be a real date YYYY-MM-DD');
const numberParams = z.object({
  number: z
    .string()
    .regex(/^YSQ\d{10,}$/i, 'must be a tracking number such as YSQ2026000123')
    .transform((s) => s.toUpperCase()),
});

const dueSchema = z.object({ date: z.string(), beyondCoverage: z.boolean() });

const summarySchema = z.object({
  id: z.number().int().describe('internal id: page with ?before=<nextBefore>'),
  number: z.string(),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  receiptChannel: z.enum(['inPerson', 'letter', 'online']),
  agency: z.object({ code: z.string(), name: z.string() }),
  topic: z.object({ code: z.string(), label: z.string() }),
  applicantType: z.string(),
  applicantName: z.string().describe('personal data for natural persons: masked'),
  description: z.string().describe('shortened, ID and phone numbers masked'),
  receivedOn: z.string(),
  dueOn: z.string().nullable().describe('the reply deadline in force; null while awaiting correction or consulting'),
  correctionDueOn: z.string().nullable(),
  workingDaysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  correctionLapsed: z.boolean(),
  opinionDueOn: z
    .string()
    .nullable()
    .describe('Art. 32: while consulting a third party, the last day for its opinion (15 working days from its receipt)'),
  opinionOverdue: z.boolean().describe('the third-party consultation is still open past opinionDueOn'),
  feePaymentDueOn: z.string().nullable().describe('while a fee notice awaits payment, the last day to pay (20 working days)'),
  feeLapsed: z.boolean().describe('unpaid past feePaymentDueOn: reply outcome.otherHandling.feeUnpaid (table 三 (六)2)'),
  art39Hint: z
    .string()
    .nullable()
    .describe(
      'Art. 39: complaint | report | petition when the description reads like one; the officer decides (不予处理 (五)1 or an ordinary reply)',
    ),
  beyondCoverage: z.boolean().describe('a deadline runs past the holiday calendar: check it once the calendar is extended'),
  outcome: z.string().nullable(),
  closedOn: z.string().nullable(),
});

const caseSchema = summarySchema.extend({
  description: z.string().describe('in force (the corrected one after 补正); ID and phone numbers masked unless ?unmask=true'),
  originalDescription: z.string().describe('所需信息 as first applied for, before any correction; masked as description'),
  correction: z
    .object({
      on: z.string(),
      description: z.string().nullable().describe('the corrected description; null when the correction did not change it'),
    })
    .nullable()
    .describe('补正, once received'),
  receiptChannelLabel: z.string(),
  via: z.enum(['chat', 'form', 'staff']),
  fromChat: z.boolean().describe('status notices reach the citizen in the chat it came from'),
  applicant: z.object({
    type: z.string(),
    typeLabel: z.string(),
    name: z.string(),
    idKind: z.enum(['residentId', 'creditCode', 'other']),
    idDocumentType: z.string().nullable(),
    idNumber: z.string(),
    idChecksumWarning: z.boolean().describe('the credit code failed its checksum: check the register'),
    phone: z.string(),
    address: z.string().nullable(),
    email: z.string().nullable(),
  }),
  informationForm: z.enum(['paper', 'electronic']),
  delivery: z.enum(['collect', 'post', 'email']),
  deadlines: z.object({
    receivedOn: z.string(),
    correctionNoticeDue: dueSchema,
    correctionDueOn: z.string().nullable(),
    replyClockStartsOn: z.string().nullable(),
    replyDue: dueSchema.nullable(),
    replyDueInForce: dueSchema.nullable(),
    replyDueWithMaxExtension: dueSchema.nullable(),
    extensionDays: z.number().int(),
    paused: z
      .object({
        since: z.string(),
        reason: z.enum(PAUSE_REASONS),
        workingDaysLeft: z.number().int(),
        thirdPartyReceivedOn: z.string().nullable(),
        thirdPartyOpinionDue: dueSchema.nullable(),
      })
      .nullable(),
    workingDaysLeft: z.number().int().nullable(),
    overdue: z.boolean(),
    correctionLapsed: z.boolean(),
    opinionOverdue: z.boolean(),
    feePaymentDueOn: z.string().nullable(),
    feeLapsed: z.boolean(),
    beyondCoverage: z.boolean(),
    coverageWarning: z.string().nullable(),
  }),
  fee: z.object({
    method: z.string(),
    methodLabel: z.string(),
    amount: z.number().int(),
    pages: z.number().int().nullable(),
    noticeOn: z.string().nullable().describe('the fee notice (国办函〔2020〕109号)'),
    paymentDueOn: z.string().nullable(),
    paidOn: z.string().nullable(),
  }),
  outcomeLabel: z.string().nullable(),
  replyText: z.string().nullable(),
  replyAttachment: z.string().nullable(),
  version: z.number().int(),
  receivedAt: instant,
  events: z.array(
    z.object({
      id: z.number().int(),
      type: z.string(),
      effectiveOn: z.string(),
      actor: z.string(),
      actorLabel: z.string().describe('市民（网页）, 系统, or the staff login name'),
      note: z.string().nullable(),
      data: z.record(z.string(), z.unknown()).nullable(),
      at: instant,
    }),
  ),
});

type CaseView = z.input<typeof caseSchema>;
type Summary = z.input<typeof summarySchema>;

const proceedingSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PROCEEDING_KINDS as [string, ...string[]]),
  kindLabel: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  requestNumber: z.string().nullable(),
  filedOn: z.string(),
  result: z.enum(PROCEEDING_OUTCOMES as [string, ...string[]]),
  resultLabel: z.string(),
  decidedOn: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  createdAt: instant,
  updatedAt: instant,
});

const applicationBody = named(
  z.object({
    applicantType: z.string().describe(`${APPLICANT_TYPES.join(' | ')} (or its Chinese label)`),
    name: z.string(),
    identity: z.object({
      kind: z.enum(['residentId', 'creditCode', 'other']),
      number: z.string(),
      documentType: z.string().optional().describe('for kind other: 护照, 港澳居民来往内地通行证 …'),
    }),
    phone: z.string(),
    address: z.string().optional(),
    email: z.string().optional(),
    description: z.string(),
    form: z.string().describe('paper | electronic'),
    delivery: z.string().describe('collect | post | email'),
    agency: z.string().describe('agency code or name (GET /api/v1/public/forms lists them)'),
  }),
  'DisclosureApplication',
);

/** What the applicant gets back: the tracking number, the reply deadline and what staff will check. */
const receiptSchema = named(
  z.object({
    number: z.string(),
    receivedOn: z.string(),
    replyDue: dueSchema,
    warnings: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
  }),
  'DisclosureReceipt',
);

/** Personal data of the applicant, per field; an organisation's name is not personal data. */
type ApplicantRecord = CaseView['applicant'] & { number: string };
const fieldsFor = (type: string): PersonalFields<ApplicantRecord> =>
  type === 'naturalPerson'
    ? { name: 'name', idNumber: 'idNumber', phone: 'phone', address: 'address', email: 'email' }
    : { idNumber: 'idNumber', phone: 'phone', address: 'address', email: 'email' };

function maskSummary(s: Summary): Summary {
  return s.applicantType === 'naturalPerson' ? maskRecord(s, { applicantName: 'name' }) : s;
}

export interface DisclosureRouteDeps {
  db: Database;
  service: DisclosureService;
  now: () => Date;
}

export function disclosureStaffRoutes(deps: DisclosureRouteDeps): ApiRoute[] {
  const { db, service, now } = deps;
  const agencies = service.agencies;
  const officer = [...DISCLOSURE_ROLES];

  /** The case with personal data masked, or whole on request (audited per view). */
  async function present(
    tx: Transaction,
    view: CaseView,
    options: { unmask: boolean; reason?: string; principal: StaffPrincipal; who: AuditActor; at: Date },
  ): Promise<CaseView> {
    const record: ApplicantRecord = { ...view.applicant, number: view.number };
    const [applicant] = await presentPersonalData(tx, [record], {
      fields: fieldsFor(view.applicant.type),
      unmask: options.unmask,
      reason: options.reason,
      roles: options.principal.roles,
      unmaskRoles: DISCLOSURE_ROLES,
      who: options.who,
      objectType: 'disclosure_request',
      objectIdOf: (r) => r.number,
      at: options.at,
    });
    const { number: _number, ...rest } = applicant!;
    const shown = options.unmask
      ? view
      : {
          ...view,
          description: scrubText(view.description),
          originalDescription: scrubText(view.originalDescription),
          correction: view.correction && {
            ...view.correction,
            description: view.correction.description === null ? null : scrubText(view.correction.description),
          },
          applicantName: rest.name,
        };
    return { ...shown, applicant: rest };
  }

  /** An action on one request: run it, then show the case masked. */
  const action = <B extends z.ZodType>(spec: {
    path: string;
    operationId: string;
    summary: string;
    description?: string;
    body: B;
    run(tx: Transaction, number: string, body: z.output<B>, who: AuditActor, at: Date): Promise<CaseView>;
  }) =>
    staffRoute({
      method: 'post',
      path: `/api/v1/disclosure/requests/:number/${spec.path}`,
      operationId: spec.operationId,
      tag: 'disclosure',
      summary: spec.summary,
      description: spec.description,
      access: officer,
      params: numberParams,
      body: spec.body,
      response: caseSchema,
      errors: [404, 409],
      async handler({ ctx, principal, params, body }) {
        const at = now();
        const who = actorOf(ctx, principal);
        return db.transaction(async (tx) =>
          present(tx, await spec.run(tx, params.number, body as z.output<B>, who, at), { unmask: false, principal, who, at }),
        );
      },
    });

  const routes = [
    staffRoute({
      method: 'get',
      path: '/api/v1/disclosure/reference',
      operationId: 'disclosureReference',
      tag: 'disclosure',
      summary: 'Agencies, topics, outcomes (table 三), channels, pause reasons and fee methods, with their codes and labels',
      access: [...DISCLOSURE_REPORT_ROLES],
      response: z.object({
        agencies: z.array(z.object({ code: z.string(), name: z.string(), default: z.boolean() })),
        topics: z.array(z.object({ code: z.string(), label: z.string() })),
        outcomes: z.array(z.object({ code: z.string(), label: z.string() })),
        statuses: z.array(z.object({ code: z.string(), label: z.string() })),
        receiptChannels: z.array(z.object({ code: z.string(), label: z.string() })),
        pauseReasons: z.array(z.object({ code: z.string(), label: z.string() })),
        feeMethods: z.array(z.object({ code: z.string(), label: z.string() })),
        calendar: z.object({ coveredFrom: z.string(), coveredUntil: z.string() }),
      }),
      async handler() {
        return {
          agencies: agencies.agencies.map((a) => ({ code: a.code, name: a.name, default: a.default })),
          topics: agencies.topics.map((t) => ({ code: t.code, label: t.label })),
          outcomes: REPLY_OUTCOME_CODES.map((code) => ({ code, label: outcomeLabel(code) })),
          statuses: choicesOf(STATUS_LABELS),
          receiptChannels: choicesOf(RECEIPT_CHANNEL_LABELS),
          pauseReasons: choicesOf(PAUSE_REASON_LABELS),
          feeMethods: choicesOf<string>(FEE_METHOD_LABELS, FEE_METHODS),
          calendar: { coveredFrom: service.calendar.coveredFrom, coveredUntil: service.calendar.coveredUntil },
        };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/disclosure/requests',
      operationId: 'listDisclosureRequests',
      tag: 'disclosure',
      summary: 'Disclosure requests, newest first (by due date with dueWithin/overdue); personal data masked',
      access: officer,
      query: z.object({
        status: z
          .string()
          .regex(new RegExp(`^(${STATUSES.join('|')})(,(${STATUSES.join('|')}))*$`), `must be a comma list of ${STATUSES.join(', ')}`)
          .optional()
          .describe('comma list of statuses'),
        agency: z.string().max(48).optional().describe('agency code'),
        dueWithin: intQuery(0, 60).optional().describe('only running requests due within this many working days from today'),
        overdue: z.enum(['true', 'false']).optional().describe('true: only running requests past their reply deadline'),
        before: intQuery(1, Number.MAX_SAFE_INTEGER)
          .optional()
          .describe('the next page of the newest-first list (nextBefore of the previous page)'),
        limit: intQuery(1, 500).optional().describe('at most this many (default 100)'),
      }),
      response: z.object({
        requests: z.array(summarySchema),
        nextBefore: z.number().int().nullable().describe('more requests follow: pass it as ?before='),
      }),
      async handler({ query }) {
        const limit = query.limit ?? 100;
        const byDue = query.overdue === 'true' || query.dueWithin !== undefined;
        const list = await db.transaction((tx) =>
          service.list(
            tx,
            {
              status: query.status?.split(',') as (typeof STATUSES)[number][] | undefined,
              agency: query.agency,
              dueWithinWorkingDays: query.dueWithin,
              overdue: query.overdue === 'true',
              before: query.before,
              limit,
            },
            now(),
          ),
        );
        return { requests: list.map(maskSummary), nextBefore: !byDue && list.length === limit ? list[list.length - 1]!.id : null };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/disclosure/due',
      operationId: 'disclosureDue',
      tag: 'disclosure',
      summary: 'What needs action: overdue, due within N working days, lapsed corrections, consultations, deadlines beyond the calendar',
      access: officer,
      query: z.object({ within: intQuery(0, 60).optional().describe('working days (default 5)'), agency: z.string().max(48).optional() }),
      response: z.object({
        today: z.string(),
        dueBy: z.string(),
        overdue: z.array(summarySchema),
        dueSoon: z.array(summarySchema),
        correctionLapsed: z.array(summarySchema),
        paused: z.array(summarySchema),
        opinionDue: z.array(summarySchema).describe('Art. 32: third-party opinions due by dueBy or overdue'),
        feeLapsed: z.array(summarySchema),
        beyondCoverage: z.array(summarySchema),
        calendarWarning: z.string().nullable().describe("from 1 November: next year's holiday arrangement is missing"),
      }),
      async handler({ query }) {
        const due = await db.transaction((tx) => service.due(tx, { withinWorkingDays: query.within ?? 5, agency: query.agency }, now()));
        return {
          ...due,
          overdue: due.overdue.map(maskSummary),
          dueSoon: due.dueSoon.map(maskSummary),
          correctionLapsed: due.correctionLapsed.map(maskSummary),
          paused: due.paused.map(maskSummary),
          opinionDue: due.opinionDue.map(maskSummary),
          feeLapsed: due.feeLapsed.map(maskSummary),
          beyondCoverage: due.beyondCoverage.map(maskSummary),
        };
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/disclosure/requests',
      operationId: 'registerDisclosureRequest',
      tag: 'disclosure',
      summary: 'Register an application received in person (当面) or by letter (信函); the same validation as online intake',
      description:
        'receivedOn (Art. 31): in person the day submitted, by post the day the agency signed for it; today when omitted. A complaint (Art. 39) or a vague description is registered with a warning: answer it with 不予处理 or a correction notice.',
      access: officer,
      status: 201,
      body: z.object({ channel: z.enum(['inPerson', 'letter']), receivedOn: date.optional(), application: applicationBody }),
      response: receiptSchema,
      async handler({ ctx, principal, body }) {
        const at = now();
        const checked = validateApplication(body.application, { today: toShanghaiDate(at), agencies, received: true });
        if (!checked.ok) {
          throw new z.ZodError(
            checked.errors.map((e) => ({
              code: 'custom' as const,
              path: ['application', e.field],
              message: `${e.message} (${e.code})`,
              input: undefined,
            })),
          );
        }
        const result = await db.transaction((tx) =>
          service.registerApplication(
            tx,
            checked.value,
            { channel: body.channel, receivedOn: body.receivedOn },
            actorOf(ctx, principal),
            at,
          ),
        );
        return { ...result, warnings: checked.warnings };
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/disclosure/requests/:number',
      operationId: 'getDisclosureRequest',
      tag: 'disclosure',
      summary: 'One request with its deadlines, fee and history; personal data masked unless ?unmask=true (audited)',
      access: officer,
      params: numberParams,
      query: z.object(unmaskQueryShape),
      response: caseSchema,
      errors: [404],
      async handler({ ctx, principal, params, query }) {
        const at = now();
        return db.transaction(async (tx) =>
          present(tx, await service.get(tx, params.number, at), {
            unmask: query.unmask === 'true',
            reason: query.reason,
            principal,
            who: actorOf(ctx, principal),
            at,
          }),
        );
      },
    }),
    action({
      path: 'correction-notice',
      operationId: 'requestDisclosureCorrection',
      summary:
        '补正: ask the applicant once, within 7 working days of receipt, to correct the application; the reply clock waits for the correction',
      description:
        'dueOn: the date the applicant must correct by (default 15 working days after the notice). The applicant is told in the chat.',
      body: z.object({
        items: z.string().min(1).max(2000).describe('what to correct or complete'),
        dueOn: date.optional(),
        on: date.optional(),
      }),
      run: (tx, number, body, who, at) => service.requestCorrection(tx, number, body, who, at),
    }),
    action({
      path: 'correction',
      operationId: 'receiveDisclosureCorrection',
      summary: 'The corrected application arrived (on, default today): the 20 working days start again from that day',
      body: z.object({
        on: date.optional(),
        description: z.string().min(1).max(2000).optional().describe('the corrected description, when it changed'),
      }),
      run: (tx, number, body, who, at) => service.receiveCorrection(tx, number, body, who, at),
    }),
    action({
      path: 'extension',
      operationId: 'extendDisclosureDeadline',
      summary: '延期: extend the reply deadline once by at most 20 working days, with the approver and the reason; the applicant is told',
      body: z.object({
        workingDays: z.number().int().min(1).max(20),
        approver: z.string().min(1).max(100).describe('the head of the disclosure office who approved it'),
        reason: z.string().min(1).max(500),
        on: date.optional(),
      }),
      run: (tx, number, body, who, at) => service.extend(tx, number, body, who, at),
    }),
    action({
      path: 'pause',
      operationId: 'pauseDisclosureClock',
      summary: 'Consult a third party (Art. 32) or another agency (Art. 34): the days after `on` do not count until resumed',
      description:
        'For a third party, thirdPartyReceivedOn (when known) starts its 15 working days (Art. 32); record it later with consultation-receipt.',
      body: z.object({
        reason: z.enum(CONSULTATION_REASONS),
        note: z.string().min(1).max(1000).describe('whom, about what'),
        on: date.optional(),
        thirdPartyReceivedOn: date.optional(),
      }),
      run: (tx, number, body, who, at) => service.pause(tx, number, body, who, at),
    }),
    action({
      path: 'consultation-receipt',
      operationId: 'recordThirdPartyReceipt',
      summary: 'Art. 32: the day the consulted third party received the request; its opinion is due 15 working days later',
      body: z.object({ on: date }),
      run: (tx, number, body, who, at) => service.consultationReceived(tx, number, body, who, at),
    }),
    action({
      path: 'resume',
      operationId: 'resumeDisclosureClock',
      summary: 'The consultation ended on `on` (default today): the clock runs again from the next day',
      body: z.object({ on: date.optional(), note: z.string().max(1000).optional() }),
      run: (tx, number, body, who, at) => service.resume(tx, number, body, who, at),
    }),
    action({
      path: 'transfer',
      operationId: 'transferDisclosureRequest',
      summary: 'Hand the request to the agency that holds the information; receipt date and deadlines stay',
      body: z.object({ agency: z.string().min(1).max(100), reason: z.string().min(1).max(500) }),
      run: (tx, number, body, who, at) => service.transfer(tx, number, body, who, at),
    }),
    action({
      path: 'fee',
      operationId: 'setDisclosureFee',
      summary:
        'Note the information-processing fee (free by default; per application or per page, one method), computed by the national rules',
      description:
        'A fee above zero is the fee notice of `on` (default today; 国办函〔2020〕109号): the applicant is told in the chat, pays within 20 working days, and the reply clock stands still until payment (fee-payment). Unpaid past that day: reply outcome.otherHandling.feeUnpaid.',
      body: z.object({
        method: z.enum(FEE_METHODS),
        pages: z.number().int().min(0).max(1_000_000).optional().describe('for perPage'),
        on: date.optional().describe('the day the fee notice was sent'),
      }),
      run: (tx, number, body, who, at) => service.setFee(tx, number, body, who, at),
    }),
    action({
      path: 'fee-payment',
      operationId: 'recordDisclosureFeePayment',
      summary: 'The fee was paid on `on` (default today), by the payment deadline: the reply clock runs again from the next day',
      body: z.object({ on: date.optional() }),
      run: (tx, number, body, who, at) => service.feePaid(tx, number, body, who, at),
    }),
    action({
      path: 'topic',
      operationId: 'setDisclosureTopic',
      summary: 'Correct the city-report topic (拆迁/征地/城市规划/项目审批/其他)',
      body: z.object({ topic: z.string().min(1).max(48) }),
      run: (tx, number, body, who, at) => service.setTopic(tx, number, body, who, at),
    }),
    action({
      path: 'reply',
      operationId: 'replyDisclosureRequest',
      summary: 'Reply with one outcome of table 三 and the reply text or document reference; closes the request and tells the applicant',
      description: 'outcome.otherHandling.correctionOverdue closes a request whose correction period lapsed (also done automatically).',
      body: z.object({
        outcome: z.enum(REPLY_OUTCOME_CODES as [string, ...string[]]),
        text: z.string().max(10000).optional(),
        attachment: z.string().max(300).optional().describe('where the reply document is kept'),
        on: date.optional(),
      }),
      run: (tx, number, body, who, at) => service.reply(tx, number, body, who, at),
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/disclosure/proceedings',
      operationId: 'listDisclosureProceedings',
      tag: 'disclosure',
      summary: 'Reviews and lawsuits counted in a year (filed in it, or decided in it)',
      access: [...DISCLOSURE_REPORT_ROLES],
      query: z.object({ year: intQuery(2000, 9999), agency: z.string().max(48).optional() }),
      response: z.object({ proceedings: z.array(proceedingSchema) }),
      async handler({ query }) {
        const list = await db.transaction((tx) => proceedings.list(tx, query.year, query.agency));
        return { proceedings: list.map((p) => proceedingView(p, agencies)) };
      },
    }),
    staffRoute({
      method: 'post',
      path: '/api/v1/disclosure/proceedings',
      operationId: 'recordDisclosureProceeding',
      tag: 'disclosure',
      summary: 'Record an administrative review (行政复议) or lawsuit (行政诉讼) about disclosure, for table 四',
      access: officer,
      status: 201,
      body: z.object({
        kind: z.enum(PROCEEDING_KINDS as [string, ...string[]]),
        agency: z.string().max(100).optional(),
        requestNumber: z.string().max(20).optional(),
        filedOn: date,
        result: z.enum(PROCEEDING_OUTCOMES as [string, ...string[]]).optional(),
        decidedOn: date.optional(),
        note: z.string().max(2000).optional(),
      }),
      response: proceedingSchema,
      async handler({ ctx, principal, body }) {
        const at = now();
        const saved = await db.transaction((tx) =>
          proceedings.record(tx, body as Parameters<typeof proceedings.record>[1], agencies, actorOf(ctx, principal), at),
        );
        return proceedingView(saved, agencies);
      },
    }),
    staffRoute({
      method: 'patch',
      path: '/api/v1/disclosure/proceedings/:id',
      operationId: 'decideDisclosureProceeding',
      tag: 'disclosure',
      summary: 'Record the result of a review or lawsuit (结果维持 / 结果纠正 / 其他结果), or set it back to pending',
      access: officer,
      params: z.object({ id: z.string().regex(/^\d+$/, 'must be a whole number').transform(Number) }),
      body: z.object({
        result: z.enum(PROCEEDING_OUTCOMES as [string, ...string[]]),
        decidedOn: date.nullable().optional(),
        note: z.string().max(2000).nullable().optional(),
      }),
      response: proceedingSchema,
      errors: [404],
      async handler({ ctx, principal, params, body }) {
        const at = now();
        const saved = await db.transaction((tx) =>
          proceedings.decide(tx, params.id, body as Parameters<typeof proceedings.decide>[2], actorOf(ctx, principal), at),
        );
        return proceedingView(saved, agencies);
      },
    }),
    staffRoute({
      method: 'get',
      path: '/api/v1/disclosure/reports/annual',
      operationId: 'disclosureAnnualReport',
      tag: 'disclosure',
      summary:
        'Table 三 and 四 of the annual report, and the breakdowns by channel, topic and agency; fails (409) when table 三 does not balance',
      access: [...DISCLOSURE_REPORT_ROLES],
      query: z.object({
        year: intQuery(2000, 9999),
        agency: z.string().max(100).optional(),
        format: z.enum(REPORT_FORMATS).optional().describe('json (default), md or csv'),
      }),
      response: z.record(z.string(), z.unknown()),
      alsoProduces: ['text/markdown', 'text/csv'],
      errors: [409],
      async handler({ query }) {
        let report;
        try {
          report = await db.transaction((tx) => buildAnnualReport(tx, { year: query.year, agency: query.agency }, agencies));
        } catch (err) {
          if (err instanceof AnnualReportError) throw new HttpError(409, 'report_invalid', err.message);
          throw err;
        }
        const format = query.format ?? 'json';
        if (format === 'json') return JSON.parse(renderAnnualReport(report, 'json')) as Record<string, unknown>;
        const name = `disclosure-${query.year}${report.agency ? `-${report.agency.code}` : ''}.${format}`;
        return new RawResponse(
          format === 'md' ? 'text/markdown; charset=utf-8' : 'text/csv; charset=utf-8',
          renderAnnualReport(report, format),
          name,
        );
      },
    }),
  ];
  // Every refusal of the officers' API is in Chinese, naming the field: a field of the wrong type too.
  return routes.map((route) => ({ ...route, refuseBody: officerBodyRefusal }));
}

// ---------------------------------------------------------------------------------------
// Citizens: their own requests, with the chat token of /api/v1/chat or the mini-program login

const correctionBody = z.object({
  description: z.string({ error: '请填写补正后的信息描述' }).min(1, '请填写补正后的信息描述').max(2000, '描述请控制在2000字以内'),
});

const myNumberParams = z.object({
  number: z.string().describe("the tracking number, such as YSQ2026000123; another citizen's answers 404"),
});

const citizenRequestSchema = named(
  z.object({
    number: z.string(),
    status: z.enum(STATUSES),
    statusLabel: z.string(),
    agency: z.string().describe("the agency's name"),
    description: z.string(),
    receivedOn: z.string(),
    replyDue: dueSchema.nullable().describe('the deadline in force; null while awaiting correction, consulting, or closed'),
    correction: z
      .object({ items: z.string(), dueOn: z.string() })
      .nullable()
      .describe('the correction (补正) asked for, while it is awaited'),
    outcome: z.object({ code: z.string(), label: z.string() }).nullable(),
    closedOn: z.string().nullable(),
    replyText: z.string().nullable(),
    replyAttachment: z.string().nullable(),
    history: z.array(z.object({ on: z.string(), event: z.string() })),
  }),
  'MyDisclosureRequest',
);

export function citizenRequestRoutes(deps: DisclosureRouteDeps): ApiRoute[] {
  const { db, service, now } = deps;
  const notFound = () => new HttpError(404, 'request_not_found', '没有查到您提交的这件申请。');

  return [
    citizenRoute({
      method: 'get',
      path: '/api/v1/me/requests',
      operationId: 'listMyDisclosureRequests',
      tag: 'my-requests',
      summary: "The citizen's own disclosure requests: status, reply deadline, correction asked for, outcome",
      access: 'citizen',
      response: z.object({ requests: z.array(citizenRequestSchema) }),
      async handler({ principal }) {
        return { requests: await db.transaction((tx) => service.citizenRequests(tx, principal, now())) };
      },
    }),
    citizenRoute({
      method: 'post',
      path: '/api/v1/me/requests',
      operationId: 'submitMyDisclosureRequest',
      tag: 'my-requests',
      summary: "A disclosure application by form: exactly the chat intake's validation and deadlines, the same case in the citizen's chat",
      access: 'citizen',
      status: 201,
      body: formBody(applicationBody),
      response: receiptSchema,
      async handler({ principal, body }) {
        const at = now();
        const checked = validateApplication(body, { today: toShanghaiDate(at), agencies: service.agencies });
        if (!checked.ok) throw invalidFields('invalid_application', checked.errors);
        const result = await db.transaction(async (tx) => {
          const conversation = await conversations.threadOf(tx, principal, at);
          return service.submitApplication(tx, checked.value, { ...principal, conversationId: conversation.id, via: 'form' }, at);
        });
        return { number: result.number, receivedOn: result.receivedOn, replyDue: result.replyDue, warnings: checked.warnings };
      },
    }),
    citizenRoute({
      method: 'get',
      path: '/api/v1/me/requests/:number',
      operationId: 'getMyDisclosureRequest',
      tag: 'my-requests',
      summary: "One of the citizen's own disclosure requests with its history",
      access: 'citizen',
      params: myNumberParams,
      response: citizenRequestSchema,
      errors: [404],
      async handler({ principal, params }) {
        const view = await db.transaction((tx) => service.citizenStatus(tx, params.number, principal, now()));
        if (!view) throw notFound();
        return view;
      },
    }),
    citizenRoute({
      method: 'post',
      path: '/api/v1/me/requests/:number/correction',
      operationId: 'correctMyDisclosureRequest',
      tag: 'my-requests',
      summary: "The applicant's correction (补正) while one is asked for; the reply clock restarts that day",
      access: 'citizen',
      params: myNumberParams,
      body: correctionBody,
      response: citizenRequestSchema,
      errors: [404],
      async handler({ principal, params, body }) {
        const view = await db.transaction((tx) => service.citizenCorrection(tx, params.number, principal, body.description, now()));
        if (!view) throw notFound();
        return view;
      },
    }),
  ];
}
