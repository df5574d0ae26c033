/** Work run a step at a time in the background: see inSlices. */
export interface Slices {
  /** Settles when every step has run, or after stop(); rejects with the error of a step that threw (no step runs after it). */
  readonly done: Promise<void>;
  /** Drops the steps not yet run. */
  stop(): void;
}

/**
 * Runs `steps` in order, one per turn of the event loop (setImmediate), so that a request arriving
 * meanwhile waits for one step at most, not for all of them. The turns do not keep the process alive.
 */
export function inSlices(steps: Iterable<() => void>): Slices {
  const pending = steps[Symbol.iterator]();
  let stopped = false;
  const done = new Promise<void>((resolve, reject) => {
    const next = () => {
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
