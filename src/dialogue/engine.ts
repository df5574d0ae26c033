import type { InboundMessage } from '../channels/inboundMessage';
import type { EntryFileEntry, EntryKind, SectionName } from '../knowledge/entryFile';
import type { MatchResult } from '../nlp/match';
import { followUpHint, formatAnswer } from './replies';
import { INITIAL_STATE, restoreState, type DialogueState } from './state';
import type { DialogueEngine, Effect, Reply, Turn, TurnContext } from './types';
import * as say from './texts';

/** What the engine needs to understand a message; pure lookups over the loaded knowledge. */
export interface Understanding {
  match(text: string, now: Date): MatchResult;
  entry(key: string): EntryFileEntry | undefined;
  /** The section a text asks for ("要带什么材料" → materials), if any. */
  sectionOf(text: string, kind?: EntryKind): SectionName | null;
}

export interface EngineOptions {
  idleMinutes: number;
}

const LEAVE = /^(0|取消|退出|算了|不用了)$/;

function answerTurn(entry: EntryFileEntry, section: SectionName | null, decision: Record<string, unknown>): Turn<DialogueState> {
  const hint = followUpHint(entry, section);
  return {
    state: { mode: 'bot', misses: 0, lastAnswer: { entry: entry.key, section } },
    replies: [{ text: formatAnswer(entry, section, hint ?? undefined) }],
    effects: [],
    decision: { ...decision, entry: entry.key, section },
  };
}

function reply(state: DialogueState, texts: string[], decision: Record<string, unknown>, effects: Effect[] = []): Turn<DialogueState> {
  return { state, replies: texts.map((text): Reply => ({ text })), effects, decision };
}

/** Picks one of the offered entries by number ("2") or by its title. */
function chosenOption(text: string, options: string[], understanding: Understanding): string | null {
  const trimmed = text.trim();
  const number = /^[1-9]$/.test(trimmed) ? Number(trimmed) : NaN;
  if (number >= 1 && number <= options.length) return options[number - 1];
  return options.find((key) => understanding.entry(key)?.title === trimmed) ?? null;
}

export function createDialogueEngine(understanding: Understanding, options: EngineOptions): DialogueEngine<DialogueState> {
  function handleText(state: DialogueState, text: string, context: TurnContext): Turn<DialogueState> {
    if (state.mode === 'clarifying') {
      if (LEAVE.test(text.trim())) return reply(INITIAL_STATE, [say.left()], { decision: 'leave' });
      const picked = chosenOption(text, state.options, understanding);
      const entry = picked ? understanding.entry(picked) : undefined;
      if (entry) return answerTurn(entry, state.section && entry.sections?.[state.section] ? state.section : null, { decision: 'answer', via: 'clarify' });
    }

    const result = understanding.match(text, context.now);
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
        return reply(
          { mode: 'clarifying', misses: 0, options: offered.map((e) => e.key), section: result.section },
          [say.clarify(offered.map((e) => e.title))],
          decision,
        );
      }
    }

    const misses = state.misses + 1;
    return reply({ mode: 'bot', misses, lastAnswer: null }, [misses >= 2 ? say.fallbackOffer() : say.fallbackRephrase()], { ...decision, decision: 'fallback' }, [
      { type: 'record-unanswered', text, terms: result.terms },
    ]);
  }

  return {
    initialState: () => INITIAL_STATE,
    restore: restoreState,
    turn(persisted, message: InboundMessage, context) {
      const idle = context.lastActivityAt && context.now.getTime() - context.lastActivityAt.getTime() > options.idleMinutes * 60_000;
      const state = idle ? INITIAL_STATE : persisted;
      if (message.kind === 'event') {
        if (message.event === 'subscribe' || message.event === 'enter-session') return reply(INITIAL_STATE, [say.welcome()], { decision: 'welcome' });
        return reply(state, [], { decision: 'event' });
      }
      const text = message.text.trim();
      if (!text) {
        return reply(state, [message.kind === 'voice' ? say.voiceNotUnderstood() : message.kind === 'text' ? say.emptyText() : say.unsupportedKind()], { decision: 'unsupported' });
      }
      return handleText(state, text, context);
    },
  };
}
