import { loadConfig, type Config } from '../../config';
import type { DisclosureService } from '../cases/disclosure/service';
import type { HotlineService } from '../cases/hotline/service';
import type { Understood } from '../conversation/understanding';
import type { LiveKnowledge } from '../knowledge/liveKnowledge';
import type { Database } from '../platform/db/database';
import { DomainError } from '../platform/domainError';

/**
 * What the commands use of the app. The app itself is built by src/app.ts, which only the program's
 * entry (main.ts) imports: it hands its builder to the commands as an `OpenApp`.
 */
export interface CliApp {
  config: Config;
  db: Database;
  knowledge: LiveKnowledge;
  disclosure: DisclosureService;
  hotline: HotlineService;
  understand(text: string, now: Date): Understood;
  migrate(): Promise<string[]>;
  start(): Promise<unknown>;
  close(): Promise<void>;
}

/** Builds the app for a configuration (createApp). */
export type OpenApp = (config: Config) => Promise<CliApp>;

/** A command: its arguments, and the builder of the app for the commands that work with one. */
export type Command = (args: string[], open: OpenApp) => Promise<number>;

/** Where a command tells a person at a terminal what a slow start is doing: standard error. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * The app a command works with, logging warnings only so the command's own output stays readable.
 * `migrate` prepares the schema only; `start` also seeds and loads the knowledge index. A refusal
 * of a service (not found, exists already...) is a message and exit code 1.
 */
export async function withCliApp(
  open: OpenApp,
  prepare: 'migrate' | 'start',
  work: (app: CliApp) => Promise<number>,
  progress: ProgressStream = process.stderr,
): Promise<number> {
  const started = Date.now();
  // Loading the dictionaries and building the index take seconds: a person at a terminal is told so.
  if (prepare === 'start' && progress.isTTY) progress.write('wenzheng: 正在加载词典和知识库…\n');
  // A command matches a question at a time, if any: no match threads to start.
  const app = await open(
    loadConfig({ ...process.env, WENZHENG_LOG_LEVEL: process.env.WENZHENG_LOG_LEVEL ?? 'warn', WENZHENG_MATCH_THREADS: '0' }),
  );
  try {
    if (prepare === 'start') {
      await app.start();
      app.knowledge.stop();
      if (progress.isTTY) progress.write(`wenzheng: 已就绪（${((Date.now() - started) / 1000).toFixed(1)} 秒）\n`);
    } else await app.migrate();
    return await work(app);
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(`wenzheng: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await app.close();
  }
}
