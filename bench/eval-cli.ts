/**
 * Prints the matching evaluation (test/eval/runEval.ts) as Markdown.
 *   npx tsc -p tsconfig.json --outDir /tmp/wenzheng-build && NODE_PATH=node_modules node /tmp/wenzheng-build/bench/eval-cli.js [--check] [--all] [--ablation]
 * Without --questions: every set side by side — the tuning set test/eval/questions.yaml (the only
 * one with floors: --check exits 1 when it misses a target), then the sets test/eval/sets.ts lists: questions
 * against the seed base (test/eval/NAME.yaml) and other cities' bases (test/eval/NAME/, each with its own
 * knowledge/knowledge.yaml and questions.yaml), when present, each question asked as a new conversation asks
 * it: one taken for a system intent is never matched (counted as missed, or as rejected when it is to be declined, and shown in its own
 * column) — then the system-intent sets (test/eval/*-intents.yaml, other-city/intents.yaml when
 * present: the share of messages whose intent, or none, is recognised), then the tuning set's
 * failures (--all: section mismatches too). A set named with --sets or --failures that has no file
 * is said on stderr, and the exit code is 1.
 * --ablation: the table again with each understanding stage turned off in turn.
 * --sets=NAME,…: only these sets (tuning, the names in test/eval/sets.ts, and the intent sets by file name
 * without .yaml); --failures=NAME,…: these sets' failures instead of the tuning set's (without --sets, only these sets run).
 * --questions=FILE, --knowledge=DIR: one set only, per tag, with its failures.
 */
import { existsSync, readdirSync } from 'node:fs';
import {
  absentSets,
  EVAL_TARGETS,
  runEvaluation,
  runIntentEvaluation,
  setsToRun,
  type EvalOptions,
  type EvalReport,
  type IntentReport,
  type SetStats,
} from '../test/eval/runEval';
import { OTHER_CITY_SETS, SEED_BASE_SETS } from '../test/eval/sets';

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);

function row(label: string, stats: SetStats): string {
  return `| ${label} | ${stats.questions} | ${percent(stats.top1)} (${stats.correct}/${stats.inScope}) | ${percent(stats.wrongRate)} (${stats.wrong}) | ${percent(stats.rejection)} (${stats.rejected}/${stats.outOfScope}) | ${percent(stats.sectionAccuracy)} (${stats.sectionCorrect}/${stats.withSection}) | ${percent(stats.sectionForWholeRate)} (${stats.sectionForWhole}/${stats.wholeAsked}) | ${percent(stats.clarifyRate)} (${stats.clarified}) | ${stats.answerableTakenForIntent + stats.declinedTakenForIntent} (${stats.answerableTakenForIntent} + ${stats.declinedTakenForIntent}) |`;
}
const HEADER = [
  '| set | questions | top-1 | wrong answers | near/out rejected | section right | section given where the whole was asked | clarify | taken for an intent (answerable + to be declined) |',
  '|---|---|---|---|---|---|---|---|---|',
];

const SETS: { name: string; label: string; file: string; options: EvalOptions; present: boolean }[] = [
  { name: 'tuning', label: 'questions.yaml (tuning)', file: 'test/eval/questions.yaml', options: {}, present: true },
  ...SEED_BASE_SETS.map((name) => ({
    name,
    label: `${name}.yaml`,
    file: `test/eval/${name}.yaml`,
    options: { questionsFile: `test/eval/${name}.yaml` },
    present: existsSync(`test/eval/${name}.yaml`),
  })),
  // Knowledge bases the project has never seen, each with its own entries and questions.
  ...OTHER_CITY_SETS.map((name) => ({
    name,
    label: name,
    file: `test/eval/${name}/questions.yaml`,
    options: { questionsFile: `test/eval/${name}/questions.yaml`, knowledgeFile: `test/eval/${name}/knowledge/knowledge.yaml` },
    present: existsSync(`test/eval/${name}/questions.yaml`) && existsSync(`test/eval/${name}/knowledge/knowledge.yaml`),
  })),
];

/** System-intent sets: messages with the intent expected (null: a knowledge question). */
const INTENT_SETS = [
  ...(existsSync('test/eval') ? readdirSync('test/eval') : [])
    .filter((file) => file.endsWith('-intents.yaml'))
    .sort()
    .map((file) => ({ name: file.replace(/\.yaml$/, ''), file: `test/eval/${file}` })),
  // Named though other-city has no intent set yet: --sets=other-city-intents then says the file is absent.
  { name: 'other-city-intents', file: 'test/eval/other-city/intents.yaml' },
].map((set) => ({ ...set, present: existsSync(set.file) }));

const INTENT_HEADER = ['| intent set | messages | recognised | knowledge questions taken for an intent |', '|---|---|---|---|'];

function intentRow(label: string, report: IntentReport): string {
  return `| ${label} | ${report.messages} | ${percent(report.rate)} (${report.right}) | ${report.falseIntents} |`;
}

/** The stages an ablation turns off, one at a time (see MatchStages and LexiconStages). */
const ABLATION = ['colloquial', 'homophones', 'actions', 'story', 'structure'] as const;

function failureLines(report: EvalReport, all: boolean): string[] {
  return report.failures
    .filter(({ kind }) => all || kind !== 'section')
    .map(({ question, kind, result, intent }) => {
      const matched = result.decision === 'answer' ? `${result.entry}${result.section ? `#${result.section}` : ''}` : result.decision;
      const got = intent ? `intent ${intent} (matched: ${matched})` : matched;
      const candidates = result.candidates.map((candidate) => `${candidate.entry} ${candidate.score.toFixed(2)}`).join(', ');
      return `- [${kind}] (${question.tag}) ${question.text} — expected ${question.entry ?? 'none'}${question.section ? `#${question.section}` : ''}, got ${got} ${result.score.toFixed(2)} [${candidates}] terms: ${result.terms.join(' ')}`;
    });
}

const args = new Set(process.argv.slice(2));
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const chosen = setsToRun({ sets: option('sets'), failures: option('failures') });
const wanted = (name: string) => chosen === undefined || chosen.includes(name);
const absent = absentSets(chosen, [...SETS, ...INTENT_SETS]);
for (const problem of absent) console.error(problem);
if (absent.length > 0) process.exitCode = 1;
const lines: string[] = [];
let tuning: EvalReport;
/** Whose failures are listed: the tuning set's unless --failures names others. */
const failuresOf = option('failures')?.split(',') ?? ['tuning'];
let failing: { name: string; report: EvalReport }[] = [];
if (option('questions') || option('knowledge')) {
  tuning = runEvaluation({ questionsFile: option('questions'), knowledgeDir: option('knowledge') });
  lines.push(...HEADER, ...Object.entries(tuning.byTag).map(([tag, stats]) => row(tag, stats)), row('**overall**', tuning.overall), '');
} else {
  const table = (stages: EvalOptions['stages']) => {
    return SETS.filter(({ name, present }) => present && wanted(name)).map(({ name, label, options }) => ({
      name,
      label,
      report: runEvaluation({ ...options, stages }),
    }));
  };
  const all = table(undefined);
  tuning = all.find(({ name }) => name === 'tuning')?.report ?? runEvaluation();
  failing = all.filter(({ name }) => failuresOf.includes(name));
  lines.push(...HEADER, ...all.map(({ label, report }) => row(label, report.overall)), '');
  const intentReports = INTENT_SETS.filter(({ name, present }) => present && wanted(name)).map(({ name, file }) => ({
    name,
    report: runIntentEvaluation({ messagesFile: file }),
  }));
  if (intentReports.length > 0) {
    lines.push(...INTENT_HEADER, ...intentReports.map(({ name, report }) => intentRow(name, report)), '');
    for (const { name, report } of intentReports.filter(({ name }) => failuresOf.includes(name))) {
      lines.push(
        ...report.failures.map(({ text, expected, got }) => `- (${name}) ${text} — expected ${expected ?? 'none'}, got ${got ?? 'none'}`),
        '',
      );
    }
  }
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
  ...(failing.length > 0 ? failing : [{ name: 'tuning', report: tuning }]).flatMap(({ name, report }) => [
    `Failures of ${name}:`,
    ...failureLines(report, args.has('--all')),
    '',
  ]),
);
console.log(lines.join('\n'));
if (args.has('--check') && !tuning.meetsTargets) process.exitCode = 1;
