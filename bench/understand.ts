/**
 * Understanding benchmark: CPU time per question of the whole understanding a new conversation runs on a
 * text no cache has seen (recognizeIntent, then matchQuestion with the city's places), over the spent
 * evaluation sets' questions against the seed base, each asked once per round. The path where every text is
 * new (issue 25) spends most of its time here. CPU time (process.cpuUsage) is less disturbed by a busy
 * machine than the wall clock; the load average is printed. The results' digest shows two builds understand alike.
 *
 *   npm run bench:understand   (BENCH_UNDERSTAND_ROUNDS=N: rounds, 5 by default; --cpu-prof to profile)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parse } from 'yaml';
import { entryFilesIn, loadEntryFiles } from '../src/knowledge/entryFiles';
import { loadIntents } from '../src/understanding/intents/load';
import { recognizeIntent } from '../src/understanding/intents/recognize';
import { buildKnowledgeIndex } from '../src/understanding/nlp/knowledgeIndex';
import { loadLexicon } from '../src/understanding/nlp/lexicon';
import { matchQuestion } from '../src/understanding/nlp/match';
import { loadCity } from '../src/understanding/places/city';
import { Places } from '../src/understanding/places/places';

/** Spent sets only (see the evaluation README): the unseen ones are never read. */
const QUESTION_SETS = [
  'test/eval/questions.yaml',
  ...['', '-2', '-3', '-4', '-5', '-6', '-7', '-8', '-9', '-11'].map((suffix) => `test/eval/heldout${suffix}.yaml`),
];

const ROUNDS = Number(process.env.BENCH_UNDERSTAND_ROUNDS ?? 5);

const questions = QUESTION_SETS.flatMap((file) =>
  (parse(readFileSync(file, 'utf8')) as { questions: { text: string }[] }).questions.map(({ text }) => text),
);
const lexicon = loadLexicon('seeds/nlp');
const index = buildKnowledgeIndex(loadEntryFiles(entryFilesIn('seeds/knowledge')), lexicon);
const places = new Places(loadCity('config/city.yaml'));
const intents = loadIntents('intents');
const now = new Date('2026-12-07T04:00:00Z');

const understand = (text: string) => ({
  intent: recognizeIntent(text, intents, lexicon),
  match: matchQuestion(index, text, { now, places }),
});

// One unmeasured round first (the JIT compiler's warm-up), which gives the digest.
const digest = createHash('sha256');
for (const text of questions) digest.update(`${text}\t${JSON.stringify(understand(text))}\n`);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const times: number[] = [];
const roundMeans: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let sum = 0;
  for (const text of questions) {
    const start = process.cpuUsage();
    understand(text);
    const { user, system } = process.cpuUsage(start);
    times.push(user + system);
    sum += user + system;
  }
  roundMeans.push(sum / questions.length);
}
const sorted = times.sort((a, b) => a - b);
console.log(
  `${questions.length} questions × ${ROUNDS} rounds; Node ${process.version}; load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}; heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
);
console.log('| p50 µs | p90 µs | p99 µs | mean µs | round means µs |');
console.log('|---|---|---|---|---|');
const row = [50, 90, 99].map((p) => percentile(sorted, p).toFixed(0));
const mean = times.reduce((total, t) => total + t, 0) / times.length;
console.log(`| ${row.join(' | ')} | ${mean.toFixed(0)} | ${roundMeans.map((m) => m.toFixed(0)).join(', ')} |`);
console.log(`results digest ${digest.digest('hex').slice(0, 16)}`);
