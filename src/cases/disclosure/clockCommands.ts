/**
 * What moves the reply deadline once a request is being handled: 延期 (Art. 33), consultations of
 * a third party or another agency that stop the clock (Art. 32, 34), and the processing fee,
 * whose notice stops it until payment (Art. 42, 国办函〔2020〕109号).
 */
import type { ClockPause, PauseReason } from '../../../entities/DisclosureRequest';
import type { AuditActor } from '../../staff/audit/repository';
import type { Transaction } from '../../platform/db/database';
import { addDays, toShanghaiDate } from '../../platform/calendar/dates';
import { CONSULTATION_REASONS, feePaymentDue, MAX_EXTENSION_WORKING_DAYS, thirdPartyOpinionDue } from './rules/disclosureDeadlines';
import { disclosureFee, type FeeMethod } from './rules/disclosureFees';
import { assertStatus, conflict, effectiveDate, requireText, type CommandContext } from './changes';
import { badInput } from './fieldErrors';
import { disclosureEvents, disclosureRequests } from './repository';
import { FEE_METHOD_LABELS, say } from './texts';
import { requestOr404 } from './views';

export function createClockCommands({ calendar, deadlines, apply, views }: CommandContext) {
  const { caseView } = views;

  return {
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
  };
}
