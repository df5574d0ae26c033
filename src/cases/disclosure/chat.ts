/**
 * The two dialogue effects of disclosure requests, as the composition root applies them:
 * 'submit-form' for form 'disclosure' (file the confirmed application) and 'case-status' for
 * kind 'disclosure' (the citizen's own requests). Both answer with the lines to say.
 */
import type { EffectContext } from '../../conversation/service';
import type { Transaction } from '../../platform/db/database';
import { DomainError } from '../../platform/domainError';
import { toShanghaiDate } from '../../platform/calendar/dates';
import { validateApplication } from './application';
import { applicationInputFromDraft, type DisclosureDraft } from './intakeForm';
import type { DisclosureService } from './service';
import { say, zhDate } from './texts';
import type { CitizenRequestView } from './views';

function statusLines(view: CitizenRequestView): string {
  const lines = [
    `申请编号：${view.number}`,
    `受理机关：${view.agency}`,
    `收到申请：${zhDate(view.receivedOn)}`,
    `状态：${view.statusLabel}`,
  ];
  if (view.replyDue)
    lines.push(`答复期限：${zhDate(view.replyDue.date)}前${view.replyDue.beyondCoverage ? '（暂按现有节假日安排推算）' : ''}`);
  if (view.correction)
    lines.push(`需要补正：${view.correction.items}`, `补正期限：${zhDate(view.correction.dueOn)}前，逾期未补正视为放弃申请。`);
  if (view.status === 'paused') lines.push('正在征求意见，所需时间不计入答复期限，结束后恢复计算。');
  if (view.outcome) lines.push(`办理结果：${view.outcome.label}${view.closedOn ? `（${zhDate(view.closedOn)}）` : ''}`);
  if (view.replyText) lines.push(view.replyText);
  return lines.join('\n');
}

function listLines(views: CitizenRequestView[]): string {
  const shown = views.slice(0, 10);
  const lines = shown.map(
    (v, i) =>
      `${i + 1}. ${v.number} ${v.statusLabel}${v.replyDue ? `，答复期限 ${v.replyDue.date}` : v.closedOn ? `，${v.closedOn} 办结` : ''}`,
  );
  const more = views.length > shown.length ? `\n（共${views.length}件，仅显示最近${shown.length}件）` : '';
  return `您提交的政府信息公开申请：\n${lines.join('\n')}${more}\n回复"查询申请 编号"查看详情。`;
}

export function disclosureChatEffects(service: DisclosureService) {
  return {
    /** 'submit-form' with form 'disclosure': validate the confirmed draft again, file it, say the number and the deadline. */
    async submit(tx: Transaction, draft: unknown, context: EffectContext): Promise<string[]> {
      const input = applicationInputFromDraft((draft && typeof draft === 'object' ? draft : {}) as DisclosureDraft);
      const checked = validateApplication(input, { today: toShanghaiDate(context.now), agencies: service.agencies });
      if (!checked.ok) return [say.notSubmitted(checked.errors.map((e) => e.message))];
      const result = await service.submitApplication(
        tx,
        checked.value,
        { channel: context.channel, citizenId: context.citizenId, conversationId: context.conversationId, via: 'chat' },
        context.now,
      );
      return [say.submitted(result.number, result.receivedOn, result.replyDue, service.agencies.nameOf(checked.value.agency))];
    },

    /**
     * 'disclosure-correction': the citizen's 补正 in chat, by the same service call as the API. Without
     * a number it is for the one request awaiting a correction; refusals (none asked, period over,
     * too vague) are said as they are.
     */
    async correct(tx: Transaction, number: string | null, text: string, context: EffectContext): Promise<string[]> {
      const citizen = { channel: context.channel, citizenId: context.citizenId };
      let target = number;
      if (target === null) {
        const awaiting = (await service.citizenRequests(tx, citizen, context.now))
          .filter((v) => v.status === 'awaitingCorrection')
          .map((v) => v.number);
        if (awaiting.length !== 1) return [awaiting.length ? say.whichCorrection(awaiting) : say.noCorrectionAwaited()];
        target = awaiting[0];
      }
      try {
        const view = await service.citizenCorrection(tx, target, citizen, text, context.now, { answeredInChat: true });
        return [view ? say.corrected(view.number, view.replyDue) : say.noSuchRequest(target)];
      } catch (err) {
        if (err instanceof DomainError) return [err.message];
        throw err;
      }
    },

    /** 'case-status' with kind 'disclosure': one of the citizen's requests, or the list of them. */
    async status(tx: Transaction, number: string | null, context: EffectContext): Promise<string[]> {
      const citizen = { channel: context.channel, citizenId: context.citizenId };
      if (number === null) {
        const views = await service.citizenRequests(tx, citizen, context.now);
        return [views.length ? listLines(views) : say.noRequests()];
      }
      const view = await service.citizenStatus(tx, number, citizen, context.now);
      return [view ? statusLines(view) : say.noSuchRequest(number.normalize('NFKC').trim().toUpperCase())];
    },
  };
}
