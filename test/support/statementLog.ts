import { tracingChannel } from 'node:diagnostics_channel';
import type BetterSqlite3 from 'better-sqlite3';
import { sqliteConnectionOf } from '../../src/platform/db/database';
import type { TestApp } from './testApp';

/** What a statement's trace carries (mysql2's tracing channels). */
interface Traced {
  query: string;
  database: string;
}

/**
 * Records every statement an app sends to its database while `work` runs, as the driver receives it:
 * mysql2's tracing channels (one entry per round trip, a multi-statement query as one) on MySQL, each
 * prepared statement's run on SQLite. Only this app's database counts on MySQL (tests run several apps).
 */
export async function statementsOf(app: TestApp & { databaseUrl: string }, work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  if (app.db.type === 'sqlite') {
    const connection = sqliteConnectionOf(app.db.dataSource);
    const prototype = Object.getPrototypeOf(connection.prepare('SELECT 1')) as BetterSqlite3.Statement;
    const methods = ['run', 'get', 'all', 'iterate'] as const;
    const originals = methods.map((method) => prototype[method]);
    methods.forEach((method, i) => {
      const original = originals[i] as (...args: unknown[]) => unknown;
      (prototype as unknown as Record<string, unknown>)[method] = function (this: BetterSqlite3.Statement, ...args: unknown[]) {
        if (this.database === connection) sent.push(this.source);
        return original.apply(this, args);
      };
    });
    try {
      await work();
    } finally {
      methods.forEach((method, i) => ((prototype as unknown as Record<string, unknown>)[method] = originals[i]));
    }
    return sent;
  }
  const database = decodeURIComponent(new URL(app.databaseUrl).pathname.slice(1));
  const record = (message: unknown) => {
    const traced = message as Traced;
    if (traced.database === database) sent.push(traced.query);
  };
  const channels = ['mysql2:query', 'mysql2:execute'].map((name) => tracingChannel(name));
  for (const channel of channels) channel.start.subscribe(record);
  try {
    await work();
  } finally {
    for (const channel of channels) channel.start.unsubscribe(record);
  }
  return sent;
}

/** A statement as "VERB table" (transaction control as sent), so both databases' SQL compare. */
function kindOfOne(sql: string): string {
  const verb = sql.trimStart().split(/\s/)[0]!.toUpperCase();
  const table = /^(?:SELECT\b.*?\bFROM|INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)/is.exec(sql.trimStart())?.[1];
  return table ? `${verb} ${table}` : sql.trim().toUpperCase();
}

/** Where a multi-statement query (mysqlTransaction.ts joins its statements with ";\n") starts its next statement. */
const NEXT_STATEMENT = /;\n(?=(?:START|SELECT|INSERT|UPDATE|DELETE|COMMIT|ROLLBACK)\b)/;

/** A round trip's statements as kindOfOne's, "; " between those sent together. */
export function kindOf(sql: string): string {
  return sql.split(NEXT_STATEMENT).map(kindOfOne).join('; ');
}

/** Each statement of the round trips, one by one. */
export const statementKinds = (sent: string[]): string[] => sent.flatMap((sql) => sql.split(NEXT_STATEMENT).map(kindOfOne));
