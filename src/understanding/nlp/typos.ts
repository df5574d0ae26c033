import { readFileSync, statSync } from 'node:fs';
import { contentKey, derivedFile } from '../../platform/data/derivedFile';
import { codePoints } from './codePoints';
import type { KnownWords } from './knownWords';

/**
 * Tolerance for pinyin-input typos: citizens type by sound and pick the wrong character
 * (低包 → 低保, 公基金 → 公积金, 社保咔 → 社保卡, 居住正 → 居住证). A word the index does not know,
 * alone or joined with its neighbours, is replaced by the one vocabulary word that sounds the same.
 */
export interface TypoModel {
  /** Toneless pinyin ("di bao") → vocabulary words with that sound. */
  readonly bySound: ReadonlyMap<string, readonly string[]>;
  /** The same under the confusions of fuzzy-pinyin input methods (zh/z, n/l, ing/in...). */
  readonly byFuzzySound: ReadonlyMap<string, readonly string[]>;
  /** Known words are not typos; stop words never are either: two of them (有 几) may sound like a word (邮寄). */
  readonly known: KnownWords;
  /** Whether an entry is about both `word` and one of `context` (the question's other words). */
  readonly cooccurs: (word: string, context: readonly string[]) => boolean;
  /** The term a vocabulary word means (社保咔, a homophone typo listed in the lexicon → 社保卡); identity by default. */
  readonly canonicalOf?: (word: string) => string;
  /**
   * Whether the knowledge base's own titles, questions or keywords write `text`: its wording is no typo, though
   * the segmenter may not know it as a word (报装 of 用水报装 is not 包装). None by default.
   */
  readonly stated?: (text: string) => boolean;
  /** Every syllable of the sounds → its fuzzy form: what a run of pinyin is split into, and the fuzzy sounds of questions. */
  readonly syllables: ReadonlyMap<string, string>;
  /** Length of the longest syllable. */
  readonly longestSyllable: number;
  /** The first letters of a sound's syllables ("gjj") → the sounds: what an abbreviation of initials spells. */
  readonly byInitials: ReadonlyMap<string, readonly string[]>;
}

/** The sounds of a model, as a build works them out and a snapshot of an index keeps them. */
export type TypoSounds = Pick<TypoModel, 'bySound' | 'byFuzzySound'>;
/** What a typo model asks of the index and the lexicon, besides its sounds. */
export type TypoLinks = Pick<TypoModel, 'known' | 'cooccurs' | 'canonicalOf' | 'stated'>;

const ALL_HAN = /^\p{Script=Han}+$/u;
const MAX_SPAN_TOKENS = 3;
const MIN_SPAN_CHARS = 2;
const MAX_SPAN_CHARS = 6;
/** Fuzzy sounds collide often on short words, so they are only trusted from three syllables up. */
const MIN_FUZZY_SYLLABLES = 3;

/**
 * pinyin-pro, required on first use: loading its tables took a tenth of every start, and a start that
 * reads its index and readings back (indexCache.ts, readAhead) needs none until a question does.
 */
let pinyinPro: typeof import('pinyin-pro') | undefined;

/** Toneless pinyin of a word, read in context (重庆 → chong qing). */
function sound(word: string): string[] {
  pinyinPro ??= require('pinyin-pro') as typeof import('pinyin-pro');
  return pinyinPro.pinyin(word, { toneType: 'none', type: 'array', v: true });
}

const soundOfCharacter = new Map<string, string>();

/**
 * Toneless pinyin of a question span, character by character from a process-wide memo: spans are
 * typos, so reading them in context means little, and pinyin-pro is too slow to call per span.
 */
function spanSound(span: string): string[] {
  return [...span].map(syllableOf);
}

/** spanSound with its syllables joined by spaces (TypoModel.bySound's key), built without an array: typo correction asks it of every span. */
function spanSoundKey(span: string): string {
  let key = '';
  let first = true;
  for (const character of span) {
    // As join renders them: a character pinyin-pro reads as nothing adds an empty syllable.
    key += first ? (syllableOf(character) ?? '') : ` ${syllableOf(character) ?? ''}`;
    first = false;
  }
  return key;
}

function syllableOf(character: string): string {
  let syllable = soundOfCharacter.get(character);
  if (syllable === undefined) soundOfCharacter.set(character, (syllable = sound(character)[0]));
  return syllable;
}

/** The confusions most southern and north-eastern speakers make, which fuzzy-pinyin input methods allow. */
function fuzzySyllable(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^n/, 'l')
    .replace(/([ae])ng$/, '$1n')
    .replace(/ing$/, 'in');
}

/** The syllables of `bySound`'s sounds with their fuzzy forms. */
function syllablesOf(bySound: TypoModel['bySound']): Map<string, string> {
  const syllables = new Map<string, string>();
  for (const sound of bySound.keys())
    for (const syllable of sound.split(' ')) if (!syllables.has(syllable)) syllables.set(syllable, fuzzySyllable(syllable));
  return syllables;
}

/** A model of `sounds`, its syllables worked out once. */
export function typoModelOf(sounds: TypoSounds, links: TypoLinks): TypoModel {
  const syllables = syllablesOf(sounds.bySound);
  const longestSyllable = Math.max(0, ...[...syllables.keys()].map((syllable) => syllable.length));
  const byInitials = new Map<string, string[]>();
  for (const sound of sounds.bySound.keys()) addTo(byInitials, initialsOf(sound.split(' ')), sound);
  return { ...sounds, ...links, syllables, longestSyllable, byInitials };
}

const initialsOf = (syllables: readonly string[]) => syllables.map((syllable) => syllable[0]).join('');

function addTo(map: Map<string, string[]>, key: string, word: string): void {
  const words = map.get(key);
  if (!words) map.set(key, [word]);
  else if (!words.includes(word)) words.push(word);
}

const isTypoTarget = (word: string) => {
  const length = codePoints(word);
  return length >= MIN_SPAN_CHARS && length <= MAX_SPAN_CHARS && ALL_HAN.test(word);
};

/** Readings in context of the words readAhead was given (the lexicon's, the same at every start). */
const readingOfWord = new Map<string, string>();

/** A word's toneless pinyin read in context, joined by spaces. */
const readingOf = (word: string) => readingOfWord.get(word) ?? sound(word).join(' ');

/**
 * Reads `words` (and their characters) ahead for buildTypoModel: pinyin-pro took 0.2-0.3 s at every
 * start for a lexicon's 3,000 words, so their readings are kept in the user's cache folder under the hash
 * of the words and pinyin-pro's build.
 */
export function readAhead(words: Iterable<string>): void {
  const targets = [...new Set(words)].filter(isTypoTarget).sort();
  if (targets.every((word) => readingOfWord.has(word))) return;
  const build = statSync(require.resolve('pinyin-pro'));
  const read = () =>
    JSON.stringify({
      words: targets.map((word) => [word, sound(word).join(' ')]),
      characters: [...new Set(targets.join(''))].map((character) => [character, spanSound(character)[0]]),
    });
  const file = derivedFile(`wenzheng-pinyin-${contentKey(`${build.size}-${Math.trunc(build.mtimeMs)}`, targets.join('\n'))}.json`, read);
  const readings = JSON.parse(file ? readFileSync(file, 'utf8') : read()) as { words: [string, string][]; characters: [string, string][] };
  for (const [word, reading] of readings.words) readingOfWord.set(word, reading);
  for (const [character, syllable] of readings.characters) soundOfCharacter.set(character, syllable);
}

/** `targets`: the words a typo may be corrected to (entry titles, questions and keywords, lexicon words). */
export function buildTypoModel(
  targets: Iterable<string>,
  known: KnownWords,
  cooccurs: TypoModel['cooccurs'],
  canonicalOf?: (word: string) => string,
  stated?: (text: string) => boolean,
): TypoModel {
  const bySound = new Map<string, string[]>();
  const soundsOf = new Map<string, string[]>();
  for (const word of new Set(targets)) {
    if (!isTypoTarget(word)) continue;
    // Read in context and character by character, as a typo of it would be (see spanSound).
    const sounds = [...new Set([readingOf(word), spanSound(word).join(' ')])];
    soundsOf.set(word, sounds);
    for (const sound of sounds) addTo(bySound, sound, word);
  }
  const syllables = syllablesOf(bySound);
  const byFuzzySound = new Map<string, string[]>();
  for (const [word, sounds] of soundsOf) {
    for (const sound of sounds) {
      const split = sound.split(' ');
      if (split.length >= MIN_FUZZY_SYLLABLES) addTo(byFuzzySound, split.map((syllable) => syllables.get(syllable)!).join(' '), word);
    }
  }
  return typoModelOf({ bySound, byFuzzySound }, { known, cooccurs, canonicalOf, stated });
}

/**
 * The one word that sounds like `text`, or null when none or several do; `fuzzy`: whether its fuzzy sound may do.
 * `context`: the question's other words, which pick among several (see oneMeaning), made only then.
 */
function soundAlike(text: string, model: TypoModel, fuzzy: boolean, context: () => readonly string[]): string | null {
  const exact = model.bySound.get(spanSoundKey(text));
  if (exact) return oneMeaning(exact, model, context);
  // Fuzzy sounds, from three syllables up: the syllables are split out only here (most spans sound like no word).
  if (!fuzzy || codePoints(text) < MIN_FUZZY_SYLLABLES) return null;
  return oneMeaning(
    model.byFuzzySound.get(
      spanSound(text)
        .map((syllable) => model.syllables.get(syllable) ?? fuzzySyllable(syllable))
        .join(' '),
    ),
    model,
    context,
  );
}

/**
 * The one meaning among words of one sound, or null: a word and the homophone typos the lexicon lists
 * for it (低保, 低包, 抵保) are one meaning, not an ambiguity — else listing typos would stop correcting
 * the ones not listed (底保). Of several meanings, the one an entry has with another word of the question
 * (`context`) is meant: 出生登计 is 登记, not 等级. The more entries a base has, the more of its words share a sound.
 */
function oneMeaning(words: readonly string[] | undefined, model: TypoModel, context: () => readonly string[]): string | null {
  if (!words) return null;
  if (words.length === 1) return words[0];
  const canonical = model.canonicalOf ?? ((word: string) => word);
  const single = (candidates: readonly string[]) =>
    candidates.length > 0 && candidates.every((word) => canonical(word) === canonical(candidates[0])) ? candidates[0] : null;
  const one = single(words);
  if (one !== null) return one;
  const others = context();
  return others.length > 0 ? single(words.filter((word) => model.cooccurs(word, others))) : null;
}

/**
 * Replaces typo'd words in segmented tokens. A span of one to three tokens is a candidate when it
 * contains a suspect — a token that is no stop word and either unknown to the index or a lone
 * character (the segmenter breaks a typo'd word into single characters: 低包 → 低 包) — is not
 * itself a known word, and sounds like exactly one vocabulary word. Longer spans are tried first.
 * A span of several tokens holds no stop word: a typo'd word breaks into its own characters, and a
 * particle beside them makes a homophone of what was never one word (版的市政府 → 的士).
 * The segmenter only outputs dictionary words, so a single two-character token needs context to be
 * taken for a typo (see the comment in the loop).
 */
export function correctTypos(tokens: readonly string[], model: TypoModel): string[] {
  const { known } = model;
  // Per token, worked out once for each of the up to three spans it is part of.
  const chars = tokens.map(codePoints);
  const han = tokens.map((token) => token === '' || ALL_HAN.test(token));
  const stopWords: (boolean | undefined)[] = [];
  const isStopWord = (k: number) => (stopWords[k] ??= known.isStopWord(tokens[k]));
  const suspects: (boolean | undefined)[] = [];
  const isSuspect = (k: number) => (suspects[k] ??= !isStopWord(k) && (!known.isKnown(tokens[k]) || chars[k] === 1));
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    let replaced = false;
    for (let length = Math.min(MAX_SPAN_TOKENS, tokens.length - i); length >= 1 && !replaced; length--) {
      let spanChars = 0;
      let allHan = true;
      for (let k = i; k < i + length; k++) {
        spanChars += chars[k];
        allHan &&= han[k];
      }
      if (spanChars < MIN_SPAN_CHARS || spanChars > MAX_SPAN_CHARS || !allHan) continue;
      let stopWord = false;
      for (let k = i; length > 1 && k < i + length && !stopWord; k++) stopWord = isStopWord(k);
      if (stopWord) continue;
      const text = length === 1 ? tokens[i] : tokens.slice(i, i + length).join('');
      if (known.isKnown(text)) continue;
      let suspect = false;
      for (let k = i; k < i + length && !suspect; k++) suspect = isSuspect(k);
      if (!suspect) continue;
      // A word the segmenter found whole (办公室) is mistyped by its exact sound, not by a speaker's confusion (办公司).
      // The question's other words, made only when they are read: most spans sound like no word or exactly one.
      let others: string[] | undefined;
      const context = () => (others ??= [...tokens.slice(0, i), ...tokens.slice(i + length)]);
      const word = soundAlike(text, model, length > 1, context);
      // A two-character word the segmenter found whole is a real word, likelier meant (不住) than a
      // typo of a homophone (补助) — unless an entry is about the homophone and another word of the
      // question (暖气报亭: 暖气 and 报停 share an entry).
      if (word !== null && length === 1 && spanChars < 3 && !model.cooccurs(word, context())) continue;
      // Asked only of a span that sounds like a word: most spans sound like none.
      if (word !== null && (model.stated?.(text) ?? false)) continue;
      if (word !== null) {
        out.push(word);
        i += length;
        replaced = true;
      }
    }
    if (!replaced) out.push(tokens[i++]);
  }
  return out;
}

/** At most this many readings of one run are tried (xian: xi an or xian). */
const MAX_READINGS = 16;
/** A pinyin word has as many syllables as its characters: at least two. */
const MIN_PINYIN_SYLLABLES = MIN_SPAN_CHARS;

/** Citizens abbreviate a word by its initials (gjj, gt户): a run of consonants only, this long at most. */
const INITIALS = /^[bcdfghjklmnpqrstwxyz]{1,4}$/;
/** Two initials spell too many words (zf: 政府, 住房, 支付): a word is read from three syllables up. */
const MIN_INITIALS = 3;

/**
 * The vocabulary word a run of toneless pinyin spells (dibao → 低保, gongjijin → 公积金), or null
 * when it is no pinyin of two or more syllables, or its readings spell none or several words.
 * A run of consonants only is read as the initials of the word's syllables (gjj → 公积金).
 * `tail`: the Chinese characters the run is written against, which end the word (di + 保 → 低保,
 * shiye + 金 → 失业金, gt + 户 → 个体户): citizens type in pinyin the characters they cannot find.
 */
export function pinyinWord(latin: string, model: TypoModel, tail = ''): string | null {
  const { syllables, longestSyllable: longest } = model;
  // No vocabulary word is spelled longer; a long run would only cost time (a citizen's text is untrusted).
  if (latin.length > longest * MAX_SPAN_CHARS) return null;
  const tailSound = tail === '' ? [] : spanSound(tail);
  const sounds: string[] = [];
  if (INITIALS.test(latin)) {
    if (latin.length + tailSound.length < MIN_INITIALS) return null;
    const ending = tailSound.join(' ');
    for (const sound of model.byInitials.get(latin + initialsOf(tailSound)) ?? []) {
      if (ending === '' || sound.endsWith(` ${ending}`)) sounds.push(sound);
    }
  } else {
    // Positions from which the rest reads as no syllables: each is tried once.
    const deadEnds = new Set<number>();
    const split = (from: number, taken: string[]): boolean => {
      if (from === latin.length) {
        const reading = [...taken, ...tailSound];
        if (reading.length >= MIN_PINYIN_SYLLABLES && sounds.length < MAX_READINGS) sounds.push(reading.join(' '));
        return true;
      }
      if (deadEnds.has(from)) return false;
      let reads = false;
      for (let end = Math.min(latin.length, from + longest); end > from; end--) {
        if (syllables.has(latin.slice(from, end)) && split(end, [...taken, latin.slice(from, end)])) reads = true;
      }
      if (!reads) deadEnds.add(from);
      return reads;
    };
    split(0, []);
  }
  // Pinyin spells a sound, not a character: the lexicon's words of one meaning (社保卡 and its
  // homophone typos) are one reading, and only a sound of several meanings is ambiguous.
  const canonical = model.canonicalOf ?? ((word: string) => word);
  const spelled = sounds.flatMap((sound) => model.bySound.get(sound) ?? []).filter((word) => word.endsWith(tail));
  const words = new Set(spelled.map(canonical));
  return words.size === 1 ? [...words][0] : null;
}
