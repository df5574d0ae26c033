/**
 * The worker-thread side of MatchThreads (matchThreads.ts): its own lexicon, intents and knowledge
 * index, rebuilt from the entries the main thread sends, answering with the same recognizeIntent
 * and matchQuestion the main thread would run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadIntents } from '../understanding/intents/load';
import { recognizeIntent, type IntentMatch } from '../understanding/intents/recognize';
import type { MatchThresholds } from '../understanding/nlp/decide';
import { cachedKnowledgeIndex } from '../understanding/nlp/indexCache';
import { buildKnowledgeIndex, type KnowledgeIndex } from '../understanding/nlp/knowledgeIndex';
import { loadLexicon } from '../understanding/nlp/lexicon';
import { prepareSegmenter } from '../understanding/nlp/segment';
import { matchQuestion } from '../understanding/nlp/match';
import { loadCity } from '../understanding/places/city';
import { Places } from '../understanding/places/places';
import type { EntryFileEntry } from '../../entities/knowledgeEntryFile';

export interface MatchThreadData {
  lexiconDir: string;
  intentsDir: string;
  /** config/city.yaml, when places are told apart. */
  cityFile?: string;
  thresholds: MatchThresholds;
  /** The main thread's matchingCode (indexCache.ts): read once per process, not once per thread. */
  matchingCode: string;
}

export interface MatchRequest {
  id: number;
  text: string;
  now: number;
}

export interface MatchAnswer {
  id: number;
  result: ReturnType<typeof matchQuestion> | null;
  intent: IntentMatch | null;
}

/** Requests and answers travel in batches: a message between threads costs more than a small match. */
export type ToMatchThread = { type: 'entries'; revision: number; entries: EntryFileEntry[] } | { type: 'match'; requests: MatchRequest[] };

export type FromMatchThread =
  { type: 'ready' } | { type: 'indexed'; revision: number } | { type: 'matched'; revision: number; answers: MatchAnswer[] };

function understand({ id, text, now }: MatchRequest): MatchAnswer {
  try {
    return {
      id,
      result: index ? matchQuestion(index, text, { now: new Date(now), thresholds, places }) : null,
      intent: recognizeIntent(text, intents, lexicon),
    };
  } catch {
    // The main thread understands this one itself (and would report what fails there).
    return { id, result: null, intent: null };
  }
}

const port = parentPort;
if (!port) throw new Error('matchThread runs in a worker thread');
const { lexiconDir, intentsDir, cityFile, thresholds, matchingCode } = workerData as MatchThreadData;
const lexicon = loadLexicon(lexiconDir);
prepareSegmenter(lexicon);
const places = cityFile ? new Places(loadCity(cityFile)) : undefined;
const intents = loadIntents(intentsDir, { matchingCode });
let index: KnowledgeIndex | null = null;
let revision = -1;

port.on('message', (message: ToMatchThread) => {
  if (message.type === 'entries') {
    // The first index is the one the main thread's start kept for the same entries, if any.
    index = index ? buildKnowledgeIndex(message.entries, lexicon, index) : cachedKnowledgeIndex(message.entries, lexicon, matchingCode);
    revision = message.revision;
    port.postMessage({ type: 'indexed', revision } satisfies FromMatchThread);
    return;
  }
  port.postMessage({ type: 'matched', revision, answers: message.requests.map(understand) } satisfies FromMatchThread);
});
port.postMessage({ type: 'ready' } satisfies FromMatchThread);
