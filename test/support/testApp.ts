import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import pino from 'pino';
import { loadConfig, parseDatabaseUrl, type Config, type Env } from '../../config';
import { createApp, type App, type AppDeps } from '../../src/app';
import type { AuditActor } from '../../src/staff/audit/repository';

/**
 * WENZHENG_TEST_DB picks the database the whole suite runs on: unset → SQLite in memory,
 * mysql://… → a fresh database on that server for every app, dropped afterwards.
 */
export const TEST_DB = process.env.WENZHENG_TEST_DB ?? 'sqlite::memory:';

/**
 * A direct mysql2 connection to the server of a mysql:// URL (through its Unix socket when the URL has
 * ?socket=), to the URL's database when `useDatabase` is set.
 */
export function connectToServer(serverUrl: string, useDatabase = false) {
  const server = new URL(serverUrl);
  return createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    socketPath: server.searchParams.get('socket') ?? undefined,
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    database: useDatabase ? decodeURIComponent(server.pathname.slice(1)) : undefined,
  });
}

/**
 * A fresh utf8mb4 database on the MySQL/MariaDB server of `serverUrl` (mysql://user:pass@host:port, any database
 * name in it is ignored), and how to drop it: for tests and benchmarks.
 */
export async function scratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = () => connectToServer(serverUrl);
  const conn = await admin();
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = await admin();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

export async function freshDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  return parseDatabaseUrl(TEST_DB).type === 'sqlite' ? { url: TEST_DB, drop: async () => undefined } : scratchDatabase(TEST_DB, 'wz_test');
}

export interface TestApp extends App {
  /** Moves the injected clock. */
  clock: { now: Date; advance(ms: number): void };
}

/** A started app (migrated, seeded) on a fresh database, with a controllable clock and silent logs. */
export interface TestAppOptions {
  seed?: boolean;
  /** Share another app's database (two instances), instead of a fresh one. */
  databaseUrl?: string;
  /** Rewrites the database URL the app connects with (e.g. through a TcpProxy). */
  connectVia?(url: string): string;
}

export async function createTestApp(
  env: Env = {},
  deps: AppDeps = {},
  options: TestAppOptions = {},
): Promise<TestApp & { databaseUrl: string }> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await freshDatabaseUrl();
  const config: Config = loadConfig({
    WENZHENG_LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    WENZHENG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'wenzheng-journal-')),
    // Matching on the event loop unless a test asks for threads (test/knowledge/matchThreads.test.ts).
    WENZHENG_MATCH_THREADS: '0',
    // Every simulated citizen comes from 127.0.0.1: tests of the per-address limit set their own.
    WENZHENG_CHAT_NEW_PER_HOUR: '100000',
    ...env,
    WENZHENG_DB: options.connectVia ? options.connectVia(database.url) : database.url,
  });
  const clock = {
    now: new Date('2026-11-25T02:00:00Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const app = await createApp(config, { logger: pino({ level: 'silent' }), now: () => clock.now, ...deps });
  await app.start({ seed: options.seed ?? true });
  // Tests act as citizens of a warmed-up server: the intents' background preparation yields to a turn at each
  // of its awaits, so a first message sent during it could miss a short reply budget (test/intents/warmUp.test.ts
  // covers the preparation itself).
  await app.warmedUp();
  const close = app.close;
  return Object.assign(app, {
    databaseUrl: database.url,
    clock,
    async close() {
      await close();
      await database.drop();
    },
  });
}

/** Who test set-up steps act as in the audit trail. */
export const TEST_ACTOR: AuditActor = { actor: 'test', actorId: null, via: 'system', ip: null, requestId: null };
