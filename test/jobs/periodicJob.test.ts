import pino from 'pino';
import { Writable } from 'node:stream';
import { periodicJob } from '../../src/platform/jobs/periodicJob';

// A job's duration and the interval are simulated: the clock only moves when a test moves it.
beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

const lasting = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
        await lasting(25);
        concurrent--;
        if (runs === 1) throw new Error('database away');
        return runs;
      },
    });
    job.start();
    expect(runs).toBe(1);
    // Ticks every 5 ms while the first run lasts 25: none starts a second run beside it.
    await jest.advanceTimersByTimeAsync(20);
    expect(runs).toBe(1);
    // After the failed first run the next ticks go on.
    await jest.advanceTimersByTimeAsync(60);
    expect(runs).toBeGreaterThanOrEqual(3);
    const stopped = job.stop();
    await jest.advanceTimersByTimeAsync(25);
    await stopped;
    const stoppedAt = runs;
    expect(concurrent).toBe(0);
    await jest.advanceTimersByTimeAsync(100);
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
    await jest.advanceTimersByTimeAsync(19);
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
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
        await lasting(20);
        return ++runs;
      },
    });
    const both = Promise.all([job.runNow(), job.runNow()]);
    await jest.advanceTimersByTimeAsync(20);
    expect(await both).toEqual([1, 1]);
    const third = job.runNow();
    await jest.advanceTimersByTimeAsync(20);
    expect(await third).toBe(2);
  });
});
