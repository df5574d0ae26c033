import type { TicketRating } from '../../entities/HotlineTicket';
import type { Transaction } from '../platform/db/database';
import { unansweredQuestions } from '../knowledge/repository';
import { knowledgeUsage } from '../knowledge/statistics';
import { askedQuestions } from '../knowledge/questionRepository';
import type { EffectContext, EffectHandler } from './service';

type Replies = Promise<string[]>;
interface Citizen {
  channel: string;
  citizenId: string;
}

/**
 * What the effects need of the services they land in (src/app.ts passes disclosureChatEffects,
 * the hotline service and the handoff service). Declared here, by their user, so that
 * conversation/ does not import back the folders that deliver to the citizen through it.
 */
export interface EffectDeps {
  disclosureChat: {
    submit(tx: Transaction, draft: unknown, context: EffectContext): Replies;
    correct(tx: Transaction, number: string | null, text: string, context: EffectContext): Replies;
    status(tx: Transaction, number: string | null, context: EffectContext): Replies;
  };
  hotline: {
    submitDraft(tx: Transaction, draft: unknown, origin: Citizen & { conversationId: string; via: 'chat' }, now: Date): Replies;
    handleRating(tx: Transaction, context: EffectContext, rating: TicketRating): Replies;
    statusReply(tx: Transaction, number: string | null, citizen: Citizen, now: Date): Replies;
  };
  handoff: {
    requestOperatorReply(tx: Transaction, request: { conversationId: string; reason: string; inboundId: number }, at: Date): Replies;
    leaveQueueReply(tx: Transaction, conversationId: string, at: Date): Replies;
  };
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
        if (effect.form === 'ticket')
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
