import { intentOutsideQueue, type Understanding } from '../dialogue/engine';
import { MENU } from '../dialogue/texts';
import type { IntentMatch } from '../understanding/intents/recognize';
import { renderReply, type EmergencyNumber } from '../understanding/intents/reply';
import type { Intent } from '../understanding/intents/schema';
import type { LiveKnowledge } from '../knowledge/liveKnowledge';
import type { Lexicon } from '../understanding/nlp/lexicon';
import { normalizeKept } from '../understanding/nlp/normalize';
import { detectSection } from '../understanding/nlp/sections';

/**
 * What the bot decides on a question. partial: the subject is covered but not what is asked; elsewhere:
 * about another city's or province's policy (`place` names it).
 */
export const UNDERSTOOD_DECISIONS = ['answer', 'clarify', 'partial', 'intent', 'fallback', 'elsewhere'] as const;
export type UnderstoodDecision = (typeof UNDERSTOOD_DECISIONS)[number];

/** What the bot makes of a question, as `wenzheng ask` and the try-a-question API report it. */
export interface Understood {
  decision: UnderstoodDecision;
  intent: string | null;
  entry: string | null;
  section: string | null;
  score: number;
  candidates: { entry: string; score: number }[];
  place: string | null;
  /** With 'partial': the subject asked about, and the entries about it that can be answered. */
  partial?: { subject: string; entries: string[]; kind: 'action' | 'topic' };
}

export interface UnderstandingDeps {
  knowledge: LiveKnowledge;
  lexicon: Lexicon;
  intents: readonly Intent[];
  /** The system intent of a text (recognized with the lexicon's standard words). */
  intentOf(text: string): IntentMatch | null;
  /** The city's emergency numbers, for the emergency intent's reply (config/city.yaml). */
  emergencyNumbers: readonly EmergencyNumber[];
  /** Where a matter the hotline does not take goes (12388, 信访): the reply naming it, or null. */
  redirectOf(text: string): string | null;
  /** Whether operators answer now (WENZHENG_SERVICE_HOURS on working days). */
  withinServiceHours(at: Date): boolean;
  /** The operators' service hours as citizens read them, for the {hours} of intent replies. */
  serviceHours: string;
}

/** The dialogue engine's view of the language: the live knowledge index, the intents and the lexicon. */
export function createUnderstanding(deps: UnderstandingDeps): Understanding {
  const { knowledge, lexicon, intents, intentOf } = deps;
  return {
    prepareMatch: (text, at) => knowledge.prepareMatch(text, at),
    match: (text, at, prepared) => knowledge.match(text, at, { prepared }),
    entry: (key) => knowledge.entry(key),
    sectionOf: (text, kind) => detectSection(normalizeKept(text, lexicon.recent.normalized), lexicon, kind),
    intentOf: (text, prepared) => (prepared?.text === text ? prepared.intent : intentOf(text)),
    hasIntent: (name) => intents.some((intent) => intent.name === name),
    intentReply: (match) => renderReply(intents, match, { menu: MENU, hours: deps.serviceHours }, deps.emergencyNumbers),
    redirectOf: deps.redirectOf,
    withinServiceHours: deps.withinServiceHours,
  };
}

/** One question understood outside a conversation: its intent if it has one, else its match. */
export function understandQuestion(understanding: Understanding, text: string, at: Date): Understood {
  // As a new conversation hears it: no operator is awaited.
  const intent = intentOutsideQueue(understanding.intentOf(text));
  if (intent)
    return {
      decision: 'intent',
      intent: intent.intent,
      entry: null,
      section: null,
      score: intent.confidence,
      candidates: [],
      place: null,
    };
  const { decision, entry, section, score, candidates, place, partial } = understanding.match(text, at);
  return { decision, intent: null, entry, section, score, candidates, place: place?.name ?? null, ...(partial ? { partial } : {}) };
}
