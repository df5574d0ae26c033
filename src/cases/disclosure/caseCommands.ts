/**
 * The officers' other decisions on a request: handing it to the agency that holds the
 * information, the city-report topic, and the reply (答复) that closes it.
 */
import type { AuditActor } from '../../staff/audit/repository';
import type { Transaction } from '../../platform/db/database';
import { toShanghaiDate } from '../../platform/calendar/dates';
import type { CorrectionCommands } from './correctionCommands';
import { assertStatus, conflict, effectiveDate, requireText, type CommandContext } from './changes';
import { badInput } from './fieldErrors';
import { disclosureEvents } from './repository';
import { isOutcomeCode, say } from './texts';
import { requestOr404 } from './views';

export function createCaseCommands(
  { agencies, deadlines, apply, views }: CommandContext,
  closeAbandoned: CorrectionCommands['closeAbandoned'],
) {
  const { caseView } = views;

  return {
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
  };
}
