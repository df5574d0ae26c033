import { types, type Message } from 'wechaty';
import type { InboundKind, InboundMessage } from '../../dialogue/inboundMessage';

/**
 * Turns a wechaty message into what the adapter does with it.
 *
 * Decisions:
 * - The citizen is the talker: `citizenId` is the wechaty contact id, also in a group room, where a
 *   mention is processed as that member's own conversation. `externalId` is the wechaty message id.
 * - Ignored: the bot's own messages (also those typed on the phone of the logged-in account),
 *   messages from official accounts (公众号 pushes), system and recall notices, and in rooms everything
 *   that does not mention the bot (only text can mention).
 * - Text only for now: other kinds that have an InboundMessage kind go to the engine with empty text
 *   (it answers politely, and stays silent while an operator holds the thread); kinds that have none
 *   (contact cards, transfers, red envelopes, chat histories...) are answered by the adapter itself.
 * - In a room the mention is stripped from the text ("@问政小助手 低保咋申请" → "低保咋申请").
 */
export type WechatyInbound =
  | { action: 'ignore'; reason: 'self' | 'official-account' | 'notice' | 'room-without-mention' }
  | { action: 'unsupported'; citizenId: string }
  | { action: 'handle'; message: InboundMessage };

const KINDS: Partial<Record<types.Message, InboundKind>> = {
  [types.Message.Text]: 'text',
  [types.Message.Audio]: 'voice',
  [types.Message.Image]: 'image',
  [types.Message.Emoticon]: 'image',
  [types.Message.Video]: 'video',
  [types.Message.Attachment]: 'file',
  [types.Message.Url]: 'link',
  [types.Message.Location]: 'location',
  [types.Message.MiniProgram]: 'miniprogram-page',
};

/** Not something a citizen said: recall notices and the puppets' catch-all for system messages. */
const NOTICES: ReadonlySet<types.Message> = new Set([types.Message.Unknown, types.Message.Recalled]);

function receivedAt(message: Message, now: () => Date): Date {
  try {
    const date = message.date();
    return Number.isNaN(date.getTime()) ? now() : date;
  } catch {
    return now();
  }
}

export async function normalizeWechatyMessage(message: Message, now: () => Date): Promise<WechatyInbound> {
  if (message.self()) return { action: 'ignore', reason: 'self' };
  const talker = message.talker();
  if (talker.type() === types.Contact.Official) return { action: 'ignore', reason: 'official-account' };
  const type = message.type();
  if (NOTICES.has(type)) return { action: 'ignore', reason: 'notice' };

  const room = message.room();
  let text: string;
  if (room) {
    if (type !== types.Message.Text || !(await message.mentionSelf())) return { action: 'ignore', reason: 'room-without-mention' };
    text = await message.mentionText();
  } else {
    text = type === types.Message.Text ? message.text() : '';
  }

  const kind = KINDS[type];
  if (!kind) return { action: 'unsupported', citizenId: talker.id };
  return {
    action: 'handle',
    message: {
      channel: 'wechaty',
      citizenId: talker.id,
      externalId: message.id,
      kind,
      text: text.trim(),
      receivedAt: receivedAt(message, now),
    },
  };
}
