import pino from 'pino';
import { Writable } from 'node:stream';
import { periodicJob } from '../../src/platform/jobs/periodicJob';

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

describe('periodic jobs', () => {
  it('run at start and then on the interval, never two runs at once, and keep going after a failure', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _e, done) => done(void lines.push(String(chunk))) }));
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const job = periodicJob({
      name: 'test-job',
      intervalMs: 5,
      logger,
      async run() {
        runs++;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 25));
        concurrent--;
        if (runs === 1) throw new Error('database away');
        return runs;
      },
    });
    job.start();
    expect(runs).toBe(1);
    await until(() => runs >= 3);
    await job.stop();
    const stoppedAt = runs;
    expect(concurrent).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(runs).toBe(stoppedAt);
    expect(maxConcurrent).toBe(1);
    expect(lines.join('')).toMatch(/"job":"test-job".*periodic job failed/);
  });

  it('can wait for the first interval instead of running at start', async () => {
    let runs = 0;
    const job = periodicJob({
      name: 'later',
      intervalMs: 20,
      logger: pino({ level: 'silent' }),
      runAtStart: false,
      run: async () => ++runs,
    });
    job.start();
    expect(runs).toBe(0);
    await until(() => runs >= 1);
    await job.stop();
  });

  it('runs at once when asked, joining a run already going', async () => {
    let runs = 0;
    const job = periodicJob({
      name: 'asked',
      intervalMs: 60_000,
      logger: pino({ level: 'silent' }),
      runAtStart: false,
      run: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return ++runs;
      },
    });
    expect(await Promise.all([job.runNow(), job.runNow()])).toEqual([1, 1]);
    expect(await job.runNow()).toBe(2);
  });
});
