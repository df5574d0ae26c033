/**
 * System intents (系统意图) as data: one YAML file per intent in intents/, validated here.
 * Every regular expression is a source string matched against the normalized text (see
 * src/understanding/nlp/normalize.ts: simplified, half-width, lower-case, punctuation turned into one space).
 */
import { z } from 'zod';
import { normalize } from '../nlp/normalize';
import { bareForm, MESSAGE_EDGE_CLASSES, NO_MESSAGE_EDGES, type MessageEdges } from './messageEdges';

/** The intents the dialogue relies on; a folder without one of them is refused at start-up. */
export const REQUIRED_INTENTS = [
  'greeting',
  'thanks',
  'goodbye',
  'menu',
  'human',
  'disclosure.apply',
  'disclosure.status',
  'hotline.report',
  'ticket.status',
  'feedback',
  'emergency',
  'waiting',
] as const;

/** Thanks that declines a person (不用转人工了): while queued, the dialogue leaves the queue. */
export const NO_PERSON_CATEGORY = 'noPerson';

/** The categories the dialogue reads, by intent; an intent file without one of them is refused. */
const CATEGORIES_READ: Readonly<Record<string, readonly string[]>> = {
  feedback: ['positive', 'negative'],
  thanks: [NO_PERSON_CATEGORY],
};

/**
 * Filled by the engine, not by the text: {menu} is the bot's list of services (src/dialogue/texts.ts MENU),
 * {hours} the operators' service hours ("周一至周五 08:30-17:30（法定节假日除外）").
 */
export const ENGINE_PLACEHOLDERS = ['menu', 'hours'] as const;

/** {name} in a reply template. */
export const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

const text = z.string().trim().min(1, 'must not be empty');
const code = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase code such as complaint');

/** Compiles a regular-expression source, reporting a bad one (or one that matches empty text) on ctx. */
function compileSource(source: string, ctx: z.RefinementCtx): RegExp {
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `is not a valid regular expression: ${(err as Error).message}` });
    return z.NEVER;
  }
  // A pattern that matches empty text would fire on (or veto) every message.
  if (compiled.test('')) {
    ctx.addIssue({ code: 'custom', message: 'matches empty text, so it would match every message' });
    return z.NEVER;
  }
  return compiled;
}

/** A regular-expression source, compiled once here so a bad one is reported with its path. */
export const regex = z
  .string()
  .min(1, 'must not be empty')
  .transform((source, ctx) => compileSource(source, ctx));

/**
 * Word classes the intents' patterns share (intents/_words.yaml): name → words, e.g.
 * status: [进度, 结果, 办结…]. A pattern writes `{status}` for "one of these words", so that it reads
 * as the structure of a request (whose matter + what is asked about it), not as a list of sentences.
 */
export type WordClasses = Readonly<Record<string, readonly string[]>>;

export const WORD_CLASSES_FILE = '_words.yaml';

const escapeWord = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const className = z.string().regex(/^[a-z][A-Za-z]*$/, 'must be a camelCase name such as status');
const edgeClasses = new Set<string>(Object.values(MESSAGE_EDGE_CLASSES));

export const wordClassesFileSchema = z
  .strictObject({
    classes: z.record(className, z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'needs at least one word')),
    /** The classes a sequence lets through between and around its steps (particles, politeness): see sequenceWith. */
    fillers: z.array(className).default([]),
    /** The classes that name what a matter is about (a public thing, its fault): not the intents' own vocabulary (see compileMessageEdges). */
    subjects: z.array(className).default([]),
    /**
     * English words as one of the classes' words ('' for one that changes no intent: a, please): a message wholly of
     * them is also read as those words (thank you so much → 谢谢你), see recognize.ts's englishForm.
     */
    english: z.record(z.string().regex(/^[a-z]+$/, 'must be one lower-case English word'), z.string()).default({}),
  })
  .superRefine((file, ctx) => {
    for (const field of ['fillers', 'subjects'] as const)
      file[field].forEach((name, i) => {
        if (!Object.hasOwn(file.classes, name))
          ctx.addIssue({ code: 'custom', path: [field, i], message: 'names no word class in classes' });
      });
    const classWords = new Set(Object.values(file.classes).flat());
    for (const [word, read] of Object.entries(file.english))
      if (read !== '' && !classWords.has(read))
        ctx.addIssue({ code: 'custom', path: ['english', word], message: `"${read}" is no word of a class in classes` });
    // A message's edges are cut from the normalized message (messageEdges.ts), so they are written as it is.
    for (const [name, words] of Object.entries(file.classes)) {
      if (!edgeClasses.has(name)) continue;
      words.forEach((word, i) => {
        if (normalize(word) !== word)
          ctx.addIssue({
            code: 'custom',
            path: ['classes', name, i],
            message: `must be written normalized (simplified, lower-case, no punctuation): "${normalize(word)}"`,
          });
      });
    }
  });

/** The word classes and which of them are fillers (intents/_words.yaml). */
export type Words = z.output<typeof wordClassesFileSchema>;

/** `{name}` in a pattern: a word class (digits in braces stay regex quantifiers). */
const CLASS_REFERENCE = /\{([a-z][A-Za-z]*)\}/g;

/** One of a class's words, longest first, as a regular-expression source. */
function classSource(words: readonly string[]): string {
  return `(?:${[...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeWord)
    .join('|')})`;
}

/** A step of a sequence: one class or several (`hello|bot`), perhaps with ? (optional), + (one or more) or * (any number). */
const STEP = /^([a-z][A-Za-z]*(?:\|[a-z][A-Za-z]*)*)([?+*]?)$/;

/**
 * Sequences: a message as the word classes it is made of, in order (`gratitude+ bot?`: thanks, said
 * once or more, perhaps to the bot), with the fillers' words (particles, politeness, spaces) allowed
 * before, between and after the steps and nothing else. Compiled to one anchored expression, so that a
 * sequence takes every wording made of its classes' words and a question with any other word
 * (公积金, 补贴) is left to knowledge matching.
 */
function sequenceWith({ classes, fillers }: Words) {
  const filler = `(?:${[...fillers.map((name) => classSource(classes[name])), ' '].join('|')})*`;
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .transform((source, ctx) => {
      const steps: string[] = [];
      for (const step of source.split(/\s+/)) {
        const parsed = STEP.exec(step);
        if (!parsed) {
          ctx.addIssue({ code: 'custom', message: `step "${step}" must be class names joined by | with ?, + or * after them` });
          return z.NEVER;
        }
        const names = parsed[1].split('|');
        const unknown = names.find((name) => !Object.hasOwn(classes, name));
        if (unknown !== undefined) {
          ctx.addIssue({ code: 'custom', message: `uses unknown word class ${unknown} (see ${WORD_CLASSES_FILE})` });
          return z.NEVER;
        }
        steps.push(`(?:(?:${names.map((name) => classSource(classes[name])).join('|')})${filler})${parsed[2]}`);
      }
      return compileSource(`^${filler}${steps.join('')}$`, ctx);
    });
}

/** Patterns whose `{name}` stands for one of the class's words, longest first. */
function regexWith(classes: WordClasses) {
  return z
    .string()
    .min(1, 'must not be empty')
    .transform((source, ctx) => {
      const unknown = [...source.matchAll(CLASS_REFERENCE)].map((m) => m[1]).filter((name) => !Object.hasOwn(classes, name));
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `uses unknown word class {${unknown[0]}} (see ${WORD_CLASSES_FILE})` });
        return z.NEVER;
      }
      const expanded = source.replace(CLASS_REFERENCE, (_, name: string) => classSource(classes[name]));
      return compileSource(expanded, ctx);
    });
}

/** An intent file whose patterns and sequences may use `words`' classes; `edges` (compiled from them) tell which examples say the same. */
export function intentFileSchemaWith(words: Words, edges: MessageEdges) {
  const pattern = regexWith(words.classes);
  const regexList = z.array(pattern);

  /**
   * A value taken from the text, e.g. a case number. `format` writes it in canonical form with $1…$9,
   * $<name> for the pattern's groups and $& for the whole match (the default); `recognizes` means the
   * value alone is enough to recognise the intent (a bare case number).
   */
  const captureSchema = z.strictObject({
    pattern,
    format: z.string().min(1, 'must not be empty').default('$&'),
    recognizes: z.boolean().default(false),
  });

  /** A sub-kind told from the text once the intent is recognised (投诉 vs 举报; useful vs not useful). */
  const categorySchema = z.strictObject({
    code,
    label: text,
    patterns: regexList.min(1, 'needs at least one pattern'),
    /** Replies for this category, tried before the intent's own. */
    replies: z.array(text).default([]),
  });

  /** An emergency by its service; its patterns recognise the intent by themselves. The number is the city's (config/city.yaml emergencyNumbers). */
  const situationSchema = z.strictObject({
    service: code,
    patterns: regexList.min(1, 'needs at least one pattern'),
  });

  return z
    .strictObject({
      name: z.string().regex(/^[a-z]+(\.[a-z]+)*$/, 'must be lower-case words joined by dots, such as disclosure.apply'),
      description: text,
      /** The higher wins when several intents fire; emergency must be the highest. */
      priority: z.number().int('must be a whole number'),
      /** Longest text (characters, spaces not counted) this intent is recognised in: keeps 你好 out of long questions. */
      maxLength: z.number().int('must be a whole number').positive('must be greater than 0').optional(),
      /**
       * Whether a clause telling a story in words of its own may stand beside the intent's clause (提交公开申请 老城区拆迁的
       * 补偿公告): an intent that takes a matter on, of which the story tells (recognize.ts's byClauses).
       */
      withStory: z.boolean().default(false),
      examples: z.array(text).min(8, 'needs at least 8 examples'),
      patterns: regexList.default([]),
      /** Messages as word classes in order (see sequenceWith): a hit recognises the intent as a pattern does. */
      sequences: z.array(sequenceWith(words)).default([]),
      exclude: regexList.default([]),
      replies: z.array(text).min(1, 'needs at least one reply'),
      capture: z.record(code, captureSchema).default({}),
      categories: z.array(categorySchema).default([]),
      situations: z.array(situationSchema).default([]),
    })
    .superRefine((file, ctx) => {
      const recognizing =
        file.patterns.length +
        file.sequences.length +
        file.situations.length +
        Object.values(file.capture).filter((c) => c.recognizes).length;
      if (recognizing === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['patterns'],
          message: 'needs at least one pattern (or a sequence, a situation, or a capture that recognizes)',
        });
      if (file.name === 'emergency' && file.situations.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['situations'], message: 'emergency needs its situations (service, patterns)' });
      }
      for (const code of CATEGORIES_READ[file.name] ?? []) {
        if (!file.categories.some((c) => c.code === code))
          ctx.addIssue({ code: 'custom', path: ['categories'], message: `${file.name} needs a "${code}" category` });
      }

      // Always known: {numbers} (emergency lists all of them when no situation is named). Maybe known: the rest.
      const always = new Set<string>(file.situations.length > 0 ? ['numbers'] : []);
      const known = new Set<string>([
        ...always,
        ...ENGINE_PLACEHOLDERS,
        ...Object.keys(file.capture),
        ...(file.categories.length > 0 ? ['category'] : []),
      ]);
      const checkTemplates = (templates: string[], path: (string | number)[]) =>
        templates.forEach((template, i) => {
          for (const name of placeholdersOf(template)) {
            if (!known.has(name))
              ctx.addIssue({
                code: 'custom',
                path: [...path, i],
                message: `uses unknown placeholder {${name}}; this intent offers ${[...known].map((k) => `{${k}}`).join(' ') || 'none'}`,
              });
          }
        });
      checkTemplates(file.replies, ['replies']);
      file.categories.forEach((category, i) => checkTemplates(category.replies, ['categories', i, 'replies']));
      if (!file.replies.some((template) => placeholdersOf(template).every((name) => always.has(name)))) {
        ctx.addIssue({
          code: 'custom',
          path: ['replies'],
          message: 'needs one reply without placeholders the text may lack, for when they are missing',
        });
      }

      const seen = new Map<string, number>();
      file.examples.forEach((example, i) => {
        const form = bareForm(example, edges);
        const first = seen.get(form);
        // An empty example is already reported by its own schema.
        if (form === '') {
          if (example !== '')
            ctx.addIssue({ code: 'custom', path: ['examples', i], message: 'has no words once normalized (only punctuation or emoji)' });
        } else if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: ['examples', i], message: `says the same as examples[${first}]` });
        else seen.set(form, i);
      });
    });
}

/** An intent file without word classes. */
export const intentFileSchema = intentFileSchemaWith({ classes: {}, fillers: [], subjects: [], english: {} }, NO_MESSAGE_EDGES);

export type IntentFile = z.output<typeof intentFileSchema>;
export type EmergencySituation = IntentFile['situations'][number];

/** A pattern list as one test: a text passes when one of the patterns hits it. */
export interface PatternTest {
  test(text: string): boolean;
  /** Works out now what the test would otherwise work out at its first text (anyPattern's gate). */
  prepare?: () => void;
}

/** What recognition tries a pattern list by: its patterns as one test. */
type Tested<T> = T & { anyPattern: PatternTest };

/**
 * A loaded intent: the file plus what recognition compares, worked out once at loading: its examples
 * in the form they are compared in, and each pattern list (patterns, sequences, exclude, each category's
 * and situation's) as one test.
 */
export interface Intent extends Omit<IntentFile, 'categories' | 'situations'> {
  /** The message edges of the word classes it was loaded with, one object shared by the intents of a folder: recognition reads the first's. */
  edges: MessageEdges;
  exampleForms: ReadonlySet<string>;
  anyPattern: PatternTest;
  anySequence: PatternTest;
  anyExclude: PatternTest;
  categories: Tested<IntentFile['categories'][number]>[];
  situations: Tested<EmergencySituation>[];
}
