/**
 * What may be said in a group room. A member who mentions the bot in a room talks in their own
 * conversation, but the room must never learn about that member's case.
 *
 * The rule is a whitelist over the decision the engine stored with the turn (the inbound message's
 * meta): the replies go to the room, with an @mention, only when the turn answered from public
 * knowledge or said something generic:
 *   - decision 'answer', 'clarify', 'partial', 'fallback', 'elsewhere', 'menu', 'welcome', 'unsupported', 'nothing-open';
 *   - decision 'intent' with one of ROOM_INTENTS (greetings, thanks, goodbye, menu, feedback, emergency);
 *   - and never when the decision names a form.
 * Everything else goes to the member by direct message, and the room only gets a pointer: forms
 * (their questions and the summary carry personal data; submitting returns a tracking number), case
 * status (disclosure.status, ticket.status), hand-off to an operator, leaving a form, and any
 * decision or intent this list does not know yet. Operator replies and status notices
 * (deliverToCitizen → outbox) are sent to the contact only: the outbound sender refuses room ids.
 */

const ROOM_DECISIONS: ReadonlySet<string> = new Set([
  'answer',
  'clarify',
  'partial',
  'fallback',
  'elsewhere',
  'menu',
  'welcome',
  'unsupported',
  'nothing-open',
]);
const ROOM_INTENTS: ReadonlySet<string> = new Set(['greeting', 'thanks', 'goodbye', 'menu', 'feedback', 'emergency']);

export function mayAnswerInRoom(decision: Record<string, unknown> | null | undefined): boolean {
  if (!decision || decision.form !== undefined) return false;
  const kind = decision.decision;
  if (kind === 'intent') return typeof decision.intent === 'string' && ROOM_INTENTS.has(decision.intent);
  return typeof kind === 'string' && ROOM_DECISIONS.has(kind);
}

/** Said in the room, with an @mention, when the real reply went by direct message. */
export const SENT_PRIVATELY = '涉及您个人的办理信息，已通过私聊发给您，请查看。';
/** Said in the room when the member is not a contact of the bot, so a direct message cannot reach them. */
export const ADD_CONTACT_FIRST = '涉及您个人的办理信息，不便在群里回复。请先添加我为好友，再私聊我办理或查询。';
