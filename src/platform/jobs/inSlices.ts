/** Work run a step at a time in the background: see inSlices. */
export interface Slices {
  /** Settles when every step has run, or after stop(); rejects with the error of a step that threw (no step runs after it). */
  readonly done: Promise<void>;
  /** Drops the steps not yet run. */
  stop(): void;
}

/** How long a paused run waits before it asks again whether it may go on. */
const PAUSE_MS = 5;

/**
 * Runs `steps` in order, one per turn of the event loop (setImmediate), so that a request arriving
 * meanwhile waits for one step at most, not for all of them. While `pauseWhile` holds (a citizen's turn
 * is in flight, and would otherwise meet a step at each of its awaits), no step starts. The turns and
 * pauses do not keep the process alive.
 */
export function inSlices(steps: Iterable<() => void>, options: { pauseWhile?: () => boolean } = {}): Slices {
  const { pauseWhile = () => false } = options;
  const pending = steps[Symbol.iterator]();
  let stopped = false;
  const done = new Promise<void>((resolve, reject) => {
    const next = () => {
      if (!stopped && pauseWhile()) return void setTimeout(next, PAUSE_MS).unref();
      const step = stopped ? null : pending.next();
      if (!step || step.done) return resolve();
      try {
        step.value();
      } catch (err) {
        return reject(err as Error);
      }
      setImmediate(next).unref();
    };
    setImmediate(next).unref();
  });
  return {
    done,
    stop() {
      stopped = true;
    },
  };
}
