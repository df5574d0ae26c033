import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError, loadDataFile } from '../../platform/data/loadDataFile';
import { SECTION_NAMES, type SectionName } from '../../../entities/knowledgeEntryFile';
import { normalize } from './normalize';
import { PhraseFinder } from './phraseFinder';
import { RecentValues } from './recentValues';
import type { TypoModel } from './typos';
import { alternation, amountForm, NO_STORY_CUES, storyFileSchema, type StoryCues } from './story';
import { compileQuestionForms, type QuestionFormWords, type QuestionForms } from './sectionForms';
import { WordTrie } from './wordTrie';

/**
 * The vocabulary data a city's interpreters maintain, one YAML file each in a lexicon folder
 * (seeds/nlp): dictionary.yaml, synonyms.yaml, stopwords.yaml, sections.yaml and, optionally,
 * colloquial.yaml (everyday words, homophone typos and action words for government services) and
 * story.yaml (how the question is found inside a story).
 */
export const LEXICON_FILES = {
  dictionary: 'dictionary.yaml',
  synonyms: 'synonyms.yaml',
  stopWords: 'stopwords.yaml',
  sections: 'sections.yaml',
  colloquial: 'colloquial.yaml',
  story: 'story.yaml',
} as const;

/** Lexicon terms are compared with normalized text, so they must already be in normalized form. */
const term = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(30, 'must be at most 30 characters')
  .superRefine((value, ctx) => {
    const normalized = normalize(value);
    if (normalized !== value) {
      ctx.addIssue({
        code: 'custom',
        message: `must be written normalized (simplified, lower-case, no punctuation or spaces): "${normalized}"`,
      });
    } else if (value.includes(' ')) {
      ctx.addIssue({ code: 'custom', message: 'must be one word, without spaces' });
    }
  });

/** dictionary.yaml — words the segmenter must keep whole (a jieba user dictionary without frequencies). */
export const dictionaryFileSchema = z.strictObject({ words: z.array(term) });

/** synonyms.yaml — canonical term → the colloquial words, abbreviations and old names that mean it. */
export const synonymsFileSchema = z
  .strictObject({ synonyms: z.record(term, z.array(term).min(1, 'needs at least one variant')) })
  .superRefine((file, ctx) => {
    const canonicalOf = new Map<string, string>();
    for (const [canonical, variants] of Object.entries(file.synonyms)) {
      variants.forEach((variant, i) => {
        const earlier = canonicalOf.get(variant);
        if (variant === canonical)
          ctx.addIssue({ code: 'custom', path: ['synonyms', canonical, i], message: 'is the canonical term itself' });
        else if (earlier !== undefined && earlier !== canonical) {
          ctx.addIssue({ code: 'custom', path: ['synonyms', canonical, i], message: `is already a variant of "${earlier}"` });
        } else if (Object.hasOwn(file.synonyms, variant)) {
          ctx.addIssue({
            code: 'custom',
            path: ['synonyms', canonical, i],
            message: 'is itself a canonical term: list its variants under one term only',
          });
        }
        canonicalOf.set(variant, canonical);
      });
    }
  });

const variantTable = z.record(term, z.array(term).min(1, 'needs at least one variant')).default({});

/**
 * colloquial.yaml — three tables of standard word → the words citizens type for it:
 * - colloquial: everyday and regional words (不动产权证书: [房本, 房产证]);
 * - homophones: pinyin-input typos (低保: [低包]);
 * - actions: what is to be done (提取: [取出来], 补办: [丢了, 补领], 注销: [不开了]); their
 *   standard words are the actions a question can ask for (see structure.ts);
 * - broader: a broad term citizens name alone → the narrower terms entries are about (社会保险:
 *   [养老保险, 医疗保险…]): a question naming only the broad term lists the entries about them;
 * - generalActions: actions that ask for whatever an entry offers (申请: 办, 办理; 咨询: 问问) rather
 *   than a service of their own (注销, 补办): an entry about a subject as a whole fits them;
 * - headActions: actions an entry offers only where its title, questions or keywords name them (购买):
 *   its answer mentioning one tells a circumstance (买了别的房要退出公租房), not a service;
 * - alternatives: groups of words naming kinds of one thing of which a matter is one (职工 and 城乡居民
 *   insurance): an entry about one kind does not answer a question naming another (see structure.ts);
 * - receivingActions: actions of being paid (领取): beside an amount (领多少钱) they ask the amount received,
 *   which a fee section (what one pays) does not state.
 * A variant means one word only, across colloquial, homophones and synonyms.yaml (checked by
 * loadLexicon); an action variant means one action (the action itself may be listed among them).
 */
export const colloquialFileSchema = z
  .strictObject({
    colloquial: variantTable,
    homophones: variantTable,
    actions: variantTable,
    broader: variantTable,
    generalActions: z.array(term).default([]),
    headActions: z.array(term).default([]),
    receivingActions: z.array(term).default([]),
    alternatives: z.array(z.array(term).min(2, 'needs at least two words')).default([]),
  })
  .superRefine((file, ctx) => {
    for (const list of ['generalActions', 'headActions', 'receivingActions'] as const) {
      file[list].forEach((action, i) => {
        if (!Object.hasOwn(file.actions, action))
          ctx.addIssue({ code: 'custom', path: [list, i], message: 'is not an action of the actions table' });
      });
    }
    const termOf = new Map<string, string>();
    for (const table of ['colloquial', 'homophones'] as const) {
      for (const [standard, variants] of Object.entries(file[table])) {
        variants.forEach((variant, i) => {
          const earlier = termOf.get(variant);
          if (variant === standard) ctx.addIssue({ code: 'custom', path: [table, standard, i], message: 'is the standard word itself' });
          else if (earlier !== undefined && earlier !== standard)
            ctx.addIssue({ code: 'custom', path: [table, standard, i], message: `is already a variant of "${earlier}"` });
          termOf.set(variant, standard);
        });
      }
    }
    const actionOf = new Map<string, string>();
    for (const [action, variants] of Object.entries(file.actions)) {
      variants.forEach((variant, i) => {
        const earlier = actionOf.get(variant);
        // The action itself may be listed among its forms.
        if (earlier !== undefined && earlier !== action)
          ctx.addIssue({ code: 'custom', path: ['actions', action, i], message: `is already a variant of the action "${earlier}"` });
        actionOf.set(variant, action);
      });
    }
  });

/**
 * stopwords.yaml — words that say nothing about which entry is meant (咋, 请问, 一下, 我想...), and
 * action words (办理, 补办) that say what is to be done but not about what.
 */
export const stopWordsFileSchema = z.strictObject({ stopWords: z.array(term), actionWords: z.array(term).default([]) });

const words = z.array(term).default([]);

/** sections.yaml's questionForms (see QuestionFormWords): every list optional, none by default. */
const questionFormsSchema = z.strictObject({
  yesNoEnds: words,
  closingParticles: words,
  linkWords: words,
  canAsked: words,
  canWords: words,
  mannerWords: words,
  helperWords: words,
  thingVerbs: words,
  bareThingVerbs: words,
  againWords: words,
  numerals: words,
  measureWords: words,
  periodUnits: words,
  longerUnits: words,
  withinWords: words,
  momentStarts: words,
  momentEnds: words,
  moneyUnits: words,
  freeWords: words,
  payingVerbs: words,
  paidCharges: words,
  pricedCharges: words,
  amountWords: words,
  notAmountAfter: words,
  kindWords: words,
  coveredWords: words,
  mayWords: words,
  whatWords: words,
  thingWords: words,
  notWhatAfter: words,
  whyWords: words,
  listingGlue: words,
  notAsking: words,
  dialectHow: z.record(term, term).default({}),
  doneMarks: words,
  negations: words,
  unmarkedClauseEnds: words,
  goingVerbs: words,
  orWords: words,
});

/**
 * sections.yaml — section → the phrases that ask for it (earlier sections win ties between equally long
 * cues), and the forms of question that ask for one without a cue.
 */
export const sectionsFileSchema = z
  .strictObject({
    sections: z.partialRecord(z.enum(SECTION_NAMES), z.array(term).min(1, 'needs at least one cue')),
    wholeCues: words,
    cueQuestionWords: words,
    questionForms: questionFormsSchema.default(questionFormsSchema.parse({})),
    sectionFallbacks: z.partialRecord(z.enum(SECTION_NAMES), z.enum(SECTION_NAMES)).default({}),
  })
  .superRefine((file, context) => {
    // A phrase asks either for a section or for the whole entry.
    const cues = new Set(Object.values(file.sections).flat());
    for (const [i, cue] of file.wholeCues.entries())
      if (cues.has(cue)) context.addIssue({ code: 'custom', path: ['wholeCues', i], message: `"${cue}" is already a section cue` });
  });

export interface LexiconData {
  words: string[];
  synonyms: Record<string, string[]>;
  stopWords: string[];
  actionWords?: string[];
  sections: Partial<Record<SectionName, string[]>>;
  /** sections.yaml's wholeCues: phrases asking for the entry as a whole (none by default). */
  wholeCues?: string[];
  /** sections.yaml's cueQuestionWords: a cue containing one asks for its section (none by default). */
  cueQuestionWords?: string[];
  /** sections.yaml's questionForms (none by default). */
  questionForms?: QuestionFormWords;
  /** sections.yaml's sectionFallbacks (none by default). */
  sectionFallbacks?: Partial<Record<SectionName, SectionName>>;
  /** colloquial.yaml's tables (see colloquialFileSchema). */
  colloquial?: Record<string, string[]>;
  homophones?: Record<string, string[]>;
  actions?: Record<string, string[]>;
  broader?: Record<string, string[]>;
  generalActions?: string[];
  headActions?: string[];
  receivingActions?: string[];
  alternatives?: string[][];
  /** story.yaml: how the question is found inside a story. */
  story?: StoryCues;
}

/**
 * Which parts of colloquial.yaml are used (all by default). Turning one off leaves the lexicon as
 * it would be without that table: for measuring what each adds (npm run eval -- --ablation).
 */
export interface LexiconStages {
  colloquial: boolean;
  homophones: boolean;
  actions: boolean;
}

export const ALL_LEXICON_STAGES: Readonly<LexiconStages> = Object.freeze({ colloquial: true, homophones: true, actions: true });

export interface SectionCue {
  readonly cue: string;
  /** In the file's order of sections: the first one allowed for an entry kind is meant; none for a whole cue. */
  readonly sections: readonly SectionName[];
  /** A phrase asking for the entry as a whole (sections.yaml's wholeCues: 找谁, 去哪投诉), ranked like the others. */
  readonly whole: boolean;
  /** Whether the cue has a question word (sections.yaml's cueQuestionWords: 多久, 要带什么): then it asks for its section (see detectSection). */
  readonly asks: boolean;
}

export interface Lexicon {
  /** Words the segmenter keeps whole: the dictionary plus every synonym term. */
  readonly words: ReadonlySet<string>;
  /** The same words as a trie, for finding the longest one at a position of a text (segment.ts). */
  readonly wordTrie: WordTrie;
  /** Length of the longest word. */
  readonly longestWord: number;
  /** Variant → canonical term (synonyms.yaml, then colloquial.yaml's colloquial, homophones and actions). */
  readonly synonyms: Lookup<string>;
  /**
   * Canonical term → the standard action it asks for (colloquial.yaml's actions: 申请, 提取, 补办…):
   * the action itself, and every variant's canonical term, also when synonyms.yaml maps the variant
   * elsewhere (丢了 → 丢失, which asks for 补办).
   */
  readonly actionOf: ReadonlyMap<string, string>;
  /** Actions that ask for whatever an entry offers (colloquial.yaml's generalActions: 申请, 咨询), canonical. */
  readonly generalActions: ReadonlySet<string>;
  /** Actions an entry covers only where a head field names them (colloquial.yaml's headActions: 购买), canonical. */
  readonly headActions: ReadonlySet<string>;
  /** Actions of being paid (colloquial.yaml's receivingActions: 领取), canonical: beside an amount, the amount is asked. */
  readonly receivingActions: ReadonlySet<string>;
  readonly story: StoryCues;
  /** A whole term that is a number in words (三天, 好几, 三四百: story.ts's amountForm), or null. */
  readonly amount: RegExp | null;
  /** The question words asking what amount or which (几, 多少, 哪), as a question's tokens have them, and story.yaml's amount units. */
  readonly unitAsked: UnitAsked;
  /** The particles closing a question whether there is a thing (有补贴吗, 有滞纳金没有): sections.yaml's questionForms yesNoEnds and story.yaml's existenceEnds. */
  readonly existenceEnds: ReadonlySet<string>;
  /** Canonical term → its variants. */
  readonly variants: Lookup<readonly string[]>;
  readonly stopWords: ReadonlySet<string>;
  /** 办理, 补办, 查询: they rank the entries a question's topic found, but never find one alone. */
  readonly actionWords: ReadonlySet<string>;
  /** Longest cue first, so that 收费标准 is tried before 标准. */
  readonly sectionCues: readonly SectionCue[];
  /** The section cues found in a text in one walk, numbered as in sectionCues (detectSection). */
  readonly sectionCueFinder: PhraseFinder;
  /** Forms of question asking for a section without a cue (sections.yaml's questionForms), compiled. */
  readonly questionForms: QuestionForms;
  /** Section asked → the section an entry without it tells it in (sections.yaml's sectionFallbacks: location → procedure). */
  readonly sectionFallbacks: Readonly<Partial<Record<SectionName, SectionName>>>;
  /** Cue → sections: a question term equal to a cue (材料, 电话) names an aspect of an entry, not its topic. */
  readonly aspectTerms: ReadonlyMap<string, readonly SectionName[]>;
  /** Broad canonical term → the canonical terms it covers (colloquial.yaml's broader: 社会保险 → 养老保险, 医疗保险…). */
  readonly narrower: ReadonlyMap<string, readonly string[]>;
  /** Word → the other words of its alternatives group (colloquial.yaml's alternatives: 职工 → 城乡居民), canonical. */
  readonly alternativesOf: ReadonlyMap<string, readonly string[]>;
  /** The work understanding a message repeats on its texts, kept for the last texts understood with this lexicon. */
  readonly recent: RecentWork;
  /** What the lexicon was made from, all else being derived from it: the key of an index kept on disk (indexCache.ts). */
  readonly source: { readonly data: LexiconData; readonly stages: LexiconStages };
}

/**
 * A message is normalized three times or more (matching, intents, sections), and segmented about twelve
 * times over two or three texts (places, clauses, attributions, intents, sections): cutting is the
 * costliest step of understanding it.
 */
export interface RecentWork {
  readonly normalized: RecentValues<string>;
  /** Cuts of normalized texts by the segmenter with this lexicon's words (segment.ts). */
  readonly cuts: RecentValues<readonly string[]>;
  /** A set of intents' example words by sound, to read a message's pinyin with (intents/recognize.ts), built at the first message with Latin letters. */
  readonly spokenWords: WeakMap<object, TypoModel>;
}

/**
 * The lexicon with some variants read as themselves, not as their canonical terms: those a knowledge base names
 * as its own thing (ownVariantsOf in knowledgeIndex.ts). Everything else, its recent work included, is shared.
 */
export function withoutVariants(lexicon: Lexicon, own: readonly string[]): Lexicon {
  const dropped = new Set(own);
  const { synonyms, variants } = lexicon;
  // Read through the shared tables (thousands of pairs), not copied for each index.
  const changed = new Map<string, readonly string[]>();
  for (const variant of own) {
    const canonical = synonyms.get(variant);
    if (canonical !== undefined)
      changed.set(
        canonical,
        (variants.get(canonical) ?? []).filter((word) => !dropped.has(word)),
      );
  }
  return {
    ...lexicon,
    synonyms: {
      get: (word) => (dropped.has(word) ? undefined : synonyms.get(word)),
      has: (word) => !dropped.has(word) && synonyms.has(word),
    },
    variants: { get: (term) => changed.get(term) ?? variants.get(term), has: (term) => changed.has(term) || variants.has(term) },
  };
}

/** What is read of a lexicon's tables: an index's lexicon (withoutVariants) reads through the shared ones. */
export type Lookup<V> = Pick<ReadonlyMap<string, V>, 'get' | 'has'>;

/** Enough for the texts of a message, and for those of a few messages. */
const RECENT_NORMALIZED = 16;
const RECENT_CUTS = 64;

/**
 * Whether a term is a way of asking (干什么, 为什么, 哪家: it has one of story.yaml's question words) rather than
 * a name of something: an entry whose sample question asks the same way (X是干什么的) is not about the same thing.
 */
export function asksOnly(term: string, lexicon: Lexicon): boolean {
  return lexicon.story.question?.test(term) ?? false;
}

export function createLexicon(data: LexiconData, stages: LexiconStages = ALL_LEXICON_STAGES): Lexicon {
  const synonyms = new Map<string, string>();
  const words = new Set(data.words);
  const variantsOf = new Map<string, string[]>();
  // Earlier tables win: synonyms.yaml, then colloquial words, homophones, actions. A standard word
  // that is itself a variant (房产证 → 不动产权证书) passes its variants on to its canonical term.
  const tables = [
    data.synonyms,
    stages.colloquial ? data.colloquial : undefined,
    stages.homophones ? data.homophones : undefined,
    stages.actions ? data.actions : undefined,
  ];
  for (const table of tables) {
    for (const [standard, variants] of Object.entries(table ?? {})) {
      const canonical = synonyms.get(standard) ?? standard;
      words.add(canonical);
      for (const variant of variants) {
        if (variant === canonical || synonyms.has(variant) || variantsOf.has(variant)) continue;
        synonyms.set(variant, canonical);
        words.add(variant);
        const list = variantsOf.get(canonical) ?? [];
        list.push(variant);
        variantsOf.set(canonical, list);
      }
    }
  }
  const actionOf = new Map<string, string>();
  for (const [action, variants] of Object.entries(stages.actions ? (data.actions ?? {}) : {})) {
    const canonical = synonyms.get(action) ?? action;
    actionOf.set(canonical, canonical);
    for (const variant of variants)
      if (!actionOf.has(synonyms.get(variant) ?? variant)) actionOf.set(synonyms.get(variant) ?? variant, canonical);
  }
  const sectionsOfCue = new Map<string, SectionName[]>();
  for (const [section, cues] of Object.entries(data.sections) as [SectionName, string[]][]) {
    for (const cue of cues) {
      const sections = sectionsOfCue.get(cue) ?? [];
      if (!sections.includes(section)) sections.push(section);
      sectionsOfCue.set(cue, sections);
    }
  }
  // A whole cue is an aspect word like the others (not a subject of the question), of no section.
  for (const cue of data.wholeCues ?? []) if (!sectionsOfCue.has(cue)) sectionsOfCue.set(cue, []);
  const wholeCues = new Set(data.wholeCues);
  const questionWords = alternation(data.cueQuestionWords ?? []);
  const asking = questionWords === null ? null : new RegExp(questionWords);
  const sectionCues = [...sectionsOfCue]
    .map(([cue, sections]) => ({ cue, sections, asks: asking?.test(cue) ?? false, whole: wholeCues.has(cue) }))
    .sort((a, b) => b.cue.length - a.cue.length);
  const narrower = new Map(
    Object.entries(stages.colloquial ? (data.broader ?? {}) : {}).map(([broad, terms]) => [
      synonyms.get(broad) ?? broad,
      terms.map((term) => synonyms.get(term) ?? term),
    ]),
  );
  // A broad term is kept whole, so that a question naming it alone names it.
  for (const broad of narrower.keys()) words.add(broad);
  const alternativesOf = new Map<string, string[]>();
  for (const group of stages.colloquial ? (data.alternatives ?? []) : []) {
    const canonical = group.map((word) => synonyms.get(word) ?? word);
    // A word in several groups (城乡居民: 职工, 灵活就业人员) has the others of all of them.
    for (const word of canonical)
      alternativesOf.set(word, [...new Set([...(alternativesOf.get(word) ?? []), ...canonical.filter((other) => other !== word)])]);
  }
  // A list of actions (generalActions, headActions …), canonical; none with the actions stage off.
  const actionSet = (list: readonly string[] = []) => new Set(stages.actions ? list.map((action) => synonyms.get(action) ?? action) : []);
  const questionFormWords = data.questionForms ?? questionFormsSchema.parse({});
  const story = data.story ?? NO_STORY_CUES;
  return {
    words,
    variants: variantsOf,
    actionOf,
    generalActions: actionSet(data.generalActions),
    headActions: actionSet(data.headActions),
    receivingActions: actionSet(data.receivingActions),
    story,
    amount: amountForm(questionFormWords.numerals, story),
    unitAsked: unitAsked(data.cueQuestionWords ?? [], questionFormWords.yesNoEnds, story.amountUnits, synonyms),
    existenceEnds: new Set([...questionFormWords.yesNoEnds, ...story.existenceEnds]),
    wordTrie: new WordTrie(words),
    longestWord: [...words].reduce((longest, word) => Math.max(longest, word.length), 0),
    synonyms,
    stopWords: new Set(data.stopWords),
    actionWords: new Set(data.actionWords),
    sectionCues,
    sectionCueFinder: new PhraseFinder(sectionCues.map(({ cue }) => cue)),
    questionForms: compileQuestionForms(questionFormWords),
    sectionFallbacks: data.sectionFallbacks ?? {},
    aspectTerms: sectionsOfCue,
    narrower,
    alternativesOf,
    recent: { normalized: new RecentValues(RECENT_NORMALIZED), cuts: new RecentValues(RECENT_CUTS), spokenWords: new WeakMap() },
    source: { data, stages },
  };
}

/**
 * A variant of colloquial.yaml's colloquial and homophones tables must not already mean another
 * word in synonyms.yaml.
 */
function crossFileProblems(dir: string, synonyms: Record<string, string[]>, colloquial: z.output<typeof colloquialFileSchema>): string[] {
  const canonicalOf = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(synonyms)) for (const variant of variants) canonicalOf.set(variant, canonical);
  const problems: string[] = [];
  for (const table of ['colloquial', 'homophones'] as const) {
    for (const [standard, variants] of Object.entries(colloquial[table])) {
      const canonical = canonicalOf.get(standard) ?? standard;
      variants.forEach((variant, i) => {
        const other = canonicalOf.get(variant) ?? (Object.hasOwn(synonyms, variant) ? variant : undefined);
        if (other !== undefined && other !== canonical) {
          problems.push(
            `${join(dir, LEXICON_FILES.colloquial)}: ${table}.${standard}[${i}]: "${variant}" already means "${other}" in ${LEXICON_FILES.synonyms}`,
          );
        }
      });
    }
  }
  return problems;
}

/**
 * A unit right after a question word (几 月份, 多少 岁, 哪天) asks what amount or date, not about a thing:
 * segment.ts's splitUnknownTokens drops it from a question's terms.
 */
export interface UnitAsked {
  readonly askingWords: ReadonlySet<string>;
  readonly units: ReadonlySet<string>;
}

/**
 * A cue's question words (sections.yaml's cueQuestionWords) but the yes/no ones (questionForms yesNoEnds: 不 回 asks
 * no amount), also as the synonyms table turns them (哪 → 哪里): the question's tokens are canonical by then.
 */
function unitAsked(
  cueQuestionWords: readonly string[],
  yesNoEnds: readonly string[],
  units: readonly string[],
  synonyms: ReadonlyMap<string, string>,
): UnitAsked {
  const asking = cueQuestionWords.filter((word) => !yesNoEnds.includes(word));
  return { askingWords: new Set(asking.flatMap((word) => [word, synonyms.get(word) ?? word])), units: new Set(units) };
}

/**
 * A word is listed once where story.yaml's list adds to one of sections.yaml's questionForms: its amountNumerals
 * to numerals (story.ts's amountForm), its existenceEnds to yesNoEnds (Lexicon.existenceEnds).
 */
function listedOnceProblems(dir: string, questionForms: QuestionFormWords, story: StoryCues): string[] {
  const pairs = [
    ['amountNumerals', story.amountNumerals, 'numerals', questionForms.numerals],
    ['existenceEnds', [...story.existenceEnds], 'yesNoEnds', questionForms.yesNoEnds],
  ] as const;
  return pairs.flatMap(([field, words, formField, formWords]) =>
    words.flatMap((word, i) =>
      formWords.includes(word)
        ? [
            `${join(dir, LEXICON_FILES.story)}: ${field}[${i}]: "${word}" is already one of ${LEXICON_FILES.sections}'s questionForms.${formField}`,
          ]
        : [],
    ),
  );
}

/**
 * Loads and validates a lexicon folder; every problem in every file is reported before anything is
 * used. colloquial.yaml is optional.
 */
export function loadLexicon(dir: string, stages: LexiconStages = ALL_LEXICON_STAGES): Lexicon {
  const problems: string[] = [];
  function load<S extends z.ZodType>(name: string, schema: S): z.output<S> | undefined {
    try {
      return loadDataFile(join(dir, name), schema);
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      problems.push(...err.problems);
      return undefined;
    }
  }
  const dictionary = load(LEXICON_FILES.dictionary, dictionaryFileSchema);
  const synonyms = load(LEXICON_FILES.synonyms, synonymsFileSchema);
  const stopWords = load(LEXICON_FILES.stopWords, stopWordsFileSchema);
  const sections = load(LEXICON_FILES.sections, sectionsFileSchema);
  const colloquial = existsSync(join(dir, LEXICON_FILES.colloquial))
    ? load(LEXICON_FILES.colloquial, colloquialFileSchema)
    : // No file: every table empty, as the schema's defaults have it.
      colloquialFileSchema.parse({});
  const story = existsSync(join(dir, LEXICON_FILES.story)) ? load(LEXICON_FILES.story, storyFileSchema) : NO_STORY_CUES;
  if (synonyms && colloquial) problems.push(...crossFileProblems(dir, synonyms.synonyms, colloquial));
  if (sections && story) problems.push(...listedOnceProblems(dir, sections.questionForms, story));
  if (!dictionary || !synonyms || !stopWords || !sections || !colloquial || !story || problems.length > 0)
    throw new DataFileError(problems);
  return createLexicon(
    {
      words: dictionary.words,
      synonyms: synonyms.synonyms,
      stopWords: stopWords.stopWords,
      actionWords: stopWords.actionWords,
      sections: sections.sections,
      wholeCues: sections.wholeCues,
      cueQuestionWords: sections.cueQuestionWords,
      questionForms: sections.questionForms,
      sectionFallbacks: sections.sectionFallbacks,
      colloquial: colloquial.colloquial,
      homophones: colloquial.homophones,
      actions: colloquial.actions,
      broader: colloquial.broader,
      generalActions: colloquial.generalActions,
      headActions: colloquial.headActions,
      receivingActions: colloquial.receivingActions,
      alternatives: colloquial.alternatives,
      story,
    },
    stages,
  );
}
