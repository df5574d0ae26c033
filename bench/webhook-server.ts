/**
 * Child process of bench/webhook.ts: the real server, exactly as `wenzheng serve` runs it (the node flags
 * of bin/wenzheng, configuration from the environment, migrate, seed, listen; SIGTERM stops it gracefully). Kept apart from the load
 * generator so the two do not share an event loop.
 *
 * Over the IPC channel (when there is one) the parent may ask for
 *   {cmd: 'profile-start'} / {cmd: 'profile-stop', file}: a V8 CPU profile of just the measured window;
 *   {cmd: 'loop-start'} / {cmd: 'loop-stop'}: event-loop delay and utilization over the window, and the
 *   garbage collector's pauses in it (scavenges and full collections stall every request in flight).
 * Each answer is {cmd, ok, ...}. Exits when the server has stopped.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import {
  constants,
  monitorEventLoopDelay,
  performance,
  PerformanceObserver,
  type EventLoopUtilization,
  type IntervalHistogram,
} from 'node:perf_hooks';
import { main } from '../src/cli/main';

type Command = { cmd: 'profile-start' } | { cmd: 'profile-stop'; file: string } | { cmd: 'loop-start' } | { cmd: 'loop-stop' };

let session: Session | null = null;
let loop: { histogram: IntervalHistogram; elu: EventLoopUtilization; gc: PerformanceObserver; pauses: Pauses } | null = null;

/** Pauses of one kind of collection: how many, their sum and the longest, in ms. */
interface Pause {
  count: number;
  ms: number;
  maxMs: number;
}
interface Pauses {
  scavenge: Pause;
  full: Pause;
}

function pausesObserver(pauses: Pauses): PerformanceObserver {
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { kind } = (entry as unknown as { detail: { kind: number } }).detail;
      const pause =
        kind === constants.NODE_PERFORMANCE_GC_MINOR ? pauses.scavenge : kind === constants.NODE_PERFORMANCE_GC_MAJOR ? pauses.full : null;
      if (!pause) continue;
      pause.count++;
      pause.ms += entry.duration;
      pause.maxMs = Math.max(pause.maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return observer;
}

function post<T>(method: string): Promise<T> {
  return new Promise((resolve, reject) => session!.post(method, (err, result) => (err ? reject(err) : resolve(result as T))));
}

async function handle(message: Command): Promise<Record<string, unknown>> {
  switch (message.cmd) {
    case 'profile-start':
      session = new Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
      return {};
    case 'profile-stop': {
      const { profile } = await post<{ profile: unknown }>('Profiler.stop');
      writeFileSync(message.file, JSON.stringify(profile));
      session?.disconnect();
      session = null;
      return { file: message.file };
    }
    case 'loop-start': {
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      const pauses = { scavenge: { count: 0, ms: 0, maxMs: 0 }, full: { count: 0, ms: 0, maxMs: 0 } };
      loop = { histogram, elu: performance.eventLoopUtilization(), gc: pausesObserver(pauses), pauses };
      return {};
    }
    case 'loop-stop': {
      if (!loop) return {};
      loop.histogram.disable();
      loop.gc.disconnect();
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      const rounded = (pause: Pause) => ({ count: pause.count, ms: Math.round(pause.ms), maxMs: Math.round(pause.maxMs * 10) / 10 });
      const result = {
        delayP50Ms: ms(loop.histogram.percentile(50)),
        delayP99Ms: ms(loop.histogram.percentile(99)),
        delayMaxMs: ms(loop.histogram.max),
        utilization: performance.eventLoopUtilization(loop.elu).utilization,
        scavenges: rounded(loop.pauses.scavenge),
        fullCollections: rounded(loop.pauses.full),
      };
      loop = null;
      return result;
    }
  }
}

if (process.send) {
  process.on('message', (message: Command) => {
    handle(message).then(
      (result) => process.send?.({ cmd: message.cmd, ok: true, ...result }),
      (err: unknown) => process.send?.({ cmd: message.cmd, ok: false, error: String(err) }),
    );
  });
  // The channel must not keep the process alive once the server has stopped.
  process.channel?.unref();
}

main(['serve']).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
