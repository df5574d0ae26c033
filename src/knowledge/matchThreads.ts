import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { IntentMatch } from '../understanding/intents/recognize';
import type { MatchResult } from '../understanding/nlp/match';
import type { EntryFileEntry } from '../../entities/knowledgeEntryFile';
import type { FromMatchThread, MatchRequest, MatchThreadData, ToMatchThread } from './matchThread';

/**
 * A text understood before the turn, on a worker thread: its match against the knowledge base, which
 * the turn may use only for this text, knowledge revision and day (LiveKnowledge.match checks), and
 * its system intent (intents do not change while the app runs).
 */
export interface PreparedMatch {
  text: string;
  revision: number;
  day: string;
  result: MatchResult;
  intent: IntentMatch | null;
}

type ThreadAnswer = Omit<PreparedMatch, 'text' | 'day'>;

/** A request the thread has not answered in this time is matched on the event loop instead. */
const ANSWER_WITHIN_MS = 1000;

/**
 * The compiled code runs the compiled thread beside it; the TypeScript sources (ts-jest) run the build's,
 * which must not be older than the sources: a stale thread answers with old code, or not at all.
 */
function threadScript(): string {
  if (__filename.endsWith('.js')) return join(__dirname, 'matchThread.js');
  const root = join(__dirname, '..', '..');
  const built = join(root, 'dist', 'src', 'knowledge', 'matchThread.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` (npm install does) first`);
  const newer = sourceNewerThan(
    statSync(built).mtimeMs,
    ['src', 'entities', 'config'].map((folder) => join(root, folder)),
  );
  if (newer) throw new Error(`${built} is older than ${newer}: run \`npm run build\` (npm test does) first`);
  return built;
}

/** A TypeScript source under these folders changed after the given time, if any. */
export function sourceNewerThan(time: number, folders: string[]): string | null {
  for (const folder of folders) {
    for (const name of readdirSync(folder, { recursive: true }) as string[]) {
      const path = join(folder, name);
      if (name.endsWith('.ts') && statSync(path).mtimeMs > time) return path;
    }
  }
  return null;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  /** Requests gathered in this turn of the event loop, sent together after its I/O callbacks. */
  queued: MatchRequest[];
}

interface Waiting {
  resolve(answer: ThreadAnswer | null): void;
  thread: Thread;
  sentAt: number;
}

/**
 * Matching (segmentation, typo correction, ranking) and intent recognition are the largest pure part
 * of a chat message's cost; on worker threads they run beside the event loop, which stores messages
 * and serves HTTP.
 * Each thread keeps its own index of the entries the main thread sends. Whatever goes wrong (a
 * thread not ready, crashed or slow) makes `match` answer null, and the turn matches on the event
 * loop as it would without threads.
 */
export class MatchThreads {
  private readonly threads: Thread[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private entries: { revision: number; entries: EntryFileEntry[] } | null = null;
  private nextId = 1;
  private next = 0;
  private closed = false;
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly count: number,
    private readonly data: MatchThreadData,
    private readonly logger: Pick<Logger, 'error' | 'warn'>,
  ) {
    this.sweep = setInterval(() => this.giveUpOnSlowAnswers(), ANSWER_WITHIN_MS / 2);
    this.sweep.unref();
  }

  /** Spawns the threads (once); each indexes the latest entries when it is up. */
  start(): void {
    if (this.closed) return;
    while (this.threads.length < this.count) this.threads.push(this.spawn());
  }

  /** The entries of a knowledge revision, for every thread to index. */
  index(revision: number, entries: EntryFileEntry[]): void {
    this.entries = { revision, entries };
    for (const thread of this.threads) this.send(thread, { type: 'entries', revision, entries });
  }

  /** The thread's match of `text` (and the revision it matched against) and intent; null when no thread can answer. */
  match(text: string, now: Date): Promise<ThreadAnswer | null> {
    const ready = this.threads.filter((thread) => thread.ready);
    if (this.closed || ready.length === 0) return Promise.resolve(null);
    const thread = ready[this.next++ % ready.length];
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, thread, sentAt: Date.now() });
      if (thread.queued.push({ id, text, now: now.getTime() }) === 1) setImmediate(() => this.flush(thread));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweep);
    for (const [id, waiting] of this.waiting) this.answer(id, waiting, null);
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(): Thread {
    const worker = new Worker(threadScript(), { workerData: this.data });
    const thread: Thread = { worker, ready: false, queued: [] };
    worker.unref();
    worker.on('message', (message: FromMatchThread) => {
      if (message.type === 'ready') {
        if (this.entries) this.send(thread, { type: 'entries', ...this.entries });
      } else if (message.type === 'indexed') {
        thread.ready = true;
      } else {
        for (const { id, result, intent } of message.answers) {
          const waiting = this.waiting.get(id);
          if (waiting) this.answer(id, waiting, result ? { revision: message.revision, result, intent } : null);
        }
      }
    });
    worker.on('error', (err) => this.logger.error({ err }, 'match thread failed; matching on the event loop meanwhile'));
    worker.on('exit', (code) => {
      const hadWorked = thread.ready;
      thread.ready = false;
      for (const [id, waiting] of this.waiting) if (waiting.thread === thread) this.answer(id, waiting, null);
      if (this.closed) return;
      // A thread that had worked is started again; one that never got ready (a broken build) is not.
      this.logger.warn({ code, restarting: hadWorked }, 'match thread exited');
      if (hadWorked) this.threads[this.threads.indexOf(thread)] = this.spawn();
    });
    return thread;
  }

  private send(thread: Thread, message: ToMatchThread): void {
    thread.worker.postMessage(message);
  }

  private flush(thread: Thread): void {
    const requests = thread.queued.splice(0);
    // A thread that died meanwhile has already answered its requests with null.
    if (requests.length > 0 && thread.ready) this.send(thread, { type: 'match', requests });
  }

  private answer(id: number, waiting: Waiting, answer: ThreadAnswer | null): void {
    this.waiting.delete(id);
    waiting.resolve(answer);
  }

  private giveUpOnSlowAnswers(): void {
    const limit = Date.now() - ANSWER_WITHIN_MS;
    // Oldest first (a Map keeps insertion order): stop at the first one still in time.
    for (const [id, waiting] of this.waiting) {
      if (waiting.sentAt > limit) break;
      this.answer(id, waiting, null);
    }
  }
}
