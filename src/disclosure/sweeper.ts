import type { Logger } from 'pino';
import { SYSTEM_ACTOR } from '../audit/context';
import type { Database } from '../db/database';
import type { DisclosureService } from './service';

/**
 * Closes requests whose correction period lapsed (Art. 30: 视为放弃申请, table 三 (六)1) and tells
 * the applicant, on a timer in the server; `wenzheng cases sweep` does the same once.
 */
export function createCorrectionSweeper(deps: { db: Database; service: DisclosureService; now: () => Date; logger: Logger; intervalMs: number }) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<string[]> | null = null;

  async function runOnce(): Promise<string[]> {
    const closed = await deps.db.transaction((tx) => deps.service.sweepLapsedCorrections(tx, SYSTEM_ACTOR, deps.now()));
    if (closed.length) deps.logger.info({ closed }, 'disclosure requests closed: correction period lapsed');
    return closed;
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      const tick = () => {
        if (running) return;
        running = runOnce()
          .catch((err: unknown) => {
            deps.logger.warn({ err }, 'disclosure correction sweep failed; retrying later');
            return [];
          })
          .finally(() => {
            running = null;
          });
      };
      tick();
      timer = setInterval(tick, deps.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

export type CorrectionSweeper = ReturnType<typeof createCorrectionSweeper>;
