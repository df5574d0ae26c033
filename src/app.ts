import Koa from 'koa';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { WeChatChannelConfig } from '../config';
import type { OutboundSender } from './channels/outbound';
import { WeChatApiClient } from './channels/wechat/apiClient';
import { miniprogramLoginRoutes } from './channels/wechat/miniprogramLogin';
import { wechatRoutes } from './channels/wechat/routes';
import { DatabaseAccessTokenStore } from './channels/wechat/tokenStore';
import { webchatRoutes } from './channels/webchat/routes';
import { createConversationService, type ConversationService, type EffectHandler } from './conversation/service';
import { openDatabase, type Database } from './db/database';
import { createDialogueEngine, type Understanding } from './dialogue/engine';
import { MENU } from './dialogue/texts';
import { loadIntents } from './intents/load';
import { recognizeIntent } from './intents/recognize';
import { renderReply } from './intents/reply';
import { errorMiddleware } from './http/errors';
import { databaseChecks, healthRoutes } from './http/health';
import { createMetrics, observabilityMiddleware } from './http/observability';
import { createFloodGuard, createRateLimiter, type FloodGuard } from './http/rateLimit';
import { cors, securityHeaders } from './http/security';
import { seedKnowledgeIfEmpty, type ImportSummary } from './knowledge/importExport';
import { LiveKnowledge } from './knowledge/liveKnowledge';
import { unansweredQuestions } from './knowledge/repository';
import { knowledgeUsage } from './knowledge/statistics';
import { loadDepartments } from './knowledge/departments';
import { publicRoutes } from './publicApi/routes';
import { createLogger } from './logger';
import { DEFAULT_MATCH_THRESHOLDS, type MatchThresholds } from './nlp/decide';
import { loadLexicon } from './nlp/lexicon';
import { normalize } from './nlp/normalize';
import { detectSection } from './nlp/sections';
import { createStaffApi, type StaffApi } from './staff/api';
import { outbox } from './outbox/repository';
import { createOutboxWorker, type OutboxWorker } from './outbox/worker';

export interface AppDeps {
  logger?: Logger;
  /** The clock, injectable so tests can move time (idle expiry, deadlines). */
  now?: () => Date;
}

export interface Understood {
  decision: 'answer' | 'clarify' | 'intent' | 'fallback';
  intent: string | null;
  entry: string | null;
  section: string | null;
  score: number;
  candidates: { entry: string; score: number }[];
}

export interface App {
  config: Config;
  db: Database;
  logger: Logger;
  koa: Koa;
  knowledge: LiveKnowledge;
  conversations: ConversationService;
  outboxWorker: OutboxWorker;
  /** The authenticated staff API (its declared routes and OpenAPI document). */
  staffApi: StaffApi;
  /** Per-citizen flood limit for the chat channels: check before handling an inbound message. */
  floodGuard: FloodGuard;
  /** What the bot makes of a question, as `wenzheng ask` and the try-a-question API report it. */
  understand(text: string, now: Date): Understood;
  callback(): ReturnType<Koa['callback']>;
  migrate(): Promise<string[]>;
  /** Migrates, seeds the knowledge base when it is empty, loads the index and keeps it fresh. */
  start(options?: { seed?: boolean }): Promise<{ applied: string[]; seeded: ImportSummary | null }>;
  close(): Promise<void>;
}

function thresholdsFrom(config: Config): MatchThresholds {
  const overrides = Object.fromEntries(Object.entries(config.matching).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_MATCH_THRESHOLDS, ...overrides };
}

/** The composition root: everything the server needs is built here, nothing is global. */
export async function createApp(config: Config, deps: AppDeps = {}): Promise<App> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const now = deps.now ?? (() => new Date());
  const lexicon = loadLexicon(`${config.seedsDir}/nlp`);
  const db = await openDatabase(config.db);
  const metrics = createMetrics();
  const knowledge = new LiveKnowledge({ db, lexicon, thresholds: thresholdsFrom(config), logger });

  const intents = loadIntents(config.intentsDir);
  const understanding: Understanding = {
    match: (text, at) => knowledge.match(text, at),
    entry: (key) => knowledge.entry(key),
    sectionOf: (text, kind) => detectSection(normalize(text), lexicon, kind),
    intentOf: (text) => recognizeIntent(text, intents),
    intentReply: (match) => renderReply(intents, match, { menu: MENU }),
    withinServiceHours: () => true,
  };
  const engine = createDialogueEngine(understanding, { idleMinutes: config.conversationIdleMinutes, forms: {} });
  const applyEffect: EffectHandler = async (tx, effect, context) => {
    switch (effect.type) {
      case 'record-unanswered':
        return unansweredQuestions.record(tx, { text: effect.text, terms: effect.terms, channel: context.channel, conversationId: context.conversationId, askedAt: context.now });
      case 'record-answer':
        return knowledgeUsage.recordAnswer(tx, effect.entry, context.channel, context.now);
      case 'store-feedback':
        return knowledgeUsage.storeFeedback(tx, { entryKey: effect.entry, helpful: effect.helpful, conversationId: context.conversationId, at: context.now });
      default:
        throw new Error(`no handler for effect ${effect.type}`);
    }
  };
  const conversations = createConversationService({ db, engine, applyEffect, now, logger });

  // WeChat send API clients, one per configured app, sharing access tokens through the database.
  const tokenStore = new DatabaseAccessTokenStore(db, now);
  const apiClient = (channel: WeChatChannelConfig | null) =>
    channel?.appId && channel.appSecret ? new WeChatApiClient({ appId: channel.appId, appSecret: channel.appSecret, tokenStore, baseUrl: config.wechat.apiBase, now }) : null;
  const officialClient = apiClient(config.wechat.official);
  const miniprogramClient = apiClient(config.wechat.miniprogram);
  const senders = new Map<string, OutboundSender>();
  if (officialClient) senders.set('wechat-official', { send: (citizen, text) => officialClient.sendText(citizen, text) });
  if (miniprogramClient) senders.set('wechat-miniprogram', { send: (citizen, text) => miniprogramClient.sendText(citizen, text) });
  const outboxWorker = createOutboxWorker({ db, senders, logger, now, intervalMs: config.outbox.intervalMs, maxAttempts: config.outbox.maxAttempts });
  for (const [name, channel] of Object.entries({ official: config.wechat.official, miniprogram: config.wechat.miniprogram })) {
    if (!channel) logger.info(`WeChat ${name} channel not configured: /wechat/${name} answers 404`);
    else if (!channel.appSecret) logger.warn(`WeChat ${name} channel has no AppSecret: late replies and notifications cannot be sent`);
  }

  // Behind one reverse proxy: the client address is the last X-Forwarded-For entry, which clients cannot forge.
  const koa = new Koa({ proxy: true, maxIpsCount: 1 });
  const bodyLimitBytes = config.http.bodyLimitKb * 1024;
  const checks = [
    ...databaseChecks(db),
    {
      name: 'knowledge',
      async check() {
        if (!knowledge.loaded) throw new Error('knowledge index not loaded');
      },
    },
  ];
  koa.use(errorMiddleware(logger));
  koa.use(observabilityMiddleware(logger, metrics));
  koa.use(securityHeaders());
  koa.use(cors(config.corsOrigins));
  const wechat = wechatRoutes({
    logger,
    now,
    bodyLimitBytes,
    timestampWindowSeconds: config.wechat.timestampWindowSeconds,
    replyBudgetMs: config.wechat.replyBudgetMs,
    official: config.wechat.official,
    miniprogram: config.wechat.miniprogram,
    inbound: {
      handleInbound: (message) => conversations.handleInbound(message),
      async queueReplies(message, result, from = 0) {
        await db.transaction(async (tx) => {
          for (const [i, text] of result.replies.entries()) {
            if (i < from) continue;
            await outbox.enqueue(tx, { dedupeKey: `reply:${result.inboundId}:${i}`, channel: message.channel, citizenId: message.citizenId, conversationId: result.conversationId, text }, now());
          }
        });
        outboxWorker.wake();
      },
      repliesQueued: (result) => db.transaction((tx) => outbox.hasKeyWithPrefix(tx, `reply:${result.inboundId}:`)),
    },
  });
  const floodGuard = createFloodGuard({ perMinute: config.chatMaxPerMinute, now });
  const staffApi = createStaffApi({
    db,
    knowledge,
    now,
    understand: (text, at) => app.understand(text, at),
    bodyLimitBytes,
    login: { sessionMinutes: config.staff.sessionMinutes, maxFailures: config.staff.loginMaxFailures, lockoutMinutes: config.staff.loginLockoutMinutes, ipMaxFailures: config.staff.loginIpMaxFailures },
  });
  const routers = [
    healthRoutes({ checks, metrics }),
    publicRoutes({ db, knowledge, departments: loadDepartments(`${config.configDir}/departments.yaml`), limiter: createRateLimiter({ limit: config.publicMaxPerMinute, windowMs: 60_000, now }), now }),
    webchatRoutes({ db, service: conversations, now, bodyLimitBytes }),
    wechat,
    miniprogramLoginRoutes({ db, client: miniprogramClient, now, bodyLimitBytes }),
    staffApi.router,
  ];
  for (const router of routers) {
    koa.use(router.routes()).use(router.allowedMethods());
  }

  const app: App = {
    config,
    db,
    logger,
    koa,
    knowledge,
    conversations,
    outboxWorker,
    staffApi,
    floodGuard,
    understand(text, at) {
      const intent = understanding.intentOf(text);
      if (intent) return { decision: 'intent', intent: intent.intent, entry: null, section: null, score: intent.confidence, candidates: [] };
      const { decision, entry, section, score, candidates } = knowledge.match(text, at);
      return { decision, intent: null, entry, section, score, candidates };
    },
    callback: () => koa.callback(),
    migrate: () => db.migrate(),
    async start(options = {}) {
      const applied = await db.migrate();
      const seeded = options.seed === false ? null : await seedKnowledgeIfEmpty(db, config.seedsDir, now());
      await knowledge.refresh();
      knowledge.startPolling(config.knowledgeReloadIntervalMs);
      outboxWorker.start();
      return { applied, seeded };
    },
    async close() {
      knowledge.stop();
      await outboxWorker.stop();
      await db.close();
    },
  };
  return app;
}
