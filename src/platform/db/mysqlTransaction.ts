import type { PoolConnection } from 'mysql2';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * MySQL/MariaDB transactions that send what needs no answer with the next statement that does. Each round
 * trip costs the server about as much CPU as the rows a turn writes (BENCHMARKS.md, session 17), so
 * START TRANSACTION waits for the transaction's first statement, and inserts nobody reads the id of
 * (statements.insertDeferred) wait for the next statement or the COMMIT: one multi-statement query each.
 * The server stops at a batch's first failing statement, so a COMMIT sent last runs only when everything
 * before it succeeded; a failure rolls the whole transaction back, as any failed statement of a turn does.
 */

/** Statements written but not yet sent, as SQL with their values, per transaction (its query runner). */
const queued = new WeakMap<QueryRunner, string[]>();
/** Transactions that sent something, and so have something to roll back. */
const sent = new WeakSet<QueryRunner>();

const query = (connection: PoolConnection, sql: string): Promise<unknown> =>
  new Promise((resolve, reject) => connection.query(sql, (err, result) => (err ? reject(err) : resolve(result))));

/** True when the transaction holds statements not yet sent: the next one goes with them, as text. */
export const hasQueued = (runner: QueryRunner): boolean => (queued.get(runner)?.length ?? 0) > 0;

/** Queues a statement, its values written into it by the driver (as TypeORM's own queries are). */
export async function queue(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<void> {
  const formatted = ((await runner.connect()) as PoolConnection).format(sql, parameters);
  const list = queued.get(runner);
  if (list) list.push(formatted);
  else queued.set(runner, [formatted]);
}

/**
 * Sends the queued statements and then `sql` (values given: formatted like the queued ones; none: sent
 * as written) in one round trip; returns `sql`'s own result (rows, or the write's header).
 */
export async function sendWithQueued(runner: QueryRunner, sql: string, parameters?: unknown[]): Promise<unknown> {
  const connection = (await runner.connect()) as PoolConnection;
  const batch = queued.get(runner) ?? [];
  queued.delete(runner);
  batch.push(parameters ? connection.format(sql, parameters) : sql);
  sent.add(runner);
  const result = await query(connection, batch.join(';\n'));
  return batch.length > 1 ? (result as unknown[])[batch.length - 1] : result;
}

/** Sends what is queued, if anything, on its own: before a statement that does not go through this module. */
async function flush(runner: QueryRunner): Promise<void> {
  const batch = queued.get(runner);
  if (!batch?.length) return;
  queued.delete(runner);
  sent.add(runner);
  await query((await runner.connect()) as PoolConnection, batch.join(';\n'));
}

/**
 * Runs `work` in one transaction on a pooled connection. TypeORM's own queries in it (repositories that
 * use the entity manager) first send what is queued, so every statement runs in the order written. The
 * manager is database.ts's Transaction, named by TypeORM's type so that the two modules do not import each other.
 */
export async function mysqlTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const typeormQuery = runner.query.bind(runner);
    runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
      await flush(runner);
      return typeormQuery(...args);
    }) as QueryRunner['query'];
    // TypeORM's bookkeeping: its manager opens no transaction of its own in this one, and a nested one is a savepoint.
    Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
    queued.set(runner, ['START TRANSACTION']);
    try {
      const result = await work(runner.manager);
      // A transaction that wrote and read nothing has nothing to commit.
      if (sent.has(runner) || (queued.get(runner)?.length ?? 0) > 1) await sendWithQueued(runner, 'COMMIT');
      return result;
    } catch (err) {
      queued.delete(runner);
      if (sent.has(runner)) await query((await runner.connect()) as PoolConnection, 'ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    queued.delete(runner);
    sent.delete(runner);
    Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
    await runner.release();
  }
}
