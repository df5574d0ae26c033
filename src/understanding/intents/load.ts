import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { contentKey, derivedValue, sourcesBeside, type Pruning } from '../../platform/data/derivedFile';
import { DataFileError, parseDataText, readDataText } from '../../platform/data/loadDataFile';
import type { z } from 'zod';
import { bareForm, compileMessageEdges, type MessageEdges } from './messageEdges';
import { anyPattern, joinedTest, recognizeIntent } from './recognize';
import {
  intentFileSchemaWith,
  REQUIRED_INTENTS,
  WORD_CLASSES_FILE,
  wordClassesFileSchema,
  type Intent,
  type IntentFile,
  type PatternTest,
  type Words,
} from './schema';

/** intents/<name>.yaml; _words.yaml (the shared word classes) is no intent. */
const INTENT_FILE = /^([^_].*)\.ya?ml$/;

/**
 * An intent file as recognition uses it (see Intent), with the message edges of the word classes it was loaded with;
 * `tested` makes each pattern list one test (anyPattern: gated).
 */
export function toIntent(file: IntentFile, edges: MessageEdges, tested: (patterns: readonly RegExp[]) => PatternTest = anyPattern): Intent {
  return {
    ...file,
    edges,
    exampleForms: new Set(file.examples.map((example) => bareForm(example, edges))),
    anyPattern: tested(file.patterns),
    anySequence: tested(file.sequences),
    anyExclude: tested(file.exclude),
    categories: file.categories.map((category) => ({ ...category, anyPattern: tested(category.patterns) })),
    situations: file.situations.map((situation) => ({ ...situation, anyPattern: tested(situation.patterns) })),
  };
}

/**
 * Loads every intents/<name>.yaml (sorted), their patterns' word classes from intents/_words.yaml and checks the set as a whole: names equal file names,
 * no intent twice, the required ones present, emergency first in priority, and every example
 * recognised as its own intent. All problems are reported together as `file: path: reason`.
 * With `matchingCode` (indexCache.ts's matchingCode) the whole-set check's outcome is kept in the user's
 * cache folder under the hash of the files, this folder's code and that code, as the knowledge index is:
 * recognising every example took about 0.15 s of every start and every match thread's.
 */
export function loadIntents(dir: string, options: { matchingCode?: string } = {}): Intent[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => INTENT_FILE.test(name))
      .sort();
  } catch (err) {
    throw new DataFileError([`${dir}: (root): cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }

  const problems: string[] = [];
  // The texts read, kept as the key of the whole-set check's outcome.
  const texts = new Map<string, string>();
  const readAndParse = <S extends z.ZodType>(file: string, schema: S): z.output<S> => {
    const text = readDataText(file);
    texts.set(file, text);
    return parseDataText(file, text, schema);
  };
  let words: Words = { classes: {}, fillers: [], subjects: [], english: {} };
  const classesFile = join(dir, WORD_CLASSES_FILE);
  try {
    if (existsSync(classesFile)) words = readAndParse(classesFile, wordClassesFileSchema);
  } catch (err) {
    if (!(err instanceof DataFileError)) throw err;
    problems.push(...err.problems);
  }
  const edges = compileMessageEdges(words.classes, words.subjects, words.english);
  // Each list's joined expression made once, for the gated intents and the check's ungated copy of them.
  const joined = new Map<readonly RegExp[], PatternTest>();
  const joinedOnce = (patterns: readonly RegExp[]): PatternTest => {
    let test = joined.get(patterns);
    if (!test) joined.set(patterns, (test = joinedTest(patterns)));
    return test;
  };
  const intentFileSchema = intentFileSchemaWith(words, edges);
  const intents: Intent[] = [];
  const fileOf = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const expected = INTENT_FILE.exec(name)![1];
    const earlier = fileOf.get(expected);
    if (earlier) {
      problems.push(`${file}: name: intent "${expected}" is already defined in ${earlier}`);
      continue;
    }
    fileOf.set(expected, file);
    try {
      const parsed = readAndParse(file, intentFileSchema);
      if (parsed.name !== expected) problems.push(`${file}: name: must equal the file name "${expected}", not "${parsed.name}"`);
      else intents.push(toIntent(parsed, edges, (patterns) => anyPattern(patterns, joinedOnce(patterns))));
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      problems.push(...err.problems);
    }
  }
  for (const name of REQUIRED_INTENTS) {
    if (!fileOf.has(name)) problems.push(`${dir}: (root): required intent "${name}" is missing (expected ${name}.yaml)`);
  }
  if (problems.length > 0) throw new DataFileError(problems);

  const check = () => crossCheck(intents, fileOf, joinedOnce);
  problems.push(...(options.matchingCode === undefined ? check() : keptCrossCheck(texts, options.matchingCode, check)));
  if (problems.length > 0) throw new DataFileError(problems);
  return intents;
}

const INTENT_CHECK_FILES: Pruning = { prefix: 'wenzheng-intents-checked-', keep: 4, unusedForMs: 24 * 3_600_000 };

function keptCrossCheck(texts: ReadonlyMap<string, string>, matchingCode: string, check: () => string[]): string[] {
  const key = contentKey(matchingCode, ...sourcesBeside(__filename), ...[...texts].flat());
  return derivedValue(
    `${INTENT_CHECK_FILES.prefix}${key}.json`,
    check,
    { write: (problems) => JSON.stringify(problems), read: (data) => JSON.parse(data.toString('utf8')) as string[] },
    INTENT_CHECK_FILES,
  );
}

/** Problems only the whole set reveals; needs every file valid. `joined`: each pattern list's joined test, as the intents' gates have it. */
function crossCheck(intents: Intent[], fileOf: Map<string, string>, joined: (patterns: readonly RegExp[]) => PatternTest): string[] {
  const problems: string[] = [];
  const emergency = intents.find((i) => i.name === 'emergency')!;
  const rival = intents.filter((i) => i !== emergency).reduce((a, b) => (b.priority > a.priority ? b : a));
  if (rival.priority >= emergency.priority) {
    problems.push(`${fileOf.get('emergency')}: priority: must be higher than every other intent's (${rival.name} has ${rival.priority})`);
  }
  const owner = new Map<string, string>();
  // Recognised by the joined tests, without the gates: working out every list's would cost this one pass about 0.3 s,
  // more than the gates save it (the server works them out once it is ready).
  const ungated = intents.map((intent) => toIntent(intent, intent.edges, joined));
  for (const intent of intents) {
    intent.examples.forEach((example, i) => {
      const where = `${fileOf.get(intent.name)}: examples[${i}]`;
      const form = bareForm(example, intent.edges);
      const other = owner.get(form);
      if (other === undefined) owner.set(form, intent.name);
      else if (other !== intent.name) problems.push(`${where}: is also an example of ${other}`);
      // An example another intent takes (or its own exclude vetoes) can never be recognised as this intent.
      const recognized = recognizeIntent(example, ungated)?.intent ?? null;
      if (recognized !== intent.name) problems.push(`${where}: is recognised as ${recognized ?? 'no intent'}, not as ${intent.name}`);
    });
  }
  return problems;
}
