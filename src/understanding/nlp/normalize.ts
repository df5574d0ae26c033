import { readFileSync } from 'node:fs';
import type { ConverterFunction, ConverterOptions } from 'opencc-js/t2cn' with { 'resolution-mode': 'import' };
import { contentKey, derivedFile } from '../../platform/data/derivedFile';
import type { RecentValues } from './recentValues';

// opencc-js ships ESM type declarations but a CommonJS build under the "require" condition.
const CONVERTER_MODULE = 'opencc-js/t2cn';
const { Converter } = require(CONVERTER_MODULE) as { Converter(options: ConverterOptions): ConverterFunction };

let toSimplified: ConverterFunction | undefined;
/** 1 for each character OpenCC converts on its own (see simplifyCharacters), by UTF-16 code unit. */
let isTraditional: Uint8Array | undefined;

const converter = (): ConverterFunction => (toSimplified ??= Converter({ from: 't', to: 'cn' }));

/**
 * Every CJK character (U+3400-U+9FFF) that `convert` changes on its own. Converted in one text, a
 * line each: OpenCC's phrases never span a line break, so each line comes out as the character alone would.
 */
export function convertibleCharacters(convert: ConverterFunction): string {
  const characters: string[] = [];
  for (let code = 0x3400; code <= 0x9fff; code++) characters.push(String.fromCharCode(code));
  const converted = convert(characters.join('\n')).split('\n');
  return characters.filter((character, i) => converted[i] !== character).join('');
}

/**
 * OpenCC is the slowest step of normalizing, and most text has nothing to convert: a character
 * class of every CJK character it converts on its own tells which texts to skip. Its phrase rules
 * only keep such characters unconverted (乾隆, not 干隆), so a text without any of them is left as
 * OpenCC would leave it. Working the class out took 0.15 s at every start, so it is kept in the
 * user's cache folder (derivedFile.ts) once per opencc-js build. A table of code units rather than
 * a regular expression's class of thousands of characters halves the time an index takes to simplify
 * its answer and section texts.
 */
function simplifyCharacters(text: string): string {
  isTraditional ??= codeUnitTable(traditionalCharacters());
  for (let i = 0; i < text.length; i++) if (isTraditional[text.charCodeAt(i)] === 1) return converter()(text);
  return text;
}

function codeUnitTable(characters: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < characters.length; i++) table[characters.charCodeAt(i)] = 1;
  return table;
}

function traditionalCharacters(): string {
  const build = readFileSync(require.resolve(CONVERTER_MODULE));
  const file = derivedFile(`wenzheng-opencc-t2cn-${contentKey(build)}.txt`, () => convertibleCharacters(converter()));
  return file ? readFileSync(file, 'utf8') : convertibleCharacters(converter());
}

/**
 * WeChat sends its built-in emoticons as text codes such as [捂脸] or [OK]; they carry no question content.
 * Citizens practically never put a word in ASCII brackets, so any short bracketed word is taken for one.
 */
const WECHAT_EMOTICON = /\[[\p{Script=Han}a-z]{1,4}\]/gu;
/** Everything but letters and digits (punctuation, symbols, emoji, spaces) is a word boundary at most. */
const NOISE = /[^\p{L}\p{N}]+/gu;
/** Three or more of the same Chinese character (啊啊啊啊) stand for one; digit runs (1000, 12345) are data. */
const REPEATED_HAN = /(\p{Script=Han})\1{2,}/gu;

/**
 * Full-width → half-width (NFKC), traditional → simplified characters (OpenCC t→cn), lower-case.
 * Enough to look words up in a text; normalize also cleans the text up for segmenting.
 */
export function simplify(text: string): string {
  return simplifyCharacters(text.normalize('NFKC')).toLowerCase();
}

/**
 * Canonical form of a citizen's text, shared by questions, knowledge entries and lexicon data:
 * simplify, then noise → one space and long runs of one character collapsed. Regional vocabulary
 * such as 資訊 is the synonym table's job (OpenCC's Taiwan phrase tables also rewrite simplified
 * text: 程序 → 进程). Spaces are kept (one at most) because they separate words.
 */
export function normalize(text: string): string {
  return simplify(text).replace(WECHAT_EMOTICON, ' ').replace(NOISE, ' ').replace(REPEATED_HAN, '$1').trim();
}

/** normalize, a text normalized lately taken from `recent` (a lexicon's: see Lexicon.recent). */
export function normalizeKept(text: string, recent: RecentValues<string>): string {
  return recent.get(text, normalize);
}

/** What reading Latin letters needs of the matcher's vocabulary. */
export interface LatinVocabulary {
  /** A word the index or lexicon knows (app, 12345热线, ic卡). */
  isKnown(word: string): boolean;
  /** The vocabulary word a run of toneless pinyin spells (dibao → 低保), or with `tail` after it (di + 保), or null. */
  pinyinWord(latin: string, tail?: string): string | null;
}

/** Runs of Latin letters and digits, and the space-separated runs of letters that may spell one pinyin word (di bao). */
const LATIN_RUN = /[a-z0-9]+(?: [a-z]+)*/g;
const LETTERS = /^[a-z]+$/;
const DIGITS = /^[0-9]+$/;
/** A resident ID number (its last character may be x), kept as the data it is. */
const ID_NUMBER = /^[0-9]{17}[0-9x]$/;
const HAN = /\p{Script=Han}/u;
/** An abbreviation written into a Chinese question (etc卡, app, b超) is this short. */
const MAX_ABBREVIATION = 4;
/** Pinyin words are tried over at most this many space-separated runs (gong ji jin). */
const MAX_PINYIN_RUNS = 4;
/** Known words joined to Latin letters (ic卡) have at most this many Chinese characters around them. */
const MAX_JOINED_HAN = 3;
/** Letters written against the Chinese after them (di保, gt户, zf工作报告), with those characters. */
const LETTERS_BEFORE_HAN = /(?<![a-z0-9])([a-z]+)(\p{Script=Han}+)/gu;
/** A word spelled partly in pinyin ends with at most this many of the characters after the letters. */
const MAX_SPELLED_TAIL = 4;

/**
 * A normalized question with its Latin letters read for what they mean: pinyin spelling a
 * vocabulary word becomes that word (dibao → 低保), digits (12345, an ID number), known words (app)
 * and short abbreviations written into the Chinese (办etc卡) stay, and the rest — English around the
 * question (how to apply for), stray letters and digits (2plain) — goes, so that it does not weigh
 * more than the question. A question with nothing else left is left with nothing to match.
 */
export function readLatin(normalized: string, vocabulary: LatinVocabulary): string {
  if (!/[a-z]/.test(normalized)) return normalized;
  const read = readSpelledWithTail(normalized, vocabulary).replace(LATIN_RUN, (match: string, offset: number) => {
    const runs = match.split(' ');
    const starts = runs.map((_, i) => offset + runs.slice(0, i).reduce((sum, run) => sum + run.length + 1, 0));
    const out: string[] = [];
    for (let i = 0; i < runs.length;) {
      // The longest stretch of two or more runs that spells a pinyin word (di bao), else this run alone.
      let spelled = 0;
      for (let length = Math.min(MAX_PINYIN_RUNS, runs.length - i); length > 1 && spelled === 0; length--) {
        const word = vocabulary.pinyinWord(runs.slice(i, i + length).join(''));
        if (word !== null) {
          out.push(word);
          spelled = length;
        }
      }
      if (spelled > 0) {
        i += spelled;
        continue;
      }
      const [run, start] = [runs[i], starts[i]];
      out.push(
        meaningOf(
          run,
          normalized.slice(Math.max(0, start - MAX_JOINED_HAN), start),
          normalized.slice(start + run.length, start + run.length + MAX_JOINED_HAN),
          runs.length === 1,
          vocabulary,
        ),
      );
      i++;
    }
    const kept = out.join(' ');
    // Runs kept as they are stay joined to the Chinese (12345热线 is one word); what changed stands apart.
    return kept === match ? match : ` ${kept} `;
  });
  return read.replace(/ +/g, ' ').trim();
}

/**
 * Words citizens spell in pinyin up to the characters they found (di保 → 低保, shiye金 → 失业金, gt户 →
 * 个体户): the letters and those characters become the word, unless they are a known word as written (ic卡).
 */
function readSpelledWithTail(normalized: string, vocabulary: LatinVocabulary): string {
  return normalized.replace(LETTERS_BEFORE_HAN, (match: string, letters: string, han: string) => {
    const longest = Math.min(han.length, MAX_SPELLED_TAIL);
    for (let k = 1; k <= longest; k++) if (vocabulary.isKnown(letters + han.slice(0, k))) return match;
    for (let k = longest; k >= 1; k--) {
      const word = vocabulary.pinyinWord(letters, han.slice(0, k));
      if (word !== null) return ` ${word} ${han.slice(k)}`;
    }
    return match;
  });
}

/** One run of Latin letters or digits as the question means it: kept, read as a word, or '' (noise). */
function meaningOf(run: string, before: string, after: string, alone: boolean, vocabulary: LatinVocabulary): string {
  if (DIGITS.test(run) || ID_NUMBER.test(run) || vocabulary.isKnown(run)) return run;
  for (let k = 1; k <= MAX_JOINED_HAN; k++) {
    if (vocabulary.isKnown(run + after.slice(0, k)) || vocabulary.isKnown(before.slice(-k) + run)) return run;
  }
  if (LETTERS.test(run)) {
    const word = vocabulary.pinyinWord(run);
    if (word !== null) return word;
  }
  // Written into the Chinese without a space, a short run is an abbreviation the citizen means (办etc卡).
  const joined = HAN.test(before.slice(-1)) || HAN.test(after.slice(0, 1));
  return alone && joined && run.length <= MAX_ABBREVIATION ? run : '';
}
