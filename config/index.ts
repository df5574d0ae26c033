import { createKeyring, parseDataKey, type DataKeyring } from '../entities/encryption';
import { RETENTION_KINDS, retentionDays, type RetentionKind, type RetentionPolicy } from '../src/staff/audit/retentionPolicy';
import { z } from 'zod';
import { WECHAT_MODES, type WeChatChannelConfig, type WeChatMode } from '../src/channels/wechat/channelConfig';
import { decodeEncodingAesKey } from '../src/channels/wechat/crypto';
import type { DatabaseConfig } from '../src/platform/db/database';
import { formatIssuePath } from '../src/platform/data/loadDataFile';
import { isAddressOrBlock } from '../src/platform/http/clientAddress';
import { isOrigin } from '../src/platform/http/security';
import { puppetNameProblem } from '../src/channels/wechaty/puppetName';
import {
  DEFAULT_SERVICE_HOURS,
  DEFAULT_TIME_ZONE,
  isValidTimeZone,
  parseServiceHours,
  type ServiceHours,
} from '../src/handoff/serviceHours';

/** A configuration value is wrong; the CLI prints `problems` and exits with code 2. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * `sqlite:<file>` (`sqlite::memory:` for a throw-away database) or `mysql://user:pass@host:port/db`, with
 * `?socket=/run/mysqld/mysqld.sock` for a server on the same machine (a Unix socket costs less per
 * statement than TCP over loopback; host and port are then not used).
 */
export function parseDatabaseUrl(value: string): DatabaseConfig {
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length);
    if (!file) throw new Error('sqlite: needs a file name, e.g. sqlite:data/wenzheng.db');
    return { type: 'sqlite', file };
  }
  if (/^(mysql|mariadb):\/\//.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error('is not a valid URL, expected mysql://user:pass@host:port/db');
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!url.hostname) throw new Error('needs a host, e.g. mysql://user:pass@127.0.0.1:3306/wenzheng');
    if (!database) throw new Error('needs a database name after the host, e.g. mysql://user:pass@127.0.0.1:3306/wenzheng');
    const unknown = [...url.searchParams.keys()].filter((name) => name !== 'socket');
    if (unknown.length) throw new Error(`knows only the parameter socket (a Unix socket path), not ${unknown.join(', ')}`);
    const socketPath = url.searchParams.get('socket');
    if (socketPath !== null && !socketPath.startsWith('/'))
      throw new Error('socket must be an absolute path, e.g. ?socket=/run/mysqld/mysqld.sock');
    return {
      type: 'mysql',
      host: url.hostname,
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database,
      socketPath,
    };
  }
  throw new Error('must start with sqlite: or mysql:// (e.g. sqlite:data/wenzheng.db or mysql://user:pass@127.0.0.1:3306/wenzheng)');
}

/** WeChat's server token: 3-32 letters or digits, as the platform's settings page requires. */
/** A comma-separated list whose every item must pass `valid` (empty items dropped). */
const commaList = (valid: (item: string) => boolean, message: string) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .refine((items) => items.every(valid), message)
    .default([]);

const wechatToken = z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3-32 letters or digits, as set on the WeChat platform');
const aesKey = z.string().refine((key) => {
  try {
    decodeEncodingAesKey(key);
    return true;
  } catch {
    return false;
  }
}, 'must be the 43-character EncodingAESKey from the WeChat platform');

function wechatChannelEnv<P extends 'WECHAT' | 'MINIPROGRAM'>(prefix: P) {
  return {
    [`WENZHENG_${prefix}_TOKEN`]: wechatToken.optional(),
    [`WENZHENG_${prefix}_APPID`]: z
      .string()
      .regex(/^wx[0-9a-f]{16}$/i, 'must be an AppID like wx1234567890abcdef')
      .optional(),
    [`WENZHENG_${prefix}_APPSECRET`]: z
      .string()
      .regex(/^[0-9a-zA-Z]{16,64}$/, 'must be the AppSecret from the WeChat platform')
      .optional(),
    [`WENZHENG_${prefix}_AES_KEY`]: aesKey.optional(),
    [`WENZHENG_${prefix}_MODE`]: z.enum(WECHAT_MODES, { message: `must be one of ${WECHAT_MODES.join(', ')}` }).optional(),
  } as Record<
    `WENZHENG_${P}_${'TOKEN' | 'APPID' | 'APPSECRET' | 'AES_KEY' | 'MODE'}`,
    z.ZodOptional<z.ZodString> | z.ZodOptional<typeof aesKey>
  >;
}

/** WENZHENG_RETENTION_CLOSED_TICKETS_DAYS for closedTickets. */
const retentionVariable = (kind: RetentionKind) => `WENZHENG_RETENTION_${kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_DAYS`;

/** A retention period per kind, over config/retention.yaml; never below a statutory minimum. */
const retentionEnv = Object.fromEntries(
  RETENTION_KINDS.map((kind) => [
    retentionVariable(kind),
    z.string().trim().regex(/^\d+$/, 'must be a whole number of days').transform(Number).pipe(retentionDays(kind)).optional(),
  ]),
) as Record<string, z.ZodOptional<z.ZodType<number, string>>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const ratio = z
  .string()
  .trim()
  .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'must be a number between 0 and 1')
  .transform(Number);

/** Every environment variable wenzheng reads, with its default. The README's table mirrors it. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  WENZHENG_DB: z.string().default('sqlite:data/wenzheng.db'),
  WENZHENG_HOST: z.string().min(1).default('0.0.0.0'),
  WENZHENG_PORT: integer(0, 65535).default(3000),
  WENZHENG_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  WENZHENG_SEEDS_DIR: z.string().min(1).default('seeds'),
  WENZHENG_INTENTS_DIR: z.string().min(1).default('intents'),
  WENZHENG_CONFIG_DIR: z.string().min(1).default('config'),
  WENZHENG_JOURNAL_DIR: z.string().min(1).default('data/journal'),
  WENZHENG_PUBLIC_MAX_PER_MINUTE: integer(1, 100000).default(120),
  WENZHENG_BODY_LIMIT_KB: integer(1, 10240).default(256),
  WENZHENG_SHUTDOWN_TIMEOUT_MS: integer(0, 600000).default(10000),
  WENZHENG_REQUEST_TIMEOUT_MS: integer(1000, 600000).default(30000),
  WENZHENG_HEADERS_TIMEOUT_MS: integer(1000, 600000).default(10000),
  WENZHENG_MAX_CONNECTIONS: integer(1, 1_000_000).default(10000),
  WENZHENG_MATCH_ANSWER_MIN: ratio.optional(),
  WENZHENG_MATCH_CLARIFY_MIN: ratio.optional(),
  WENZHENG_MATCH_MIN_MARGIN: ratio.optional(),
  WENZHENG_MATCH_CLARIFY_WINDOW: ratio.optional(),
  WENZHENG_KB_RELOAD_INTERVAL_MS: integer(100, 3600000).default(2000),
  WENZHENG_KB_SELF_PUBLISH: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  WENZHENG_MATCH_THREADS: integer(0, 16).default(0),
  WENZHENG_MATCH_CACHE: integer(0, 1_000_000).default(10_000),
  WENZHENG_CONVERSATION_IDLE_MINUTES: integer(1, 1440).default(30),
  ...wechatChannelEnv('WECHAT'),
  ...wechatChannelEnv('MINIPROGRAM'),
  WENZHENG_WECHAT_API_BASE: z.url({ message: 'must be a URL such as https://api.weixin.qq.com' }).default('https://api.weixin.qq.com'),
  WENZHENG_WECHAT_TIMESTAMP_WINDOW_S: integer(1, 86400).default(300),
  WENZHENG_WECHAT_REPLY_BUDGET_MS: integer(100, 4900).default(4000),
  WENZHENG_OUTBOX_INTERVAL_MS: integer(50, 600000).default(1000),
  WENZHENG_OUTBOX_MAX_ATTEMPTS: integer(1, 100).default(8),
  WENZHENG_STAFF_SESSION_MINUTES: integer(1, 10080).default(480),
  WENZHENG_LOGIN_MAX_FAILURES: integer(1, 100).default(5),
  WENZHENG_LOGIN_LOCKOUT_MINUTES: integer(1, 1440).default(15),
  WENZHENG_LOGIN_IP_MAX_FAILURES: integer(1, 10000).default(20),
  WENZHENG_CHAT_MAX_PER_MINUTE: integer(1, 1000).default(20),
  WENZHENG_CHAT_TOKEN_DAYS: integer(1, 3650).default(30),
  WENZHENG_CHAT_NEW_PER_HOUR: integer(1, 100000).default(120),
  WENZHENG_SERVICE_HOURS: z.string().default(DEFAULT_SERVICE_HOURS),
  WENZHENG_HOTLINE_HUMAN_24X7: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((v) => v === 'true')
    .default(false),
  WENZHENG_TIMEZONE: z
    .string()
    .trim()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default(DEFAULT_TIME_ZONE),
  WENZHENG_HANDOFF_IDLE_MINUTES: integer(1, 1440).default(20),
  WENZHENG_HANDOFF_STREAM_POLL_MS: integer(100, 60000).default(1000),
  WENZHENG_HANDOFF_WAIT_TARGET_SECONDS: integer(1, 3600).default(60),
  WENZHENG_HANDOFF_HISTORY_HOURS: integer(0, 8760).default(72),
  // Checked in loadConfig, where a wrong key is named without printing it.
  WENZHENG_DATA_KEY: z.string().optional(),
  WENZHENG_DATA_KEYS_OLD: z.string().optional(),
  ...retentionEnv,
  WENZHENG_HOTLINE_CATEGORIES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z][A-Za-z0-9]{0,39}:\S{1,20}$/, 'must be code:label pairs separated by commas, e.g. praise:表扬')))
    .default([]),
  WENZHENG_TICKET_RATING_DAYS: integer(1, 90).default(7),
  WENZHENG_CORRECTION_MIN_WORKING_DAYS: integer(1, 60).default(10),
  WENZHENG_SUPERVISE_INTERVAL_MINUTES: integer(0, 1440).default(15),
  WENZHENG_WECHATY_PUPPET: z.string().trim().optional(),
  WENZHENG_WECHATY_PUPPET_TOKEN: z.string().trim().optional(),
  WENZHENG_WECHATY_NAME: z.string().trim().optional(),
  WENZHENG_TRUSTED_PROXIES: commaList(
    isAddressOrBlock,
    'must be a comma-separated list of IP addresses or CIDR blocks, e.g. 10.0.0.1,172.16.0.0/12',
  ),
  WENZHENG_CORS_ORIGINS: commaList(
    isOrigin,
    'must be a comma-separated list of origins such as https://console.example.gov.cn (scheme, host and port only)',
  ),
});

export type Env = Record<string, string | undefined>;

export interface HotlineRuntimeConfig {
  /** When operators answer (WENZHENG_SERVICE_HOURS), on the holiday calendar's working days. */
  serviceHours: ServiceHours;
  /** The city's time zone for service hours, ticket numbers and reports. */
  timeZone: string;
  /** A thread held by an operator with no message either way for this long goes back to the bot. */
  handoffIdleMinutes: number;
  /** How often the operators' live stream reads the database for changes made elsewhere. */
  streamPollMs: number;
  /** A citizen should wait no longer than this for an operator (WENZHENG_HANDOFF_WAIT_TARGET_SECONDS). */
  handoffWaitTargetSeconds: number;
  /** How long an operator may still read a thread (and unmask its ticket) after letting it go. */
  handoffHistoryHours: number;
  /** Categories beyond the five national ones (added to those of config/hotline-sla.yaml). */
  extraCategories: { code: string; label: string }[];
  /** How long after closing a ticket the citizen's rating is taken. */
  ratingDays: number;
  /** How often overdue tickets are supervised (督办) by the server; 0: only by operators. */
  superviseIntervalMinutes: number;
}

/** The personal / enterprise WeChat account bot (wechaty); on when a puppet is set. */
export interface WechatyConfig {
  puppet: string;
  token: string | null;
  /** Keeps the login session in `<name>.memory-card.json`; null: scan again on every start. */
  name: string | null;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  /** WENZHENG_DATA_KEY (and WENZHENG_DATA_KEYS_OLD): encryption of personal data at rest. */
  dataKeys: DataKeyring;
  db: DatabaseConfig;
  /** Request/header timeouts cut stalled or trickled requests; past maxConnections new sockets are closed. */
  http: {
    host: string;
    port: number;
    bodyLimitKb: number;
    shutdownTimeoutMs: number;
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    maxConnections: number;
  };
  logLevel: (typeof LOG_LEVELS)[number];
  seedsDir: string;
  intentsDir: string;
  /** Retention periods set in the environment (WENZHENG_RETENTION_<KIND>_DAYS), over config/retention.yaml. */
  retentionDays: Partial<RetentionPolicy>;
  /** Data files the city maintains: departments, holiday calendar, SLAs, routing. */
  configDir: string;
  /** Where messages acknowledged before they were processed wait for replay (local disk of this instance). */
  journalDir: string;
  /** Requests per minute and client address on the public citizen API. */
  publicMaxPerMinute: number;
  matching: { answerMin?: number; clarifyMin?: number; minMargin?: number; clarifyWindow?: number };
  knowledgeReloadIntervalMs: number;
  /** An interpreter may publish a change to an entry they saved themselves (false: another interpreter reviews and publishes it). */
  kbSelfPublish: boolean;
  /** Worker threads that match citizens' questions beside the event loop; 0: it matches them itself. */
  matchThreads: number;
  /** How many recent texts' matches and intents are remembered; 0: every text is matched anew. */
  matchCacheSize: number;
  conversationIdleMinutes: number;
  /** A channel is on when its token is set; null means its routes answer 404. */
  wechat: {
    official: WeChatChannelConfig | null;
    miniprogram: WeChatChannelConfig | null;
    apiBase: string;
    timestampWindowSeconds: number;
    /** Past this, a passive reply gives way to "success" and the send API. */
    replyBudgetMs: number;
  };
  outbox: { intervalMs: number; maxAttempts: number };
  /** Staff sessions and the password login's lock-out (per account in the database; per client address in the database on MySQL, in memory on SQLite). */
  staff: { sessionMinutes: number; loginMaxFailures: number; loginLockoutMinutes: number; loginIpMaxFailures: number };
  /** Origins allowed to call the API from a browser; empty: CORS closed. */
  corsOrigins: string[];
  /** Reverse proxies (addresses, CIDR blocks) whose X-Forwarded-For is believed; empty: the socket address counts. */
  trustedProxies: string[];
  /** Messages a citizen may send per minute on a chat channel; more get a polite "slow down". */
  chatMaxPerMinute: number;
  /** Chat tokens: how long one lasts after it was issued, and how many new ones one client address gets per hour. */
  chat: { tokenDays: number; newTokensPerHour: number };
  /** null: the wechaty channel is off. */
  wechaty: WechatyConfig | null;
  /** The 12345 hotline and operator takeover. */
  hotline: HotlineRuntimeConfig;
  /** Disclosure on application: the shortest correction period a notice may set (Art. 30, working days). */
  disclosure: { correctionMinWorkingDays: number };
}

/** Reads and validates the environment once; every wrong variable is named with what is wrong. */
export function loadConfig(env: Env = process.env): Config {
  // An empty variable means "not set", as shells and compose files commonly leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      // The variable is named, its value never printed: it may be a password or an AppSecret.
      parsed.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  let db: DatabaseConfig;
  try {
    db = parseDatabaseUrl(e.WENZHENG_DB);
  } catch (err) {
    throw new ConfigError([`WENZHENG_DB: ${(err as Error).message}`]);
  }
  const problems: string[] = [];
  const channel = (prefix: 'WECHAT' | 'MINIPROGRAM'): WeChatChannelConfig | null => {
    const read = (name: string) => (e as unknown as Record<string, string | undefined>)[`WENZHENG_${prefix}_${name}`] ?? null;
    const token = read('TOKEN');
    const others = ['APPID', 'APPSECRET', 'AES_KEY', 'MODE'].filter((name) => read(name) !== null);
    if (!token) {
      if (others.length) problems.push(`WENZHENG_${prefix}_TOKEN: must be set when WENZHENG_${prefix}_${others[0]} is`);
      return null;
    }
    if ((read('AES_KEY') || read('APPSECRET')) && !read('APPID'))
      problems.push(`WENZHENG_${prefix}_APPID: must be set for safe mode and the send API`);
    // With a key the platform is in compatible or safe mode; safe unless told otherwise.
    const mode = (read('MODE') as WeChatMode | null) ?? (read('AES_KEY') ? 'safe' : 'plain');
    if (mode !== 'plain' && !read('AES_KEY')) problems.push(`WENZHENG_${prefix}_MODE: ${mode} mode needs WENZHENG_${prefix}_AES_KEY`);
    return { token, mode, appId: read('APPID'), appSecret: read('APPSECRET'), aesKey: read('AES_KEY') };
  };
  const wechat = { official: channel('WECHAT'), miniprogram: channel('MINIPROGRAM') };
  let wechaty: WechatyConfig | null = null;
  if (e.WENZHENG_WECHATY_PUPPET) {
    const problem = puppetNameProblem(e.WENZHENG_WECHATY_PUPPET, e.NODE_ENV);
    if (problem) problems.push(`WENZHENG_WECHATY_PUPPET: ${problem}`);
    wechaty = { puppet: e.WENZHENG_WECHATY_PUPPET, token: e.WENZHENG_WECHATY_PUPPET_TOKEN ?? null, name: e.WENZHENG_WECHATY_NAME ?? null };
  } else {
    for (const name of ['WENZHENG_WECHATY_PUPPET_TOKEN', 'WENZHENG_WECHATY_NAME'] as const)
      if (e[name]) problems.push(`WENZHENG_WECHATY_PUPPET: must be set when ${name} is`);
  }
  let serviceHours: ServiceHours | null = null;
  try {
    serviceHours = parseServiceHours(e.WENZHENG_SERVICE_HOURS);
  } catch (err) {
    problems.push(`WENZHENG_SERVICE_HOURS: ${(err as Error).message}`);
  }
  // 国办发〔2020〕53号: where the city provides 7×24 human service, operators answer at all hours.
  if (e.WENZHENG_HOTLINE_HUMAN_24X7) {
    if (serviceHours?.kind === 'rules' && present.WENZHENG_SERVICE_HOURS !== undefined)
      problems.push('WENZHENG_SERVICE_HOURS: must be unset or always when WENZHENG_HOTLINE_HUMAN_24X7 is true (7×24 human service)');
    serviceHours = parseServiceHours('always');
  }
  const dataKey = e.WENZHENG_DATA_KEY === undefined ? null : parseDataKey(e.WENZHENG_DATA_KEY);
  if (e.WENZHENG_DATA_KEY !== undefined && !dataKey)
    problems.push('WENZHENG_DATA_KEY: must be 32 bytes in base64 (openssl rand -base64 32)');
  if (e.WENZHENG_DATA_KEY === undefined && e.NODE_ENV === 'production')
    problems.push('WENZHENG_DATA_KEY: must be set in production: personal data are encrypted with it (openssl rand -base64 32)');
  const oldKeys = (e.WENZHENG_DATA_KEYS_OLD ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map(parseDataKey);
  if (oldKeys.some((k) => k === null)) problems.push('WENZHENG_DATA_KEYS_OLD: must be comma-separated keys of 32 bytes in base64');
  if (problems.length || !serviceHours) throw new ConfigError(problems);
  return {
    env: e.NODE_ENV,
    db,
    dataKeys: createKeyring(
      dataKey,
      oldKeys.filter((k): k is Buffer => k !== null),
    ),
    http: {
      host: e.WENZHENG_HOST,
      port: e.WENZHENG_PORT,
      bodyLimitKb: e.WENZHENG_BODY_LIMIT_KB,
      shutdownTimeoutMs: e.WENZHENG_SHUTDOWN_TIMEOUT_MS,
      requestTimeoutMs: e.WENZHENG_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.WENZHENG_HEADERS_TIMEOUT_MS,
      maxConnections: e.WENZHENG_MAX_CONNECTIONS,
    },
    logLevel: e.WENZHENG_LOG_LEVEL,
    seedsDir: e.WENZHENG_SEEDS_DIR,
    intentsDir: e.WENZHENG_INTENTS_DIR,
    configDir: e.WENZHENG_CONFIG_DIR,
    retentionDays: Object.fromEntries(
      RETENTION_KINDS.flatMap((kind) => {
        const days = (e as Record<string, unknown>)[retentionVariable(kind)];
        return typeof days === 'number' ? [[kind, days]] : [];
      }),
    ),
    journalDir: e.WENZHENG_JOURNAL_DIR,
    publicMaxPerMinute: e.WENZHENG_PUBLIC_MAX_PER_MINUTE,
    matching: {
      answerMin: e.WENZHENG_MATCH_ANSWER_MIN,
      clarifyMin: e.WENZHENG_MATCH_CLARIFY_MIN,
      minMargin: e.WENZHENG_MATCH_MIN_MARGIN,
      clarifyWindow: e.WENZHENG_MATCH_CLARIFY_WINDOW,
    },
    knowledgeReloadIntervalMs: e.WENZHENG_KB_RELOAD_INTERVAL_MS,
    kbSelfPublish: e.WENZHENG_KB_SELF_PUBLISH,
    matchThreads: e.WENZHENG_MATCH_THREADS,
    matchCacheSize: e.WENZHENG_MATCH_CACHE,
    conversationIdleMinutes: e.WENZHENG_CONVERSATION_IDLE_MINUTES,
    wechat: {
      ...wechat,
      apiBase: e.WENZHENG_WECHAT_API_BASE,
      timestampWindowSeconds: e.WENZHENG_WECHAT_TIMESTAMP_WINDOW_S,
      replyBudgetMs: e.WENZHENG_WECHAT_REPLY_BUDGET_MS,
    },
    outbox: { intervalMs: e.WENZHENG_OUTBOX_INTERVAL_MS, maxAttempts: e.WENZHENG_OUTBOX_MAX_ATTEMPTS },
    staff: {
      sessionMinutes: e.WENZHENG_STAFF_SESSION_MINUTES,
      loginMaxFailures: e.WENZHENG_LOGIN_MAX_FAILURES,
      loginLockoutMinutes: e.WENZHENG_LOGIN_LOCKOUT_MINUTES,
      loginIpMaxFailures: e.WENZHENG_LOGIN_IP_MAX_FAILURES,
    },
    corsOrigins: e.WENZHENG_CORS_ORIGINS,
    trustedProxies: e.WENZHENG_TRUSTED_PROXIES,
    chatMaxPerMinute: e.WENZHENG_CHAT_MAX_PER_MINUTE,
    chat: { tokenDays: e.WENZHENG_CHAT_TOKEN_DAYS, newTokensPerHour: e.WENZHENG_CHAT_NEW_PER_HOUR },
    wechaty,
    hotline: {
      serviceHours,
      timeZone: e.WENZHENG_TIMEZONE,
      handoffIdleMinutes: e.WENZHENG_HANDOFF_IDLE_MINUTES,
      streamPollMs: e.WENZHENG_HANDOFF_STREAM_POLL_MS,
      handoffWaitTargetSeconds: e.WENZHENG_HANDOFF_WAIT_TARGET_SECONDS,
      handoffHistoryHours: e.WENZHENG_HANDOFF_HISTORY_HOURS,
      extraCategories: e.WENZHENG_HOTLINE_CATEGORIES.map((pair) => ({
        code: pair.slice(0, pair.indexOf(':')),
        label: pair.slice(pair.indexOf(':') + 1),
      })),
      ratingDays: e.WENZHENG_TICKET_RATING_DAYS,
      superviseIntervalMinutes: e.WENZHENG_SUPERVISE_INTERVAL_MINUTES,
    },
    disclosure: { correctionMinWorkingDays: e.WENZHENG_CORRECTION_MIN_WORKING_DAYS },
  };
}
