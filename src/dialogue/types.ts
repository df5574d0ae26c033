import type { InboundMessage } from './inboundMessage';
import type { TicketRating } from '../../entities/HotlineTicket';
import type { PreparedMatch } from '../knowledge/matchThreads';

/** What the bot did with a knowledge question, kept for the interpreters' review queue. */
export interface AskedKnowledgeQuestion {
  decision: 'answer' | 'clarify' | 'fallback';
  /** clarify: the citizen picked an offered entry; follow-up: asked for a section of the entry just answered. */
  via: 'clarify' | 'follow-up' | null;
  entry: string | null;
  section: string | null;
  score: number;
  candidates: { entry: string; score: number }[];
  terms: string[];
}

/** A text the bot sends back; channels cut or split it to their own limits. */
export interface Reply {
  text: string;
}

/**
 * Side effects are data: the conversation service applies them in the turn's transaction. A
 * handler may answer with more replies (e.g. the tracking number of a filed request).
 */
export type Effect =
  | { type: 'record-unanswered'; text: string; terms: string[] }
  /** An answer to no recorded question (a menu click, a section picked among offered entries): an answered question's record counts itself. */
  | { type: 'record-answer'; entry: string }
  | { type: 'record-question'; text: string; question: AskedKnowledgeQuestion }
  | { type: 'store-feedback'; entry: string; helpful: boolean }
  | { type: 'submit-form'; form: string; draft: unknown }
  | { type: 'request-operator'; reason: string }
  /** 补正 in chat: the corrected text for a disclosure request (its number, or the one awaiting a correction). */
  | { type: 'disclosure-correction'; number: string | null; text: string }
  /** The citizen no longer waits for an operator (取消 while queued). */
  | { type: 'leave-queue' }
  | { type: 'rate-ticket'; rating: TicketRating }
  | { type: 'case-status'; kind: 'disclosure' | 'ticket'; number: string | null };

export interface Turn<State> {
  state: State;
  replies: Reply[];
  effects: Effect[];
  /** What the engine decided, stored with the inbound message for staff and statistics. */
  decision: Record<string, unknown>;
  /** Stored as the inbound message's text instead of what the citizen wrote (a form's personal answer). */
  storedText?: string;
}

export interface TurnContext {
  now: Date;
  /** When the conversation was last active, for idle expiry. */
  lastActivityAt: Date | null;
  /** What `prepare` worked out for this message beforehand. */
  prepared?: PreparedMatch | null;
}

/** The dialogue as a reducer: (state, message, context) → (new state, replies, effects). */
export interface DialogueEngine<State = unknown> {
  initialState(): State;
  /** Reads persisted state, tolerating older shapes: unknown data falls back to the initial state. */
  restore(persisted: unknown): State;
  turn(state: State, message: InboundMessage, context: TurnContext): Turn<State>;
  /**
   * The expensive, state-independent part of a message's turn (matching its text), worked out
   * before the turn and outside its transaction; the result goes into the turn's context.
   */
  prepare(message: InboundMessage, now: Date): Promise<PreparedMatch | null>;
}
