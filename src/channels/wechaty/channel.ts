import type { Logger } from 'pino';
import {
  qrcodeValueToImageUrl,
  ScanStatus,
  WechatyBuilder,
  type Contact,
  type Message,
  type OfficialPuppetNpmName,
  type Room,
  type Wechaty,
} from 'wechaty';
import type { InboundResult, Refusal } from '../../conversation/service';
import type { ReadinessCheck } from '../../platform/http/health';
import { unstorableFields, type InboundMessage } from '../../dialogue/inboundMessage';
import type { OutboundSender, SendResult } from '../../conversation/outbox/outbound';
import { normalizeWechatyMessage } from './normalize';
import { ADD_CONTACT_FIRST, mayAnswerInRoom, SENT_PRIVATELY } from './privacy';

/** What the wechaty adapter needs from the rest of the app; it knows nothing of matching. */
export interface WechatyInboundPort {
  /** Runs the turn, the citizen's flood count in its transaction: a flood is refused, neither stored nor answered. */
  handleInbound(message: InboundMessage): Promise<InboundResult | { refused: Refusal }>;
  /** Hands a reply that could not be sent directly to the outbox, which retries it through this channel's sender. */
  queueReply(reply: { citizenId: string; conversationId: string; dedupeKey: string; text: string }): Promise<void>;
}

export interface WechatyChannelOptions {
  /** npm name of the puppet, loaded by wechaty (checked by puppetNameProblem first). */
  puppet: string;
  /** puppetOptions.token, for puppets that need one. */
  token: string | null;
  /** Wechaty's name: the login session is kept in `<name>.memory-card.json`; null keeps it in memory only. */
  name: string | null;
  logger: Logger;
  now: () => Date;
  inbound: WechatyInboundPort;
  /** Where the login QR code link is printed for the operator (stdout by default). */
  print?: (text: string) => void;
  /** start() returns after this even when the puppet is still starting (it goes on in the background). */
  startTimeoutMs?: number;
}

export type WechatyState = 'stopped' | 'starting' | 'waiting-for-login' | 'logged-in' | 'failed';

export interface WechatyStatus {
  state: WechatyState;
  /** Name of the logged-in WeChat account. */
  user: string | null;
  /** The login QR code link while a scan is awaited. */
  qrcodeUrl: string | null;
  logoutReason: string | null;
  /** The last error since the last login. */
  lastError: string | null;
}

export const UNSUPPORTED_MESSAGE_REPLY = '抱歉，暂时无法处理这类消息。请用文字描述您的问题，我们会尽快为您解答。';
export /** A message longer than the database keeps: asked to be shorter rather than cut. */
const TOO_LONG_REPLY = '您的消息太长了，请分几次发送，或简要描述您的问题。';
const FAILURE_REPLY = '抱歉，系统暂时出了点问题，请稍后再发一次。';

const ROOM_ID = /@chatroom$/;

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The personal / enterprise WeChat channel (个人微信、企业微信) through wechaty: one bot account,
 * direct messages answered, group rooms answered only when the bot is mentioned (see privacy.ts).
 * Turn replies are said at once; operator replies and notices come through `sender` from the outbox.
 */
export class WechatyChannel {
  readonly bot: Wechaty;
  private readonly logger: Logger;
  private readonly print: (text: string) => void;
  private current: WechatyStatus = { state: 'stopped', user: null, qrcodeUrl: null, logoutReason: null, lastError: null };
  private stopping = false;
  /** One chain of work per talker, so a citizen's messages are answered in order. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly options: WechatyChannelOptions) {
    this.logger = options.logger;
    this.print = options.print ?? ((text) => void process.stdout.write(text));
    this.bot = WechatyBuilder.build({
      ...(options.name ? { name: options.name } : {}),
      // Wechaty's type lists the official puppets only; its resolver loads any installed puppet by name.
      puppet: options.puppet as OfficialPuppetNpmName,
      ...(options.token ? { puppetOptions: { token: options.token } } : {}),
    });
    this.bot.on('scan', (qrcode, status) => this.onScan(qrcode, status));
    this.bot.on('login', (user) => {
      this.current = { ...this.current, state: 'logged-in', user: user.name(), qrcodeUrl: null, logoutReason: null, lastError: null };
      this.logger.info({ user: user.name() }, 'wechaty logged in');
    });
    this.bot.on('logout', (user, why) => {
      this.current = { ...this.current, state: 'waiting-for-login', user: null, logoutReason: why ?? null };
      if (this.stopping) this.logger.info({ user: user.name() }, 'wechaty logged out for shutdown');
      else
        this.logger.warn(
          { user: user.name(), reason: why },
          'wechaty logged out: citizens on this account are not answered until it logs in again',
        );
    });
    this.bot.on('error', (err) => {
      this.current = { ...this.current, lastError: reason(err) };
      this.logger.error({ err }, 'wechaty error');
    });
    this.bot.on('message', (message) => this.onMessage(message));
  }

  status(): WechatyStatus {
    return { ...this.current };
  }

  /** For /readyz: passes while the account is logged in; otherwise says why not. */
  readonly readiness: ReadinessCheck = {
    name: 'wechaty',
    check: async () => {
      const problem = this.problem();
      if (problem) throw new Error(problem);
    },
  };

  private problem(): string | null {
    const { state, qrcodeUrl, logoutReason, lastError } = this.current;
    if (state === 'logged-in' && this.bot.isLoggedIn) return null;
    const error = lastError ? `; last error: ${lastError}` : '';
    switch (state) {
      case 'stopped':
        return 'not started';
      case 'starting':
        return `starting${error}`;
      case 'failed':
        return `failed to start: ${lastError ?? 'unknown error'}`;
      default: {
        const loggedOut = logoutReason ? `logged out (${logoutReason}); ` : '';
        const waiting = qrcodeUrl ? 'not logged in: waiting for the login QR code to be scanned (the link is in the log)' : 'not logged in';
        return `${loggedOut}${waiting}${error}`;
      }
    }
  }

  private onScan(qrcode: string, status: ScanStatus): void {
    if (qrcode && (status === ScanStatus.Waiting || status === ScanStatus.Timeout)) {
      const url = qrcodeValueToImageUrl(qrcode);
      this.current = {
        ...this.current,
        state: this.current.state === 'starting' || this.current.state === 'logged-in' ? 'waiting-for-login' : this.current.state,
        qrcodeUrl: url,
      };
      this.logger.info({ qrcodeUrl: url }, 'wechaty: scan the QR code with the WeChat account the bot runs on');
      this.print(`\nwechaty login: open this link and scan the QR code with the WeChat account the bot runs on:\n${url}\n\n`);
      return;
    }
    this.logger.info({ status: ScanStatus[status] ?? status }, 'wechaty login QR code status');
  }

  /** Starts the bot; returns once started, or after startTimeoutMs with the start going on in the background. Never throws. */
  async start(): Promise<void> {
    if (this.current.state !== 'stopped') return;
    this.stopping = false;
    this.current = { ...this.current, state: 'starting' };
    const started = this.bot.start().then(
      () => {
        if (this.current.state === 'starting')
          this.current = { ...this.current, state: this.bot.isLoggedIn ? 'logged-in' : 'waiting-for-login' };
        this.logger.info({ puppet: this.options.puppet }, 'wechaty started');
      },
      (err: unknown) => {
        this.current = { ...this.current, state: 'failed', lastError: reason(err) };
        this.logger.error(
          { err, puppet: this.options.puppet },
          'wechaty failed to start: the wechaty channel is off until the process restarts',
        );
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.options.startTimeoutMs ?? 60_000);
      timer.unref();
    });
    const outcome = await Promise.race([started, late]);
    clearTimeout(timer);
    if (outcome === 'late') this.logger.warn({ puppet: this.options.puppet }, 'wechaty is still starting; serving HTTP meanwhile');
  }

  /** Resolves once every message taken in so far has been handled: answered, ignored or failed. */
  async settled(): Promise<void> {
    while (this.chains.size) await Promise.allSettled([...this.chains.values()]);
  }

  /** Stops taking messages, lets the ones being answered finish, then stops the bot. */
  async stop(): Promise<void> {
    if (this.current.state === 'stopped') return;
    this.stopping = true;
    await this.settled();
    try {
      await this.bot.stop();
    } catch (err) {
      this.logger.warn({ err }, 'wechaty did not stop cleanly');
    }
    this.current = { ...this.current, state: 'stopped', user: null, qrcodeUrl: null };
    this.logger.info('wechaty stopped');
  }

  /** The outbound port: operator replies and status notices, always to the contact, never to a room. */
  readonly sender: OutboundSender = {
    send: async (citizenId: string, text: string): Promise<SendResult> => {
      if (ROOM_ID.test(citizenId)) return { status: 'undeliverable', reason: 'the wechaty channel sends to contacts only, never to rooms' };
      if (this.current.state === 'stopped' || !this.bot.isLoggedIn) return { status: 'retryable', reason: 'wechaty is not logged in' };
      try {
        const contact = await this.bot.Contact.find({ id: citizenId });
        if (!contact) return { status: 'retryable', reason: 'wechaty contact not found' };
        await contact.say(text);
        return { status: 'sent' };
      } catch (err) {
        return { status: 'retryable', reason: reason(err) };
      }
    },
  };

  private onMessage(message: Message): void {
    if (this.stopping) return;
    let key: string;
    try {
      key = message.talker().id;
    } catch (err) {
      this.logger.warn({ err, messageId: message.id }, 'wechaty message without a talker ignored');
      return;
    }
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.process(message))
      .catch((err: unknown) => this.logger.error({ err, messageId: message.id }, 'wechaty message failed'))
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      });
    this.chains.set(key, next);
  }

  private async process(message: Message): Promise<void> {
    const normalized = await normalizeWechatyMessage(message, this.options.now);
    if (normalized.action === 'ignore') {
      this.logger.debug({ messageId: message.id, reason: normalized.reason }, 'wechaty message ignored');
      return;
    }
    const talker = message.talker();
    const room = message.room() ?? null;
    if (normalized.action === 'unsupported') {
      await this.quietly(() => talker.say(UNSUPPORTED_MESSAGE_REPLY));
      return;
    }
    const inbound = normalized.message;
    if (unstorableFields(inbound).length) {
      await this.quietly(() => talker.say(TOO_LONG_REPLY));
      return;
    }
    let result: InboundResult | { refused: Refusal };
    try {
      result = await this.options.inbound.handleInbound(inbound);
    } catch (err) {
      this.logger.error({ err, messageId: message.id }, 'wechaty message could not be processed');
      if (room) await this.quietly(() => room.say(FAILURE_REPLY, talker));
      else await this.quietly(() => talker.say(FAILURE_REPLY));
      return;
    }
    if ('refused' in result) {
      const { reply } = result.refused;
      // In a room a flood is not worth a reply at all.
      if (!room && reply) await this.quietly(() => talker.say(reply));
      return;
    }
    // A message seen before (a puppet re-delivering after a reconnect) was answered then.
    if (result.duplicate || result.replies.length === 0) return;
    if (!room) return this.sendDirect(talker, result);
    if (mayAnswerInRoom(result.decision)) return this.sendToRoom(room, talker, result);
    return this.sendPrivately(room, talker, result);
  }

  /** Each reply said to the contact; one that fails goes to the outbox to be retried. */
  private async sendDirect(talker: Contact, result: InboundResult): Promise<void> {
    for (const [i, text] of result.replies.entries()) {
      try {
        await talker.say(text);
      } catch (err) {
        this.logger.warn({ err, inboundId: result.inboundId }, 'wechaty reply failed, queued for retry');
        await this.options.inbound.queueReply({
          citizenId: talker.id,
          conversationId: result.conversationId,
          dedupeKey: `reply:${result.inboundId}:${i}`,
          text,
        });
      }
    }
  }

  /** Public replies in the room with an @mention; one that fails is retried by direct message. */
  private async sendToRoom(room: Room, talker: Contact, result: InboundResult): Promise<void> {
    for (const [i, text] of result.replies.entries()) {
      try {
        await room.say(text, talker);
      } catch (err) {
        this.logger.warn({ err, inboundId: result.inboundId }, 'wechaty room reply failed, queued as a direct message');
        await this.options.inbound.queueReply({
          citizenId: talker.id,
          conversationId: result.conversationId,
          dedupeKey: `reply:${result.inboundId}:${i}`,
          text,
        });
      }
    }
  }

  /** Case replies go by direct message; the room only learns that they did. */
  private async sendPrivately(room: Room, talker: Contact, result: InboundResult): Promise<void> {
    if (talker.friend() === false) {
      this.logger.info({ inboundId: result.inboundId }, 'wechaty: private reply withheld, the room member is not a contact of the bot');
      await this.quietly(() => room.say(ADD_CONTACT_FIRST, talker));
      return;
    }
    await this.sendDirect(talker, result);
    await this.quietly(() => room.say(SENT_PRIVATELY, talker));
  }

  /** For the adapter's own short notes: a failure is logged, not retried. */
  private async quietly(say: () => Promise<unknown>): Promise<void> {
    try {
      await say();
    } catch (err) {
      this.logger.warn({ err }, 'wechaty message could not be sent');
    }
  }
}
