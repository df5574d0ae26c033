/**
 * 补正 (Art. 30): the officer's one correction notice with a reasonable period, the corrected
 * application (from the citizen, or entered by an officer), and closing the requests whose period
 * lapsed (视为放弃申请).
 */
import type { DisclosureRequest } from '../../../entities';
import type { AuditActor } from '../../staff/audit/repository';
import type { Transaction } from '../../platform/db/database';
import type { ReplyOutcomeCode } from './rules/annualReport';
import { isIsoDate, toShanghaiDate } from '../../platform/calendar/dates';
import { DomainError } from '../../platform/domainError';
import { validateDescription } from './application';
import { assertStatus, citizenActor, conflict, effectiveDate, requireText, type CommandContext } from './changes';
import { badInput } from './fieldErrors';
import { disclosureEvents, disclosureRequests, TRACKING_NUMBER } from './repository';
import { say } from './texts';
import { requestOr404, type CitizenRef, type CitizenRequestView } from './views';

/**
 * (local) The correction period an officer's notice gives when it names none: 15 working days
 * after the notice. Art. 30 leaves the period to the agency ("合理的补正期限").
 */
export const DEFAULT_CORRECTION_PERIOD_WORKING_DAYS = 15;
/** (local, WENZHENG_CORRECTION_MIN_WORKING_DAYS) The shortest period a notice may set: a day or two is not reasonable. */
export const DEFAULT_CORRECTION_MIN_WORKING_DAYS = 10;

export function createCorrectionCommands(
  { calendar, agencies, deadlines, apply, views }: CommandContext,
  correctionMinWorkingDays: number,
) {
  const { caseView, citizenView } = views;

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
    closeAbandoned,

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
  };
}

export type CorrectionCommands = ReturnType<typeof createCorrectionCommands>;
