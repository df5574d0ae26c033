/**
 * Deadlines for disclosure on application (依申请公开), 《政府信息公开条例》(2019) Art. 30-34.
 *
 * - Art. 31 receipt date: in person = day submitted; post = day the agency signs; online =
 *   day both sides confirm. The caller passes that date; it is not counted (day 0).
 * - Art. 30 correction (补正): the notice is due within 7 working days of receipt; when
 *   the corrected application arrives, the reply clock restarts from that day.
 * - Art. 33 reply: 20 working days; one extension of at most 20 more working days.
 * - Art. 32/34 consultation of a third party / another agency: the time does not count,
 *   so the reply clock pauses (only the reply clock: the correction notice comes first).
 */
import { PAUSE_REASONS, type ClockPause } from '../../../../entities/DisclosureRequest';
import { addDays, assertIsoDate, type IsoDate } from '../../../platform/calendar/dates';
import type { CalendarResult, WorkingDayCalendar } from '../../../platform/calendar/workingDays';

export const CORRECTION_NOTICE_WORKING_DAYS = 7;
export const REPLY_WORKING_DAYS = 20;
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** Art. 32: a consulted third party has 15 working days to give its opinion. */
export const THIRD_PARTY_OPINION_WORKING_DAYS = 15;

/** The pauses an officer opens by hand; the fee pause comes with the fee notice. */
export const CONSULTATION_REASONS = ['thirdParty', 'otherAgency'] as const;

export interface DisclosureClockInput {
  /** Receipt date per Art. 31 (online: the confirmation day). */
  receivedOn: IsoDate;
  /** Day the corrected application (补正后的申请) arrived, if a correction was asked for. */
  correctedOn?: IsoDate | null;
  /** Approved extension (延期) in working days, 1-20; absent or 0 = not extended. */
  extensionWorkingDays?: number;
  pauses?: readonly ClockPause[];
}

/**
 * A reply deadline. While a consultation is open the date cannot be known yet: the
 * status is then 'paused' with the working days still left when the clock resumes.
 */
export type DueDate =
  | { status: 'due'; date: IsoDate; beyondCoverage: boolean }
  | { status: 'paused'; pausedSince: IsoDate; workingDaysLeft: number; beyondCoverage: boolean };

export interface DisclosureDeadlines {
  receivedOn: IsoDate;
  /** Art. 30: last day to send the one correction notice. */
  correctionNoticeDue: CalendarResult;
  /** receivedOn, or correctedOn once the corrected application arrived. */
  replyClockStartsOn: IsoDate;
  /** Art. 33 para 1: 20 working days (plus paused days). */
  replyDue: DueDate;
  /** With the approved extension; equals replyDue when not extended. */
  replyDueInForce: DueDate;
  /** With the longest extension the law allows (20): the outer limit staff may approve. */
  replyDueWithMaxExtension: DueDate;
  extensionWorkingDays: number;
}

/** Thrown when the recorded dates cannot describe a real case (staff must fix the record). */
export class DisclosureClockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisclosureClockError';
  }
}

function validatePauses(pauses: readonly ClockPause[]): ClockPause[] {
  const sorted = [...pauses].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  sorted.forEach((p, i) => {
    assertIsoDate(p.from, `pauses[${i}].from`);
    if (p.to !== null) assertIsoDate(p.to, `pauses[${i}].to`);
    if (!PAUSE_REASONS.includes(p.reason))
      throw new DisclosureClockError(`pause from ${p.from}: unknown reason ${JSON.stringify(p.reason)}`);
    if (p.to !== null && p.to < p.from) throw new DisclosureClockError(`pause from ${p.from}: ends (${p.to}) before it starts`);
    const next = sorted[i + 1];
    if (next) {
      if (p.to === null) throw new DisclosureClockError(`pause from ${p.from} is still open but another starts on ${next.from}`);
      if (next.from <= p.to) throw new DisclosureClockError(`pauses from ${p.from} and ${next.from} overlap`);
    }
  });
  return sorted;
}

function inClosedPause(pauses: readonly ClockPause[]): (date: IsoDate) => boolean {
  const closed = pauses.filter((p): p is ClockPause & { to: IsoDate } => p.to !== null);
  return (date) => closed.some((p) => date >= p.from && date <= p.to);
}

/** Counts `workingDays` from `start`, skipping paused days; 'paused' if an open pause is reached first. */
function countWithPauses(calendar: WorkingDayCalendar, start: IsoDate, workingDays: number, pauses: readonly ClockPause[]): DueDate {
  const isExcluded = inClosedPause(pauses);
  const due = calendar.addWorkingDays(start, workingDays, { isExcluded });
  const open = pauses.find((p) => p.to === null);
  if (!open || due.date < open.from) return { status: 'due', date: due.date, beyondCoverage: due.beyondCoverage };
  if (open.from <= start) return { status: 'paused', pausedSince: open.from, workingDaysLeft: workingDays, beyondCoverage: false };
  const used = calendar.workingDaysBetween(start, addDays(open.from, -1), { isExcluded });
  return { status: 'paused', pausedSince: open.from, workingDaysLeft: workingDays - used.days, beyondCoverage: used.beyondCoverage };
}

export function computeDisclosureDeadlines(calendar: WorkingDayCalendar, input: DisclosureClockInput): DisclosureDeadlines {
  const { receivedOn } = input;
  assertIsoDate(receivedOn, 'receivedOn');
  const correctedOn = input.correctedOn ?? null;
  if (correctedOn !== null) {
    assertIsoDate(correctedOn, 'correctedOn');
    if (correctedOn < receivedOn) throw new DisclosureClockError(`correctedOn (${correctedOn}) is before receivedOn (${receivedOn})`);
  }
  const extension = input.extensionWorkingDays ?? 0;
  if (!Number.isInteger(extension) || extension < 0 || extension > MAX_EXTENSION_WORKING_DAYS) {
    throw new DisclosureClockError(
      `extensionWorkingDays must be a whole number from 0 to ${MAX_EXTENSION_WORKING_DAYS} (Art. 33), got ${extension}`,
    );
  }
  const pauses = validatePauses(input.pauses ?? []);

  const replyClockStartsOn = correctedOn ?? receivedOn;
  const replyDue = countWithPauses(calendar, replyClockStartsOn, REPLY_WORKING_DAYS, pauses);
  return {
    receivedOn,
    correctionNoticeDue: calendar.addWorkingDays(receivedOn, CORRECTION_NOTICE_WORKING_DAYS),
    replyClockStartsOn,
    replyDue,
    replyDueInForce: extension === 0 ? replyDue : countWithPauses(calendar, replyClockStartsOn, REPLY_WORKING_DAYS + extension, pauses),
    replyDueWithMaxExtension: countWithPauses(calendar, replyClockStartsOn, REPLY_WORKING_DAYS + MAX_EXTENSION_WORKING_DAYS, pauses),
    extensionWorkingDays: extension,
  };
}

/**
 * Art. 32: the last day for a consulted third party to give its opinion, 15 working days from its
 * receipt of the request; until that day is recorded, from the day it was sent (the earlier date).
 */
export function thirdPartyOpinionDue(calendar: WorkingDayCalendar, receivedOrSentOn: IsoDate): CalendarResult {
  return calendar.addWorkingDays(receivedOrSentOn, THIRD_PARTY_OPINION_WORKING_DAYS);
}

/** 国办函〔2020〕109号: the applicant pays within 20 working days counted from the day after the notice. */
export const FEE_PAYMENT_WORKING_DAYS = 20;

export function feePaymentDue(calendar: WorkingDayCalendar, noticeOn: IsoDate): CalendarResult {
  return calendar.addWorkingDays(noticeOn, FEE_PAYMENT_WORKING_DAYS);
}

/** True when `today` is past a known due date (the due day itself is still in time). */
export function isOverdue(due: DueDate | CalendarResult, today: IsoDate): boolean {
  assertIsoDate(today, 'today');
  if ('status' in due) return due.status === 'due' && today > due.date;
  return today > due.date;
}

export type CorrectionState = 'awaitingCorrection' | 'corrected' | 'abandoned';

/**
 * Art. 30: an applicant who does not correct by the deadline set in the notice is taken
 * to have abandoned the application (视为放弃申请). The deadline is the agency's own
 * choice in the notice, so it is an input here.
 */
export function correctionState(correctionDeadline: IsoDate, correctedOn: IsoDate | null, today: IsoDate): CorrectionState {
  assertIsoDate(correctionDeadline, 'correctionDeadline');
  assertIsoDate(today, 'today');
  if (correctedOn !== null) {
    assertIsoDate(correctedOn, 'correctedOn');
    return correctedOn <= correctionDeadline ? 'corrected' : 'abandoned';
  }
  return today > correctionDeadline ? 'abandoned' : 'awaitingCorrection';
}
