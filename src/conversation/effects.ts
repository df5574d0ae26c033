import type { DisclosureChatEffects } from '../disclosure/chat';
import type { HandoffService } from '../handoff/service';
import { TICKET_FORM } from '../hotline/intakeForm';
import type { HotlineService } from '../hotline/service';
import { unansweredQuestions } from '../knowledge/repository';
import { knowledgeUsage } from '../knowledge/statistics';
import { askedQuestions } from '../review/repository';
import type { EffectHandler } from './service';

export interface EffectDeps {
  disclosureChat: DisclosureChatEffects;
  hotline: HotlineService;
  handoff: HandoffService;
}

/** Where each effect of a turn lands, in the turn's transaction; some answer with replies of their own. */
export function createEffectHandler({ disclosureChat, hotline, handoff }: EffectDeps): EffectHandler {
  return async (tx, effect, context) => {
    switch (effect.type) {
      case 'record-unanswered':
        return unansweredQuestions.record(tx, {
          text: effect.text,
          terms: effect.terms,
          channel: context.channel,
          conversationId: context.conversationId,
          askedAt: context.now,
        });
      case 'record-answer':
        return knowledgeUsage.recordAnswer(tx, effect.entry, context.channel, context.now);
      case 'record-question': {
        const { decision, via, entry, section, score, candidates, terms } = effect.question;
        return askedQuestions.record(tx, {
          conversationId: context.conversationId,
          channel: context.channel,
          text: effect.text,
          terms,
          decision,
          via,
          entryKey: entry,
          section,
          match: { score, candidates },
          askedAt: context.now,
        });
      }
      case 'store-feedback':
        return knowledgeUsage.storeFeedback(tx, {
          entryKey: effect.entry,
          helpful: effect.helpful,
          conversationId: context.conversationId,
          at: context.now,
        });
      case 'submit-form':
        if (effect.form === 'disclosure') return disclosureChat.submit(tx, effect.draft, context);
        if (effect.form === TICKET_FORM)
          return hotline.submitDraft(
            tx,
            effect.draft,
            { channel: context.channel, citizenId: context.citizenId, conversationId: context.conversationId, via: 'chat' },
            context.now,
          );
        throw new Error(`no handler for form ${effect.form}`);
      case 'rate-ticket':
        return hotline.handleRating(tx, context, effect.rating);
      case 'request-operator':
        return handoff.requestOperatorReply(
          tx,
          { conversationId: context.conversationId, reason: effect.reason, inboundId: context.inboundId },
          context.now,
        );
      case 'disclosure-correction':
        return disclosureChat.correct(tx, effect.number, effect.text, context);
      case 'leave-queue':
        return handoff.leaveQueueReply(tx, context.conversationId, context.now);
      case 'case-status':
        if (effect.kind === 'disclosure') return disclosureChat.status(tx, effect.number, context);
        if (effect.kind === 'ticket') return hotline.statusReply(tx, effect.number, context, context.now);
        throw new Error(`no status handler for ${effect.kind}`);
      default:
        throw new Error(`no handler for effect ${(effect as { type: string }).type}`);
    }
  };
}
