/**
 * System-intent recognition benchmark: µs per message (p50/p99, wall clock and this process's CPU time)
 * of recognizeIntent over the spent evaluation sets' intent messages and knowledge questions, as the
 * server runs it: after matching, so the text is already normalized and cut (primed, not timed). CPU time
 * per call (getrusage), which a busy machine disturbs less than the wall clock (the load average is printed).
 * The results' digest shows that two builds recognise alike.
 *
 *   npm run bench:intents   (BENCH_INTENTS_ROUNDS=N: rounds, 7 by default)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parse } from 'yaml';
import { loadIntents } from '../src/understanding/intents/load';
import { recognizeIntent } from '../src/understanding/intents/recognize';
import { loadLexicon } from '../src/understanding/nlp/lexicon';
import { normalizeKept } from '../src/understanding/nlp/normalize';
import { prepareSegmenter, segment } from '../src/understanding/nlp/segment';

/** Spent sets only (see the evaluation README): the blind ones are never read. */
const INTENT_SETS = [2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `test/eval/heldout-${n}-intents.yaml`);
const QUESTION_SETS = [
  'test/eval/questions.yaml',
  'test/eval/heldout.yaml',
  ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `test/eval/heldout-${n}.yaml`),
  'test/eval/other-city/questions.yaml',
  'test/eval/other-city-3/questions.yaml',
];

const textsOf = (file: string, key: 'messages' | 'questions') =>
  ((parse(readFileSync(file, 'utf8')) as Record<string, { text: string }[]>)[key] ?? []).map(({ text }) => text);

const ROUNDS = Number(process.env.BENCH_INTENTS_ROUNDS ?? 7);

const lexicon = loadLexicon('seeds/nlp');
prepareSegmenter(lexicon);
const intents = loadIntents('intents');
const groups = {
  'intent messages': INTENT_SETS.flatMap((file) => textsOf(file, 'messages')),
  'knowledge questions': QUESTION_SETS.flatMap((file) => textsOf(file, 'questions')),
};

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const digest = createHash('sha256');
for (const text of Object.values(groups).flat()) digest.update(`${text}\t${JSON.stringify(recognizeIntent(text, intents, lexicon))}\n`);

console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}; ${ROUNDS} rounds`,
);
console.log('| texts | count | p50 µs | p90 µs | p99 µs | mean µs | best round mean µs |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, texts] of Object.entries(groups)) {
  const times: number[] = [];
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    let sum = 0;
    for (const text of texts) {
      segment(normalizeKept(text, lexicon.recent.normalized), lexicon);
      const start = process.cpuUsage();
      recognizeIntent(text, intents, lexicon);
      const { user, system } = process.cpuUsage(start);
      times.push(user + system);
      sum += user + system;
    }
    best = Math.min(best, sum / texts.length);
  }
  const sorted = times.sort((a, b) => a - b);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  const row = [percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), mean, best].map((n) => n.toFixed(1));
  console.log(`| ${name} | ${texts.length} | ${row.join(' | ')} |`);
}
console.log(`results digest ${digest.digest('hex').slice(0, 16)}`);
