import type { Logger } from 'pino';

export interface PeriodicJob<T> {
  /** Runs the job now, or joins the run already going (wake-ups between ticks). */
  runNow(): Promise<T>;
  /** Runs it at once (unless told not to), then every interval; a run still going is not started again. */
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Work the server does on a timer (the outbox, idle takeovers, lapsed corrections, overdue tickets).
 * A failed run is logged and tried again at the next tick: the database may be away for a while.
 */
export function periodicJob<T>(options: {
  name: string;
  intervalMs: number;
  logger: Logger;
  runAtStart?: boolean;
  run(): Promise<T>;
}): PeriodicJob<T> {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<T> | null = null;

  const runNow = () =>
    (running ??= options.run().finally(() => {
      running = null;
    }));
  const tick = () => {
    runNow().catch((err: unknown) => options.logger.warn({ err, job: options.name }, 'periodic job failed; retrying at the next interval'));
  };

  return {
    runNow,
    start() {
      if (timer) return;
      if (options.runAtStart ?? true) tick();
      timer = setInterval(tick, options.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
