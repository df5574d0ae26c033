import type { ExecuteValues, PoolConnection } from 'mysql2';
import type { DataSource, EntityManager } from 'typeorm';
import type { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';

/**
 * MySQL/MariaDB transactions that send what needs no answer with the next statement that does. Each round
 * trip costs the server about as much CPU as the rows a turn writes (BENCHMARKS.md, session 17), so
 * START TRANSACTION waits for the transaction's first statement, and inserts nobody reads the id of
 * (statements.insertDeferred) wait for the next statement or the COMMIT: one multi-statement query each.
 * The server stops at a batch's first failing statement, so a COMMIT sent last runs only when everything
 * before it succeeded; a failure rolls the whole transaction back, as any failed statement of a turn does.
 */

/**
 * mysql2's callback API as a promise, on a pooled connection: prepared (execute) when values are given, the
 * server parsing each statement once per connection; as text (query: one statement or several) when not.
 * Errors stay mysql2's own (code ER_DUP_ENTRY...), as isUniqueViolation expects.
 */
export function sendToMysql(connection: PoolConnection, sql: string, values?: ExecuteValues[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, result: unknown) => (err ? reject(err) : resolve(result));
    if (values) connection.execute(sql, values, done);
    else connection.query(sql, done);
  });
}

/**
 * One transaction's query runner, holding the statements written but not yet sent. TypeORM's own queries
 * in the transaction (repositories on its manager) first send what is queued, so every statement runs in
 * the order written; TypeORM's transaction calls (a nested one is a savepoint) see it open from the start.
 */
export class BatchingQueryRunner extends MysqlQueryRunner {
  /** Statements written but not yet sent, as SQL with their values. */
  private queued: string[] = [];
  /** Whether something was sent, and so there is something to commit or roll back. */
  private sent = false;

  constructor(dataSource: DataSource) {
    super(dataSource.driver as MysqlDriver, 'master');
    this.manager = dataSource.createEntityManager(this);
  }

  private async pooled(): Promise<PoolConnection> {
    return (await this.connect()) as PoolConnection;
  }

  /** Queues a statement, its values written into it by the driver (as TypeORM's own queries are). */
  async queue(sql: string, values: ExecuteValues[]): Promise<void> {
    this.queued.push((await this.pooled()).format(sql, values));
  }

  /**
   * Sends `sql` with its values: prepared when nothing is queued, else as text after the queued statements, in
   * one round trip (without values, as written). Returns `sql`'s own result (rows, or the write's header).
   */
  async send(sql: string, values?: ExecuteValues[]): Promise<unknown> {
    const connection = await this.pooled();
    this.sent = true;
    if (this.queued.length === 0) return sendToMysql(connection, sql, values);
    const batch = this.queued.concat(values ? connection.format(sql, values) : sql);
    this.queued = [];
    const results = (await sendToMysql(connection, batch.join(';\n'))) as unknown[];
    return results[batch.length - 1];
  }

  override async query(...args: Parameters<MysqlQueryRunner['query']>): ReturnType<MysqlQueryRunner['query']> {
    if (this.queued.length > 0) {
      const batch = this.queued.join(';\n');
      this.queued = [];
      this.sent = true;
      await sendToMysql(await this.pooled(), batch);
    }
    return super.query(...args);
  }

  /** START TRANSACTION waits for the first statement; a nested transaction is TypeORM's savepoint. */
  override async startTransaction(): Promise<void> {
    if (this.isTransactionActive) return super.startTransaction();
    this.queued.push('START TRANSACTION');
    this.isTransactionActive = true;
    this.transactionDepth = 1;
  }

  /** A transaction that wrote and read nothing has nothing to commit. */
  override async commitTransaction(): Promise<void> {
    if (this.transactionDepth > 1) return super.commitTransaction();
    if (this.sent || this.queued.length > 1) await this.send('COMMIT');
    this.ended();
  }

  override async rollbackTransaction(): Promise<void> {
    if (this.transactionDepth > 1) return super.rollbackTransaction();
    this.queued = [];
    if (this.sent) await sendToMysql(await this.pooled(), 'ROLLBACK').catch(() => undefined);
    this.ended();
  }

  private ended(): void {
    this.queued = [];
    this.sent = false;
    this.isTransactionActive = false;
    this.transactionDepth = 0;
  }
}

/**
 * Runs `work` in one transaction on a pooled connection. The manager is database.ts's Transaction, named by
 * TypeORM's type so that the two modules do not import each other.
 */
export async function mysqlTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  const runner = new BatchingQueryRunner(dataSource);
  try {
    await runner.startTransaction();
    try {
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (err) {
      // Also after a failed COMMIT: the batch sent with it stopped at its failing statement, the transaction open.
      await runner.rollbackTransaction();
      throw err;
    }
  } finally {
    await runner.release();
  }
}
