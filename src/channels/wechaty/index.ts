import type { Logger } from 'pino';
import type { ConversationService } from '../../conversation/service';
import type { Database } from '../../platform/db/database';
import type { FloodGuard } from '../../platform/http/rateLimit';
import { outbox } from '../../conversation/outbox/repository';
import type { WechatyChannel, WechatyInboundPort } from './channel';

export type { WechatyChannel, WechatyState, WechatyStatus } from './channel';
export { mayAnswerInRoom } from './privacy';
export { puppetNameProblem } from './puppetName';

export interface WechatyConfigLike {
  puppet: string;
  token: string | null;
  name: string | null;
}

/** Builds the wechaty channel over the app's conversation service, database and outbox. */
export function createWechatyChannel(deps: {
  config: WechatyConfigLike;
  db: Database;
  conversations: ConversationService;
  /** Sends queued messages soon (the outbox worker's wake). */
  wakeOutbox: () => void;
  logger: Logger;
  now: () => Date;
  floodGuard?: FloodGuard;
  print?: (text: string) => void;
}): WechatyChannel {
  const { db, now, floodGuard } = deps;
  const inbound: WechatyInboundPort = {
    handleInbound: (message) =>
      floodGuard
        ? deps.conversations.handleAdmitted(message, async (_tx, citizen) => floodGuard(citizen))
        : deps.conversations.handleInbound(message),
    async queueReply(reply) {
      await db.transaction((tx) => outbox.enqueue(tx, { ...reply, channel: 'wechaty' }, now()));
      deps.wakeOutbox();
    },
  };
  // Loaded only when the channel is configured: requiring wechaty takes seconds.
  const { WechatyChannel: Channel } = require('./channel') as typeof import('./channel');
  return new Channel({
    ...deps.config,
    logger: deps.logger.child({ channel: 'wechaty' }),
    now,
    inbound,
    print: deps.print,
  });
}
