import { resolve } from 'node:path';
import { z } from 'zod';
import { DataFileError, loadDataFile } from '../../src/platform/data/loadDataFile';
import { SECTION_NAMES } from '../../entities/knowledgeEntryFile';
import { entryFilesIn, loadEntryFiles } from '../../src/knowledge/entryFiles';
import { intentOutsideQueue } from '../../src/dialogue/engine';
import { loadIntents } from '../../src/understanding/intents/load';
import { recognizeIntent } from '../../src/understanding/intents/recognize';
import { buildKnowledgeIndex } from '../../src/understanding/nlp/knowledgeIndex';
import { ALL_LEXICON_STAGES, loadLexicon, type LexiconStages } from '../../src/understanding/nlp/lexicon';
import { matchQuestion, type MatchResult, type MatchStages } from '../../src/understanding/nlp/match';
import { loadCity } from '../../src/understanding/places/city';
import { Places } from '../../src/understanding/places/places';
import { statsOf, type EvalOutcome, type EvalStats } from '../../src/knowledge/evaluation';

/**
 * A set's totals as the eval table shows them: EvalStats, and how often a section is given where the
 * whole entry was asked (the section metric counts only questions labelled with a section, so giving
 * one to a question asking for the whole entry would cost nothing there).
 */
export interface SetStats extends EvalStats {
  /** In-scope questions labelled with no section, answered with the right entry. */
  wholeAsked: number;
  /** Of those, answered with a section instead of the whole entry. */
  sectionForWhole: number;
  /** sectionForWhole ÷ wholeAsked. */
  sectionForWholeRate: number | null;
  /** In-scope questions taken for a system intent (counted as missed: the base never answers them). */
  answerableTakenForIntent: number;
  /** Out-of-scope questions taken for a system intent (counted as rejected: nothing from the base is said). */
  declinedTakenForIntent: number;
}

/** A question, what the matcher made of it, and the system intent the conversation takes it for (null: none, it is matched). */
export interface SetOutcome extends EvalOutcome {
  intent?: string | null;
}

/** What the citizen hears: a question taken for an intent gets the intent's reply, never an entry. */
const TAKEN_FOR_INTENT = { decision: 'intent', entry: null, section: null } as const;

export function setStatsOf(setOutcomes: readonly SetOutcome[]): SetStats {
  const outcomes = setOutcomes.map(({ question, result, intent }) => ({ question, result: intent ? TAKEN_FOR_INTENT : result }));
  const taken = setOutcomes.filter(({ intent }) => intent);
  const wholeRight = outcomes.filter(
    ({ question, result }) =>
      question.entry !== null && question.section === null && result.decision === 'answer' && result.entry === question.entry,
  );
  const sectionForWhole = wholeRight.filter(({ result }) => result.section !== null).length;
  return {
    ...statsOf(outcomes),
    wholeAsked: wholeRight.length,
    sectionForWhole,
    sectionForWholeRate: wholeRight.length === 0 ? null : sectionForWhole / wholeRight.length,
    answerableTakenForIntent: taken.filter(({ question }) => question.entry !== null).length,
    declinedTakenForIntent: taken.filter(({ question }) => question.entry === null).length,
  };
}

/** Offline evaluation of question matching against the seed knowledge base (definitions: src/knowledge/evaluation.ts). */
export const EVAL_TARGETS = { top1: 0.95, maxWrong: 0.02, rejection: 0.95 } as const;

/** An evaluation question file (test/eval/*.yaml); exported so tests can check a set's coverage. */
export const evalFileSchema = z.strictObject({
  questions: z.array(
    z.strictObject({
      text: z.string().trim().min(1, 'must not be empty'),
      entry: z.string().min(1).nullable(),
      section: z.enum(SECTION_NAMES).nullable().default(null),
      tag: z.string().min(1, 'must not be empty'),
    }),
  ),
});

export type EvalQuestion = z.output<typeof evalFileSchema>['questions'][number];

export interface EvalFailure {
  question: EvalQuestion;
  /** wrong-answer | missed (in scope, not answered right) | answered-out-of-scope | section | intent (in scope, taken for a system intent) */
  kind: 'wrong-answer' | 'missed' | 'answered-out-of-scope' | 'section' | 'intent';
  result: MatchResult;
  /** The system intent the question was taken for, if any (then result is what the matcher would have said). */
  intent: string | null;
}

export interface EvalReport {
  overall: SetStats;
  byTag: Record<string, SetStats>;
  failures: EvalFailure[];
  meetsTargets: boolean;
}

export interface EvalOptions {
  /** Repository root; defaults to the working directory. */
  root?: string;
  questionsFile?: string;
  knowledgeDir?: string;
  /** One entry file instead of knowledgeDir (another city's knowledge base: test/eval/other-city/knowledge.yaml). */
  knowledgeFile?: string;
  lexiconDir?: string;
  /** The system intents a conversation recognizes before it matches a question; defaults to intents/. */
  intentsDir?: string;
  /** The city the bot serves (questions about other places are not answered), as the app reads it. */
  cityFile?: string;
  /** The day entries must be valid on; defaults to now. */
  now?: Date;
  /** Understanding stages to turn off, for an ablation (all on by default). */
  stages?: Partial<MatchStages & LexiconStages>;
}

interface Outcome {
  question: EvalQuestion;
  result: MatchResult;
  intent: string | null;
}

function failureOf({ question, result, intent }: Outcome): EvalFailure | null {
  const failure = (kind: EvalFailure['kind']) => ({ question, result, intent, kind });
  if (intent) return question.entry === null ? null : failure('intent');
  if (result.decision === 'answer' && result.entry !== question.entry) {
    return failure(question.entry === null ? 'answered-out-of-scope' : 'wrong-answer');
  }
  if (question.entry !== null && result.decision !== 'answer') return failure('missed');
  if (question.entry !== null && question.section !== result.section) return failure('section');
  return null;
}

/**
 * The sets an evaluation run reports (undefined: all): those --sets names, else those --failures names,
 * so that listing one set's failures shows no other set's totals (the unseen sets' among them).
 */
export function setsToRun(options: { sets?: string; failures?: string }): string[] | undefined {
  return (options.sets ?? options.failures)?.split(',');
}

/**
 * Why a set the run names prints no row: its file is absent here, or no set has that name (a typo).
 * Said rather than skipped, so that an empty table is never read as a set with nothing to report.
 */
export function absentSets(
  chosen: readonly string[] | undefined,
  sets: readonly { name: string; file: string; present: boolean }[],
): string[] {
  return (chosen ?? []).flatMap((name) => {
    const set = sets.find((candidate) => candidate.name === name);
    if (!set) return [`no set is named "${name}" (sets: ${sets.map(({ name }) => name).join(', ')})`];
    return set.present ? [] : [`set "${name}" has no file: ${set.file} is absent`];
  });
}

/** Runs every evaluation question through the matching pipeline; throws DataFileError on bad data. */
export function runEvaluation(options: EvalOptions = {}): EvalReport {
  const root = options.root ?? process.cwd();
  const questionsFile = resolve(root, options.questionsFile ?? 'test/eval/questions.yaml');
  const entries = loadEntryFiles(
    options.knowledgeFile ? [resolve(root, options.knowledgeFile)] : entryFilesIn(resolve(root, options.knowledgeDir ?? 'seeds/knowledge')),
  );
  const lexicon = loadLexicon(resolve(root, options.lexiconDir ?? 'seeds/nlp'), { ...ALL_LEXICON_STAGES, ...options.stages });
  const { questions } = loadDataFile(questionsFile, evalFileSchema);
  const keys = new Set(entries.map((entry) => entry.key));
  const problems = questions.flatMap((question, i) =>
    question.entry !== null && !keys.has(question.entry)
      ? [`${questionsFile}: questions[${i}].entry: no knowledge entry has key "${question.entry}"`]
      : [],
  );
  if (problems.length > 0) throw new DataFileError(problems);

  const index = buildKnowledgeIndex(entries, lexicon);
  const places = new Places(loadCity(resolve(root, options.cityFile ?? 'config/city.yaml')));
  const intents = loadIntents(resolve(root, options.intentsDir ?? 'intents'));
  const now = options.now ?? new Date();
  const outcomes = questions.map((question) => ({
    question,
    result: matchQuestion(index, question.text, { now, places, stages: options.stages }),
    // As a new conversation hears it (the dialogue engine, understandQuestion): a system intent is
    // acted on before the knowledge base is asked, recognized with the lexicon questions are matched with.
    intent: intentOutsideQueue(recognizeIntent(question.text, intents, lexicon))?.intent ?? null,
  }));
  const tags = [...new Set(questions.map((question) => question.tag))].sort();
  const overall = setStatsOf(outcomes);
  return {
    overall,
    byTag: Object.fromEntries(tags.map((tag) => [tag, setStatsOf(outcomes.filter(({ question }) => question.tag === tag))])),
    failures: outcomes.map(failureOf).filter((failure): failure is EvalFailure => failure !== null),
    meetsTargets:
      (overall.top1 ?? 1) >= EVAL_TARGETS.top1 &&
      (overall.wrongRate ?? 0) <= EVAL_TARGETS.maxWrong &&
      (overall.rejection ?? 1) >= EVAL_TARGETS.rejection,
  };
}

const intentFileSchema = z.strictObject({
  messages: z.array(
    z.strictObject({
      text: z.string().trim().min(1, 'must not be empty'),
      /** The system intent the message expresses, or null for a knowledge question. */
      intent: z.string().min(1).nullable(),
    }),
  ),
});

export interface IntentFailure {
  text: string;
  expected: string | null;
  got: string | null;
}

export interface IntentReport {
  messages: number;
  /** Messages whose intent (or null) was recognised as expected. */
  right: number;
  /** right ÷ messages. */
  rate: number | null;
  /** Knowledge questions (intent: null) taken for a system intent. */
  falseIntents: number;
  failures: IntentFailure[];
}

/** Runs every message of an intent set through recognizeIntent with the questions' lexicon, as the app does. */
export function runIntentEvaluation(options: {
  root?: string;
  messagesFile: string;
  intentsDir?: string;
  lexiconDir?: string;
}): IntentReport {
  const root = options.root ?? process.cwd();
  const messagesFile = resolve(root, options.messagesFile);
  const intents = loadIntents(resolve(root, options.intentsDir ?? 'intents'));
  const lexicon = loadLexicon(resolve(root, options.lexiconDir ?? 'seeds/nlp'));
  const { messages } = loadDataFile(messagesFile, intentFileSchema);
  const names = new Set(intents.map((intent) => intent.name));
  const problems = messages.flatMap((message, i) =>
    message.intent !== null && !names.has(message.intent)
      ? [`${messagesFile}: messages[${i}].intent: no intent is named "${message.intent}"`]
      : [],
  );
  if (problems.length > 0) throw new DataFileError(problems);
  const failures = messages
    .map(({ text, intent }) => ({ text, expected: intent, got: recognizeIntent(text, intents, lexicon)?.intent ?? null }))
    .filter(({ expected, got }) => expected !== got);
  return {
    messages: messages.length,
    right: messages.length - failures.length,
    rate: messages.length === 0 ? null : (messages.length - failures.length) / messages.length,
    falseIntents: failures.filter(({ expected }) => expected === null).length,
    failures,
  };
}
