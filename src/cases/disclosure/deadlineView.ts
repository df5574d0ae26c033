/**
 * A disclosure request's deadlines as officers and citizens see them, worked out from its dates
 * and the holiday calendar (src/cases/disclosure/rules/disclosureDeadlines.ts holds the rules), and the stored
 * copy of the deadline in force that lists filter and sort by.
 */
import type { DisclosureRequest } from '../../../entities';
import type { PauseReason } from '../../../entities/DisclosureRequest';
import { addDays } from '../../platform/calendar/dates';
import { computeDisclosureDeadlines, thirdPartyOpinionDue, type DueDate } from './rules/disclosureDeadlines';
import type { CalendarResult, WorkingDayCalendar } from '../../platform/calendar/workingDays';

export interface DueView {
  date: string;
  beyondCoverage: boolean;
}

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

/** What the deadlines are worked out from. */
type RequestDates = Pick<
  DisclosureRequest,
  'status' | 'receivedOn' | 'correctedOn' | 'correctionDueOn' | 'extensionDays' | 'pauses' | 'closedOn' | 'feePaymentDueOn'
>;

function dueView(due: DueDate | CalendarResult): DueView | null {
  if ('status' in due) return due.status === 'due' ? { date: due.date, beyondCoverage: due.beyondCoverage } : null;
  return { date: due.date, beyondCoverage: due.beyondCoverage };
}

export function createDeadlineView(calendar: WorkingDayCalendar) {
  const coverageWarning = `期限算到了节假日日历之外（${calendar.coveredUntil}以后暂按周一至周五计算）：次年放假安排公布、管理员更新日历后，请再核对一次期限。`;

  function deadlines(r: RequestDates, today: string): DeadlineView {
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
  function dueColumns(r: RequestDates) {
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

  return { deadlines, dueColumns };
}

export type DeadlineViews = ReturnType<typeof createDeadlineView>;
