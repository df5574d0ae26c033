/**
 * Disclosure requests (依申请公开) from receipt to reply, 《政府信息公开条例》Art. 29-39: filing
 * (chat, form, or registered by an officer), the officers' actions with their statutory limits,
 * the deadlines in working days, what the citizen sees, and a notice to the citizen's chat on
 * every change of status. Every change is an event on the request and an audit record, written
 * in the caller's transaction together with the notice.
 */
import type { DisclosureEvent, DisclosureRequest } from '../../entities';
import type { DisclosureEventType } from '../../entities/DisclosureEvent';
import type { ClockPause, DisclosureStatus, PauseReason, ReceiptChannel } from '../../entities/DisclosureRequest';
import { scrubText } from '../audit/personalData';
import { auditLog, type AuditActor } from '../audit/repository';
import { deliverToCitizen } from '../conversation/deliver';
import type { Transaction } from '../db/database';
import { APPLICANT_TYPE_LABELS, type ApplicantType, type ReplyOutcomeCode } from '../domain/annualReport';
import { addDays, isIsoDate, toShanghaiDate } from '../domain/dates';
import {
  computeDisclosureDeadlines,
  CONSULTATION_REASONS,
  feePaymentDue,
  MAX_EXTENSION_WORKING_DAYS,
  thirdPartyOpinionDue,
  type DueDate,
} from '../domain/disclosureDeadlines';
import { disclosureFee, type FeeMethod } from '../domain/disclosureFees';
import type { CalendarResult, WorkingDayCalendar } from '../domain/workingDays';
import { badInput } from './fieldErrors';
import { DomainError } from '../domainError';
import type { AgencyDirectory } from './agencies';
import { validateDescription, type DisclosureApplication } from './application';
import { disclosureEvents, disclosureRequests, TRACKING_NUMBER, trackingNumber, type RequestFilter } from './repository';
import { actorLabel } from '../text/staffLabels';
import { FEE_METHOD_LABELS, isOutcomeCode, outcomeLabel, RECEIPT_CHANNEL_LABELS, say, STATUS_LABELS } from './texts';

/** The chat identity a request belongs to: only it may see the request's status. */
export interface CitizenRef {
  channel: string;
  citizenId: string;
}

export interface SubmitOrigin extends CitizenRef {
  conversationId: string | null;
  via: 'chat' | 'form';
}

export interface DueView {
  date: string;
  beyondCoverage: boolean;
}

export interface SubmitResult {
  number: string;
  receivedOn: string;
  replyDue: DueView;
}

/**
 * (local) The correction period an officer's notice gives when it names none: 15 working days
 * after the notice. Art. 30 leaves the period to the agency ("合理的补正期限").
 */
export const DEFAULT_CORRECTION_PERIOD_WORKING_DAYS = 15;
/** (local, WENZHENG_CORRECTION_MIN_WORKING_DAYS) The shortest period a notice may set: a day or two is not reasonable. */
export const DEFAULT_CORRECTION_MIN_WORKING_DAYS = 10;

export interface DeadlineView {
  receivedOn: string;
  /** Art. 30: the last day to send the one correction notice. */
  correctionNoticeDue: DueView;
  /** The date the notice set for the applicant to correct by. */
  correctionDueOn: string | null;
  /** receivedOn, or the day the corrected application arrived; null while awaiting it. */
  replyClockStartsOn: string | null;
  /** 20 working days (plus paused days), null while the date cannot be known. */
  replyDue: DueView | null;
  /** With the approved extension: the deadline that binds the agency. */
  replyDueInForce: DueView | null;
  /** With the longest extension the law allows: the outer limit of an extension. */
  replyDueWithMaxExtension: DueView | null;
  extensionDays: number;
  paused: {
    since: string;
    reason: PauseReason;
    workingDaysLeft: number;
    /** Art. 32: the day the third party received the request, once recorded. */
    thirdPartyReceivedOn: string | null;
    /** 15 working days from that receipt (from the day sent until it is recorded). */
    thirdPartyOpinionDue: DueView | null;
  } | null;
  /** A third-party consultation still open past the opinion's due date. */
  opinionOverdue: boolean;
  /** 国办函〔2020〕109号: while a fee notice awaits payment, the last day to pay. */
  feePaymentDueOn: string | null;
  /** Unpaid past that day: the request may be closed as 逾期未缴费 (table 三 (六)2). */
  feeLapsed: boolean;
  /** Working days from today to the deadline in force (negative when overdue); null when none runs. */
  workingDaysLeft: number | null;
  overdue: boolean;
  /** Awaiting correction past the date the notice set: to be closed as abandoned. */
  correctionLapsed: boolean;
  /** Some deadline runs past the last year of the holiday calendar. */
  beyondCoverage: boolean;
  coverageWarning: string | null;
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

const citizenActor = (channel: string): AuditActor => ({
  actor: `citizen:${channel}`,
  actorId: null,
  via: 'system',
  ip: null,
  requestId: null,
});

const conflict = (code: string, message: string) => new DomainError('conflict', code, message);

function dueView(due: DueDate | CalendarResult): DueView | null {
  if ('status' in due) return due.status === 'due' ? { date: due.date, beyondCoverage: due.beyondCoverage } : null;
  return { date: due.date, beyondCoverage: due.beyondCoverage };
}

/** The date an officer's action takes effect: given, or today; never in the future. */
function effectiveDate(on: string | undefined, today: string, notBefore: { date: string; what: string } | null, field = 'on'): string {
  const date = on ?? today;
  if (!isIsoDate(date)) throw badInput(field, '须为真实存在的日期，格式YYYY-MM-DD');
  if (date > today) throw badInput(field, `不得晚于今天（${today}）`);
  if (notBefore && date < notBefore.date) throw badInput(field, `不得早于${notBefore.what}（${notBefore.date}）`);
  return date;
}

function requireText(value: string | undefined | null, field: string, max: number): string {
  const s = (value ?? '').trim();
  if (!s) throw badInput(field, '不能为空');
  if (s.length > max) throw badInput(field, `不得超过${max}个字`);
  return s;
}

export type DisclosureService = ReturnType<typeof createDisclosureService>;

export function createDisclosureService(deps: {
  calendar: WorkingDayCalendar;
  agencies: AgencyDirectory;
  now?: () => Date;
  correctionMinWorkingDays?: number;
}) {
  const { calendar, agencies } = deps;
  const correctionMinWorkingDays = deps.correctionMinWorkingDays ?? DEFAULT_CORRECTION_MIN_WORKING_DAYS;
  const clock = deps.now ?? (() => new Date());

  const coverageWarning = `期限算到了节假日日历之外（${calendar.coveredUntil}以后暂按周一至周五计算）：次年放假安排公布、管理员更新日历后，请再核对一次期限。`;

  // -------------------------------------------------------------------------------------
  // Deadlines

  function deadlines(
    r: Pick<
      DisclosureRequest,
      'status' | 'receivedOn' | 'correctedOn' | 'correctionDueOn' | 'extensionDays' | 'pauses' | 'closedOn' | 'feePaymentDueOn'
    >,
    today: string,
  ): DeadlineView {
    const d = computeDisclosureDeadlines(calendar, {
      receivedOn: r.receivedOn,
      correctedOn: r.correctedOn,
      extensionWorkingDays: r.extensionDays,
      pauses: r.pauses,
    });
    const awaiting = r.status === 'awaitingCorrection';
    const inForce = awaiting ? null : dueView(d.replyDueInForce);
    const open = r.pauses.find((p) => p.to === null);
    const pausedDue = d.replyDueInForce.status === 'paused' ? d.replyDueInForce : null;
    const paused =
      r.status === 'paused' && open
        ? {
            since: addDays(open.from, -1),
            reason: open.reason,
            workingDaysLeft: pausedDue?.workingDaysLeft ?? 0,
            thirdPartyReceivedOn: open.reason === 'thirdParty' ? (open.thirdPartyReceivedOn ?? null) : null,
            thirdPartyOpinionDue:
              open.reason === 'thirdParty'
                ? dueView(thirdPartyOpinionDue(calendar, open.thirdPartyReceivedOn ?? addDays(open.from, -1)))
                : null,
          }
        : null;
    const feePaymentDueOn = paused?.reason === 'fee' ? r.feePaymentDueOn : null;
    const running = r.status === 'processing' && inForce !== null;
    const beyondCoverage =
      d.correctionNoticeDue.beyondCoverage ||
      (!awaiting && d.replyDueInForce.beyondCoverage) ||
      (paused?.thirdPartyOpinionDue?.beyondCoverage ?? false) ||
      (awaiting && r.correctionDueOn !== null && !calendar.isCovered(r.correctionDueOn));
    return {
      receivedOn: r.receivedOn,
      correctionNoticeDue: dueView(d.correctionNoticeDue)!,
      correctionDueOn: r.correctionDueOn,
      replyClockStartsOn: awaiting ? null : d.replyClockStartsOn,
      replyDue: awaiting ? null : dueView(d.replyDue),
      replyDueInForce: inForce,
      replyDueWithMaxExtension: awaiting ? null : dueView(d.replyDueWithMaxExtension),
      extensionDays: r.extensionDays,
      paused,
      workingDaysLeft: running ? calendar.workingDaysBetween(today, inForce.date).days : null,
      overdue: running && today > inForce.date,
      correctionLapsed: awaiting && r.correctionDueOn !== null && today > r.correctionDueOn,
      opinionOverdue: paused?.thirdPartyOpinionDue ? today > paused.thirdPartyOpinionDue.date : false,
      feePaymentDueOn,
      feeLapsed: feePaymentDueOn !== null && today > feePaymentDueOn,
      beyondCoverage,
      // A closed case has no deadline left to check.
      coverageWarning: beyondCoverage && r.status !== 'closed' ? coverageWarning : null,
    };
  }

  /** The stored copy of the deadline in force, which lists filter and sort by. */
  function dueColumns(
    r: Pick<
      DisclosureRequest,
      'status' | 'receivedOn' | 'correctedOn' | 'correctionDueOn' | 'extensionDays' | 'pauses' | 'closedOn' | 'feePaymentDueOn'
    >,
  ) {
    if (r.status !== 'processing') return { dueOn: null, dueBeyondCoverage: false };
    const due = computeDisclosureDeadlines(calendar, {
      receivedOn: r.receivedOn,
      correctedOn: r.correctedOn,
      extensionWorkingDays: r.extensionDays,
      pauses: r.pauses,
    }).replyDueInForce;
    return due.status === 'due'
      ? { dueOn: due.date, dueBeyondCoverage: due.beyondCoverage }
      : { dueOn: null, dueBeyondCoverage: due.beyondCoverage };
  }

  // -------------------------------------------------------------------------------------
  // Changes: one event, one audit record, one notice, one version step

  async function notify(tx: Transaction, r: DisclosureRequest, event: DisclosureEvent, text: string, now: Date): Promise<void> {
    if (!r.conversationId) return;
    await deliverToCitizen(
      tx,
      {
        conversationId: r.conversationId,
        author: 'system',
        text,
        dedupeKey: `disclosure:${r.number}:${event.id}`,
        meta: { disclosure: r.number, event: event.type },
      },
      now,
    );
  }

  interface Change {
    changes: Partial<DisclosureRequest>;
    event: { type: DisclosureEventType; effectiveOn: string; note?: string | null; data?: Record<string, unknown> | null };
    /** The notice to the citizen, from the request as it is after the change. */
    notice?: (after: DisclosureRequest, view: DeadlineView) => string | null;
  }

  async function apply(tx: Transaction, r: DisclosureRequest, change: Change, who: AuditActor, now: Date): Promise<DisclosureRequest> {
    const merged = { ...r, ...change.changes } as DisclosureRequest;
    const due = dueColumns(merged);
    const after = { ...merged, ...due, version: r.version + 1, updatedAt: now } as DisclosureRequest;
    if (!(await disclosureRequests.update(tx, r, { ...change.changes, ...due }, now))) {
      throw conflict('changed_meanwhile', `申请${r.number}刚被他人修改，请刷新后重试。`);
    }
    const event = await disclosureEvents.append(tx, { requestId: r.id, actor: who.actor, ...change.event }, now);
    const changed = Object.keys(change.changes).filter((k) => !['replyText'].includes(k));
    await auditLog.record(
      tx,
      who,
      {
        action: `disclosure.${change.event.type}`,
        objectType: 'disclosure_request',
        objectId: r.number,
        details: {
          event: event.id,
          effectiveOn: change.event.effectiveOn,
          statusBefore: r.status,
          statusAfter: after.status,
          changed,
          ...(change.event.data ?? {}),
        },
      },
      now,
    );
    const text = change.notice?.(after, deadlines(after, toShanghaiDate(now)));
    if (text) await notify(tx, after, event, text, now);
    return after;
  }

  async function requestOr404(tx: Transaction, number: string): Promise<DisclosureRequest> {
    const r = TRACKING_NUMBER.test(number) ? await disclosureRequests.byNumber(tx, number) : null;
    if (!r) throw new DomainError('notFound', 'request_not_found', `no disclosure request ${number}`);
    return r;
  }

  /** `action` is said to the officer: Chinese, e.g. 延期. */
  function assertStatus(r: DisclosureRequest, allowed: DisclosureStatus[], action: string): void {
    if (!allowed.includes(r.status)) {
      throw conflict(
        'wrong_status',
        `申请${r.number}当前为“${STATUS_LABELS[r.status]}”，不能${action}（须为${allowed.map((a) => `“${STATUS_LABELS[a]}”`).join('或')}）。`,
      );
    }
  }

  async function createRequest(
    tx: Transaction,
    application: DisclosureApplication,
    receipt: {
      channel: ReceiptChannel;
      via: DisclosureRequest['via'];
      receivedOn: string;
      receivedAt: Date;
      citizen: CitizenRef | null;
      conversationId: string | null;
    },
    who: AuditActor,
    now: Date,
  ): Promise<{ request: DisclosureRequest; result: SubmitResult }> {
    if (!agencies.byCode(application.agency)) throw badInput('agency', `没有“${application.agency}”这个机关`);
    const year = Number(receipt.receivedOn.slice(0, 4));
    const number = trackingNumber(year, await disclosureRequests.nextSequence(tx, year));
    const identity = application.identity;
    const base = {
      status: 'processing' as const,
      receivedOn: receipt.receivedOn,
      correctedOn: null,
      correctionDueOn: null,
      extensionDays: 0,
      pauses: [] as ClockPause[],
      closedOn: null,
      feePaymentDueOn: null,
    };
    const request = await disclosureRequests.insert(tx, {
      number,
      receiptChannel: receipt.channel,
      via: receipt.via,
      citizenChannel: receipt.citizen?.channel ?? null,
      citizenId: receipt.citizen?.citizenId ?? null,
      conversationId: receipt.conversationId,
      applicantType: application.applicantType,
      applicantName: application.name,
      idKind: identity.kind,
      idDocumentType: identity.kind === 'other' ? identity.documentType : null,
      idNumber: identity.number,
      idChecksumWarning: identity.kind === 'creditCode' && identity.checksumWarning === true,
      phone: application.phone,
      address: application.address,
      email: application.email,
      description: application.description,
      informationForm: application.form,
      delivery: application.delivery,
      agency: application.agency,
      topic: agencies.topicOf(application.description).code,
      ...base,
      ...dueColumns(base),
      receivedAt: receipt.receivedAt,
      correctionRequestedOn: null,
      outcome: null,
      replyText: null,
      replyAttachment: null,
      feeMethod: 'free',
      feeAmount: 0,
      feePages: null,
      feeNoticeOn: null,
      feePaidOn: null,
      art39Hint: application.art39Hint ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    const view = deadlines(request, toShanghaiDate(now));
    const replyDue = view.replyDueInForce!;
    await disclosureEvents.append(
      tx,
      {
        requestId: request.id,
        type: 'received',
        effectiveOn: receipt.receivedOn,
        actor: who.actor,
        data: { receiptChannel: receipt.channel, via: receipt.via, agency: application.agency, replyDue },
      },
      now,
    );
    await auditLog.record(
      tx,
      who,
      {
        action: 'disclosure.received',
        objectType: 'disclosure_request',
        objectId: number,
        details: { receiptChannel: receipt.channel, via: receipt.via, agency: application.agency, receivedOn: receipt.receivedOn },
      },
      now,
    );
    return { request, result: { number, receivedOn: receipt.receivedOn, replyDue } };
  }

  /**
   * Art. 30 "合理的补正期限": at least the configured number of working days after the notice; a
   * date on a rest day moves to the next working day.
   */
  function correctionDueOn(noticeOn: string, asked: string | undefined): string {
    if (asked === undefined)
      return calendar.addWorkingDays(noticeOn, Math.max(DEFAULT_CORRECTION_PERIOD_WORKING_DAYS, correctionMinWorkingDays)).date;
    if (!isIsoDate(asked)) throw badInput('dueOn', '须为真实存在的日期，格式YYYY-MM-DD');
    const earliest = calendar.addWorkingDays(noticeOn, correctionMinWorkingDays).date;
    const dueOn = calendar.workingDayOnOrAfter(asked).date;
    if (dueOn < earliest) {
      throw badInput(
        'dueOn',
        `补正期限须合理（《条例》第三十条），不少于补正通知（${noticeOn}）后${correctionMinWorkingDays}个工作日：应为${earliest}或之后，填写的是${asked}`,
      );
    }
    return dueOn;
  }

  // -------------------------------------------------------------------------------------
  // Views

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

  // -------------------------------------------------------------------------------------
  // Closing

  async function closeAbandoned(tx: Transaction, r: DisclosureRequest, on: string, who: AuditActor, now: Date): Promise<DisclosureRequest> {
    assertStatus(r, ['awaitingCorrection'], '按逾期未补正办结');
    if (!r.correctionDueOn || on <= r.correctionDueOn) {
      throw conflict('correction_not_lapsed', `申请${r.number}的补正期限至${r.correctionDueOn}，期满后才能按逾期未补正办结。`);
    }
    const outcome: ReplyOutcomeCode = 'outcome.otherHandling.correctionOverdue';
    return apply(
      tx,
      r,
      {
        changes: { status: 'closed', outcome, closedOn: on },
        event: { type: 'abandoned', effectiveOn: on, data: { outcome, correctionDueOn: r.correctionDueOn } },
        notice: (after) => say.abandoned(after.number),
      },
      who,
      now,
    );
  }

  return {
    calendar,
    agencies,
    deadlines,

    // ---------------------------------------------------------------------------------
    // Citizens

    /** An online application confirmed now: the confirmation day is the date of receipt (Art. 31). */
    async submitApplication(tx: Transaction, application: DisclosureApplication, origin: SubmitOrigin, now: Date): Promise<SubmitResult> {
      const { result } = await createRequest(
        tx,
        application,
        {
          channel: 'online',
          via: origin.via,
          receivedOn: toShanghaiDate(now),
          receivedAt: now,
          citizen: { channel: origin.channel, citizenId: origin.citizenId },
          conversationId: origin.conversationId,
        },
        citizenActor(origin.channel),
        now,
      );
      return result;
    },

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

    /**
     * The corrected description, sent by the citizen who filed the request (the API, or 补正 in chat).
     * In chat the confirmation is the reply itself, so no separate notice is pushed.
     */
    async citizenCorrection(
      tx: Transaction,
      number: string,
      citizen: CitizenRef,
      description: string,
      now: Date,
      options: { answeredInChat?: boolean } = {},
    ): Promise<CitizenRequestView | null> {
      const normalized = number.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
      const r = TRACKING_NUMBER.test(normalized) ? await disclosureRequests.byNumber(tx, normalized) : null;
      if (!r || r.citizenChannel !== citizen.channel || r.citizenId !== citizen.citizenId) return null;
      if (r.status !== 'awaitingCorrection') throw conflict('not_awaiting_correction', '该申请当前不需要补正。');
      const today = toShanghaiDate(now);
      if (r.correctionDueOn && today > r.correctionDueOn)
        throw conflict('correction_lapsed', `补正期限（${r.correctionDueOn}）已过，视为放弃申请；如仍需要该信息，请重新申请。`);
      const checked = validateDescription(description);
      if (!checked.ok) throw new DomainError('invalid', checked.code, checked.message, 'description');
      const after = await apply(
        tx,
        r,
        {
          changes: { status: 'processing', correctedOn: today, description: checked.value },
          event: {
            type: 'corrected',
            effectiveOn: today,
            note: checked.value,
            data: { by: 'citizen', descriptionChanged: true, previousDescription: r.description },
          },
          notice: options.answeredInChat ? undefined : (next, view) => say.corrected(next.number, view.replyDueInForce),
        },
        citizenActor(citizen.channel),
        now,
      );
      return citizenView(tx, after, today);
    },

    // ---------------------------------------------------------------------------------
    // Officers

    /** An application received in person (当面) or by letter (信函), written down by an officer. */
    async registerApplication(
      tx: Transaction,
      application: DisclosureApplication,
      receipt: { channel: Exclude<ReceiptChannel, 'online'>; receivedOn?: string },
      who: AuditActor,
      now: Date,
    ): Promise<SubmitResult> {
      const today = toShanghaiDate(now);
      const receivedOn = effectiveDate(receipt.receivedOn, today, null, 'receivedOn');
      const { result } = await createRequest(
        tx,
        application,
        { channel: receipt.channel, via: 'staff', receivedOn, receivedAt: now, citizen: null, conversationId: null },
        who,
        now,
      );
      return result;
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

    /** 补正: once, within 7 working days of receipt, with a reasonable period (Art. 30); the reply clock waits for the corrected application. */
    async requestCorrection(
      tx: Transaction,
      number: string,
      input: { items: string; dueOn?: string; on?: string },
      who: AuditActor,
      now: Date,
    ) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      assertStatus(r, ['processing'], '发出补正通知');
      if (r.correctionRequestedOn)
        throw conflict('correction_already_requested', `已于${r.correctionRequestedOn}发出补正通知；《条例》第三十条规定只能补正一次。`);
      if (r.pauses.length) throw conflict('correction_after_consultation', '已征求过意见，说明申请内容足够明确，不能再要求补正。');
      const items = requireText(input.items, 'items', 2000);
      const on = effectiveDate(input.on, today, { date: r.receivedOn, what: '收到申请之日' });
      const window = deadlines(r, today).correctionNoticeDue;
      if (on > window.date)
        throw conflict('correction_window_passed', `补正通知须在${window.date}前发出（${r.receivedOn}收到申请后7个工作日内），现已超过。`);
      const dueOn = correctionDueOn(on, input.dueOn);
      const after = await apply(
        tx,
        r,
        {
          changes: { status: 'awaitingCorrection', correctionRequestedOn: on, correctionDueOn: dueOn },
          event: {
            type: 'correction-requested',
            effectiveOn: on,
            note: items,
            data: {
              dueOn,
              noticeDue: window.date,
              ...(input.dueOn !== undefined && input.dueOn !== dueOn ? { dueOnAsked: input.dueOn } : {}),
            },
          },
          notice: (next) => say.correctionRequested(next.number, items, dueOn, agencies.nameOf(next.agency)),
        },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /** The corrected application arrived (by post, in person, or entered for the applicant): the reply clock restarts from that day. */
    async receiveCorrection(tx: Transaction, number: string, input: { on?: string; description?: string }, who: AuditActor, now: Date) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      assertStatus(r, ['awaitingCorrection'], '登记补正');
      const on = effectiveDate(input.on, today, { date: r.correctionRequestedOn!, what: '补正通知之日' });
      if (r.correctionDueOn && on > r.correctionDueOn) {
        throw conflict(
          'correction_lapsed',
          `补正期限已于${r.correctionDueOn}届满，逾期补正视为放弃申请：请按逾期未补正办结，申请人可重新申请。`,
        );
      }
      const description = input.description === undefined ? undefined : requireText(input.description, 'description', 2000);
      const after = await apply(
        tx,
        r,
        {
          changes: { status: 'processing', correctedOn: on, ...(description ? { description } : {}) },
          event: {
            type: 'corrected',
            effectiveOn: on,
            note: description ?? null,
            data: {
              by: 'officer',
              descriptionChanged: description !== undefined,
              ...(description ? { previousDescription: r.description } : {}),
            },
          },
          notice: (next, view) => say.corrected(next.number, view.replyDueInForce),
        },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /** 延期 (Art. 33 para 2): once, at most 20 working days, approved by the head of the disclosure office, the applicant told. */
    async extend(
      tx: Transaction,
      number: string,
      input: { workingDays: number; approver: string; reason: string; on?: string },
      who: AuditActor,
      now: Date,
    ) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      assertStatus(r, ['processing', 'paused'], '延期');
      if (r.extensionDays > 0)
        throw conflict('already_extended', `答复期限已延长过一次（${r.extensionDays}个工作日）；《条例》第三十三条只允许延长一次。`);
      if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > MAX_EXTENSION_WORKING_DAYS) {
        throw badInput('workingDays', `须为1至${MAX_EXTENSION_WORKING_DAYS}的整数（《条例》第三十三条）`);
      }
      const approver = requireText(input.approver, 'approver', 100);
      const reason = requireText(input.reason, 'reason', 500);
      const on = effectiveDate(input.on, today, { date: r.receivedOn, what: '收到申请之日' });
      const current = deadlines(r, today).replyDueInForce;
      if (current && on > current.date) throw conflict('deadline_passed', `答复期限已于${current.date}届满；延期须在期限届满前决定。`);
      const after = await apply(
        tx,
        r,
        {
          changes: { extensionDays: input.workingDays },
          event: {
            type: 'extended',
            effectiveOn: on,
            note: reason,
            data: { workingDays: input.workingDays, approver, dueBefore: current?.date ?? null },
          },
          notice: (next, view) => say.extended(next.number, input.workingDays, reason, view.replyDueInForce),
        },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /**
     * Consultation of a third party (Art. 32) or another agency (Art. 34): the days after `on`
     * until the consultation ends do not count.
     */
    async pause(
      tx: Transaction,
      number: string,
      input: { reason: PauseReason; note: string; on?: string; thirdPartyReceivedOn?: string },
      who: AuditActor,
      now: Date,
    ) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      assertStatus(r, ['processing'], '征求意见');
      if (!(CONSULTATION_REASONS as readonly string[]).includes(input.reason))
        throw badInput('reason', '须为thirdParty（征求第三方意见）或otherAgency（征求其他机关意见）');
      if (input.thirdPartyReceivedOn !== undefined && input.reason !== 'thirdParty')
        throw badInput('thirdPartyReceivedOn', '仅用于征求第三方意见（《条例》第三十二条）');
      const note = requireText(input.note, 'note', 1000);
      const last = r.pauses[r.pauses.length - 1];
      const start = r.correctedOn ?? r.receivedOn;
      const notBefore =
        last?.to && last.to > start ? { date: last.to, what: '上次征求意见结束之日' } : { date: start, what: '答复期限起算之日' };
      const on = effectiveDate(input.on, today, notBefore);
      const current = deadlines(r, today).replyDueInForce;
      if (current && on > current.date)
        throw conflict('deadline_passed', `答复期限已于${current.date}届满；期限已过，征求意见不能再暂停计时。`);
      const receivedByThirdParty =
        input.thirdPartyReceivedOn === undefined
          ? null
          : effectiveDate(input.thirdPartyReceivedOn, today, { date: on, what: '征求意见开始之日' }, 'thirdPartyReceivedOn');
      const pauses: ClockPause[] = [
        ...r.pauses,
        {
          from: addDays(on, 1),
          to: null,
          reason: input.reason,
          ...(receivedByThirdParty ? { thirdPartyReceivedOn: receivedByThirdParty } : {}),
        },
      ];
      const after = await apply(
        tx,
        r,
        {
          changes: { status: 'paused', pauses },
          event: { type: 'paused', effectiveOn: on, note, data: { reason: input.reason, dueBefore: current?.date ?? null } },
          notice: (next) => say.paused(next.number, input.reason),
        },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /** The consultation ended on `on` (opinion received or time up): the clock runs again from the next day. */
    async resume(tx: Transaction, number: string, input: { on?: string; note?: string }, who: AuditActor, now: Date) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      assertStatus(r, ['paused'], '恢复计时');
      const open = r.pauses.find((p) => p.to === null);
      if (!open) throw new Error(`request ${r.number} is paused without an open pause`);
      if (open.reason === 'fee')
        throw conflict('fee_pending', `计时因收费通知而中止：请登记缴费；或在缴费期限（${r.feePaymentDueOn}）届满后以“逾期未缴费”答复。`);
      const pausedOn = addDays(open.from, -1);
      const on = effectiveDate(input.on, today, { date: pausedOn, what: '征求意见开始之日' });
      // Ended the day it began: no day was taken off the clock.
      const pauses = on === pausedOn ? r.pauses.filter((p) => p !== open) : r.pauses.map((p) => (p === open ? { ...p, to: on } : p));
      const after = await apply(
        tx,
        r,
        {
          changes: { status: 'processing', pauses },
          event: { type: 'resumed', effectiveOn: on, note: input.note?.trim() || null, data: { reason: open.reason, pausedOn } },
          notice: (next, view) => say.resumed(next.number, view.replyDueInForce),
        },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /** Art. 32: the day the consulted third party received the request; its 15 working days run from it. */
    async consultationReceived(tx: Transaction, number: string, input: { on: string }, who: AuditActor, now: Date) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      assertStatus(r, ['paused'], '登记第三方收到征求意见的日期');
      const open = r.pauses.find((p) => p.to === null);
      if (open?.reason !== 'thirdParty') throw conflict('not_consulting_third_party', `申请${r.number}当前没有在征求第三方意见。`);
      const on = effectiveDate(input.on, today, { date: addDays(open.from, -1), what: '征求意见开始之日' });
      if (open.thirdPartyReceivedOn === on) throw conflict('no_change', `已登记第三方于${on}收到征求意见，无需再次登记。`);
      const pauses = r.pauses.map((p) => (p === open ? { ...p, thirdPartyReceivedOn: on } : p));
      const after = await apply(
        tx,
        r,
        {
          changes: { pauses },
          event: { type: 'consultation-received', effectiveOn: on, data: { opinionDue: thirdPartyOpinionDue(calendar, on).date } },
        },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /** Hands the request to the agency that holds the information; receipt date and deadlines stay. */
    async transfer(tx: Transaction, number: string, input: { agency: string; reason: string }, who: AuditActor, now: Date) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      assertStatus(r, ['processing', 'paused', 'awaitingCorrection'], '转交');
      const target = agencies.byCode(input.agency) ?? agencies.find(input.agency);
      if (!target) throw badInput('agency', `没有“${input.agency}”这个机关（见config/agencies.yaml）`);
      if (target.code === r.agency) throw conflict('same_agency', `申请${r.number}已由${target.name}办理，无需转交。`);
      const reason = requireText(input.reason, 'reason', 500);
      const after = await apply(
        tx,
        r,
        {
          changes: { agency: target.code },
          event: { type: 'transferred', effectiveOn: today, note: reason, data: { from: r.agency, to: target.code } },
          notice: (next) => say.transferred(next.number, target.name),
        },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /**
     * The information-processing fee (Art. 42, 国办函〔2020〕109号), one method per application.
     * Per application, the ordinal counts the same applicant's applications in the calendar month of receipt.
     * A fee above zero is the written fee notice of `on` (default today): the applicant pays within 20
     * working days, and the reply clock stands still from the day after the notice until payment.
     */
    async setFee(tx: Transaction, number: string, input: { method: FeeMethod; pages?: number; on?: string }, who: AuditActor, now: Date) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      assertStatus(r, ['processing', 'paused', 'awaitingCorrection'], '确定处理费');
      if (r.feeNoticeOn) throw conflict('fee_notice_sent', `已于${r.feeNoticeOn}发出收费通知，每件申请只能发出一次。`);
      let amount: number;
      let pages: number | null = null;
      let ordinal: number | null = null;
      if (input.method === 'perPage') {
        if (!Number.isInteger(input.pages) || (input.pages as number) < 0) throw badInput('pages', '须为页数（不小于0的整数）');
        pages = input.pages as number;
        amount = disclosureFee({ method: 'perPage', pages });
      } else if (input.method === 'perApplication') {
        const month = r.receivedOn.slice(0, 7);
        const same = await disclosureRequests.sameApplicant(tx, r.idKind, r.idNumber, `${month}-01`, `${month}-31`);
        ordinal = same.findIndex((s) => s.id === r.id) + 1;
        amount = disclosureFee({ method: 'perApplication', monthlyOrdinal: ordinal });
      } else if (input.method === 'free') {
        amount = 0;
      } else {
        throw badInput('method', '须为free（免费）、perApplication（按件）或perPage（按量）');
      }
      const fee = {
        method: input.method,
        amount,
        ...(pages !== null ? { pages } : {}),
        ...(ordinal !== null ? { monthlyOrdinal: ordinal } : {}),
      };
      if (amount === 0) {
        if (r.feeMethod === input.method && r.feeAmount === 0 && r.feePages === pages)
          throw conflict('no_change', `申请${r.number}的处理费已是“${FEE_METHOD_LABELS[input.method]}”、0元。`);
        const after = await apply(
          tx,
          r,
          {
            changes: { feeMethod: input.method, feeAmount: 0, feePages: pages },
            event: { type: 'fee-set', effectiveOn: today, data: fee },
          },
          who,
          now,
        );
        return caseView(after, await disclosureEvents.of(tx, r.id), today);
      }
      assertStatus(r, ['processing'], '发出收费通知');
      const on = effectiveDate(input.on, today, { date: r.correctedOn ?? r.receivedOn, what: '答复期限起算之日' });
      const current = deadlines(r, today).replyDueInForce;
      if (current && on > current.date)
        throw conflict('deadline_passed', `答复期限已于${current.date}届满；期限已过，收费通知不能再中止计时。`);
      const payBy = feePaymentDue(calendar, on).date;
      const after = await apply(
        tx,
        r,
        {
          changes: {
            feeMethod: input.method,
            feeAmount: amount,
            feePages: pages,
            feeNoticeOn: on,
            feePaymentDueOn: payBy,
            status: 'paused',
            pauses: [...r.pauses, { from: addDays(on, 1), to: null, reason: 'fee' }],
          },
          event: { type: 'fee-set', effectiveOn: on, data: { ...fee, paymentDueOn: payBy, dueBefore: current?.date ?? null } },
          notice: (next) => say.fee(next.number, amount, FEE_METHOD_LABELS[input.method]!, payBy),
        },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /** The fee was paid on `on` (by the payment deadline): the reply clock runs again from the next day. */
    async feePaid(tx: Transaction, number: string, input: { on?: string }, who: AuditActor, now: Date) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      const open = r.pauses.find((p) => p.to === null);
      if (r.status !== 'paused' || open?.reason !== 'fee' || !r.feeNoticeOn || !r.feePaymentDueOn)
        throw conflict('no_fee_pending', `申请${r.number}不在等待缴费状态。`);
      const on = effectiveDate(input.on, today, { date: r.feeNoticeOn, what: '收费通知之日' });
      if (on > r.feePaymentDueOn)
        throw conflict('payment_period_lapsed', `处理费须在${r.feePaymentDueOn}前缴纳，已逾期，申请不再处理：请以“逾期未缴费”答复。`);
      const pauses = on === r.feeNoticeOn ? r.pauses.filter((p) => p !== open) : r.pauses.map((p) => (p === open ? { ...p, to: on } : p));
      const after = await apply(
        tx,
        r,
        {
          changes: { status: 'processing', pauses, feePaidOn: on },
          event: { type: 'fee-paid', effectiveOn: on, data: { amount: r.feeAmount, paymentDueOn: r.feePaymentDueOn } },
          notice: (next, view) => say.feePaid(next.number, view.replyDueInForce),
        },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /** The city-report topic (拆迁/征地/城市规划/项目审批/其他), when the automatic one is wrong. */
    async setTopic(tx: Transaction, number: string, input: { topic: string }, who: AuditActor, now: Date) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      const topic = agencies.topic(input.topic) ?? agencies.topics.find((t) => t.label === input.topic);
      if (!topic) throw badInput('topic', `须为以下之一：${agencies.topics.map((t) => `${t.code}（${t.label}）`).join('、')}`);
      if (topic.code === r.topic) throw conflict('no_change', `申请${r.number}的分类已是“${topic.label}”。`);
      const after = await apply(
        tx,
        r,
        { changes: { topic: topic.code }, event: { type: 'topic-set', effectiveOn: today, data: { from: r.topic, to: topic.code } } },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /** 答复: one outcome of table 三 with the reply text or a reference to the reply document; closes the request. */
    async reply(
      tx: Transaction,
      number: string,
      input: { outcome: string; text?: string; attachment?: string; on?: string },
      who: AuditActor,
      now: Date,
    ) {
      const r = await requestOr404(tx, number);
      const today = toShanghaiDate(now);
      if (!isOutcomeCode(input.outcome))
        throw badInput('outcome', '须为表三的办理结果代码（GET /api/v1/disclosure/reference 列出全部代码）');
      const outcome = input.outcome;
      const on = effectiveDate(input.on, today, { date: r.correctedOn ?? r.receivedOn, what: '答复期限起算之日' });
      if (outcome === 'outcome.otherHandling.correctionOverdue') {
        const after = await closeAbandoned(tx, r, on, who, now);
        return caseView(after, await disclosureEvents.of(tx, r.id), today);
      }
      assertStatus(r, ['processing', 'paused', 'awaitingCorrection'], '答复');
      if (outcome === 'outcome.unavailable.unclearAfterCorrection' && !r.correctedOn)
        throw conflict('not_corrected', '“补正后仍不明确”须在收到补正之后才能选择。');
      if (outcome === 'outcome.otherHandling.feeUnpaid') {
        if (!r.feeNoticeOn || r.feeAmount <= 0) throw conflict('no_fee', '本申请未发出收费通知，不能以“逾期未缴费”办结。');
        // 国办函〔2020〕109号: 视为放弃 only once the 20 working days to pay have passed unpaid.
        if (r.feePaidOn) throw conflict('fee_paid', `处理费已于${r.feePaidOn}缴纳。`);
        if (on <= r.feePaymentDueOn!)
          throw conflict('fee_not_lapsed', `申请人可在${r.feePaymentDueOn}前缴费；该日之后才能以“逾期未缴费”办结。`);
      }
      const text = input.text?.trim() || null;
      const attachment = input.attachment?.trim() || null;
      if (!text && !attachment) throw badInput('text', '答复须有答复内容，或注明答复文书（attachment）');
      if (text && text.length > 10000) throw badInput('text', '不得超过10000个字');
      if (attachment && attachment.length > 300) throw badInput('attachment', '不得超过300个字');
      // A reply ends an open consultation on the day of the reply.
      const pauses = r.pauses.flatMap((p) => (p.to !== null ? [p] : on < p.from ? [] : [{ ...p, to: on }]));
      const view = deadlines(r, today);
      const after = await apply(
        tx,
        r,
        {
          changes: { status: 'closed', outcome, closedOn: on, replyText: text, replyAttachment: attachment, pauses },
          event: {
            type: 'replied',
            effectiveOn: on,
            note: text,
            data: {
              outcome,
              attachment,
              dueOn: view.replyDueInForce?.date ?? null,
              inTime: view.replyDueInForce ? on <= view.replyDueInForce.date : null,
            },
          },
          notice: (next) => say.replied(next.number, outcome, text, attachment),
        },
        who,
        now,
      );
      return caseView(after, await disclosureEvents.of(tx, r.id), today);
    },

    /** Closes every request whose correction period has lapsed (Art. 30 视为放弃; table 三 (六)1). */
    async sweepLapsedCorrections(tx: Transaction, who: AuditActor, now: Date): Promise<string[]> {
      const today = toShanghaiDate(now);
      const closed: string[] = [];
      for (const r of await disclosureRequests.correctionLapsed(tx, today)) {
        await closeAbandoned(tx, r, today, who, now);
        closed.push(r.number);
      }
      return closed;
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
