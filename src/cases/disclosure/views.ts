/**
 * What officers and citizens read of disclosure requests, changing nothing: the case as an
 * officer sees it, the lists and the due list, and a citizen's own requests with their history.
 */
import type { DisclosureEvent, DisclosureRequest } from '../../../entities';
import type { DisclosureEventType } from '../../../entities/DisclosureEvent';
import type { DisclosureStatus } from '../../../entities/DisclosureRequest';
import { scrubText } from '../../staff/audit/personalData';
import type { Transaction } from '../../platform/db/database';
import { APPLICANT_TYPE_LABELS, type ApplicantType } from './rules/annualReport';
import { addDays, toShanghaiDate } from '../../platform/calendar/dates';
import type { WorkingDayCalendar } from '../../platform/calendar/workingDays';
import { DomainError } from '../../platform/domainError';
import { actorLabel } from '../../staff/labels';
import type { AgencyDirectory } from './agencies';
import type { DeadlineViews, DueView } from './deadlineView';
import { disclosureEvents, disclosureRequests, TRACKING_NUMBER, type RequestFilter } from './repository';
import { FEE_METHOD_LABELS, isOutcomeCode, outcomeLabel, RECEIPT_CHANNEL_LABELS, STATUS_LABELS } from './texts';

/** The chat identity a request belongs to: only it may see the request's status. */
export interface CitizenRef {
  channel: string;
  citizenId: string;
}

export interface CitizenRequestView {
  number: string;
  status: DisclosureStatus;
  statusLabel: string;
  agency: string;
  description: string;
  receivedOn: string;
  /** The deadline in force; null while awaiting correction, consulting, or closed. */
  replyDue: DueView | null;
  correction: { items: string; dueOn: string } | null;
  outcome: { code: string; label: string } | null;
  closedOn: string | null;
  replyText: string | null;
  replyAttachment: string | null;
  history: { on: string; event: string }[];
}

const CITIZEN_EVENT_LABELS: Partial<Record<DisclosureEventType, string>> = {
  received: '收到申请',
  'correction-requested': '告知补正',
  corrected: '收到补正',
  extended: '延长答复期限',
  paused: '征求意见（暂停计时）',
  resumed: '恢复计时',
  transferred: '转办',
  replied: '已答复',
  abandoned: '视为放弃申请',
};

export async function requestOr404(tx: Transaction, number: string): Promise<DisclosureRequest> {
  const r = TRACKING_NUMBER.test(number) ? await disclosureRequests.byNumber(tx, number) : null;
  if (!r) throw new DomainError('notFound', 'request_not_found', `no disclosure request ${number}`);
  return r;
}

export function createDisclosureViews(deps: {
  calendar: WorkingDayCalendar;
  agencies: AgencyDirectory;
  clock: () => Date;
  deadlines: DeadlineViews['deadlines'];
}) {
  const { calendar, agencies, clock, deadlines } = deps;

  async function citizenView(tx: Transaction, r: DisclosureRequest, today: string): Promise<CitizenRequestView> {
    const view = deadlines(r, today);
    const events = await disclosureEvents.of(tx, r.id);
    const notice = r.status === 'awaitingCorrection' ? [...events].reverse().find((e) => e.type === 'correction-requested') : undefined;
    return {
      number: r.number,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      agency: agencies.nameOf(r.agency),
      description: r.description,
      receivedOn: r.receivedOn,
      replyDue: r.status === 'processing' ? view.replyDueInForce : null,
      correction: notice && r.correctionDueOn ? { items: notice.note ?? '', dueOn: r.correctionDueOn } : null,
      outcome: r.outcome && isOutcomeCode(r.outcome) ? { code: r.outcome, label: outcomeLabel(r.outcome) } : null,
      closedOn: r.closedOn,
      replyText: r.replyText,
      replyAttachment: r.replyAttachment,
      history: events
        .filter((e) => CITIZEN_EVENT_LABELS[e.type] && !(e.type === 'fee-set' && !e.data?.amount))
        .map((e) => ({ on: e.effectiveOn, event: CITIZEN_EVENT_LABELS[e.type]! })),
    };
  }

  /** What officers see in lists: personal data are masked by the caller (routes, CLI). */
  function summary(r: DisclosureRequest, today: string) {
    const view = deadlines(r, today);
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      receiptChannel: r.receiptChannel,
      agency: { code: r.agency, name: agencies.nameOf(r.agency) },
      topic: { code: r.topic, label: agencies.topic(r.topic)?.label ?? r.topic },
      applicantType: r.applicantType,
      applicantName: r.applicantName,
      description: scrubText(r.description.length > 80 ? `${r.description.slice(0, 80)}…` : r.description),
      receivedOn: r.receivedOn,
      dueOn: view.replyDueInForce?.date ?? null,
      correctionDueOn: r.status === 'awaitingCorrection' ? r.correctionDueOn : null,
      workingDaysLeft: view.workingDaysLeft,
      overdue: view.overdue,
      correctionLapsed: view.correctionLapsed,
      opinionDueOn: view.paused?.thirdPartyOpinionDue?.date ?? null,
      opinionOverdue: view.opinionOverdue,
      feePaymentDueOn: view.feePaymentDueOn,
      feeLapsed: view.feeLapsed,
      art39Hint: r.art39Hint,
      beyondCoverage: view.beyondCoverage,
      outcome: r.outcome,
      closedOn: r.closedOn,
    };
  }

  function caseView(r: DisclosureRequest, events: DisclosureEvent[], today: string) {
    // The law treats the request and its correction (补正) as two documents: both are shown.
    const corrected = events.find((e) => e.type === 'corrected');
    const changed = corrected?.data?.descriptionChanged === true;
    const previous = corrected?.data?.previousDescription;
    return {
      ...summary(r, today),
      description: r.description,
      originalDescription: changed && typeof previous === 'string' ? previous : r.description,
      correction: corrected ? { on: corrected.effectiveOn, description: changed ? r.description : null } : null,
      receiptChannelLabel: RECEIPT_CHANNEL_LABELS[r.receiptChannel],
      via: r.via,
      fromChat: r.conversationId !== null,
      applicant: {
        type: r.applicantType,
        typeLabel: APPLICANT_TYPE_LABELS[r.applicantType as ApplicantType] ?? r.applicantType,
        name: r.applicantName,
        idKind: r.idKind,
        idDocumentType: r.idDocumentType,
        idNumber: r.idNumber,
        idChecksumWarning: r.idChecksumWarning,
        phone: r.phone,
        address: r.address,
        email: r.email,
      },
      informationForm: r.informationForm,
      delivery: r.delivery,
      deadlines: deadlines(r, today),
      fee: {
        method: r.feeMethod,
        methodLabel: FEE_METHOD_LABELS[r.feeMethod] ?? r.feeMethod,
        amount: r.feeAmount,
        pages: r.feePages,
        noticeOn: r.feeNoticeOn,
        paymentDueOn: r.feePaymentDueOn,
        paidOn: r.feePaidOn,
      },
      outcomeLabel: r.outcome && isOutcomeCode(r.outcome) ? outcomeLabel(r.outcome) : null,
      replyText: r.replyText,
      replyAttachment: r.replyAttachment,
      version: r.version,
      receivedAt: r.receivedAt.toISOString(),
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        effectiveOn: e.effectiveOn,
        actor: e.actor,
        actorLabel: actorLabel(e.actor),
        note: e.note === null ? null : scrubText(e.note),
        data: e.data,
        at: e.createdAt.toISOString(),
      })),
    };
  }

  return {
    citizenView,
    summary,
    caseView,

    /** The request's status for the citizen who filed it; null for anyone else's number and unknown numbers alike. */
    async citizenStatus(tx: Transaction, number: string, citizen: CitizenRef, now: Date = clock()): Promise<CitizenRequestView | null> {
      const normalized = number.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
      if (!TRACKING_NUMBER.test(normalized)) return null;
      const r = await disclosureRequests.byNumber(tx, normalized);
      if (!r || r.citizenChannel !== citizen.channel || r.citizenId !== citizen.citizenId) return null;
      return citizenView(tx, r, toShanghaiDate(now));
    },

    /** The citizen's own requests, newest first. */
    async citizenRequests(tx: Transaction, citizen: CitizenRef, now: Date = clock()): Promise<CitizenRequestView[]> {
      const today = toShanghaiDate(now);
      const list = await disclosureRequests.ofCitizen(tx, citizen.channel, citizen.citizenId);
      return Promise.all(list.map((r) => citizenView(tx, r, today)));
    },

    async list(
      tx: Transaction,
      filter: {
        status?: DisclosureStatus[];
        agency?: string;
        dueWithinWorkingDays?: number;
        overdue?: boolean;
        limit: number;
        before?: number;
      },
      now: Date,
    ) {
      const today = toShanghaiDate(now);
      const query: RequestFilter = { status: filter.status, agency: filter.agency, limit: filter.limit, before: filter.before };
      if (filter.overdue || filter.dueWithinWorkingDays !== undefined) {
        query.status = ['processing'];
        query.order = 'due';
        if (filter.overdue) query.dueTo = addDays(today, -1);
        if (filter.dueWithinWorkingDays !== undefined) {
          if (!filter.overdue) query.dueFrom = today;
          query.dueTo = calendar.addWorkingDays(today, filter.dueWithinWorkingDays).date;
        }
      }
      const rows = await disclosureRequests.list(tx, query);
      return rows.map((r) => summary(r, today));
    },

    async get(tx: Transaction, number: string, now: Date) {
      const r = await requestOr404(tx, number);
      return caseView(r, await disclosureEvents.of(tx, r.id), toShanghaiDate(now));
    },

    /** Open requests an officer must act on: overdue, due within `withinWorkingDays`, lapsed corrections, flagged deadlines. */
    async due(tx: Transaction, options: { withinWorkingDays: number; agency?: string }, now: Date) {
      const today = toShanghaiDate(now);
      const open = await disclosureRequests.list(tx, {
        status: ['processing', 'paused', 'awaitingCorrection'],
        agency: options.agency,
        limit: 100000,
        order: 'due',
      });
      const limit = calendar.addWorkingDays(today, options.withinWorkingDays);
      const items = open.map((r) => summary(r, today));
      return {
        today,
        dueBy: limit.date,
        calendarWarning: calendar.missingYearWarning(today),
        overdue: items.filter((s) => s.overdue),
        dueSoon: items.filter((s) => s.status === 'processing' && !s.overdue && s.dueOn !== null && s.dueOn <= limit.date),
        correctionLapsed: items.filter((s) => s.correctionLapsed),
        paused: items.filter((s) => s.status === 'paused'),
        /** Art. 32: third-party opinions due by dueBy, or overdue (opinionOverdue). */
        opinionDue: items.filter((s) => s.opinionDueOn !== null && s.opinionDueOn <= limit.date),
        feeLapsed: items.filter((s) => s.feeLapsed),
        beyondCoverage: items.filter((s) => s.beyondCoverage),
      };
    },
  };
}

export type DisclosureViews = ReturnType<typeof createDisclosureViews>;
