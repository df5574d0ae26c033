import { readFileSync, statSync } from 'node:fs';
import * as nodejieba from 'nodejieba';
import { derivedFile } from '../../platform/data/derivedFile';

/**
 * jieba's words seen fewer times than this in its corpus are left out of the segmenter's dictionary.
 * They are 61% of its 349,000 words (rare names, idioms, classical phrases) and most of nodejieba's
 * start-up time and memory: loading takes 0.8 s and 98 MB instead of 2.6 s and 250 MB per thread.
 * Domain words come from the lexicon (seeds/nlp) and unknown words are still found by the HMM;
 * BENCHMARKS.md records matching on every evaluation set with and without them.
 */
export const SEGMENTER_MIN_FREQUENCY = 5;

declare module 'nodejieba' {
  /** jieba's full dictionary, shipped in the package (exported by its index.js, not in its types). */
  export const DEFAULT_DICT: string;
}

/** The dictionary file the segmenter of this thread loaded, once it has. */
let loadedDictionary: string | null = null;

/**
 * Loads the segmenter once per thread, before anything segments or tags, and names the dictionary file
 * it loaded. nodejieba's own lazy load would read the whole dictionary, plus a keyword-weight table and
 * stop words for extractors this project never calls; those get a one-line file instead.
 */
export function loadSegmenter(): string {
  if (loadedDictionary === null) {
    const files = segmenterFiles();
    nodejieba.load(files ?? {});
    loadedDictionary = files?.dict ?? nodejieba.DEFAULT_DICT;
  }
  return loadedDictionary;
}

/**
 * The trimmed dictionary and the stand-in tables, written once per machine and jieba version to the
 * user's cache folder (derivedFile.ts). Where there is none, the full dictionary is used.
 */
function segmenterFiles(): nodejieba.LoadOptions | undefined {
  const source = nodejieba.DEFAULT_DICT;
  const { size, mtimeMs } = statSync(source);
  const stem = `wenzheng-jieba-${size}-${Math.trunc(mtimeMs)}-min${SEGMENTER_MIN_FREQUENCY}`;
  const unusedTable = derivedFile(`${stem}.unused.utf8`, () => '的 1.0\n');
  const dict = unusedTable && derivedFile(`${stem}.dict.utf8`, () => frequentWords(readFileSync(source, 'utf8')));
  return dict && unusedTable ? { dict, idfDict: unusedTable, stopWordDict: unusedTable } : undefined;
}

/** The dictionary's lines ("word frequency tag") whose frequency reaches the minimum. */
export function frequentWords(dictionary: string): string {
  return dictionary
    .split('\n')
    .filter((line) => Number(line.split(' ')[1]) >= SEGMENTER_MIN_FREQUENCY)
    .join('\n')
    .concat('\n');
}
