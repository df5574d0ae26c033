import { Readable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { freshDatabaseUrl, TEST_DB } from './testApp';

/**
 * Runs `wenzheng ...args` in this process with extra environment variables (logs silent unless
 * told otherwise) and, if given, standard input; returns the exit code and what it printed.
 */
export async function runCli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<{ code: number; out: string; err: string }> {
  const savedEnv = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const realStdin = Object.getOwnPropertyDescriptor(process, 'stdin');
  if (options.stdin !== undefined) Object.defineProperty(process, 'stdin', { value: Readable.from([options.stdin]), configurable: true });
  Object.assign(process.env, { WENZHENG_LOG_LEVEL: 'silent' }, options.env);
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.env = savedEnv;
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    if (options.stdin !== undefined && realStdin) Object.defineProperty(process, 'stdin', realStdin);
  }
}

/**
 * Points WENZHENG_DB at a fresh database for the commands (a SQLite file, or a scratch MariaDB
 * database) with silent logs; the returned function drops it and restores both variables.
 */
export async function useCliDatabase(prefix: string): Promise<() => Promise<void>> {
  const saved = { db: process.env.WENZHENG_DB, log: process.env.WENZHENG_LOG_LEVEL };
  let drop: () => Promise<void> = async () => undefined;
  if (TEST_DB.startsWith('sqlite:')) {
    process.env.WENZHENG_DB = `sqlite:${join(mkdtempSync(join(tmpdir(), `${prefix}-`)), 'cli.db')}`;
  } else {
    const fresh = await freshDatabaseUrl();
    process.env.WENZHENG_DB = fresh.url;
    drop = fresh.drop;
  }
  process.env.WENZHENG_LOG_LEVEL = 'silent';
  return async () => {
    await drop();
    process.env.WENZHENG_DB = saved.db;
    process.env.WENZHENG_LOG_LEVEL = saved.log;
  };
}
