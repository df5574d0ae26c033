import { loadConfig } from '../../config';
import { createApp, type App } from '../app';
import { DomainError } from '../domainError';

/**
 * The app a command works with, logging warnings only so the command's own output stays readable.
 * `migrate` prepares the schema only; `start` also seeds and loads the knowledge index. A refusal
 * of a service (not found, exists already...) is a message and exit code 1.
 */
export async function withCliApp(prepare: 'migrate' | 'start', work: (app: App) => Promise<number>): Promise<number> {
  // A command matches a question at a time, if any: no match threads to start.
  const app = await createApp(
    loadConfig({ ...process.env, WENZHENG_LOG_LEVEL: process.env.WENZHENG_LOG_LEVEL ?? 'warn', WENZHENG_MATCH_THREADS: '0' }),
  );
  try {
    if (prepare === 'start') {
      await app.start();
      app.knowledge.stop();
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
