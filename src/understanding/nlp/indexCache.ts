import { statSync } from 'node:fs';
import { serialize } from 'node:v8';
import { contentKey, derivedValue, sourcesBeside, type Pruning } from '../../platform/data/derivedFile';
import { fingerprintOf, KnowledgeIndex, type MatchableEntry } from './knowledgeIndex';
import type { Lexicon } from './lexicon';
import { segmenterState } from './segment';

/**
 * One index file per knowledge base and matching code a start has seen, about 0.6 MB each: the few used
 * last stay (a knowledge base changed back, instances of two versions side by side), the rest go.
 */
export const INDEX_FILES: Pruning = { prefix: 'wenzheng-index-', keep: 4, unusedForMs: 24 * 3_600_000 };

/** Libraries whose output the index holds: the segmenter's cuts, pinyin readings, OpenCC's conversions. */
const LIBRARIES = ['nodejieba', 'pinyin-pro', 'opencc-js/t2cn'];

/**
 * A hash of this folder's code (the index and its analysis) and the libraries' builds: other code,
 * other index. It reads every source file of the folder, so a process works it out once (the composition
 * root) and hands it to whatever keeps indexes, its match threads included.
 */
export function matchingCode(): string {
  return contentKey(
    ...sourcesBeside(__filename),
    ...LIBRARIES.map((library) => {
      const { size, mtimeMs } = statSync(require.resolve(library));
      return `${library} ${size} ${Math.trunc(mtimeMs)}`;
    }),
  );
}

/**
 * buildKnowledgeIndex without `previous`, the index kept in the user's cache folder (derivedFile.ts)
 * under the hash of all it is made from: the entries' matchable content in order, the lexicon's data and stages, the
 * segmenter's dictionary and added words, which entries are archived (the index's names, namesOf, leave
 * them out; no fingerprint holds the status), this code and the libraries' (`code`, from matchingCode). Building
 * it took about 0.3 s of every start with the seed base; a start with the same knowledge base reads it back in a fifth of that.
 */
export function cachedKnowledgeIndex(entries: readonly MatchableEntry[], lexicon: Lexicon, code: string): KnowledgeIndex {
  const key = contentKey(
    code,
    ...segmenterState(),
    // The data the lexicon was made from, not what it derives (its tries, compiled forms) nor the texts it understood lately.
    serialize(lexicon.source),
    JSON.stringify(entries.map((entry) => [entry.key, fingerprintOf(entry), entry.status === 'archived'])),
  );
  return derivedValue(
    `wenzheng-index-${key}.v8`,
    () => KnowledgeIndex.build(entries, lexicon),
    {
      write: (index) => index.snapshot(),
      read: (snapshot) => KnowledgeIndex.restore(snapshot, entries, lexicon),
    },
    INDEX_FILES,
  );
}
