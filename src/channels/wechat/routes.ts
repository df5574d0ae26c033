import Router from '@koa/router';
import type { Context } from 'koa';
import type { WeChatChannelConfig } from './channelConfig';
import type { GateOutcome } from '../../conversation/inboundGate';
import type { Admission, InboundResult } from '../../conversation/service';
import type { Transaction } from '../../platform/db/database';
import { readRawBody } from '../../platform/http/body';
import { HttpError } from '../../platform/http/errors';
import { truncateToBytes, WECHAT_TEXT_MAX_BYTES } from '../../platform/bytes';
import type { FloodGuard } from '../../platform/http/rateLimit';
import { unstorableFields, type ChannelName, type InboundMessage } from '../../dialogue/inboundMessage';
import { WeChatMessageCrypto, WeChatCryptoError } from './crypto';
import { parseWeChatJson, WeChatJsonError } from './json';
import { normalizeWeChatPayload, UNSUPPORTED_MESSAGE_REPLY, type WeChatPayload } from './normalize';
import { isTimestampFresh, verifySignature } from './signature';
import { buildEncryptedReplyXml, buildTextReplyXml, parseWeChatXml, SUCCESS_REPLY, WeChatXmlError } from './xml';

/** What the WeChat adapters need from the rest of the app; they know nothing of matching. */
export interface WeChatInboundPort {
  /**
   * Processes within the budget, or journals the message and answers later through the send API;
   * `admission` runs in the turn's transaction before the turn writes.
   */
  process(message: InboundMessage, budgetMs: number, admission: Admission): Promise<GateOutcome>;
  /** Queues replies (from index `from` on) for the send API: mini-program replies, extra replies. */
  queueReplies(message: InboundMessage, result: InboundResult, from?: number): Promise<void>;
  /**
   * For a retry: takes the first reply of this inbound message for a passive answer, unless the send API
   * already has it (queued by the journal's replay or a late first delivery); true when this request answers.
   */
  claimPassiveReply(message: InboundMessage, result: InboundResult): Promise<boolean>;
}

export interface WeChatRouteOptions {
  floodGuard: FloodGuard;
  now: () => Date;
  bodyLimitBytes: number;
  timestampWindowSeconds: number;
  replyBudgetMs: number;
  official: WeChatChannelConfig | null;
  miniprogram: WeChatChannelConfig | null;
  inbound: WeChatInboundPort;
  /** Records a signed request once (across instances), in the transaction given; false for a replay with another body. */
  nonces: {
    firstUse(tx: Transaction, seen: { channel: string; nonce: string; signedAt: string; body: Buffer; expiresAt: Date }): Promise<boolean>;
  };
}

const REPLAYED = 'replayed_nonce';

interface Channel {
  name: ChannelName;
  config: WeChatChannelConfig;
  crypto: WeChatMessageCrypto | null;
}

function query(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  return typeof value === 'string' ? value : undefined;
}

/** Signature and freshness come from the query string, so a forged request is refused unread. */
function authenticate(ctx: Context, channel: Channel, options: WeChatRouteOptions): { timestamp: string; nonce: string } {
  const timestamp = query(ctx, 'timestamp');
  const nonce = query(ctx, 'nonce');
  if (!timestamp || !nonce || nonce.length > 64 || !verifySignature(query(ctx, 'signature'), channel.config.token, timestamp, nonce)) {
    throw new HttpError(401, 'bad_signature', 'signature does not match');
  }
  if (!isTimestampFresh(timestamp, options.now(), options.timestampWindowSeconds)) {
    throw new HttpError(401, 'stale_timestamp', `timestamp is outside the ${options.timestampWindowSeconds}s window`);
  }
  return { timestamp, nonce };
}

function parsePayload(text: string): WeChatPayload {
  try {
    return text.trimStart().startsWith('{') ? parseWeChatJson(text) : parseWeChatXml(text);
  } catch (err) {
    if (err instanceof WeChatXmlError || err instanceof WeChatJsonError) throw new HttpError(400, 'malformed_payload', err.message);
    throw err;
  }
}

/** Safe and compatible modes: an Encrypt field wins over the plaintext fields beside it. */
function openEnvelope(
  ctx: Context,
  channel: Channel,
  payload: WeChatPayload,
  auth: { timestamp: string; nonce: string },
): { payload: WeChatPayload; encrypted: boolean } {
  const encrypt = typeof payload.Encrypt === 'string' ? payload.Encrypt : undefined;
  if (!encrypt) {
    if (query(ctx, 'encrypt_type') === 'aes') throw new HttpError(400, 'missing_encrypt', 'encrypt_type=aes without an Encrypt field');
    if (channel.config.mode === 'safe')
      throw new HttpError(400, 'plaintext_refused', 'the channel is in safe mode: only encrypted messages are accepted');
    return { payload, encrypted: false };
  }
  if (!channel.crypto) throw new HttpError(400, 'safe_mode_not_configured', 'encrypted message, but no EncodingAESKey is configured');
  try {
    const { message } = channel.crypto.decryptVerified({
      msgSignature: query(ctx, 'msg_signature') ?? '',
      timestamp: auth.timestamp,
      nonce: auth.nonce,
      encrypt,
    });
    return { payload: parsePayload(message), encrypted: true };
  } catch (err) {
    if (err instanceof WeChatCryptoError) {
      const status = err.reason === 'bad-signature' || err.reason === 'appid-mismatch' ? 401 : 400;
      throw new HttpError(status, `crypto_${err.reason.replace(/-/g, '_')}`, err.message);
    }
    throw err;
  }
}

/**
 * The official account (公众号) and mini-program customer-service (小程序客服消息) webhooks.
 * Official account: a passive reply within the budget, else "success" and the send API.
 * Mini-program: always "success"; replies go out through the send API.
 */
export function wechatRoutes(options: WeChatRouteOptions) {
  const router = new Router();
  const channels: Record<'official' | 'miniprogram', Channel | null> = {
    official: options.official && { name: 'wechat-official', config: options.official, crypto: cryptoFor(options.official) },
    miniprogram: options.miniprogram && { name: 'wechat-miniprogram', config: options.miniprogram, crypto: cryptoFor(options.miniprogram) },
  };

  function channelOf(name: 'official' | 'miniprogram'): Channel {
    const channel = channels[name];
    if (!channel) throw new HttpError(404, 'channel_not_configured', `the WeChat ${name} channel is not configured`);
    return channel;
  }

  for (const name of ['official', 'miniprogram'] as const) {
    router.get(`/wechat/${name}`, (ctx) => verifyServer(ctx, channelOf(name)));
    router.post(`/wechat/${name}`, (ctx) => receive(ctx, channelOf(name)));
  }

  /**
   * The signed URL spent and the citizen's message counted, in the turn's transaction: only a message
   * that would be processed spends its URL, and a replay or a flood skips the turn. With the database
   * locked or away the message is still journaled and acknowledged in time, and replayed without these
   * checks (as they used to give way); the MsgId dedupe still holds.
   *
   * An encrypted message spends no URL: its msg_signature covers the ciphertext, so its URL cannot
   * carry another message, and the same one again is a retry, which the MsgId dedupe answers once.
   * That is a row fewer written per message in safe mode.
   */
  function admission(channel: Channel, auth: { timestamp: string; nonce: string }, body: Buffer, encrypted: boolean): Admission {
    const expiresAt = new Date((Number(auth.timestamp) + options.timestampWindowSeconds) * 1000);
    return async (tx, citizen) => {
      const seen = { channel: channel.name, nonce: auth.nonce, signedAt: auth.timestamp, body, expiresAt };
      if (!encrypted && !(await options.nonces.firstUse(tx, seen))) return { reason: REPLAYED, reply: null };
      return options.floodGuard(citizen);
    };
  }

  // Server verification: echo echostr only when the signature is right.
  function verifyServer(ctx: Context, channel: Channel) {
    const echostr = query(ctx, 'echostr');
    authenticate(ctx, channel, options);
    if (!echostr) throw new HttpError(400, 'missing_echostr', 'echostr is required');
    ctx.type = 'text/plain';
    ctx.body = echostr;
  }

  async function receive(ctx: Context, channel: Channel) {
    const auth = authenticate(ctx, channel, options);
    const raw = await readRawBody(ctx, options.bodyLimitBytes);
    const opened = openEnvelope(ctx, channel, parsePayload(raw.toString('utf8')), auth);
    const normalized = normalizeWeChatPayload(opened.payload, channel.name);
    if (normalized.status === 'invalid') throw new HttpError(400, 'invalid_message', normalized.reason);

    const respond = (text: string | null) => {
      if (text === null || channel.name === 'wechat-miniprogram') {
        ctx.type = 'text/plain';
        ctx.body = SUCCESS_REPLY;
        return;
      }
      const toUser = String(opened.payload.FromUserName);
      const fromUser = String(opened.payload.ToUserName);
      const xml = buildTextReplyXml({
        toUserName: toUser,
        fromUserName: fromUser,
        content: truncateToBytes(text, WECHAT_TEXT_MAX_BYTES),
        createTime: options.now(),
      });
      ctx.type = 'application/xml';
      ctx.body =
        opened.encrypted && channel.crypto ? buildEncryptedReplyXml(channel.crypto.sealReply(xml, auth.timestamp, auth.nonce)) : xml;
    };

    if (normalized.status === 'unsupported') {
      respond(normalized.isEvent ? null : UNSUPPORTED_MESSAGE_REPLY);
      return;
    }

    const message = normalized.message;
    const unstorable = unstorableFields(message);
    if (unstorable.length) throw new HttpError(400, 'invalid_message', unstorable.join('; '));
    const outcome = await options.inbound.process(message, options.replyBudgetMs, admission(channel, auth, raw, opened.encrypted));
    if (outcome.status === 'refused') {
      if (outcome.refusal.reason === REPLAYED)
        throw new HttpError(401, 'replayed_nonce', 'this signed URL was already used with another body');
      respond(outcome.refusal.reply);
      return;
    }
    // Late or stored for replay: WeChat gets "success" now, the citizen the answer when it is ready.
    if (outcome.status === 'deferred') {
      respond(null);
      return;
    }
    const { result } = outcome;
    if (channel.name === 'wechat-miniprogram') {
      if (!result.duplicate) await options.inbound.queueReplies(message, result);
      respond(null);
      return;
    }
    if (result.duplicate && (result.replies.length === 0 || !(await options.inbound.claimPassiveReply(message, result)))) {
      respond(null);
      return;
    }
    // A passive reply carries one message; any further ones follow through the send API.
    if (result.replies.length > 1 && !result.duplicate) await options.inbound.queueReplies(message, result, 1);
    respond(result.replies[0] ?? null);
  }

  return router;
}

function cryptoFor(config: WeChatChannelConfig): WeChatMessageCrypto | null {
  return config.aesKey && config.appId
    ? new WeChatMessageCrypto({ token: config.token, encodingAesKey: config.aesKey, appId: config.appId })
    : null;
}
