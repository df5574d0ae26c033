import { z } from 'zod';
import { formatIssuePath } from '../src/data/loadDataFile';

/** A configuration value is wrong; the CLI prints `problems` and exits with code 2. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type DatabaseConfig =
  | { type: 'sqlite'; file: string }
  | { type: 'mysql'; host: string; port: number; user: string; password: string; database: string };

/** `sqlite:<file>` (`sqlite::memory:` for a throw-away database) or `mysql://user:pass@host:port/db`. */
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
    return {
      type: 'mysql',
      host: url.hostname,
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database,
    };
  }
  throw new Error('must start with sqlite: or mysql:// (e.g. sqlite:data/wenzheng.db or mysql://user:pass@127.0.0.1:3306/wenzheng)');
}

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
  WENZHENG_BODY_LIMIT_KB: integer(1, 10240).default(256),
  WENZHENG_SHUTDOWN_TIMEOUT_MS: integer(0, 600000).default(10000),
  WENZHENG_MATCH_ANSWER_MIN: ratio.optional(),
  WENZHENG_MATCH_CLARIFY_MIN: ratio.optional(),
  WENZHENG_MATCH_MIN_MARGIN: ratio.optional(),
  WENZHENG_MATCH_CLARIFY_WINDOW: ratio.optional(),
  WENZHENG_KB_RELOAD_INTERVAL_MS: integer(100, 3600000).default(2000),
  WENZHENG_CONVERSATION_IDLE_MINUTES: integer(1, 1440).default(30),
});

export type Env = Record<string, string | undefined>;

export interface Config {
  env: 'development' | 'production' | 'test';
  db: DatabaseConfig;
  http: { host: string; port: number; bodyLimitKb: number; shutdownTimeoutMs: number };
  logLevel: (typeof LOG_LEVELS)[number];
  seedsDir: string;
  matching: { answerMin?: number; clarifyMin?: number; minMargin?: number; clarifyWindow?: number };
  knowledgeReloadIntervalMs: number;
  conversationIdleMinutes: number;
}

/** Reads and validates the environment once; every wrong variable is named with what is wrong. */
export function loadConfig(env: Env = process.env): Config {
  // An empty variable means "not set", as shells and compose files commonly leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = formatIssuePath(issue.path);
        const got = env[name];
        return `${name}: ${issue.message}${got === undefined ? '' : ` (got "${got}")`}`;
      }),
    );
  }
  const e = parsed.data;
  let db: DatabaseConfig;
  try {
    db = parseDatabaseUrl(e.WENZHENG_DB);
  } catch (err) {
    throw new ConfigError([`WENZHENG_DB: ${(err as Error).message} (got "${e.WENZHENG_DB}")`]);
  }
  return {
    env: e.NODE_ENV,
    db,
    http: { host: e.WENZHENG_HOST, port: e.WENZHENG_PORT, bodyLimitKb: e.WENZHENG_BODY_LIMIT_KB, shutdownTimeoutMs: e.WENZHENG_SHUTDOWN_TIMEOUT_MS },
    logLevel: e.WENZHENG_LOG_LEVEL,
    seedsDir: e.WENZHENG_SEEDS_DIR,
    matching: { answerMin: e.WENZHENG_MATCH_ANSWER_MIN, clarifyMin: e.WENZHENG_MATCH_CLARIFY_MIN, minMargin: e.WENZHENG_MATCH_MIN_MARGIN, clarifyWindow: e.WENZHENG_MATCH_CLARIFY_WINDOW },
    knowledgeReloadIntervalMs: e.WENZHENG_KB_RELOAD_INTERVAL_MS,
    conversationIdleMinutes: e.WENZHENG_CONVERSATION_IDLE_MINUTES,
  };
}
