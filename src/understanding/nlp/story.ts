import { z } from 'zod';
import { normalize, simplify } from './normalize';

/** Story cues as splitting a question uses them: compiled once, when story.yaml is loaded. */
export interface StoryCues {
  /** Where a clause marker (但是) or an ask marker (请问…) starts a new clause. */
  readonly marker: RegExp | null;
  /** An ask marker opening a clause. */
  readonly ask: RegExp | null;
  /** A question word in a clause, not after a word that makes it say "hardly any" (story.yaml's notAskingAfter: 没啥收入). */
  readonly question: RegExp | null;
  /** Question words asking for a value of the word before them (比例是多少, 局长是谁). */
  readonly valueWords: ReadonlySet<string>;
  /**
   * Words asking whether there is a thing (有, 有没有), and particles closing such a question besides sections.yaml's
   * questionForms yesNoEnds (没有: see Lexicon.existenceEnds).
   */
  readonly existenceWords: ReadonlySet<string>;
  readonly existenceEnds: ReadonlySet<string>;
  /** Particles after a verb saying it is done (交了, 办过): what the question says happened (match.ts's doneActionsOf). */
  readonly doneMarkers: ReadonlySet<string>;
  /** Titles of people holding an office (市长, 局长): who holds one, and how to reach them in person, is no entry's to state. */
  readonly officeHolders: ReadonlySet<string>;
  /** A term ending as a document's name does (残疾人证, 户口簿), and as a registration or permit issuing one does (不动产登记). */
  readonly document: RegExp | null;
  readonly issuing: RegExp | null;
  /** Numerals an amount has besides sections.yaml's questionForms numerals (零, 百, 几), and its measure words (个, 笔): see amountForm. */
  readonly amountNumerals: readonly string[];
  readonly amountUnits: readonly string[];
  /** Words saying the asker lacks what follows (没, 没有, 无需): 新生儿没上户口能先参保吗 is not about 上户口. */
  readonly lacking: ReadonlySet<string>;
  /** Those and broader negations (不, 不会), which a question's lacked words are read after too. */
  readonly negating: ReadonlySet<string>;
}

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A text ending with one of `words`; null for none. */
export function endingWith(words: readonly string[]): RegExp | null {
  const ends = alternation(words);
  return ends === null ? null : new RegExp(`(?:${ends})$`, 'u');
}

/** Whether `text` contains one of `words`: a cheap test before a text is segmented again for them. */
export function mentionsAny(text: string, words: Iterable<string>): boolean {
  for (const word of words) if (text.includes(word)) return true;
  return false;
}

/** Matches nothing: what a list of words left empty compiles to. */
export const NOTHING = /(?!)/u;

/** One alternation of `words`, the longest first; null for none. */
export function alternation(words: readonly string[]): string | null {
  return words.length === 0
    ? null
    : [...words]
        .sort((a, b) => b.length - a.length)
        .map(escape)
        .join('|');
}

function compileStoryCues(file: {
  clauseMarkers: string[];
  askMarkers: string[];
  questionWords: string[];
  notAskingAfter: string[];
  valueWords: string[];
  existenceWords: string[];
  existenceEnds: string[];
  doneMarkers: string[];
  officeHolders: string[];
  documentEnds: string[];
  issuingEnds: string[];
  amountNumerals: string[];
  amountUnits: string[];
  lackingWords: string[];
  negatingWords: string[];
}): StoryCues {
  // An ask marker starts a clause too.
  const markers = alternation([...file.clauseMarkers, ...file.askMarkers]);
  const asks = alternation(file.askMarkers);
  const questions = alternation(file.questionWords);
  const notAfter = alternation(file.notAskingAfter);
  return {
    marker: markers === null ? null : new RegExp(`(?=${markers})`, 'u'),
    ask: asks === null ? null : new RegExp(`^(?:${asks})`, 'u'),
    question: questions === null ? null : new RegExp(`${notAfter === null ? '' : `(?<!${notAfter})`}(?:${questions})`, 'u'),
    valueWords: new Set(file.valueWords),
    existenceWords: new Set(file.existenceWords),
    existenceEnds: new Set(file.existenceEnds),
    doneMarkers: new Set(file.doneMarkers),
    officeHolders: new Set(file.officeHolders),
    document: endingWith(file.documentEnds),
    issuing: endingWith(file.issuingEnds),
    amountNumerals: file.amountNumerals,
    amountUnits: file.amountUnits,
    lacking: new Set(file.lackingWords),
    negating: new Set([...file.lackingWords, ...file.negatingWords]),
  };
}

/** A numeral written in digits: a number in digits is kept whole on its own (segment.ts's joinDigits). */
const DIGITS = /^[0-9]+$/;

/**
 * A whole term that is a number in words, with or without its measure word (三天, 八十, 好几, 半个, 一笔, 三四百,
 * 十几万): like a number in digits, an amount of the citizen's story rather than what is asked (segment.ts). Its
 * numerals are those of sections.yaml's questionForms written in characters (一, 两, 半) and story.yaml's
 * amountNumerals; null for none. Compiled once, when the lexicon is made.
 */
export function amountForm(questionFormNumerals: readonly string[], story: StoryCues): RegExp | null {
  const numerals = alternation([...questionFormNumerals.filter((numeral) => !DIGITS.test(numeral)), ...story.amountNumerals]);
  const units = alternation(story.amountUnits);
  return numerals === null ? null : new RegExp(`^(?:${numerals})+${units === null ? '' : `(?:${units})?`}$`, 'u');
}

/** story.yaml — see the file's comments. Optional: without it every message is one clause. */
const word = z.string().trim().min(1, 'must not be empty').max(10, 'must be at most 10 characters');
export const storyFileSchema = z
  .strictObject({
    clauseMarkers: z.array(word).default([]),
    askMarkers: z.array(word).default([]),
    questionWords: z.array(word).default([]),
    notAskingAfter: z.array(word).default([]),
    valueWords: z.array(word).default([]),
    existenceWords: z.array(word).default([]),
    existenceEnds: z.array(word).default([]),
    doneMarkers: z.array(word).default([]),
    officeHolders: z.array(word).default([]),
    documentEnds: z.array(word).default([]),
    issuingEnds: z.array(word).default([]),
    amountNumerals: z.array(word).default([]),
    amountUnits: z.array(word).default([]),
    lackingWords: z.array(word).default([]),
    negatingWords: z.array(word).default([]),
  })
  .superRefine((file, ctx) => {
    file.clauseMarkers.forEach((marker, i) => {
      if (file.askMarkers.includes(marker))
        ctx.addIssue({ code: 'custom', path: ['clauseMarkers', i], message: 'is an ask marker, which starts a clause already' });
    });
  })
  .transform(compileStoryCues);

export const NO_STORY_CUES: StoryCues = Object.freeze(
  compileStoryCues({
    clauseMarkers: [],
    askMarkers: [],
    questionWords: [],
    notAskingAfter: [],
    valueWords: [],
    existenceWords: [],
    existenceEnds: [],
    doneMarkers: [],
    officeHolders: [],
    documentEnds: [],
    issuingEnds: [],
    amountNumerals: [],
    amountUnits: [],
    lackingWords: [],
    negatingWords: [],
  }),
);

export interface Clause {
  /** Normalized text of the clause. */
  readonly text: string;
  /** Whether the clause carries the question (an ask marker before it, or a question word in it). */
  readonly asks: boolean;
}

const CLAUSE_PUNCTUATION = /[,，。.;；!！?？\n…~～]+/u;

/**
 * A citizen's message as clauses: cut at punctuation and before clause markers (但是, 请问…).
 * When no clause asks, the last one does (the question usually comes last).
 */
export function clausesOf(text: string, cues: StoryCues): Clause[] {
  const { marker, ask, question } = cues;
  const pieces = simplify(text)
    .split(CLAUSE_PUNCTUATION)
    .flatMap((piece) => (marker ? piece.split(marker) : [piece]))
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0);
  const clauses = pieces
    .map((piece) => ({ text: normalize(piece), asks: (ask?.test(piece) ?? false) || (question?.test(piece) ?? false) }))
    .filter((clause) => clause.text.length > 0);
  if (clauses.length > 0 && !clauses.some((clause) => clause.asks))
    clauses[clauses.length - 1] = { ...clauses[clauses.length - 1], asks: true };
  return clauses;
}
