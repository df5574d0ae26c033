import type { InboundMessage } from '../channels/inboundMessage';
import type { TicketRating } from '../../entities/HotlineTicket';
import type { PreparedMatch } from '../knowledge/matchThreads';

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
  | { type: 'record-answer'; entry: string }
  | { type: 'store-feedback'; entry: string; helpful: boolean }
  | { type: 'submit-form'; form: string; draft: unknown }
  | { type: 'request-operator'; reason: string }
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
