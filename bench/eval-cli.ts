/**
 * Prints the matching evaluation (test/eval/runEval.ts) as Markdown.
 *   npx tsc -p tsconfig.json --outDir /tmp/wenzheng-build && NODE_PATH=node_modules node /tmp/wenzheng-build/bench/eval-cli.js [--check] [--all]
 * --check: exit code 1 when a target is missed. --all: list section mismatches too (failures always).
 * --questions=FILE, --knowledge=DIR: other data (default test/eval/questions.yaml, seeds/knowledge).
 */
import { EVAL_TARGETS, runEvaluation, type EvalStats } from '../test/eval/runEval';

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);

function row(label: string, stats: EvalStats): string {
  return `| ${label} | ${stats.questions} | ${percent(stats.top1)} (${stats.correct}/${stats.inScope}) | ${percent(stats.sectionAccuracy)} (${stats.sectionCorrect}/${stats.withSection}) | ${percent(stats.wrongRate)} (${stats.wrong}) | ${percent(stats.rejection)} (${stats.rejected}/${stats.outOfScope}) | ${percent(stats.clarifyRate)} (${stats.clarified}) |`;
}

const args = new Set(process.argv.slice(2));
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const off = option('off')?.split(',') ?? [];
const report = runEvaluation({ questionsFile: option('questions'), knowledgeDir: option('knowledge'), stages: Object.fromEntries(off.map((stage) => [stage, false])) });
const lines = [
  '| tag | questions | top-1 | section | wrong answers | out-of-scope rejected | clarify |',
  '|---|---|---|---|---|---|---|',
  ...Object.entries(report.byTag).map(([tag, stats]) => row(tag, stats)),
  row('**overall**', report.overall),
  '',
  `Targets: top-1 ≥ ${percent(EVAL_TARGETS.top1)}, wrong answers ≤ ${percent(EVAL_TARGETS.maxWrong)}, out-of-scope rejection ≥ ${percent(EVAL_TARGETS.rejection)}: ${report.meetsTargets ? 'met' : 'NOT met'}`,
  '',
];
for (const { question, kind, result } of report.failures) {
  if (kind === 'section' && !args.has('--all')) continue;
  const got = result.decision === 'answer' ? `${result.entry}${result.section ? `#${result.section}` : ''}` : result.decision;
  const candidates = result.candidates.map((candidate) => `${candidate.entry} ${candidate.score.toFixed(2)}`).join(', ');
  lines.push(
    `- [${kind}] (${question.tag}) ${question.text} — expected ${question.entry ?? 'none'}${question.section ? `#${question.section}` : ''}, got ${got} ${result.score.toFixed(2)} [${candidates}] terms: ${result.terms.join(' ')}`,
  );
}
console.log(lines.join('\n'));
if (args.has('--check') && !report.meetsTargets) process.exitCode = 1;
