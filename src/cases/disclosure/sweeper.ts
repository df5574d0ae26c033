import type { Logger } from 'pino';
import { SYSTEM_ACTOR } from '../../staff/audit/context';
import type { Database } from '../../platform/db/database';
import { periodicJob } from '../../platform/jobs/periodicJob';
import type { DisclosureService } from './service';

/**
 * Closes requests whose correction period lapsed (Art. 30: 视为放弃申请, table 三 (六)1) and tells
 * the applicant, on a timer in the server; `wenzheng cases sweep` does the same once.
 */
export function createCorrectionSweeper(deps: {
  db: Database;
  service: DisclosureService;
  now: () => Date;
  logger: Logger;
  intervalMs: number;
}) {
  return periodicJob({
    name: 'disclosure-correction-sweep',
    intervalMs: deps.intervalMs,
    logger: deps.logger,
    async run() {
      const closed = await deps.db.transaction((tx) => deps.service.sweepLapsedCorrections(tx, SYSTEM_ACTOR, deps.now()));
      if (closed.length) deps.logger.info({ closed }, 'disclosure requests closed: correction period lapsed');
      return closed;
    },
  });
}
