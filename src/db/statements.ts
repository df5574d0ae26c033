import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { Transaction } from './database';

/**
 * Plain statements for the inbound hot path. TypeORM's query builder costs several times what the
 * database does for a one-row insert or lookup (BENCHMARKS.md, "Where the webhook's time goes"),
 * so these build their SQL once per shape from the entity's metadata and send it straight to the
 * driver. Values are converted by the driver exactly as TypeORM would convert them, so rows written
 * here read back the same through the entities.
 */

type Where<E> = Partial<Record<keyof E & string, unknown>>;

interface Shape {
  sql: string;
  columns: ColumnMetadata[];
}

const shapes = new WeakMap<object, Map<string, Shape>>();

function shapeOf(tx: Transaction, target: EntityTarget<ObjectLiteral>, key: string, build: () => Shape): Shape {
  // Keyed by the data source too: tests run several apps, on different databases, in one process.
  const owner = tx.connection as object;
  let byKey = shapes.get(owner);
  if (!byKey) shapes.set(owner, (byKey = new Map()));
  const id = `${tx.connection.getMetadata(target).name}:${key}`;
  let shape = byKey.get(id);
  if (!shape) byKey.set(id, (shape = build()));
  return shape;
}

function columnsOf(tx: Transaction, target: EntityTarget<ObjectLiteral>, properties: readonly string[]): ColumnMetadata[] {
  const metadata = tx.connection.getMetadata(target);
  return properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return column;
  });
}

const encode = (tx: Transaction, columns: ColumnMetadata[], values: Record<string, unknown>) =>
  columns.map((column) => tx.connection.driver.preparePersistentValue(values[column.propertyName], column) as unknown);

const condition = (tx: Transaction, columns: ColumnMetadata[]) => columns.map((c) => `${tx.connection.driver.escape(c.databaseName)} = ?`).join(' AND ');

interface QueryOutcome {
  records?: Record<string, unknown>[];
  affected?: number;
  raw: unknown;
}

interface SqliteStatement {
  reader: boolean;
  all(...parameters: unknown[]): Record<string, unknown>[];
  run(...parameters: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

const prepared = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

/** better-sqlite3 is synchronous and has one connection: its statements are prepared once and run directly. */
function runOnSqlite(connection: SqliteConnection, sql: string, parameters: unknown[]): QueryOutcome {
  let cache = prepared.get(connection);
  if (!cache) prepared.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
  const values = parameters.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  if (statement.reader) return { records: statement.all(...values), raw: undefined };
  const result = statement.run(...values);
  return { affected: result.changes, raw: result.lastInsertRowid };
}

async function run(tx: Transaction, sql: string, parameters: unknown[]): Promise<QueryOutcome> {
  if (!tx.queryRunner) throw new Error('statements run inside a transaction (db.transaction)');
  if (tx.connection.driver.options.type === 'better-sqlite3') {
    return runOnSqlite((tx.connection.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection, sql, parameters);
  }
  return tx.queryRunner.query(sql, parameters, true);
}

export const statements = {
  /** Inserts one row; returns the generated id (SQLite: the row id; MySQL: the insert id), if any. */
  async insert<E extends ObjectLiteral>(tx: Transaction, target: EntityTarget<E>, values: Partial<E>): Promise<number> {
    const properties = Object.keys(values).filter((p) => values[p] !== undefined);
    const shape = shapeOf(tx, target, `insert:${properties.join(',')}`, () => {
      const columns = columnsOf(tx, target, properties);
      const table = tx.connection.driver.escape(tx.connection.getMetadata(target).tableName);
      const names = columns.map((c) => tx.connection.driver.escape(c.databaseName)).join(', ');
      return { sql: `INSERT INTO ${table} (${names}) VALUES (${columns.map(() => '?').join(', ')})`, columns };
    });
    const { raw } = await run(tx, shape.sql, encode(tx, shape.columns, values));
    return Number(raw && typeof raw === 'object' ? (raw as { insertId: number }).insertId : raw);
  },

  /** The first row matching every given property, hydrated as TypeORM would (dates, JSON). */
  async findOne<E extends ObjectLiteral>(tx: Transaction, target: EntityTarget<E>, where: Where<E>): Promise<E | null> {
    const properties = Object.keys(where);
    const shape = shapeOf(tx, target, `find:${properties.join(',')}`, () => {
      const metadata = tx.connection.getMetadata(target);
      const names = metadata.columns.map((c) => tx.connection.driver.escape(c.databaseName)).join(', ');
      return { sql: `SELECT ${names} FROM ${tx.connection.driver.escape(metadata.tableName)} WHERE ${condition(tx, columnsOf(tx, target, properties))} LIMIT 1`, columns: columnsOf(tx, target, properties) };
    });
    const { records } = await run(tx, shape.sql, encode(tx, shape.columns, where));
    const row = records?.[0];
    if (!row) return null;
    const entity: Record<string, unknown> = {};
    for (const column of tx.connection.getMetadata(target).columns) {
      entity[column.propertyName] = tx.connection.driver.prepareHydratedValue(row[column.databaseName], column);
    }
    return entity as E;
  },

  /** Updates the rows matching every property of `where`; returns how many changed. */
  async update<E extends ObjectLiteral>(tx: Transaction, target: EntityTarget<E>, set: Partial<E>, where: Where<E>): Promise<number> {
    const setProperties = Object.keys(set);
    const whereProperties = Object.keys(where);
    const shape = shapeOf(tx, target, `update:${setProperties.join(',')}:${whereProperties.join(',')}`, () => {
      const setColumns = columnsOf(tx, target, setProperties);
      const whereColumns = columnsOf(tx, target, whereProperties);
      const table = tx.connection.driver.escape(tx.connection.getMetadata(target).tableName);
      const assignments = setColumns.map((c) => `${tx.connection.driver.escape(c.databaseName)} = ?`).join(', ');
      return { sql: `UPDATE ${table} SET ${assignments} WHERE ${condition(tx, whereColumns)}`, columns: [...setColumns, ...whereColumns] };
    });
    const values = [...encode(tx, shape.columns.slice(0, setProperties.length), set), ...encode(tx, shape.columns.slice(setProperties.length), where)];
    const { affected } = await run(tx, shape.sql, values);
    return affected ?? 0;
  },
};
