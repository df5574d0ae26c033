import type { Lexicon } from '../nlp/lexicon';
import { codePoints } from '../nlp/codePoints';
import { normalize, normalizeKept, readLatin } from '../nlp/normalize';
import { segment } from '../nlp/segment';
import { buildTypoModel, pinyinWord } from '../nlp/typos';
import { stripFillers, stripOpeners, type MessageEdges } from './messageEdges';
import { gateFor } from './necessary';
import type { Intent, PatternTest } from './schema';

export interface IntentMatch {
  intent: string;
  /** 1 when a pattern (or situation, or recognizing capture) fired; 0.9 when only an example matched. */
  confidence: number;
  /** Captured values by name, in their canonical format (ticketNumber: 12345-2026-000123). */
  capture?: Record<string, string>;
  /** Code of the first category whose pattern hit (hotline.report: complaint…; feedback: positive/negative). */
  category?: string;
  /** Emergency only: the services of the situations named in the text, or all of them when none is named. Never empty. */
  situations?: string[];
}

const PATTERN_CONFIDENCE = 1;
const EXAMPLE_CONFIDENCE = 0.9;

/**
 * The forms of a message its patterns are tried on: as normalized; without the fillers and
 * acknowledgements it opens with (嗯嗯好的，感谢 → 感谢); and that in the lexicon's standard words
 * (你会干啥 → 你会干什么, 有回音没 → 有答复没), so that intents understand the vocabulary questions do.
 */
function formsOf(normalized: string, opened: string, lexicon: Lexicon | undefined): string[] {
  const standard = lexicon
    ? segment(opened, lexicon)
        .map((token) => lexicon.synonyms.get(token) ?? token)
        .join('')
    : opened;
  return [...new Set([normalized, opened, standard])];
}

const NOTHING_KNOWN = { isKnown: () => false, isStopWord: () => false, isLexiconWord: () => false, longestWord: 0 };

/**
 * The message with its pinyin read as the intents' own words (nihao → 你好, rengong → 人工, jubao →
 * 举报: the words of their examples, cut as questions are), as questions' pinyin is read as the
 * index's words; null when it has no Latin letters, or nothing to read them with.
 */
function latinForm(normalized: string, intents: readonly Intent[], lexicon: Lexicon | undefined): string | null {
  if (!lexicon || !/[a-z]/.test(normalized)) return null;
  let model = lexicon.recent.spokenWords.get(intents);
  if (!model) {
    const words = intents.flatMap((intent) => intent.examples.flatMap((example) => segment(normalize(example), lexicon)));
    lexicon.recent.spokenWords.set(intents, (model = buildTypoModel(words, NOTHING_KNOWN, () => false)));
  }
  const spelled = model;
  const read = readLatin(normalized, { isKnown: () => false, pinyinWord: (latin, tail) => pinyinWord(latin, spelled, tail) });
  return read === normalized || read === '' ? null : read;
}

/**
 * A message wholly of English words that _words.yaml's `english` reads as the classes' words (thank you so much →
 * 谢谢你非常, real person please → 真人), as those words in its order, which is then read as a message of them
 * (its openers, its standard words); null when a word is not there or all carry nothing.
 */
function englishForm(normalized: string, { english, questions, vocabulary }: MessageEdges): string | null {
  if (english.size === 0 || !/^[a-z]+(?: [a-z]+)*$/.test(normalized)) return null;
  // A word of a class already (hello, thanks, menu) reads as itself.
  const read = normalized.split(' ').map((word) => english.get(word) ?? (vocabulary.has(word) ? word : undefined));
  if (!read.every((word) => word !== undefined) || !read.some((word) => word !== '')) return null;
  // English asks with the question word first and the verb before the subject (what can you do); Chinese leaves the
  // question word where the answer goes and the subject first (你能干什么).
  if (read.length > 2 && questions.test(read[0])) {
    const [asked, verb, subject, ...rest] = read;
    return [subject, verb, ...rest, asked].join('');
  }
  return read.join('');
}

/** The intent of a message wholly in English, read in the classes' words (englishForm). */
function recognizeEnglish(normalized: string, intents: readonly Intent[], lexicon: Lexicon | undefined): IntentMatch | null {
  const english = englishForm(normalized, intents[0].edges);
  return english === null ? null : (recognizeWhole(english, intents, lexicon)?.match ?? null);
}

/**
 * One expression matching wherever one of `patterns` does; null when they cannot be joined: no
 * patterns, different flags, stateful ones (g, y), or numbered back-references that joining would renumber.
 */
export function joinPatterns(patterns: readonly RegExp[]): RegExp | null {
  const flags = patterns[0]?.flags;
  if (flags === undefined || /[gy]/.test(flags)) return null;
  if (patterns.some((pattern) => pattern.flags !== flags || /\\[1-9]|\\k</.test(pattern.source))) return null;
  try {
    return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'), flags);
  } catch {
    // Names of groups repeated across patterns.
    return null;
  }
}

/** A pattern list as one test: joined, one scan of a form instead of one per pattern (2–3× faster); else pattern by pattern. */
export function joinedTest(patterns: readonly RegExp[]): PatternTest {
  return joinPatterns(patterns) ?? { test: (text: string) => patterns.some((pattern) => pattern.test(text)) };
}

/**
 * The joined test (`all`) behind the gate of what its patterns need of a text (necessary.ts): most messages lack their words,
 * and the gate costs less. Deriving every list's gate takes 0.25–0.3 s of CPU, which neither loading the intents (the start
 * and every match thread's) nor a citizen's first message should pay: the server prepares them once it is ready
 * (gateSteps), and a list tested before that works its gate out at that test.
 */
export function anyPattern(patterns: readonly RegExp[], all: PatternTest = joinedTest(patterns)): PatternTest {
  let gated: PatternTest | undefined;
  const derive = (): PatternTest => {
    const gate = gateFor(patterns);
    return gate ? { test: (text) => gate.test(text) && all.test(text) } : all;
  };
  return {
    test: (text) => (gated ??= derive()).test(text),
    prepare() {
      gated ??= derive();
    },
  };
}

/** An intent's pattern lists (patterns, sequences, exclude, each category's and situation's) with the test each is tried by. */
export function patternLists(intent: Intent): { patterns: readonly RegExp[]; test: PatternTest }[] {
  return [
    { patterns: intent.patterns, test: intent.anyPattern },
    { patterns: intent.sequences, test: intent.anySequence },
    { patterns: intent.exclude, test: intent.anyExclude },
    ...intent.categories.map((category) => ({ patterns: category.patterns, test: category.anyPattern })),
    ...intent.situations.map((situation) => ({ patterns: situation.patterns, test: situation.anyPattern })),
  ];
}

/** Each pattern list of `intents` that has work to prepare (anyPattern's gate), as one step of that work. */
export function gateSteps(intents: readonly Intent[]): (() => void)[] {
  return intents.flatMap(patternLists).flatMap(({ test: { prepare } }) => (prepare ? [prepare] : []));
}

function fires(test: PatternTest, forms: readonly string[]): boolean {
  // A loop, not some with a closure: every intent's lists are tried on every form of every message.
  for (const text of forms) if (test.test(text)) return true;
  return false;
}

/**
 * Longest message (characters, spaces not counted) sequences are tried on: they describe short
 * messages made only of their classes' words, and longer texts would only cost the backtracking.
 */
const SEQUENCE_MAX_LENGTH = 30;

/**
 * The forms sequences are tried on: the message's forms and, when they have several clauses, the same
 * with the clauses the other way round (怎么用啊 这个小程序 → 这个小程序 怎么用啊; 客服 我要找 →
 * 我要找 客服), so that a sequence states the order of words in a clause, not that of clauses.
 */
function sequenceFormsOf(forms: readonly string[], length: number): string[] {
  if (length > SEQUENCE_MAX_LENGTH) return [];
  const turned = forms.filter((form) => form.includes(' ')).map((form) => form.split(' ').reverse().join(' '));
  return [...new Set([...forms, ...turned])];
}

/** How sure the text is this intent, before excludes: 0 when nothing in it points there. */
function triggerConfidence(
  intent: Intent,
  normalized: string,
  forms: readonly string[],
  sequenceForms: readonly string[],
  bare: readonly string[],
): number {
  if (
    fires(intent.anyPattern, forms) ||
    fires(intent.anySequence, sequenceForms) ||
    intent.situations.some((situation) => fires(situation.anyPattern, forms)) ||
    recognizedByCapture(intent, normalized)
  ) {
    return PATTERN_CONFIDENCE;
  }
  return bare.some((form) => form !== '' && intent.exampleForms.has(form)) ? EXAMPLE_CONFIDENCE : 0;
}

/** Whether a capture that recognizes its intent finds its value (a loop: every intent asks it of every message, and most have no capture). */
function recognizedByCapture(intent: Intent, normalized: string): boolean {
  for (const name in intent.capture) {
    const { recognizes, pattern } = intent.capture[name];
    if (recognizes && pattern.test(normalized)) return true;
  }
  return false;
}

/** Writes a capture in its canonical form: $1…$9 and $<name> are the pattern's groups, $& the whole match. */
function expandFormat(format: string, match: RegExpExecArray): string {
  return format.replace(/\$(?:(\d)|<([A-Za-z_]\w*)>|&)/g, (_, index: string | undefined, name: string | undefined) => {
    if (index !== undefined) return match[Number(index)] ?? '';
    if (name !== undefined) return match.groups?.[name] ?? '';
    return match[0];
  });
}

function describe(intent: Intent, confidence: number, normalized: string, forms: readonly string[]): IntentMatch {
  const result: IntentMatch = { intent: intent.name, confidence };
  const capture: Record<string, string> = {};
  for (const [name, { pattern, format }] of Object.entries(intent.capture)) {
    const match = pattern.exec(normalized);
    if (match) capture[name] = expandFormat(format, match);
  }
  if (Object.keys(capture).length > 0) result.capture = capture;
  const category = intent.categories.find((c) => fires(c.anyPattern, forms));
  if (category) result.category = category.code;
  if (intent.situations.length > 0) {
    const named = intent.situations.filter((s) => fires(s.anyPattern, forms));
    result.situations = (named.length > 0 ? named : intent.situations).map(({ service }) => service);
  }
  return result;
}

/**
 * The system intent a citizen's message expresses, or null (then it is a knowledge question).
 * An intent fires when one of its patterns or sequences hits the normalized text or one of its other forms (see
 * formsOf; with `lexicon`, the questions' vocabulary), or when the whole text says the same as one of
 * its examples; an exclude hit on any form or a text over maxLength vetoes it. Of the intents that
 * fire, the highest priority wins (then confidence, then file order), so emergency beats all. A message
 * wholly in English none fires on is read in the classes' words (englishForm). A message none fires on may
 * still be one clause after another that each is an intent (byClauses).
 */
export function recognizeIntent(text: string, intents: readonly Intent[], lexicon?: Lexicon): IntentMatch | null {
  if (intents.length === 0) return null;
  const normalized = lexicon ? normalizeKept(text, lexicon.recent.normalized) : normalize(text);
  if (normalized === '') {
    const signs = emoticonsOf(text);
    return signs === '' ? null : (recognizeWhole(signs, intents, lexicon)?.match ?? null);
  }
  return (
    recognizeWhole(normalized, intents, lexicon)?.match ??
    recognizeEnglish(normalized, intents, lexicon) ??
    byClauses(normalized, intents, lexicon) ??
    byUnmarkedClauses(normalized, intents, lexicon)
  );
}

/** WeChat's emoticon codes ([抱拳], [OK]) and emoji (🙏), which normalize drops as noise. */
const EMOTICONS = /\[([\p{Script=Han}A-Za-z]{1,4})\]|\p{Extended_Pictographic}/gu;

/**
 * A message of nothing but emoticons, as their names and the emoji themselves ([抱拳][抱拳] → 抱拳 抱拳):
 * they are a whole reply to an answer (thanks, approval, goodbye), which the intents' word classes read.
 */
function emoticonsOf(text: string): string {
  return [...text.matchAll(EMOTICONS)].map((match) => (match[1] ?? match[0]).toLowerCase()).join(' ');
}

/**
 * The message without the fillers and acknowledgements it opens with (stripOpeners), unless such an
 * opener is the start of a longer word the segmenter cuts (好差评, 行政复议): then nothing is cut.
 */
function openedForm(normalized: string, edges: MessageEdges, lexicon: Lexicon | undefined): string {
  const opened = stripOpeners(normalized, edges);
  if (!lexicon || opened === normalized) return opened;
  const cut = normalized.replace(/ /g, '').length - opened.replace(/ /g, '').length;
  let at = 0;
  for (const token of segment(normalized, lexicon)) {
    if (at >= cut) break;
    at += token.length;
  }
  return at === cut ? opened : normalized;
}

/** An intent that fires, with what recognizeIntent says of it: the clause readings weigh the intent's priority and excludes. */
interface Recognized {
  intent: Intent;
  match: IntentMatch;
}

function recognizeWhole(normalized: string, intents: readonly Intent[], lexicon: Lexicon | undefined): Recognized | null {
  const { edges } = intents[0];
  const opened = openedForm(normalized, edges, lexicon);
  const latin = latinForm(normalized, intents, lexicon);
  const forms = latin === null ? formsOf(normalized, opened, lexicon) : [...formsOf(normalized, opened, lexicon), latin];
  const bareNormalized = stripFillers(normalized, edges);
  // Most messages open with no filler: their opened form is the normalized text, stripped once.
  const bare = [
    ...new Set([
      bareNormalized,
      opened === normalized ? bareNormalized : stripFillers(opened, edges),
      ...(latin === null ? [] : [stripFillers(latin, edges)]),
    ]),
  ];
  const length = codePoints(normalized.replace(/ /g, ''));
  const sequenceForms = sequenceFormsOf(forms, length);
  let best: { intent: Intent; confidence: number } | null = null;
  for (const intent of intents) {
    if (intent.maxLength !== undefined && length > intent.maxLength) continue;
    const confidence = triggerConfidence(intent, normalized, forms, sequenceForms, bare);
    if (confidence === 0 || fires(intent.anyExclude, forms)) continue;
    if (!best || intent.priority > best.intent.priority || (intent.priority === best.intent.priority && confidence > best.confidence)) {
      best = { intent, confidence };
    }
  }
  return best && { intent: best.intent, match: describe(best.intent, best.confidence, normalized, forms) };
}

/** A clause ending in 不 or 没 that asks as 吗 does (能给不, 能办不); not one that tells (还没, 都不). */
const ASKED_BY_NOT = /(?<![还都也从并就决])(?:不|没|没有)[啊呀吖哇哦噢喔呢吧哈嘛啦咯喽哒嘞]*$/u;

/** Whether a clause asks something: a question word (吗, 多久, 咋), or a 不 or 没 that ends it as 吗 would (能给不). */
function asks(clause: string, { questions }: MessageEdges): boolean {
  return questions.test(clause) || ASKED_BY_NOT.test(clause);
}

/**
 * Whether a clause asks nothing the knowledge base could answer: no question word (吗, 多久, 咋), and each of its
 * words a stop word, a word of the intents' own classes, or a single character the lexicon does not know
 * (别让机器人回了, 你本事大不大). A longer word either lacks (退休, 方面) may be what a question is about.
 */
function asksNothing(clause: string, { vocabulary, questions }: MessageEdges, lexicon: Lexicon): boolean {
  if (questions.test(clause)) return false;
  return segment(clause, lexicon).every(
    (token) => vocabulary.has(token) || lexicon.stopWords.has(token) || (codePoints(token) === 1 && !lexicon.words.has(token)),
  );
}

/**
 * A message of several clauses that no intent takes as a whole, each clause of which is an intent by
 * itself (咋这么慢 到底有没有人, 很有用 解决了) or tells what asks nothing of the knowledge base (你们这系统真慢 人呢):
 * the highest of the intents, as when intents fire together. One clause that asks the knowledge base
 * (你好 低保怎么申请) leaves the message to knowledge matching. A clause that tells a story in words of its own
 * (提交公开申请 老城区拆迁的补偿公告) may stand beside an intent that takes a matter on (`withStory`), when no
 * clause asks anything: asked beside a story (物业保安天天睡觉 能换个人吗), a request may be about the story's people.
 */
function byClauses(normalized: string, intents: readonly Intent[], lexicon: Lexicon | undefined): IntentMatch | null {
  const clauses = normalized.split(' ');
  if (clauses.length < 2) return null;
  const { edges } = intents[0];
  // The last clause first: a question mostly ends with what it asks (你好 低保怎么申请), no intent, and the clauses before
  // it (a greeting that is one) are then not recognized for nothing. The highest is still picked in the clauses' order.
  const matches: (Recognized | undefined)[] = [];
  let told = false;
  let story = false;
  for (let i = clauses.length - 1; i >= 0; i--) {
    const recognized = recognizeWhole(clauses[i], intents, lexicon);
    if (recognized) matches[i] = recognized;
    else if (lexicon && asksNothing(clauses[i], edges, lexicon)) told = true;
    else if (asks(clauses[i], edges)) return null;
    else story = true;
  }
  let best: Recognized | null = null;
  for (const recognized of matches) {
    if (recognized && (!best || recognized.intent.priority > best.intent.priority)) best = recognized;
  }
  if (story && (!best?.intent.withStory || clauses.some((clause) => asks(clause, edges)))) return null;
  // A clause that tells (先不投诉) may be what the intent's excludes read: they veto the whole message.
  if (best && (told || story) && fires(best.intent.anyExclude, [normalized])) return null;
  return best && best.match;
}

/**
 * A one-clause message that is two clauses written without a stop (等半天了客服人呢): cut between two of its words,
 * one side an intent and the other asking nothing, it is that intent, as byClauses reads such clauses.
 */
function byUnmarkedClauses(normalized: string, intents: readonly Intent[], lexicon: Lexicon | undefined): IntentMatch | null {
  if (!lexicon || normalized.includes(' ') || codePoints(normalized) > SEQUENCE_MAX_LENGTH) return null;
  const { edges } = intents[0];
  // A question runs on without a stop as often (12345都管些啥事): only what asks nothing is cut.
  if (edges.questions.test(normalized)) return null;
  const tokens = segment(normalized, lexicon);
  // Told without a stop, a clause is more than one word, each of the intents' own or a stop word (补正告之书 is no
  // 补正 told beside 告之书; 现在申请… no 现在 beside 申请…).
  const told = (part: readonly string[]) =>
    part.length > 1 && part.every((token) => edges.vocabulary.has(token) || lexicon.stopWords.has(token));
  for (let k = 1; k < tokens.length; k++) {
    const left = tokens.slice(0, k);
    const right = tokens.slice(k);
    const recognized =
      (told(right) ? recognizeWhole(left.join(''), intents, lexicon) : null) ??
      (told(left) ? recognizeWhole(right.join(''), intents, lexicon) : null);
    if (!recognized || fires(recognized.intent.anyExclude, [normalized])) continue;
    const { intent, match } = recognized;
    // The told clause may name what the intent is about (客服人呢: a person waited for).
    const category = intent.categories.find((c) => fires(c.anyPattern, [normalized]));
    return category ? { ...match, category: category.code } : match;
  }
  return null;
}
