import { Worker } from 'node:worker_threads';

export interface CheckpointResult {
  /** Frames in the write-ahead log, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export interface WalCheckpointer {
  stop(): Promise<void>;
}

// Runs in the worker thread: its own connection to the same file, checkpointing on a timer. After a
// failure it stops, and the app's connection takes the checkpoints back.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 1000, fileMustExist: true });
const stop = () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
};
const tick = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    if (row.busy === 0) parentPort.postMessage({ log: row.log, checkpointed: row.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
    stop();
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', stop);
`;

/**
 * SQLite copies the write-ahead log back into the database file in checkpoints, which end in an
 * fsync. Run by the writing connection, every thousandth page or so, they block the event loop
 * (better-sqlite3 is synchronous) and stall every request behind them. Here a worker thread with a
 * connection of its own runs passive checkpoints, which never wait for or block the writer, while
 * the app's connection has automatic checkpoints turned off.
 */
export function startWalCheckpointer(options: {
  file: string;
  intervalMs: number;
  onCheckpoint?(result: CheckpointResult): void;
  onError(message: string): void;
}): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: options.file, intervalMs: options.intervalMs, driver: require.resolve('better-sqlite3') },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: CheckpointResult | { error: string }) => {
    if ('error' in message) options.onError(message.error);
    else options.onCheckpoint?.(message);
  });
  // A worker that cannot even open the file ends with an error event instead.
  worker.on('error', (err) => options.onError(err.message));
  return {
    async stop() {
      // Held again while it winds down: otherwise a process with nothing else to do would exit
      // before the worker does, and whoever awaits this would never go on.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
