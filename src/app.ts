import { citizenDataRoutes } from './staff/audit/citizenData';
import { useKeyring } from '../entities/encryption';
import { loadRetention, purgeExpired } from './staff/audit/retention';
import Koa from 'koa';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { WeChatChannelConfig } from './channels/wechat/channelConfig';
import type { OutboundSender } from './conversation/outbox/outbound';
import { WeChatApiClient } from './channels/wechat/apiClient';
import { miniprogramLoginRoutes } from './channels/wechat/miniprogramLogin';
import { webhookNonces } from './channels/wechat/nonces';
import { wechatRoutes } from './channels/wechat/routes';
import { DatabaseAccessTokenStore } from './channels/wechat/tokenStore';
import { webchatRoutes } from './channels/webchat/routes';
import { citizenAuthenticators } from './channels/webchat/tokens';
import { createWechatyChannel, type WechatyChannel } from './channels/wechaty';
import { createInboundGate } from './conversation/inboundGate';
import { createUnderstanding, understandQuestion, type Understood } from './conversation/understanding';
import { InboundJournal } from './conversation/inboundJournal';
import { passiveReplyClaim, replyQueue } from './conversation/deliver';
import { createEffectHandler } from './conversation/effects';
import { createConversationService, type ConversationService } from './conversation/service';
import { openDatabase, type Database } from './platform/db/database';
import { createDialogueEngine } from './dialogue/engine';
import { loadAgencies } from './cases/disclosure/agencies';
import { disclosureChatEffects } from './cases/disclosure/chat';
import { createDisclosureIntakeForm } from './cases/disclosure/intakeForm';
import { citizenRequestRoutes, disclosureStaffRoutes } from './cases/disclosure/routes';
import { createDisclosureService, type DisclosureService } from './cases/disclosure/service';
import { createCorrectionSweeper } from './cases/disclosure/sweeper';
import { inSlices, type Slices } from './platform/jobs/inSlices';
import { periodicJob } from './platform/jobs/periodicJob';
import { createThreadHub, type ThreadHub } from './handoff/hub';
import { handoffRoutes } from './handoff/routes';
import { createHandoffService, createIdleSweeper, type HandoffService } from './handoff/service';
import { createTicketIntakeForm, TICKET_FORM } from './cases/hotline/intakeForm';
import { citizenTicketRoutes, hotlineStaffRoutes, threadTicketRoutes } from './cases/hotline/routes';
import { HOTLINE_VOCABULARY_FILE, loadHotlineVocabulary } from './cases/hotline/classify';
import { createHotlineScope } from './cases/hotline/scope';
import { createHotlineService, type HotlineService } from './cases/hotline/service';
import { describeServiceHours, isWithinServiceHours } from './handoff/serviceHours';
import { loadHotlineData } from './cases/hotline/settings';
import { loadHolidayCalendar } from './platform/data/holidayCalendar';
import { loadFormVocabulary } from './dialogue/vocabulary';
import { loadIntents } from './understanding/intents/load';
import { gateSteps, recognizeIntent } from './understanding/intents/recognize';
import { errorMiddleware, HttpError, unansweredMiddleware } from './platform/http/errors';
import { apiRouter, type ApiRoute } from './platform/http/openapi';
import { toShanghaiDate } from './platform/calendar/dates';
import { databaseChecks, healthRoutes } from './platform/http/health';
import { createMetrics, exposeCounts, observabilityMiddleware, pathForLog } from './platform/http/observability';
import {
  createDatabaseRateLimiter,
  createFloodGuard,
  purgeExpiredRateCounters,
  sharedRateLimiter,
  type FloodGuard,
} from './platform/http/rateLimit';
import { clientAddressMiddleware } from './platform/http/clientAddress';
import { cors, securityHeaders } from './platform/http/security';
import { seedKnowledgeIfEmpty, type ImportSummary } from './knowledge/importExport';
import { LiveKnowledge } from './knowledge/liveKnowledge';
import { reviewRoutes } from './knowledge/review/routes';
import { loadDepartments } from './knowledge/departments';
import { publicRoutes } from './api/public/routes';
import { createLogger } from './platform/logger';
import { truncateToBytes, WECHAT_TEXT_MAX_BYTES } from './platform/bytes';
import { DEFAULT_MATCH_THRESHOLDS, type MatchThresholds } from './understanding/nlp/decide';
import { matchingCode } from './understanding/nlp/indexCache';
import { loadLexicon } from './understanding/nlp/lexicon';
import { prepareSegmenter } from './understanding/nlp/segment';
import { loadCity } from './understanding/places/city';
import { Places } from './understanding/places/places';
import { createStaffApi, type StaffApi } from './api/staffApi';
import { consoleRoutes } from './api/console/routes';
import { dashboardRoutes } from './api/console/dashboardApi';
import { createOutboxWorker, type OutboxWorker } from './conversation/outbox/worker';

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
  knowledge: LiveKnowledge;
  conversations: ConversationService;
  outboxWorker: OutboxWorker;
  /** The authenticated staff API: its declared routes and the OpenAPI document of all of /api/v1. */
  staffApi: StaffApi;
  /** The declared citizen routes (chat token or none): public knowledge base, web chat, own requests and tickets. */
  citizenRoutes: ApiRoute[];
  /** Disclosure requests (依申请公开): filing, officers' actions, deadlines, citizen views. */
  disclosure: DisclosureService;
  /** Per-citizen flood limit for the chat channels: check before handling an inbound message. */
  floodGuard: FloodGuard;
  /** The personal / enterprise WeChat account bot (wechaty), when WENZHENG_WECHATY_PUPPET is set. */
  wechaty: WechatyChannel | null;
  /** 12345 hotline tickets: intake, dispatch, deadlines, citizen status and ratings. */
  hotline: HotlineService;
  /** Operator takeover of chat threads (人工客服). */
  handoff: HandoffService;
  /** Live thread events for operators; the conversation service may publish stored messages to it. */
  threadHub: ThreadHub;
  /** What the bot makes of a question, as `wenzheng ask` and the try-a-question API report it. */
  understand(text: string, now: Date): Understood;
  /** What the bot would reply to the text as the first message of a conversation (no effects run). */
  replyTo(text: string, now: Date): string[];
  callback(): ReturnType<Koa['callback']>;
  migrate(): Promise<string[]>;
  /** Whether start() has finished: from then on /readyz answers 200 while the database answers. */
  readonly started: boolean;
  /**
   * Settles once the work start() leaves to the background (the intents' gates) is done or given up (close());
   * at once before start().
   */
  warmedUp(): Promise<void>;
  /** Migrates, seeds the knowledge base when it is empty, loads the index and keeps it fresh. */
  start(options?: { seed?: boolean }): Promise<{ applied: string[]; seeded: ImportSummary | null }>;
  close(): Promise<void>;
}

/** What answers while the server starts: liveness, readiness (503 until started) and metrics. */
const PROBES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

function thresholdsFrom(config: Config): MatchThresholds {
  const overrides = Object.fromEntries(Object.entries(config.matching).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_MATCH_THRESHOLDS, ...overrides };
}

/** The composition root: everything the server needs is built here, nothing is global. */
export async function createApp(config: Config, deps: AppDeps = {}): Promise<App> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const now = deps.now ?? (() => new Date());
  const lexicon = loadLexicon(`${config.seedsDir}/nlp`);
  prepareSegmenter(lexicon);
  const cityFile = `${config.configDir}/city.yaml`;
  const city = loadCity(cityFile);
  const places = new Places(city);
  const formVocabulary = loadFormVocabulary(`${config.seedsDir}/nlp`);
  // Data the city maintains, validated before anything opens: a mistake stops the start naming file and field.
  const calendar = loadHolidayCalendar(`${config.configDir}/holidays.yaml`);
  const disclosure = createDisclosureService({
    calendar,
    agencies: loadAgencies(`${config.configDir}/agencies.yaml`),
    now,
    correctionMinWorkingDays: config.disclosure.correctionMinWorkingDays,
  });
  const disclosureChat = disclosureChatEffects(disclosure);
  useKeyring(config.dataKeys);
  if (config.dataKeys.development)
    logger.warn('WENZHENG_DATA_KEY is not set: personal data are encrypted with the public development key, which protects nothing');
  const db = await openDatabase(config.db, { logger });
  const metrics = createMetrics();
  // Worked out once: the kept index, the kept intents check and the match threads are keyed on it.
  const code = matchingCode();
  const intents = loadIntents(config.intentsDir, { matchingCode: code });
  const intentOf = (text: string) => recognizeIntent(text, intents, lexicon);
  const knowledge = new LiveKnowledge({
    db,
    lexicon,
    thresholds: thresholdsFrom(config),
    logger,
    intentOf,
    matchCacheSize: config.matchCacheSize,
    places,
    matchThreads: { count: config.matchThreads, lexiconDir: `${config.seedsDir}/nlp`, intentsDir: config.intentsDir, cityFile },
    matchingCode: code,
  });
  exposeCounts(
    metrics,
    {
      name: 'wenzheng_match_cache_lookups_total',
      help: 'Texts looked up in the match cache, by result (hit: matched before for this knowledge revision and day)',
      label: 'result',
    },
    () => ({
      hit: knowledge.cache.hits,
      miss: knowledge.cache.misses,
    }),
  );
  // The hotline and operator takeover: config/hotline-sla.yaml, config/hotline-routing.yaml, WENZHENG_SERVICE_HOURS.
  const hotlineData = loadHotlineData(config.configDir, config.hotline.extraCategories, (area) => places.otherPlaceNamed(area));
  // What the hotline does not take (emergencies, 12388, 信访) and where it goes: seeds/nlp/hotline.yaml, config/city.yaml.
  const hotlineScope = createHotlineScope({
    vocabulary: loadHotlineVocabulary(`${config.seedsDir}/nlp/${HOTLINE_VOCABULARY_FILE}`),
    channels: city,
    cityFile,
    intents,
    lexicon,
  });
  const hotline = createHotlineService({
    ...hotlineData,
    scope: hotlineScope,
    calendar,
    timeZone: config.hotline.timeZone,
    ratingWindowDays: config.hotline.ratingDays,
  });
  const threadHub = createThreadHub({ db, now, logger, pollMs: config.hotline.streamPollMs });
  const handoffConfig = {
    serviceHours: config.hotline.serviceHours,
    calendar,
    timeZone: config.hotline.timeZone,
    idleMinutes: config.hotline.handoffIdleMinutes,
    waitTargetSeconds: config.hotline.handoffWaitTargetSeconds,
    historyHours: config.hotline.handoffHistoryHours,
  };
  const handoff = createHandoffService({ db, hub: threadHub, config: handoffConfig, now, logger, wake: () => outboxWorker.wake() });
  const idleSweeper = createIdleSweeper(handoff, logger, 60_000);

  const understanding = createUnderstanding({
    knowledge,
    lexicon,
    intents,
    intentOf,
    emergencyNumbers: city.emergencyNumbers,
    redirectOf: (text) => hotlineScope.redirect(text)?.message ?? null,
    withinServiceHours: (at) => isWithinServiceHours(at, config.hotline.serviceHours, calendar, config.hotline.timeZone),
    serviceHours: describeServiceHours(config.hotline.serviceHours),
  });
  const engine = createDialogueEngine(understanding, {
    idleMinutes: config.conversationIdleMinutes,
    vocabulary: formVocabulary,
    forms: {
      disclosure: createDisclosureIntakeForm(() => disclosure.agencies),
      [TICKET_FORM]: createTicketIntakeForm(hotlineScope, hotlineData.settings.categories),
    },
  });
  const applyEffect = createEffectHandler({ disclosureChat, hotline, handoff });
  const conversations = createConversationService({ db, engine, applyEffect, now, logger });

  // WeChat send API clients, one per configured app, sharing access tokens through the database.
  const tokenStore = new DatabaseAccessTokenStore(db, now);
  const apiClient = (channel: WeChatChannelConfig | null) =>
    channel?.appId && channel.appSecret
      ? new WeChatApiClient({ appId: channel.appId, appSecret: channel.appSecret, tokenStore, baseUrl: config.wechat.apiBase, now })
      : null;
  const officialClient = apiClient(config.wechat.official);
  const miniprogramClient = apiClient(config.wechat.miniprogram);
  const senders = new Map<string, OutboundSender>();
  if (officialClient)
    senders.set('wechat-official', {
      send: (citizen, text) => officialClient.sendText(citizen, truncateToBytes(text, WECHAT_TEXT_MAX_BYTES)),
    });
  if (miniprogramClient)
    senders.set('wechat-miniprogram', {
      send: (citizen, text) => miniprogramClient.sendText(citizen, truncateToBytes(text, WECHAT_TEXT_MAX_BYTES)),
    });
  const outboxWorker = createOutboxWorker({
    db,
    senders,
    logger,
    now,
    intervalMs: config.outbox.intervalMs,
    maxAttempts: config.outbox.maxAttempts,
  });
  exposeCounts(
    metrics,
    {
      name: 'wenzheng_outbox_blocked_total',
      help: 'Outbox sends WeChat refused because of the app itself (IP whitelist, AppSecret, token refused), retried within 48 hours',
      label: 'channel',
    },
    () => outboxWorker.blocked,
  );
  for (const [name, channel] of Object.entries({ official: config.wechat.official, miniprogram: config.wechat.miniprogram })) {
    if (!channel) logger.info(`WeChat ${name} channel not configured: /wechat/${name} answers 404`);
    else if (!channel.appSecret) logger.warn(`WeChat ${name} channel has no AppSecret: late replies and notifications cannot be sent`);
  }

  // X-Forwarded-For (and X-Forwarded-Proto for HSTS) count only from WENZHENG_TRUSTED_PROXIES.
  const koa = new Koa({ proxy: config.trustedProxies.length > 0 });
  // What fails outside the middleware chain (a client hanging up mid-request, a malformed request on the
  // socket) goes to the log with the request id, not to Koa's default printing on stderr.
  koa.on('error', (err: Error, ctx?: Koa.Context) =>
    logger.warn(
      { err, requestId: ctx?.state.requestId, path: ctx ? pathForLog(ctx.path) : undefined },
      'request failed outside the handlers',
    ),
  );
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
  koa.use(clientAddressMiddleware(config.trustedProxies));
  koa.use(errorMiddleware(logger));
  koa.use(observabilityMiddleware(logger, metrics));
  koa.use(securityHeaders());
  // `serve` listens before it migrates and seeds (a taken port fails first): until then only the probes answer.
  let started = false;
  koa.use(async (ctx, next) => {
    if (!started && !PROBES.has(ctx.path)) throw new HttpError(503, 'starting', 'the server is starting');
    await next();
  });
  koa.use(cors(config.corsOrigins));
  koa.use(unansweredMiddleware());
  const queueReplies = replyQueue({ db, now, wake: () => outboxWorker.wake() });
  const inboundGate = createInboundGate({
    handleInbound: (message, admission) =>
      admission ? conversations.handleAdmitted(message, admission) : conversations.handleInbound(message),
    queueReplies: (message, result) => queueReplies(message, result),
    databaseAnswers: () =>
      db.ping().then(
        () => true,
        () => false,
      ),
    journal: new InboundJournal(`${config.journalDir}/inbound-${config.http.port}.jsonl`, config.dataKeys),
    logger,
    // The back-off waits on the replay timer, in real time: not the injected clock of dates and deadlines.
    now: () => new Date(),
  });
  let replayTimer: NodeJS.Timeout | null = null;
  let warmUp: Slices | null = null;
  let warmUpSettled = Promise.resolve();
  const floodGuard = createFloodGuard({ perMinute: config.chatMaxPerMinute });
  const wechat = wechatRoutes({
    floodGuard,
    now,
    bodyLimitBytes,
    timestampWindowSeconds: config.wechat.timestampWindowSeconds,
    replyBudgetMs: config.wechat.replyBudgetMs,
    official: config.wechat.official,
    miniprogram: config.wechat.miniprogram,
    nonces: webhookNonces,
    inbound: {
      process: (message, budgetMs, admission) => inboundGate.process(message, budgetMs, admission),
      queueReplies,
      claimPassiveReply: passiveReplyClaim({ db, now }),
    },
  });
  // Personal / enterprise WeChat accounts through wechaty: started in start(), stopped first in close().
  const wechaty = config.wechaty
    ? createWechatyChannel({ config: config.wechaty, db, conversations, wakeOutbox: () => outboxWorker.wake(), logger, now, floodGuard })
    : null;
  if (wechaty) {
    senders.set('wechaty', wechaty.sender);
    checks.push(wechaty.readiness);
  }
  const citizenRoutes = [
    ...publicRoutes({
      db,
      knowledge,
      departments: loadDepartments(`${config.configDir}/departments.yaml`),
      limiter: sharedRateLimiter(db, 'public', { limit: config.publicMaxPerMinute, windowMs: 60_000, now }),
      now,
      forms: { agencies: () => disclosure.agencies.agencies, hotlineCategories: hotlineData.settings.categories },
    }),
    ...webchatRoutes({
      db,
      service: conversations,
      floodGuard,
      now,
      tokenDays: config.chat.tokenDays,
      // New conversations per client address, counted in the database on every instance (rare, so even on SQLite).
      newTokens: createDatabaseRateLimiter({ db, name: 'chat-token', limit: config.chat.newTokensPerHour, windowMs: 60 * 60_000, now }),
    }),
    ...miniprogramLoginRoutes({ db, client: miniprogramClient, now }),
    ...citizenRequestRoutes({ db, service: disclosure, now }),
    ...citizenTicketRoutes({ db, service: hotline, now }),
    ...citizenDataRoutes({ db, now }),
  ];
  const correctionSweeper = createCorrectionSweeper({ db, service: disclosure, now, logger, intervalMs: 60 * 60_000 });
  const supervisionSweeper = periodicJob({
    name: 'hotline-overdue-supervision',
    intervalMs: config.hotline.superviseIntervalMinutes * 60_000,
    logger,
    async run() {
      const supervised = await db.transaction((tx) => hotline.superviseOverdue(tx, now()));
      if (supervised.length) logger.info({ supervised }, 'overdue tickets supervised (督办)');
      return supervised;
    },
  });
  const expiryJob = periodicJob({
    name: 'expired-nonces-and-rate-windows',
    intervalMs: 60_000,
    logger,
    run: async () => (await webhookNonces.purgeExpired(db, now())) + (await purgeExpiredRateCounters(db, now())),
  });
  const retention = loadRetention(config.configDir, config.retentionDays);
  const retentionPurge = periodicJob({
    name: 'retention-purge',
    intervalMs: 24 * 3_600_000,
    logger,
    async run() {
      const purged = await purgeExpired(db, retention, now());
      if (Object.values(purged).some((n) => n > 0)) logger.info({ purged }, 'personal data past their retention period erased');
      return purged;
    },
  });
  const staffApi = createStaffApi({
    db,
    knowledge,
    now,
    understand: (text, at) => app.understand(text, at),
    replyTo: (text, at) => app.replyTo(text, at),
    bodyLimitBytes,
    kbSelfPublish: config.kbSelfPublish,
    login: {
      sessionMinutes: config.staff.sessionMinutes,
      maxFailures: config.staff.loginMaxFailures,
      lockoutMinutes: config.staff.loginLockoutMinutes,
      ipMaxFailures: config.staff.loginIpMaxFailures,
    },
    extraRoutes: [
      ...disclosureStaffRoutes({ db, service: disclosure, now }),
      ...hotlineStaffRoutes({
        db,
        service: hotline,
        now,
        serviceHours: config.hotline.serviceHours,
        historyHours: config.hotline.handoffHistoryHours,
        wake: () => outboxWorker.wake(),
      }),
      ...handoffRoutes({
        db,
        handoff,
        hub: threadHub,
        now,
        recheckMs: config.hotline.streamPollMs,
      }),
      ...threadTicketRoutes({ db, handoff, hotline, now, wake: () => outboxWorker.wake() }),
      ...dashboardRoutes({ db, knowledge, hotline, disclosure, now }),
      ...reviewRoutes({ db, knowledge, now, smallMargin: 2 * thresholdsFrom(config).minMargin }),
    ],
    citizenRoutes,
  });
  const routers = [
    // The webhook first: WeChat's pushes are most requests, and no other router's paths are under /wechat/,
    // so they pass no other router's matching on the way.
    wechat,
    healthRoutes({
      checks,
      metrics,
      starting: () => !started,
      warnings: () => [calendar.missingYearWarning(toShanghaiDate(now()))].filter((w): w is string => w !== null),
    }),
    apiRouter(citizenRoutes, { ...citizenAuthenticators(db, now, config.chat.tokenDays), bodyLimitBytes }),
    staffApi.router,
    // The staff console (static files under /console/), built on the staff API above.
    consoleRoutes(),
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
    citizenRoutes,
    disclosure,
    floodGuard,
    wechaty,
    hotline,
    handoff,
    threadHub,
    understand: (text, at) => understandQuestion(understanding, text, at),
    replyTo(text, at) {
      const message = { channel: 'webchat', citizenId: 'kb-try', externalId: 'kb-try', kind: 'text', text, receivedAt: at } as const;
      return engine.turn(engine.initialState(), message, { now: at, lastActivityAt: null }).replies.map((r) => r.text);
    },
    callback: () => koa.callback(),
    get started() {
      return started;
    },
    warmedUp: () => warmUpSettled,
    migrate: () => db.migrate(),
    async start(options = {}) {
      // Replicas start together: one migrates and seeds while the others wait, then find it done.
      const { applied, seeded } = await db.exclusively('wenzheng_start', async () => {
        const migrations = await db.migrate();
        return { applied: migrations, seeded: options.seed === false ? null : await seedKnowledgeIfEmpty(db, config.seedsDir, now()) };
      });
      await knowledge.refresh();
      await wechaty?.start();
      // Messages journaled before a crash or during an outage are processed first, then as the database allows.
      const replay = () => inboundGate.replay().catch((err: unknown) => logger.warn({ err }, 'journal replay postponed'));
      await replay();
      started = true;
      // What no request waits for starts once the server answers: on one core (a container's CPU quota) the
      // jobs' first runs and the match threads' own start (dictionaries, index) would otherwise delay readiness;
      // until a thread is ready, the event loop matches.
      knowledge.startThreads();
      // The intents' gates, a pattern list per turn of the event loop, so that no citizen's message works them out,
      // paused while a turn is in flight so that a first message does not meet a list at each of its awaits.
      warmUp = inSlices(gateSteps(intents), { pauseWhile: () => conversations.turnsInFlight() > 0 });
      warmUpSettled = warmUp.done.catch((err: unknown) => logger.warn({ err }, 'intents not prepared: messages prepare what they test'));
      knowledge.startPolling(config.knowledgeReloadIntervalMs);
      outboxWorker.start();
      correctionSweeper.start();
      if (config.hotline.superviseIntervalMinutes > 0) supervisionSweeper.start();
      idleSweeper.start();
      expiryJob.start();
      retentionPurge.start();
      replayTimer = setInterval(replay, config.outbox.intervalMs);
      replayTimer.unref();
      return { applied, seeded };
    },
    async close() {
      warmUp?.stop();
      await wechaty?.stop();
      await knowledge.close();
      if (replayTimer) clearInterval(replayTimer);
      await outboxWorker.stop();
      await correctionSweeper.stop();
      await supervisionSweeper.stop();
      await idleSweeper.stop();
      await expiryJob.stop();
      await retentionPurge.stop();
      threadHub.stop();
      await db.close();
    },
  };
  return app;
}
