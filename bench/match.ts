/**
 * Matching benchmark: index build time, latency per question (p50/p99), questions per second and
 * heap used, at 100, 1,000 and 10,000 entries. Times are given as wall-clock and as this process's
 * CPU time (process.cpuUsage), which stays meaningful on a busy machine; the load average is printed. Entries beyond the seed knowledge base are synthetic,
 * recombined from seed entries (titles, questions, keywords, answers and sections of different
 * entries) so that their vocabulary and lengths are realistic.
 *
 *   npx tsc -p tsconfig.json --outDir /tmp/wenzheng-build && NODE_PATH=node_modules node --expose-gc /tmp/wenzheng-build/bench/match.js
 *
 * Targets: build ≤ 3 s and p99 ≤ 2 ms at 10,000 entries.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parse } from 'yaml';
import type { SectionName } from '../entities/knowledgeEntryFile';
import { entryFilesIn, loadEntryFiles } from '../src/knowledge/entryFiles';
import { buildKnowledgeIndex, type MatchableEntry } from '../src/understanding/nlp/knowledgeIndex';
import { loadLexicon } from '../src/understanding/nlp/lexicon';
import { matchQuestion } from '../src/understanding/nlp/match';

const SIZES = [100, 1_000, 10_000];
const ROUNDS = 5;

/** A deterministic pseudo-random generator (mulberry32), so that runs are comparable. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function synthesize(seeds: readonly MatchableEntry[], count: number): MatchableEntry[] {
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const keywords = seeds.flatMap((entry) => entry.keywords ?? []);
  const entries: MatchableEntry[] = seeds.slice(0, count);
  for (let i = entries.length; i < count; i++) {
    const base = pick(seeds);
    const other = pick(seeds);
    const extra = pick(keywords);
    const sections: Partial<Record<SectionName, string>> = { ...other.sections, ...base.sections };
    entries.push({
      key: `synthetic-${i}`,
      kind: base.kind,
      title: `${extra}${base.title}`,
      questions: [...base.questions.slice(0, 2), ...other.questions.slice(0, 2)].map((question, j) =>
        j === 0 ? `${extra}${question}` : question,
      ),
      keywords: [extra, ...(base.keywords ?? []).slice(0, 3), ...(other.keywords ?? []).slice(0, 2)],
      answer: `${base.answer}${other.answer.slice(0, 120)}`,
      sections: base.kind === 'faq' ? sections : base.sections,
      status: next() < 0.05 ? 'draft' : 'published',
    });
  }
  return entries;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

const lexicon = loadLexicon('seeds/nlp');
const seeds = loadEntryFiles(entryFilesIn('seeds/knowledge'));
const questions = (parse(readFileSync('test/eval/questions.yaml', 'utf8')) as { questions: { text: string }[] }).questions.map(
  ({ text }) => text,
);
const now = new Date();
// Loads jieba's dictionaries and the OpenCC tables, a one-off cost per process not counted below.
buildKnowledgeIndex(seeds.slice(0, 5), lexicon);

const rows: string[] = [];
for (const size of SIZES) {
  const entries = synthesize(seeds, size);
  const before = heapUsed();
  const started = process.hrtime.bigint();
  const startedCpu = process.cpuUsage();
  const index = buildKnowledgeIndex(entries, lexicon);
  const buildCpuMs = cpuMs(process.cpuUsage(startedCpu));
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  const heapMb = (heapUsed() - before) / 2 ** 20;
  // An editor changes one entry: the index is rebuilt, reusing the analysis of the others.
  const changed = entries.map((entry, i) => (i === 0 ? { ...entry, answer: `${entry.answer}（已更新）` } : entry));
  const rebuildStarted = process.hrtime.bigint();
  buildKnowledgeIndex(changed, lexicon, index);
  const rebuildMs = Number(process.hrtime.bigint() - rebuildStarted) / 1e6;
  // One unmeasured round first: steady-state latency, not the JIT compiler's warm-up.
  for (const text of questions) matchQuestion(index, text, { now });
  const latencies: number[] = [];
  const cpuLatencies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const text of questions) {
      const start = process.hrtime.bigint();
      const startCpu = process.cpuUsage();
      matchQuestion(index, text, { now });
      cpuLatencies.push(cpuMs(process.cpuUsage(startCpu)));
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  latencies.sort((a, b) => a - b);
  cpuLatencies.sort((a, b) => a - b);
  const mean = latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length;
  const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
  rows.push(
    `| ${size.toLocaleString('en')} | ${ms(buildMs)} / ${ms(buildCpuMs)} | ${ms(rebuildMs)} | ${ms(percentile(latencies, 50))} / ${ms(percentile(cpuLatencies, 50))} | ${ms(percentile(latencies, 99))} / ${ms(percentile(cpuLatencies, 99))} | ${(1000 / mean).toFixed(0)} | ${heapMb.toFixed(1)} MB |`,
  );
}
console.log(
  [
    `${questions.length} questions × ${ROUNDS} rounds per size; Node ${process.version}; load average ${loadavg()[0].toFixed(1)}.`,
    'Times: wall-clock / CPU.',
    '',
    '| entries | build | rebuild after 1 change (wall) | p50 | p99 | questions/s (wall) | heap used by the index |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n'),
);
