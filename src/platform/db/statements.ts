import type { EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type BetterSqlite3 from 'better-sqlite3';
import { sqliteConnectionOf, type Transaction } from './database';
import { BatchingQueryRunner } from './mysqlTransaction';

/**
 * Plain statements for the inbound hot path. TypeORM's query builder costs several times what the
 * database does for a one-row insert or lookup (BENCHMARKS.md, "Webhook: where the time goes"),
 * so these build their SQL once per shape from the entity's metadata and send it straight to the
 * driver. Values are converted by the driver exactly as TypeORM would convert them, so rows written
 * here read back the same through the entities.
 */

type Where<E> = Partial<Record<keyof E & string, unknown>>;

interface Shape {
  sql: string;
  /** The columns of the parameters, in order. */
  params: ColumnMetadata[];
  /** The columns a SELECT returns. */
  read: ColumnMetadata[];
}

interface Sql {
  table: string;
  name(column: ColumnMetadata): string;
  columns(properties: readonly string[]): ColumnMetadata[];
  metadata: EntityMetadata;
}

// Per data source (tests run several apps on different databases in one process), then per entity
// class: the hot path finds its statement without looking the entity's metadata up again.
const shapes = new WeakMap<object, Map<unknown, Map<string, Shape>>>();

function shapeOf(tx: Transaction, target: EntityTarget<ObjectLiteral>, key: string, build: (sql: Sql) => Shape): Shape {
  let byTarget = shapes.get(tx.connection);
  if (!byTarget) shapes.set(tx.connection, (byTarget = new Map()));
  let byKey = byTarget.get(target);
  if (!byKey) byTarget.set(target, (byKey = new Map()));
  let shape = byKey.get(key);
  if (!shape) {
    const metadata = tx.connection.getMetadata(target);
    const { driver } = tx.connection;
    shape = build({
      metadata,
      table: driver.escape(metadata.tableName),
      name: (column) => driver.escape(column.databaseName),
      columns: (properties) =>
        properties.map((property) => {
          const column = metadata.findColumnWithPropertyName(property);
          if (!column) throw new Error(`${metadata.name} has no column ${property}`);
          return column;
        }),
    });
    byKey.set(key, shape);
  }
  return shape;
}

/** What the drivers bind: TypeORM's converted values (JSON as text, dates as the driver takes them). */
type SqlValue = string | number | bigint | boolean | Date | Buffer | null;

/** Each value converted by the driver as TypeORM would convert it; undefined is NULL, as in TypeORM's own queries. */
const encode = (tx: Transaction, columns: ColumnMetadata[], values: Record<string, unknown>) =>
  columns.map(
    (column) => (tx.connection.driver.preparePersistentValue(values[column.propertyName], column) as SqlValue | undefined) ?? null,
  );

interface QueryOutcome {
  records?: Record<string, unknown>[];
  affected?: number;
  raw: unknown;
}

const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** better-sqlite3 is synchronous and has one connection: its statements are prepared once and run directly. */
function runOnSqlite(connection: BetterSqlite3.Database, sql: string, parameters: SqlValue[]): QueryOutcome {
  let cache = prepared.get(connection);
  if (!cache) prepared.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
  // Values come from preparePersistentValue, so booleans are numbers already.
  if (statement.reader) return { records: statement.all(...parameters) as Record<string, unknown>[], raw: undefined };
  const result = statement.run(...parameters);
  return { affected: result.changes, raw: result.lastInsertRowid };
}

const outcomeOf = (result: unknown): QueryOutcome =>
  Array.isArray(result)
    ? { records: result as Record<string, unknown>[], raw: result }
    : { affected: (result as { affectedRows: number }).affectedRows, raw: result };

const onSqlite = (tx: Transaction) => tx.connection.driver.options.type === 'better-sqlite3';

/**
 * The MySQL transaction's runner (mysqlTransaction.ts): mysql2's API on its pooled connection. TypeORM's
 * query would wrap each call in a new promise connection and send query events nobody listens to here.
 */
const batchOf = (tx: Transaction): BatchingQueryRunner => {
  if (!(tx.queryRunner instanceof BatchingQueryRunner)) throw new Error('statements run inside a transaction (db.transaction)');
  return tx.queryRunner;
};

async function run(tx: Transaction, sql: string, parameters: SqlValue[]): Promise<QueryOutcome> {
  if (onSqlite(tx)) return runOnSqlite(sqliteConnectionOf(tx.connection), sql, parameters);
  return outcomeOf(await batchOf(tx).send(sql, parameters));
}

function insertShape<E extends ObjectLiteral>(tx: Transaction, target: EntityTarget<E>, values: Partial<E>): Shape {
  const properties = Object.keys(values).filter((p) => values[p] !== undefined);
  return shapeOf(tx, target, `insert:${properties}`, (sql) => {
    const params = sql.columns(properties);
    return {
      sql: `INSERT INTO ${sql.table} (${params.map(sql.name).join(', ')}) VALUES (${params.map(() => '?').join(', ')})`,
      params,
      read: [],
    };
  });
}

export const statements = {
  /** Inserts one row; returns the generated id (SQLite: the row id; MySQL: the insert id), if any. */
  async insert<E extends ObjectLiteral>(tx: Transaction, target: EntityTarget<E>, values: Partial<E>): Promise<number> {
    const shape = insertShape(tx, target, values);
    const { raw } = await run(tx, shape.sql, encode(tx, shape.params, values));
    return Number(raw && typeof raw === 'object' ? (raw as { insertId: number }).insertId : raw);
  },

  /**
   * Inserts one row whose id nobody needs (a count, a record, a reply): on MySQL it goes with the
   * transaction's next statement or its COMMIT, in the same round trip, and should it fail, that
   * statement fails and the transaction with it; on SQLite it runs at once.
   */
  async insertDeferred<E extends ObjectLiteral>(tx: Transaction, target: EntityTarget<E>, values: Partial<E>): Promise<void> {
    const shape = insertShape(tx, target, values);
    const parameters = encode(tx, shape.params, values);
    if (onSqlite(tx)) runOnSqlite(sqliteConnectionOf(tx.connection), shape.sql, parameters);
    else await batchOf(tx).queue(shape.sql, parameters);
  },

  /** The first row matching every given property, hydrated as TypeORM would (dates, JSON). */
  async findOne<E extends ObjectLiteral>(tx: Transaction, target: EntityTarget<E>, where: Where<E>): Promise<E | null> {
    const properties = Object.keys(where);
    const shape = shapeOf(tx, target, `find:${properties}`, (sql) => {
      const params = sql.columns(properties);
      const read = sql.metadata.columns;
      return {
        sql: `SELECT ${read.map(sql.name).join(', ')} FROM ${sql.table} WHERE ${params.map((c) => `${sql.name(c)} = ?`).join(' AND ')} LIMIT 1`,
        params,
        read,
      };
    });
    const { records } = await run(tx, shape.sql, encode(tx, shape.params, where));
    const row = records?.[0];
    if (!row) return null;
    const entity: Record<string, unknown> = {};
    for (const column of shape.read)
      entity[column.propertyName] = tx.connection.driver.prepareHydratedValue(row[column.databaseName], column);
    return entity as E;
  },

  /** Updates the rows matching every property of `where`; returns how many changed. */
  async update<E extends ObjectLiteral>(tx: Transaction, target: EntityTarget<E>, set: Partial<E>, where: Where<E>): Promise<number> {
    const setProperties = Object.keys(set);
    const whereProperties = Object.keys(where);
    const shape = shapeOf(tx, target, `update:${setProperties}:${whereProperties}`, (sql) => {
      const assigned = sql.columns(setProperties);
      const matched = sql.columns(whereProperties);
      const list = (columns: ColumnMetadata[], separator: string) => columns.map((c) => `${sql.name(c)} = ?`).join(separator);
      return {
        sql: `UPDATE ${sql.table} SET ${list(assigned, ', ')} WHERE ${list(matched, ' AND ')}`,
        params: [...assigned, ...matched],
        read: [],
      };
    });
    // The same property (stateVersion) may be set and matched: each half reads its own object.
    const values = [
      ...encode(tx, shape.params.slice(0, setProperties.length), set),
      ...encode(tx, shape.params.slice(setProperties.length), where),
    ];
    const { affected } = await run(tx, shape.sql, values);
    return affected ?? 0;
  },
};
