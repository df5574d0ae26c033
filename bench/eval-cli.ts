/**
 * Prints the matching evaluation (test/eval/runEval.ts) as Markdown.
 *   npx tsc -p tsconfig.json --outDir /tmp/wenzheng-build && NODE_PATH=node_modules node /tmp/wenzheng-build/bench/eval-cli.js [--check] [--all] [--ablation]
 * Without --questions: every set side by side — the tuning set test/eval/questions.yaml (the only
 * one with floors: --check exits 1 when it misses a target), test/eval/heldout.yaml,
 * test/eval/heldout-2.yaml, test/eval/heldout-3.yaml and test/eval/other-city/ (its own knowledge/knowledge.yaml and questions.yaml)
 * when present — then the tuning set's failures (--all: section mismatches too).
 * --ablation: the table again with each understanding stage turned off in turn.
 * --questions=FILE, --knowledge=DIR: one set only, per tag, with its failures.
 */
import { existsSync } from 'node:fs';
import { EVAL_TARGETS, runEvaluation, type EvalOptions, type EvalReport, type EvalStats } from '../test/eval/runEval';

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);

function row(label: string, stats: EvalStats): string {
  return `| ${label} | ${stats.questions} | ${percent(stats.top1)} (${stats.correct}/${stats.inScope}) | ${percent(stats.wrongRate)} (${stats.wrong}) | ${percent(stats.rejection)} (${stats.rejected}/${stats.outOfScope}) | ${percent(stats.sectionAccuracy)} (${stats.sectionCorrect}/${stats.withSection}) | ${percent(stats.clarifyRate)} (${stats.clarified}) |`;
}
const HEADER = [
  '| set | questions | top-1 | wrong answers | near/out rejected | section right | clarify |',
  '|---|---|---|---|---|---|---|',
];

const SETS: { label: string; options: EvalOptions; present: boolean }[] = [
  { label: 'questions.yaml (tuning)', options: {}, present: true },
  { label: 'heldout.yaml', options: { questionsFile: 'test/eval/heldout.yaml' }, present: existsSync('test/eval/heldout.yaml') },
  { label: 'heldout-2.yaml', options: { questionsFile: 'test/eval/heldout-2.yaml' }, present: existsSync('test/eval/heldout-2.yaml') },
  { label: 'heldout-3.yaml', options: { questionsFile: 'test/eval/heldout-3.yaml' }, present: existsSync('test/eval/heldout-3.yaml') },
  {
    label: 'other-city',
    options: { questionsFile: 'test/eval/other-city/questions.yaml', knowledgeFile: 'test/eval/other-city/knowledge/knowledge.yaml' },
    present: existsSync('test/eval/other-city/questions.yaml') && existsSync('test/eval/other-city/knowledge/knowledge.yaml'),
  },
];

/** The stages an ablation turns off, one at a time (see MatchStages and LexiconStages). */
const ABLATION = ['colloquial', 'homophones', 'actions', 'story', 'structure'] as const;

function failureLines(report: EvalReport, all: boolean): string[] {
  return report.failures
    .filter(({ kind }) => all || kind !== 'section')
    .map(({ question, kind, result }) => {
      const got = result.decision === 'answer' ? `${result.entry}${result.section ? `#${result.section}` : ''}` : result.decision;
      const candidates = result.candidates.map((candidate) => `${candidate.entry} ${candidate.score.toFixed(2)}`).join(', ');
      return `- [${kind}] (${question.tag}) ${question.text} — expected ${question.entry ?? 'none'}${question.section ? `#${question.section}` : ''}, got ${got} ${result.score.toFixed(2)} [${candidates}] terms: ${result.terms.join(' ')}`;
    });
}

const args = new Set(process.argv.slice(2));
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const lines: string[] = [];
let tuning: EvalReport;
if (option('questions') || option('knowledge')) {
  tuning = runEvaluation({ questionsFile: option('questions'), knowledgeDir: option('knowledge') });
  lines.push(...HEADER, ...Object.entries(tuning.byTag).map(([tag, stats]) => row(tag, stats)), row('**overall**', tuning.overall), '');
} else {
  const table = (stages: EvalOptions['stages']) => {
    return SETS.filter(({ present }) => present).map(({ label, options }) => ({ label, report: runEvaluation({ ...options, stages }) }));
  };
  const all = table(undefined);
  tuning = all[0].report;
  lines.push(...HEADER, ...all.map(({ label, report }) => row(label, report.overall)), '');
  if (args.has('--ablation')) {
    for (const stage of ABLATION) {
      lines.push(
        `Without ${stage}:`,
        '',
        ...HEADER,
        ...table({ [stage]: false }).map(({ label, report }) => row(label, report.overall)),
        '',
      );
    }
  }
}
lines.push(
  `Targets (tuning set): top-1 ≥ ${percent(EVAL_TARGETS.top1)}, wrong answers ≤ ${percent(EVAL_TARGETS.maxWrong)}, out-of-scope rejection ≥ ${percent(EVAL_TARGETS.rejection)}: ${tuning.meetsTargets ? 'met' : 'NOT met'}`,
  '',
  ...failureLines(tuning, args.has('--all')),
);
console.log(lines.join('\n'));
if (args.has('--check') && !tuning.meetsTargets) process.exitCode = 1;
