/**
 * The worker-thread side of MatchThreads (matchThreads.ts): its own lexicon and knowledge index,
 * rebuilt from the entries the main thread sends, answering match requests with the same
 * matchQuestion the main thread would run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MatchThresholds } from '../nlp/decide';
import { buildKnowledgeIndex, type KnowledgeIndex } from '../nlp/knowledgeIndex';
import { loadLexicon } from '../nlp/lexicon';
import { matchQuestion } from '../nlp/match';
import type { EntryFileEntry } from './entryFile';

export interface MatchThreadData {
  lexiconDir: string;
  thresholds: MatchThresholds;
}

export type ToMatchThread = { type: 'entries'; revision: number; entries: EntryFileEntry[] } | { type: 'match'; id: number; text: string; now: number };

export type FromMatchThread =
  | { type: 'ready' }
  | { type: 'indexed'; revision: number }
  | { type: 'matched'; id: number; revision: number; result: ReturnType<typeof matchQuestion> | null };

const port = parentPort;
if (!port) throw new Error('matchThread runs in a worker thread');
const { lexiconDir, thresholds } = workerData as MatchThreadData;
const lexicon = loadLexicon(lexiconDir);
let index: KnowledgeIndex | null = null;
let revision = -1;

port.on('message', (message: ToMatchThread) => {
  if (message.type === 'entries') {
    index = buildKnowledgeIndex(message.entries, lexicon, index ?? undefined);
    revision = message.revision;
    port.postMessage({ type: 'indexed', revision } satisfies FromMatchThread);
    return;
  }
  let result: ReturnType<typeof matchQuestion> | null = null;
  try {
    result = index ? matchQuestion(index, message.text, { now: new Date(message.now), thresholds }) : null;
  } catch {
    // The main thread matches this one itself (and would report what fails there).
  }
  port.postMessage({ type: 'matched', id: message.id, revision, result } satisfies FromMatchThread);
});
port.postMessage({ type: 'ready' } satisfies FromMatchThread);
