import Koa from 'koa';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { webchatRoutes } from './channels/webchat/routes';
import { createConversationService, type ConversationService, type EffectHandler } from './conversation/service';
import { openDatabase, type Database } from './db/database';
import { createDialogueEngine } from './dialogue/engine';
import { errorMiddleware } from './http/errors';
import { databaseChecks, healthRoutes } from './http/health';
import { createMetrics, observabilityMiddleware } from './http/observability';
import { seedKnowledgeIfEmpty, type ImportSummary } from './knowledge/importExport';
import { LiveKnowledge } from './knowledge/liveKnowledge';
import { unansweredQuestions } from './knowledge/repository';
import { createLogger } from './logger';
import { DEFAULT_MATCH_THRESHOLDS, type MatchThresholds } from './nlp/decide';
import { loadLexicon } from './nlp/lexicon';
import { normalize } from './nlp/normalize';
import { detectSection } from './nlp/sections';

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

  const engine = createDialogueEngine(
    {
      match: (text, at) => knowledge.match(text, at),
      entry: (key) => knowledge.entry(key),
      sectionOf: (text, kind) => detectSection(normalize(text), lexicon, kind),
    },
    { idleMinutes: config.conversationIdleMinutes },
  );
  const applyEffect: EffectHandler = async (tx, effect, context) => {
    switch (effect.type) {
      case 'record-unanswered':
        return unansweredQuestions.record(tx, { text: effect.text, terms: effect.terms, channel: context.channel, conversationId: context.conversationId, askedAt: context.now });
    }
  };
  const conversations = createConversationService({ db, engine, applyEffect, now, logger });

  const koa = new Koa({ proxy: true });
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
  for (const router of [healthRoutes({ checks, metrics }), webchatRoutes({ db, conversations, now, bodyLimitBytes })]) {
    koa.use(router.routes()).use(router.allowedMethods());
  }

  return {
    config,
    db,
    logger,
    koa,
    knowledge,
    conversations,
    understand(text, at) {
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
      return { applied, seeded };
    },
    async close() {
      knowledge.stop();
      await db.close();
    },
  };
}
