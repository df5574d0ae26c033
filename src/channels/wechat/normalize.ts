import type { ChannelName, InboundEvent, InboundKind, InboundMessage } from '../../dialogue/inboundMessage';
import type { XmlElement } from './xml';

/**
 * Turns a WeChat push (official account or mini program; XML parsed by parseWeChatXml or JSON parsed by
 * parseWeChatJson — both use WeChat's field names) into an InboundMessage.
 *
 * Decisions:
 * - `text` is only what the citizen said: Content, voice Recognition, or a mini-program card's Title (the
 *   card is usually sent from a page the citizen is asking about). A location's Label, a link's Title and
 *   file names are not speech and stay out of `text`.
 * - `externalId` is MsgId exactly as sent (a string; 64-bit ids do not fit a JS number). Events carry no
 *   MsgId, so they get `${FromUserName}:${CreateTime}:${Event}` — WeChat's own advice is to dedupe events
 *   by FromUserName + CreateTime, and the event name keeps a subscribe and a SCAN of the same second apart.
 *   A message without MsgId (never seen in practice) gets `${FromUserName}:${CreateTime}:${MsgType}`
 *   rather than being dropped.
 */

export type WeChatPayload = XmlElement | Record<string, unknown>;

export type NormalizeResult =
  | { status: 'ok'; message: InboundMessage }
  /**
   * A well-formed push this bot does not handle. Answer a message with UNSUPPORTED_MESSAGE_REPLY;
   * acknowledge an event silently (the citizen did not write anything).
   */
  | { status: 'unsupported'; citizenId: string; isEvent: boolean; msgType: string; event?: string }
  /** Required fields missing or unreadable; nothing to answer. */
  | { status: 'invalid'; reason: string };

export const UNSUPPORTED_MESSAGE_REPLY = '抱歉，暂时无法处理这类消息。请用文字或语音描述您的问题，我们会尽快为您解答。';

const MESSAGE_KINDS: Readonly<Record<string, InboundKind>> = {
  text: 'text',
  voice: 'voice',
  image: 'image',
  location: 'location',
  link: 'link',
  video: 'video',
  shortvideo: 'video',
  file: 'file',
  miniprogrampage: 'miniprogram-page',
};

/** Only these kinds carry citizen words, and only in this field. */
const TEXT_FIELDS: Readonly<Partial<Record<InboundKind, string>>> = {
  text: 'Content',
  voice: 'Recognition',
  'miniprogram-page': 'Title',
};

/** Keyed by the lower-cased Event value: WeChat spells some in capitals (SCAN, CLICK, VIEW). */
const EVENTS: Readonly<Record<string, InboundEvent>> = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  scan: 'scan',
  click: 'click',
  view: 'view',
  user_enter_tempsession: 'enter-session',
};

function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A field as a string: XML leaves are strings, JSON may hold safe integers. Repeated or nested fields are unreadable. */
function readString(payload: WeChatPayload, name: string): string | undefined {
  if (!Object.hasOwn(payload, name)) return undefined;
  const value: unknown = payload[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

export function normalizeWeChatPayload(payload: WeChatPayload, channel: ChannelName): NormalizeResult {
  const citizenId = readString(payload, 'FromUserName')?.trim();
  if (!citizenId) return { status: 'invalid', reason: 'FromUserName is missing' };

  const createTime = readString(payload, 'CreateTime')?.trim();
  if (!createTime || !/^\d{1,12}$/.test(createTime)) {
    return { status: 'invalid', reason: 'CreateTime is missing or not Unix seconds' };
  }
  const receivedAt = new Date(Number(createTime) * 1000);

  const msgType = readString(payload, 'MsgType')?.trim();
  if (!msgType) return { status: 'invalid', reason: 'MsgType is missing' };

  const rawMsgId: unknown = Object.hasOwn(payload, 'MsgId') ? payload['MsgId'] : undefined;
  if (typeof rawMsgId === 'number' && !Number.isSafeInteger(rawMsgId)) {
    return { status: 'invalid', reason: 'MsgId lost precision in JSON.parse; parse JSON payloads with parseWeChatJson' };
  }
  const msgId = readString(payload, 'MsgId')?.trim() || undefined;

  if (msgType.toLowerCase() === 'event') {
    const eventName = readString(payload, 'Event')?.trim();
    if (!eventName) return { status: 'invalid', reason: 'Event is missing' };
    const event = lookup(EVENTS, eventName.toLowerCase());
    if (!event) return { status: 'unsupported', citizenId, isEvent: true, msgType, event: eventName };
    const eventKey = readString(payload, 'EventKey') || undefined;
    const message: InboundMessage = {
      channel,
      citizenId,
      externalId: msgId ?? `${citizenId}:${createTime}:${eventName}`,
      kind: 'event',
      text: '',
      event,
      receivedAt,
    };
    if (eventKey !== undefined) message.eventKey = eventKey;
    return { status: 'ok', message };
  }

  const kind = lookup(MESSAGE_KINDS, msgType.toLowerCase());
  if (!kind) return { status: 'unsupported', citizenId, isEvent: false, msgType };
  const textField = TEXT_FIELDS[kind];
  return {
    status: 'ok',
    message: {
      channel,
      citizenId,
      externalId: msgId ?? `${citizenId}:${createTime}:${msgType}`,
      kind,
      text: textField === undefined ? '' : (readString(payload, textField) ?? ''),
      receivedAt,
    },
  };
}
