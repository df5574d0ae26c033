/**
 * The one message type every channel adapter produces. Nothing past the adapter knows the
 * protocol a message came in by.
 */
export const CHANNELS = ['webchat', 'wechat-official', 'wechat-miniprogram', 'wechaty'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export const INBOUND_KINDS = ['text', 'voice', 'image', 'location', 'link', 'video', 'file', 'miniprogram-page', 'event'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

/** Platform events the dialogue reacts to (subscribe, menu click...), lower-cased. */
export type InboundEvent = 'subscribe' | 'unsubscribe' | 'scan' | 'click' | 'view' | 'enter-session';

export interface InboundMessage {
  channel: ChannelName;
  /** The citizen's identity on that channel (openid, wechaty contact id, web-chat token subject). */
  citizenId: string;
  /** The platform's id of this message (a string: WeChat MsgIds exceed 2^53); used for dedupe. */
  externalId: string;
  kind: InboundKind;
  /** What the citizen said: typed text, or voice recognition; empty when there is none. */
  text: string;
  event?: InboundEvent;
  /** Menu key for click events, URL for view events, scene for scan events. */
  eventKey?: string;
  receivedAt: Date;
  /** This delivery of the message (WeChat pushes a message again when unanswered), set by the inbound gate. */
  deliveryId?: string;
}

/** What the database can hold of a message; channels refuse more before they acknowledge anything. */
export const INBOUND_LIMITS = { citizenId: 128, externalId: 191, textChars: 8000 } as const;

/** The fields of `message` the database could not store, empty when it fits. */
export function unstorableFields(message: InboundMessage): string[] {
  const problems: string[] = [];
  if (message.citizenId.length === 0 || message.citizenId.length > INBOUND_LIMITS.citizenId)
    problems.push(`citizen id must be 1-${INBOUND_LIMITS.citizenId} characters`);
  if (message.externalId.length === 0 || message.externalId.length > INBOUND_LIMITS.externalId)
    problems.push(`message id must be 1-${INBOUND_LIMITS.externalId} characters`);
  if (message.text.length > INBOUND_LIMITS.textChars) problems.push(`text must be at most ${INBOUND_LIMITS.textChars} characters`);
  return problems;
}
