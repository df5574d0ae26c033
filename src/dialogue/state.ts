import { z } from 'zod';
import { SECTION_NAMES } from '../../entities/knowledgeEntryFile';
import type { Turn } from './types';

/**
 * What the bot remembers of a conversation, persisted as JSON:
 * - bot: answering; `misses` counts fallbacks in a row (the fallback ladder), `lastAnswer` lets
 *   "需要带什么材料" refer to the entry just answered, `offered` to the entries of a "which one"
 *   question a fallback interrupted;
 * - clarifying: the entries offered in "which one did you mean";
 * - intake: a form in progress (which form, which step, the draft, whether it awaits confirmation,
 *   whether the step is an edit from the summary, which goes back to the summary, whether the
 *   thread waits for an operator meanwhile: then the form ends in `queued`);
 * - correcting: "补正" was sent without the text; the next message is the correction;
 * - queued: the thread waits for an operator; the citizen hears where they stand in the queue;
 * - human: an operator holds the thread and the bot stays silent.
 */
const lastAnswer = z.object({ entry: z.string(), section: z.enum(SECTION_NAMES).nullable() });

export const dialogueStateSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('bot'),
    misses: z.number().int().min(0),
    lastAnswer: lastAnswer.nullable(),
    offered: z.array(z.string()).min(1).optional(),
  }),
  z.object({
    mode: z.literal('clarifying'),
    misses: z.number().int().min(0),
    options: z.array(z.string()).min(1),
    section: z.enum(SECTION_NAMES).nullable(),
  }),
  z.object({
    mode: z.literal('intake'),
    form: z.string(),
    step: z.number().int().min(0),
    draft: z.unknown(),
    confirming: z.boolean(),
    editing: z.boolean().optional(),
    queued: z.boolean().optional(),
  }),
  z.object({ mode: z.literal('queued') }),
  z.object({ mode: z.literal('correcting'), number: z.string().nullable() }),
  z.object({ mode: z.literal('human'), operator: z.string() }),
]);

export type DialogueState = z.infer<typeof dialogueStateSchema>;

/** What the engine and the form runner return: the replies and effects of a turn, and the state after it. */
export type EngineTurn = Turn<DialogueState>;

export const INITIAL_STATE: DialogueState = { mode: 'bot', misses: 0, lastAnswer: null };

/** Persisted state of an older or foreign shape starts over rather than failing the turn. */
export function restoreState(persisted: unknown): DialogueState {
  const parsed = dialogueStateSchema.safeParse(persisted);
  return parsed.success ? parsed.data : INITIAL_STATE;
}
