import { loadConfig } from '../../config';
import { createApp, type App } from '../app';
import { DomainError } from '../platform/domainError';

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
  prepare: 'migrate' | 'start',
  work: (app: App) => Promise<number>,
  progress: ProgressStream = process.stderr,
): Promise<number> {
  const started = Date.now();
  // Loading the dictionaries and building the index take seconds: a person at a terminal is told so.
  if (prepare === 'start' && progress.isTTY) progress.write('wenzheng: 正在加载词典和知识库…\n');
  // A command matches a question at a time, if any: no match threads to start.
  const app = await createApp(
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
