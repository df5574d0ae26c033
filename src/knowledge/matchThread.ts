/**
 * The worker-thread side of MatchThreads (matchThreads.ts): its own lexicon, intents and knowledge
 * index, rebuilt from the entries the main thread sends, answering with the same recognizeIntent
 * and matchQuestion the main thread would run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadIntents } from '../intents/load';
import { recognizeIntent, type IntentMatch } from '../intents/recognize';
import type { MatchThresholds } from '../nlp/decide';
import { buildKnowledgeIndex, type KnowledgeIndex } from '../nlp/knowledgeIndex';
import { loadLexicon } from '../nlp/lexicon';
import { matchQuestion } from '../nlp/match';
import type { EntryFileEntry } from './entryFile';

export interface MatchThreadData {
  lexiconDir: string;
  intentsDir: string;
  thresholds: MatchThresholds;
}

export type ToMatchThread = { type: 'entries'; revision: number; entries: EntryFileEntry[] } | { type: 'match'; id: number; text: string; now: number };

export type FromMatchThread =
  | { type: 'ready' }
  | { type: 'indexed'; revision: number }
  | { type: 'matched'; id: number; revision: number; result: ReturnType<typeof matchQuestion> | null; intent: IntentMatch | null };

const port = parentPort;
if (!port) throw new Error('matchThread runs in a worker thread');
const { lexiconDir, intentsDir, thresholds } = workerData as MatchThreadData;
const lexicon = loadLexicon(lexiconDir);
const intents = loadIntents(intentsDir);
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
  let intent: IntentMatch | null = null;
  try {
    result = index ? matchQuestion(index, message.text, { now: new Date(message.now), thresholds }) : null;
    intent = recognizeIntent(message.text, intents);
  } catch {
    // The main thread understands this one itself (and would report what fails there).
    result = null;
  }
  port.postMessage({ type: 'matched', id: message.id, revision, result, intent } satisfies FromMatchThread);
});
port.postMessage({ type: 'ready' } satisfies FromMatchThread);
