import type { InboundMessage } from '../channels/inboundMessage';
import type { TicketRating } from '../../entities/HotlineTicket';
import type { IntentMatch } from '../intents/recognize';
import type { EntryFileEntry, EntryKind, SectionName } from '../knowledge/entryFile';
import type { PreparedMatch } from '../knowledge/matchThreads';
import type { MatchResult } from '../nlp/match';
import { runForm, startForm } from './formRunner';
import type { IntakeForm } from './forms';
import { followUpHint, formatAnswer } from './replies';
import { INITIAL_STATE, restoreState, type DialogueState } from './state';
import * as say from './texts';
import type { DialogueEngine, Effect, Reply, Turn, TurnContext } from './types';

/** What the engine needs to understand a message; pure lookups over loaded data. */
export interface Understanding {
  /** Matches `text` and recognizes its intent ahead of the turn (remembered, on a match thread, or here). */
  prepareMatch(text: string, now: Date): Promise<PreparedMatch | null>;
  /** The match of `text`: the prepared one if it is still valid, else worked out now. */
  match(text: string, now: Date, prepared?: PreparedMatch | null): MatchResult;
  entry(key: string): EntryFileEntry | undefined;
  /** The section a text asks for ("要带什么材料" → materials), if any. */
  sectionOf(text: string, kind?: EntryKind): SectionName | null;
  /** A system intent (greeting, 转人工, 我要投诉 ...), or null for a knowledge question; the prepared one if it is for this text. */
  intentOf(text: string, prepared?: PreparedMatch | null): IntentMatch | null;
  /** Whether a system intent of this name exists (menu keys may name one). */
  hasIntent(name: string): boolean;
  /** The reply template of an intent, filled. */
  intentReply(match: IntentMatch): string;
  /** 满意 / 基本满意 / 不满意 or 1-3: the answer to a closed ticket's rating question. */
  ratingOf(text: string): TicketRating | null;
  /** Whether operators answer now (WENZHENG_SERVICE_HOURS on working days). */
  withinServiceHours(now: Date): boolean;
}

export interface EngineOptions {
  idleMinutes: number;
  forms: Readonly<Record<string, IntakeForm<unknown>>>;
}

export type EngineTurn = Turn<DialogueState>;

const LEAVE = /^(0|取消|退出|算了|不用了)$/;

export function reply(state: DialogueState, texts: string[], decision: Record<string, unknown>, effects: Effect[] = []): EngineTurn {
  return { state, replies: texts.map((text): Reply => ({ text })), effects, decision };
}

function answerTurn(entry: EntryFileEntry, section: SectionName | null, decision: Record<string, unknown>): EngineTurn {
  const footer = [followUpHint(entry, section), say.feedbackInvite()].filter(Boolean).join('\n');
  return reply({ mode: 'bot', misses: 0, lastAnswer: { entry: entry.key, section } }, [formatAnswer(entry, section, footer)], { ...decision, entry: entry.key, section }, [
    { type: 'record-answer', entry: entry.key },
  ]);
}

/** Picks one of the offered entries by number ("2") or by its title. */
function chosenOption(text: string, options: string[], understanding: Understanding): string | null {
  const number = /^[1-9]$/.test(text) ? Number(text) : NaN;
  if (number >= 1 && number <= options.length) return options[number - 1];
  return options.find((key) => understanding.entry(key)?.title === text) ?? null;
}

export function createDialogueEngine(understanding: Understanding, options: EngineOptions): DialogueEngine<DialogueState> {
  const form = (name: string) => {
    const found = options.forms[name];
    if (!found) throw new Error(`no intake form "${name}"`);
    return found;
  };

  function handleIntent(state: DialogueState, match: IntentMatch, text: string, now: Date): EngineTurn | null {
    const decision = { decision: 'intent', intent: match.intent };
    const lastEntry = state.mode === 'bot' ? state.lastAnswer?.entry : undefined;
    switch (match.intent) {
      case 'disclosure.apply':
        return startForm(form('disclosure'), text, decision);
      case 'hotline.report':
        return startForm(form('ticket'), text, decision);
      case 'human': {
        const effects: Effect[] = [{ type: 'request-operator', reason: text }];
        // Outside service hours the thread still waits, and the matter is written down as a ticket.
        if (understanding.withinServiceHours(now)) return reply(INITIAL_STATE, [], decision, effects);
        const started = startForm(form('ticket'), text, decision);
        return { ...started, effects };
      }
      case 'disclosure.status':
      case 'ticket.status':
        return reply(state, [], decision, [{ type: 'case-status', kind: match.intent === 'ticket.status' ? 'ticket' : 'disclosure', number: match.capture?.ticketNumber ?? match.capture?.applicationNumber ?? null }]);
      case 'feedback':
        if (!lastEntry || !match.category) return null;
        return reply(state, [understanding.intentReply(match)], decision, [{ type: 'store-feedback', entry: lastEntry, helpful: match.category === 'positive' }]);
      default:
        return reply(match.intent === 'goodbye' ? INITIAL_STATE : state, [understanding.intentReply(match)], decision);
    }
  }

  function handleKnowledge(state: DialogueState, text: string, context: TurnContext): EngineTurn {
    const result = understanding.match(text, context.now, context.prepared);
    const decision = { decision: result.decision, score: result.score, candidates: result.candidates };
    if (result.decision === 'answer' && result.entry) {
      const entry = understanding.entry(result.entry);
      if (entry) return answerTurn(entry, result.section, decision);
    }

    // A follow-up about the entry just answered: "需要带什么材料" / "多久能办好".
    const last = state.mode === 'bot' && state.lastAnswer ? understanding.entry(state.lastAnswer.entry) : undefined;
    const followUp = last ? understanding.sectionOf(text, last.kind) : null;
    if (last && followUp && last.sections?.[followUp]) return answerTurn(last, followUp, { ...decision, decision: 'answer', via: 'follow-up' });

    if (result.decision === 'clarify') {
      const offered = result.candidates.map((c) => understanding.entry(c.entry)).filter((e): e is EntryFileEntry => e !== undefined);
      if (offered.length > 0) {
        return reply({ mode: 'clarifying', misses: 0, options: offered.map((e) => e.key), section: result.section }, [say.clarify(offered.map((e) => e.title))], decision);
      }
    }

    // The subject is known but not what is asked about it: say so, and offer what can be answered.
    if (result.decision === 'partial' && result.partial) {
      const offered = result.partial.entries.map((key) => understanding.entry(key)).filter((e): e is EntryFileEntry => e !== undefined);
      if (offered.length > 0) {
        return reply({ mode: 'clarifying', misses: 0, options: offered.map((e) => e.key), section: null }, [say.partial(result.partial.subject, offered.map((e) => e.title))], decision);
      }
    }

    const misses = (state.mode === 'bot' || state.mode === 'clarifying' ? state.misses : 0) + 1;
    return reply({ mode: 'bot', misses, lastAnswer: null }, [misses >= 2 ? say.fallbackOffer() : say.fallbackRephrase()], { ...decision, decision: 'fallback' }, [
      { type: 'record-unanswered', text, terms: result.terms },
    ]);
  }

  function handleText(state: DialogueState, text: string, context: TurnContext): EngineTurn {
    const intent = understanding.intentOf(text, context.prepared);
    // Emergencies are answered at once, whatever else is going on, and open nothing.
    if (intent?.intent === 'emergency') return reply(state, [understanding.intentReply(intent)], { decision: 'intent', intent: 'emergency' });
    // While an operator holds the thread, the citizen's messages are theirs to answer.
    if (state.mode === 'human') return reply(state, [], { decision: 'human', operator: state.operator });

    if (state.mode === 'intake') {
      if (LEAVE.test(text)) return reply(INITIAL_STATE, [say.formLeft(form(state.form).title)], { decision: 'leave', form: state.form });
      return runForm(state, form(state.form), text, context, {
        forms: options.forms,
        lookUp: (answer) => {
          const result = understanding.match(answer, context.now);
          const entry = result.decision === 'answer' && result.entry ? understanding.entry(result.entry) : undefined;
          return entry ? formatAnswer(entry, null) : null;
        },
      });
    }

    if (state.mode === 'clarifying') {
      if (LEAVE.test(text)) return reply(INITIAL_STATE, [say.left()], { decision: 'leave' });
      const picked = chosenOption(text, state.options, understanding);
      const entry = picked ? understanding.entry(picked) : undefined;
      if (entry) return answerTurn(entry, state.section && entry.sections?.[state.section] ? state.section : null, { decision: 'answer', via: 'clarify' });
    }

    // Only in plain bot mode: in a form or a "which one" question, digits answer that question.
    const rating = state.mode === 'bot' ? understanding.ratingOf(text) : null;
    if (rating) return reply(state, [], { decision: 'rating', rating }, [{ type: 'rate-ticket', rating }]);

    if (intent) {
      const handled = handleIntent(state, intent, text, context.now);
      if (handled) return handled;
    }
    return handleKnowledge(state, text, context);
  }

  /** Menu clicks carry an entry key or an intent name (configured on the WeChat menu). */
  function handleClick(state: DialogueState, key: string, context: TurnContext): EngineTurn {
    const entry = understanding.entry(key);
    if (entry) return answerTurn(entry, null, { decision: 'answer', via: 'menu' });
    const handled = understanding.hasIntent(key) ? handleIntent(state, { intent: key, confidence: 1 }, '', context.now) : null;
    return handled ?? reply(state, [say.menu()], { decision: 'menu' });
  }

  return {
    initialState: () => INITIAL_STATE,
    restore: restoreState,
    // Every text may end up matched (intents and forms are decided in the turn, on the stored state).
    prepare: (message, now) => (message.kind === 'event' || !message.text.trim() ? Promise.resolve(null) : understanding.prepareMatch(message.text.trim(), now)),
    turn(persisted, message: InboundMessage, context) {
      const idle = context.lastActivityAt !== null && context.now.getTime() - context.lastActivityAt.getTime() > options.idleMinutes * 60_000;
      // An idle conversation starts over, unless an operator holds it (the hand-off has its own timeout).
      const state = idle && persisted.mode !== 'human' ? INITIAL_STATE : persisted;
      if (message.kind === 'event') {
        if (message.event === 'subscribe' || message.event === 'enter-session') return reply(INITIAL_STATE, [say.welcome()], { decision: 'welcome' });
        if (message.event === 'click' && message.eventKey && state.mode !== 'human') return handleClick(state, message.eventKey, context);
        return reply(state, [], { decision: 'event' });
      }
      const text = message.text.trim();
      if (!text) {
        if (state.mode === 'human') return reply(state, [], { decision: 'human', operator: state.operator });
        return reply(state, [message.kind === 'voice' ? say.voiceNotUnderstood() : message.kind === 'text' ? say.emptyText() : say.unsupportedKind()], { decision: 'unsupported' });
      }
      return handleText(state, text, context);
    },
  };
}
