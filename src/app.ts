import Koa from 'koa';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { webchatRoutes } from './channels/webchat/routes';
import { createConversationService } from './conversation/service';
import { openDatabase, type Database } from './db/database';
import { placeholderEngine } from './dialogue/placeholderEngine';
import { errorMiddleware } from './http/errors';
import { databaseChecks, healthRoutes } from './http/health';
import { createMetrics, observabilityMiddleware } from './http/observability';
import { createLogger } from './logger';

export interface AppDeps {
  logger?: Logger;
  /** The clock, injectable so tests can move time (idle expiry, deadlines). */
  now?: () => Date;
}

export interface App {
  config: Config;
  db: Database;
  logger: Logger;
  koa: Koa;
  callback(): ReturnType<Koa['callback']>;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

/** The composition root: everything the server needs is built here, nothing is global. */
export async function createApp(config: Config, deps: AppDeps = {}): Promise<App> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const now = deps.now ?? (() => new Date());
  const db = await openDatabase(config.db);
  const metrics = createMetrics();
  const conversations = createConversationService({ db, engine: placeholderEngine, applyEffect: async () => undefined, now, logger });

  const koa = new Koa({ proxy: true });
  const bodyLimitBytes = config.http.bodyLimitKb * 1024;
  koa.use(errorMiddleware(logger));
  koa.use(observabilityMiddleware(logger, metrics));
  for (const router of [healthRoutes({ checks: databaseChecks(db), metrics }), webchatRoutes({ db, conversations, now, bodyLimitBytes })]) {
    koa.use(router.routes()).use(router.allowedMethods());
  }

  return {
    config,
    db,
    logger,
    koa,
    callback: () => koa.callback(),
    migrate: () => db.migrate(),
    close: () => db.close(),
  };
}
