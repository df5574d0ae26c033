import { mkdirSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { ENTITIES } from '../../../entities';
import { StartupError } from '../startupError';
import { MIGRATIONS } from './migrations';
import { mysqlTransaction } from './mysqlTransaction';
import { startWalCheckpointer, type CheckpointResult, type WalCheckpointer } from './walCheckpointer';

export type DatabaseConfig =
  | { type: 'sqlite'; file: string }
  | { type: 'mysql'; host: string; port: number; user: string; password: string; database: string; socketPath: string | null };

export type Transaction = EntityManager;

export interface Database {
  readonly dataSource: DataSource;
  readonly type: DatabaseConfig['type'];
  /** Runs `work` in one transaction; repositories take the manager it is given. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs `work` whose statements each stand alone (a counter's increment, a nonce's insert): on MySQL
   * each is its own autocommit statement, one round trip instead of three; SQLite's one connection
   * runs them in a transaction of its own, as `transaction` does.
   */
  eachStatement<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  migrate(): Promise<string[]>;
  /**
   * Runs `work` while no other instance on this database runs work under the same name (MySQL's GET_LOCK;
   * the embedded SQLite serves one process, whose transactions take turns anyway).
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T>;
  pendingMigrations(): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Create tables from the entities instead of migrating: only for the migration consistency test. */
  synchronize?: boolean;
  /** Where the SQLite checkpointer reports trouble. */
  logger?: Pick<Logger, 'error'>;
  /** How often the SQLite checkpointer runs (default 1 s), and what it did. */
  checkpointIntervalMs?: number;
  /** How many queued SQLite transactions one commit may carry, and for how long a batch keeps taking more. */
  groupCommit?: { transactions: number; ms: number };
  onCheckpoint?(result: CheckpointResult): void;
  /** Starts the SQLite checkpoint worker (walCheckpointer.ts); a test gives one that fails. */
  startCheckpointer?: typeof startWalCheckpointer;
}

/**
 * MariaDB and MySQL speak one protocol but report column defaults differently; TypeORM needs
 * to know which one it talks to, so ask the server rather than trusting the URL scheme.
 */
async function serverFlavor(config: Extract<DatabaseConfig, { type: 'mysql' }>): Promise<'mysql' | 'mariadb'> {
  // Required here, not at the top: a server on SQLite never loads the MySQL client.
  const { createConnection } = require('mysql2/promise') as typeof import('mysql2/promise');
  const conn = await createConnection({
    host: config.host,
    port: config.port,
    socketPath: config.socketPath ?? undefined,
    user: config.user,
    password: config.password,
    connectTimeout: 5000,
  });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS version');
    return /mariadb/i.test((rows as { version: string }[])[0].version) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}

function dataSourceFor(config: DatabaseConfig, options: DatabaseOptions, flavor: 'mysql' | 'mariadb'): DataSource {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: options.synchronize ?? false,
    logging: false,
  };
  if (config.type === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: config.file,
      enableWAL: config.file !== ':memory:',
      // With WAL, NORMAL syncs at checkpoints instead of every commit: a commit survives the process
      // dying (kill -9), only an OS crash or power cut can lose the last ones, and it saves an fsync
      // per message. Deployments that need more run on MariaDB/MySQL.
      prepareDatabase: (connection: { pragma(source: string): unknown }) => {
        connection.pragma('synchronous = NORMAL');
        // The savepoints of group commit keep each member's undo pages in a sub-journal, which
        // spills to a temporary file past 64 KiB: in memory it costs a third less per message.
        // Nothing durable lives there (the WAL is the journal that survives a crash).
        connection.pragma('temp_store = MEMORY');
      },
      // Other processes (the CLI beside a running server) may hold the write lock briefly. The wait
      // blocks the event loop (better-sqlite3 is synchronous), so it is kept short.
      timeout: 2000,
    });
  }
  return new DataSource({
    ...common,
    type: flavor,
    host: config.host,
    port: config.port,
    socketPath: config.socketPath ?? undefined,
    username: config.user,
    password: config.password,
    database: config.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: 10,
    connectTimeout: 5000,
    // mysql2 captures a stack trace before every query to decorate a possible error: most of a
    // statement's client-side cost. TypeORM's QueryFailedError carries the caller's stack anyway.
    // Several statements in one query: a turn's START TRANSACTION and writes whose result nobody awaits go
    // with its next statement (mysqlTransaction.ts). On the whole pool: a turn runs on any of its connections,
    // TypeORM's own queries too; a pool for turns alone would hold connections of its own beside this one.
    // Every query's values are escaped by the driver.
    extra: { trace: false, multipleStatements: true },
  });
}

/** Runs work one after another (SQLite has one connection: transactions must not interleave on it). */
function serializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

type Serialize = ReturnType<typeof serializer>;

interface Pending {
  work(tx: Transaction): Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** better-sqlite3's connection under TypeORM's driver: SQLite has exactly one. */
export function sqliteConnectionOf(dataSource: DataSource): BetterSqlite3.Database {
  return (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}

const GROUP_COMMIT_LIMITS = { transactions: 64, ms: 10 };

/**
 * SQLite transactions with group commit. A commit writes every page the transaction touched to the
 * WAL, which costs more than the few statements of a chat message; the transactions queued while
 * one runs share pages (the same index leaves), so they are committed together: each in a savepoint
 * of its own (a failing one rolls back alone and fails alone), the batch in one COMMIT, and none is
 * told of success before that COMMIT. Should the COMMIT fail, every transaction of the batch fails.
 */
function groupCommitter(dataSource: DataSource, serialize: Serialize, limits: { transactions: number; ms: number }) {
  const waiting: Pending[] = [];
  let draining = false;
  const connection = sqliteConnectionOf(dataSource);
  const savepoint = {
    begin: connection.prepare('SAVEPOINT wz_batch_member'),
    release: connection.prepare('RELEASE wz_batch_member'),
    rollback: connection.prepare('ROLLBACK TO wz_batch_member'),
  };

  async function runBatch(): Promise<void> {
    const runner = dataSource.createQueryRunner();
    const committed: [Pending, unknown][] = [];
    let current: Pending | null = null;
    const started = performance.now();
    try {
      await runner.startTransaction();
    } catch (err) {
      // Nothing can run (the database is closed, or locked by another process past the timeout): every
      // waiting transaction fails now rather than being retried here forever.
      for (const pending of waiting.splice(0)) pending.reject(err);
      return;
    }
    try {
      while (waiting.length > 0 && committed.length < limits.transactions && performance.now() - started < limits.ms) {
        current = waiting.shift()!;
        savepoint.begin.run();
        let value: unknown;
        try {
          value = await current.work(runner.manager);
        } catch (err) {
          // Undo this one only; if SQLite ended the whole transaction (I/O error, disk full), the
          // ROLLBACK TO throws and the batch fails below.
          savepoint.rollback.run();
          savepoint.release.run();
          current.reject(err);
          current = null;
          continue;
        }
        savepoint.release.run();
        committed.push([current, value]);
        current = null;
      }
      await runner.commitTransaction();
    } catch (err) {
      if (connection.inTransaction) await runner.rollbackTransaction().catch(() => undefined);
      // TypeORM's bookkeeping for a transaction SQLite already ended on its own.
      Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
      current?.reject(err);
      for (const [pending] of committed) pending.reject(err);
      return;
    }
    for (const [pending, value] of committed) pending.resolve(value);
  }

  async function drain(): Promise<void> {
    try {
      while (waiting.length > 0) await runBatch();
    } finally {
      draining = false;
    }
  }

  return <T>(work: (tx: Transaction) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) {
        draining = true;
        // After the I/O callbacks of this turn of the event loop: each one (a request read, a match
        // thread's answer) would otherwise start its own batch at the microtask checkpoint after it.
        setImmediate(() => void serialize(drain));
      }
    });
}

/** See walCheckpointer.ts; should the worker fail, the connection checkpoints for itself again. */
function checkpointInBackground(dataSource: DataSource, file: string, options: DatabaseOptions): WalCheckpointer {
  const connection = sqliteConnectionOf(dataSource);
  connection.pragma('wal_autocheckpoint = 0');
  return (options.startCheckpointer ?? startWalCheckpointer)({
    file,
    intervalMs: options.checkpointIntervalMs ?? 1000,
    onCheckpoint: options.onCheckpoint,
    onError(message) {
      options.logger?.error({ file, error: message }, 'background checkpoint failed; the database connection checkpoints itself again');
      if (dataSource.isInitialized) connection.pragma('wal_autocheckpoint = 1000');
    },
  });
}

/** Where WENZHENG_DB points, without the password. */
function describeServer(config: Extract<DatabaseConfig, { type: 'mysql' }>): string {
  return `mysql://${config.user}@${config.socketPath ? `localhost?socket=${config.socketPath}` : `${config.host}:${config.port}`}/${config.database}`;
}

/** A server that cannot be reached or refuses the login stops the start with one line naming WENZHENG_DB. */
async function connected<T>(config: DatabaseConfig, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (err) {
    if (config.type !== 'mysql') throw err;
    const { code, message } = err as { code?: string; message?: string };
    const raw = message || code || String(err);
    const reason = config.password ? raw.split(config.password).join('***') : raw;
    throw new StartupError(`cannot connect to the database of WENZHENG_DB (${describeServer(config)}): ${reason}`);
  }
}

/** How long an instance waits for another one's start-up work (migrations, seeding) before giving up. */
const EXCLUSIVE_WAIT_SECONDS = 600;

export async function openDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Promise<Database> {
  const dataSource = await connected(config, async () => {
    const source = dataSourceFor(config, options, config.type === 'mysql' ? await serverFlavor(config) : 'mysql');
    await source.initialize();
    return source;
  });
  const checkpointer =
    config.type === 'sqlite' && config.file !== ':memory:' ? checkpointInBackground(dataSource, config.file, options) : null;
  // MySQL gets real concurrency from its pool and row locks; SQLite's one connection takes turns.
  const serialize: Serialize = config.type === 'sqlite' ? serializer() : (work) => work();
  const transaction: Database['transaction'] =
    config.type === 'sqlite'
      ? groupCommitter(dataSource, serialize, options.groupCommit ?? GROUP_COMMIT_LIMITS)
      : (work) => mysqlTransaction(dataSource, work);
  return {
    dataSource,
    type: config.type,
    transaction,
    eachStatement: config.type === 'sqlite' ? transaction : (work) => work(dataSource.manager),
    async migrate() {
      const applied = await serialize(() => dataSource.runMigrations({ transaction: 'each' }));
      return applied.map((m) => m.name);
    },
    async exclusively(name, work) {
      if (config.type === 'sqlite') return work();
      // A named lock belongs to a connection: one is held aside for it while the work uses the pool.
      const runner = dataSource.createQueryRunner();
      try {
        const [{ taken }] = (await runner.query('SELECT GET_LOCK(?, ?) AS taken', [name, EXCLUSIVE_WAIT_SECONDS])) as {
          taken: number | null;
        }[];
        if (Number(taken) !== 1)
          throw new Error(`another instance held the database lock ${name} for more than ${EXCLUSIVE_WAIT_SECONDS} s`);
        try {
          return await work();
        } finally {
          await runner.query('SELECT RELEASE_LOCK(?)', [name]);
        }
      } finally {
        await runner.release();
      }
    },
    pendingMigrations: () => dataSource.showMigrations(),
    async ping() {
      await dataSource.query('SELECT 1');
    },
    async close() {
      await checkpointer?.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
