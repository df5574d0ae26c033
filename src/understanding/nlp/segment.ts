import * as nodejieba from 'nodejieba';
import type { KnownWords } from './knownWords';
import type { Lexicon, UnitAsked } from './lexicon';
import { normalizeKept } from './normalize';
import { loadSegmenter } from './segmenterDictionary';
import { correctTypos, type TypoModel } from './typos';
import type { WordTrie } from './wordTrie';

/** Words already given to nodejieba in this process. */
const segmenterWords = new Set<string>();
const preparedLexicons = new WeakSet<Lexicon>();

/**
 * Makes the segmenter keep these words whole (棚改, 依申请公开, 一网通办).
 *
 * nodejieba holds ONE dictionary per thread and loading it again would drop the words added, so it is
 * loaded once (loadSegmenter) and project words are added with `insertWord`, once each. Added words stay
 * for the life of the thread and affect every caller of nodejieba, which is harmless because they are
 * domain words that should never be split anyway.
 */
export function addSegmenterWords(words: Iterable<string>): void {
  loadSegmenter();
  for (const word of words) {
    if (word.length < 2 || word.includes(' ') || segmenterWords.has(word)) continue;
    nodejieba.insertWord(word);
    segmenterWords.add(word);
  }
}

/**
 * What the segmenter of this thread cuts with: its dictionary file and the words added to it, in the
 * order added. Whatever is worked out from its cuts and kept (a knowledge index) is kept under these.
 */
export function segmenterState(): string[] {
  return [loadSegmenter(), ...segmenterWords];
}

/**
 * Raw word tokens of normalized text (before synonyms and stop words). jieba decides by word
 * frequencies, so it may still split a lexicon word made of two frequent words (多少天 → 多少 天,
 * 市长热线电话 → 市长 热线电话); a second pass makes every lexicon word that starts where a token
 * starts one token, taking what it overlaps of the following token. Words that would start inside
 * a token are left alone (there jieba saw a likelier word: 工单 in 加工单位), except when only
 * the word's last character was left over (回电 话 → 回 电话).
 */
export function segment(normalized: string, lexicon: Lexicon, names?: WordTrie): string[] {
  return cutWithNames(normalized, lexicon, names).filter((token) => token !== ' ');
}

/**
 * Whether the segmenter cuts a text into single characters only (教资 → 教 资, 摇号 → 摇 号): a short name
 * its dictionary does not know, which a knowledge index keeps whole as one of its names (see joinNames).
 */
export function cutIntoCharacters(normalized: string, lexicon: Lexicon): boolean {
  const tokens = cut(normalized, lexicon);
  return tokens.length > 1 && tokens.every((token) => token.length === 1);
}

/**
 * Joins adjacent tokens that together spell one of `names` (教 资 → 教资), where the name starts and
 * ends at token boundaries: the names are a knowledge index's own (its entries' short keywords), given
 * to what cuts its entries and the questions put to it, so that no other index, and not the segmenter
 * shared by the whole process, cuts differently because of them.
 */
export function joinNames(tokens: readonly string[], names: WordTrie): readonly string[] {
  const text = tokens.join('');
  let joined: string[] | undefined;
  for (let i = 0, start = 0; i < tokens.length;) {
    const length = names.longestAt(text, start, 2);
    let next = i + 1;
    let end = start + tokens[i].length;
    while (end < start + length) end += tokens[next++].length;
    if (next > i + 1 && end === start + length) {
      joined ??= tokens.slice(0, i);
      joined.push(text.slice(start, end));
    } else {
      next = i + 1;
      end = start + tokens[i].length;
      joined?.push(tokens[i]);
    }
    i = next;
    start = end;
  }
  return joined ?? tokens;
}

/** cut, with an index's names joined (joinNames). */
function cutWithNames(normalized: string, lexicon: Lexicon, names: WordTrie | undefined): readonly string[] {
  const tokens = cut(normalized, lexicon);
  return names ? joinNames(tokens, names) : tokens;
}

/**
 * Gives the segmenter a lexicon's words. Segmenting does it on first use; a start-up calls it first, so that
 * what segments or tags before any question (places) sees the same dictionary as every question after.
 */
export function prepareSegmenter(lexicon: Lexicon): void {
  if (!preparedLexicons.has(lexicon)) {
    addSegmenterWords(lexicon.words);
    preparedLexicons.add(lexicon);
  }
}

/** Words with their part-of-speech tags in the segmenter's dictionary (鼓楼 → n). */
export function tagWords(text: string): nodejieba.TagResult[] {
  loadSegmenter();
  return nodejieba.tag(text);
}

/**
 * segment, keeping spaces as tokens; the same text again comes from the lexicon's recent cuts, made
 * with the segmenter's dictionary as it is (it only grows: its size tells it apart).
 */
function cut(normalized: string, lexicon: Lexicon): readonly string[] {
  prepareSegmenter(lexicon);
  return lexicon.recent.cuts.get(normalized, (text) => cutClauses(text, lexicon), segmenterWords.size);
}

/**
 * cutAnew, clause by clause: jieba cuts the text between two spaces apart from the rest (a space is one of
 * its separators) and no lexicon word holds a space, so a text's cut is its clauses' cuts with the spaces
 * between — and each clause's cut is kept for the clause asked alone (the story's clauses, the intents'),
 * which is then not cut again.
 */
function cutClauses(normalized: string, lexicon: Lexicon): readonly string[] {
  if (!normalized.includes(' ')) return cutAnew(normalized, lexicon);
  const out: string[] = [];
  const clauses = normalized.split(' ');
  for (let i = 0; i < clauses.length; i++) {
    if (i > 0) out.push(' ');
    if (clauses[i] !== '') for (const token of cut(clauses[i], lexicon)) out.push(token);
  }
  return out;
}

/** jieba cuts a number into its digits (13800138000 → 1 3 8 0 …), which entries mentioning a digit would match: a number is one token. */
function joinDigits(tokens: string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const last = out.length - 1;
    if (last >= 0 && DIGITS.test(token) && DIGITS.test(out[last])) out[last] += token;
    else out.push(token);
  }
  return out;
}

const DIGITS = /^[0-9]+$/;
const YEAR = /^(?:19|20)[0-9]{2}$/;

function cutAnew(normalized: string, lexicon: Lexicon): string[] {
  const tokens = nodejieba.cut(normalized);
  const out: string[] = [];
  let offset = 0;
  let end = 0;
  for (const token of tokens) {
    const start = offset;
    offset += token.length;
    if (start < end) {
      // Partly or wholly taken by the lexicon word before it. The rest may begin a lexicon word of its
      // own: jieba's 上 学报 名 is 上学 报名, not 上学 报 名.
      if (offset > end) {
        const rest = longestWordAt(normalized, end, lexicon);
        if (rest.length > offset - end) {
          out.push(rest);
          end += rest.length;
        } else out.push(normalized.slice(end, offset));
      }
      continue;
    }
    const word = longestWordAt(normalized, start, lexicon);
    if (word.length > token.length) {
      out.push(word);
      end = start + word.length;
    } else if (token.length === 1 && out.length > 0) {
      out.push(...takeBackLastCharacter(out.pop() as string, token, lexicon));
    } else {
      out.push(token);
    }
  }
  return /[0-9]/.test(normalized) ? joinDigits(out) : out;
}

/**
 * jieba sometimes joins the first character of a lexicon word to the word before and leaves the
 * last one alone (回电话 → 回电 话); then the lexicon word wins: 回 电话.
 */
function takeBackLastCharacter(previous: string, single: string, lexicon: Lexicon): string[] {
  if (previous.length < 2 || lexicon.words.has(previous)) return [previous, single];
  for (let cut = 1; cut < previous.length; cut++) {
    const word = previous.slice(cut) + single;
    if (lexicon.words.has(word)) return [previous.slice(0, cut), word];
  }
  return [previous, single];
}

/** The longest lexicon word of two or more characters at `start`, or '' (words never contain spaces, so they never cross one). */
function longestWordAt(text: string, start: number, lexicon: Lexicon): string {
  return text.slice(start, start + lexicon.wordTrie.longestAt(text, start, 2));
}

/**
 * Splits tokens the index does not know into words it knows, so that a question cut differently
 * from the entries still meets their words (查询处理 → 查询 处理, 工作日内 → 工作日 内, 领点 → 领 点).
 * Forward maximum matching over known words (single characters only if stop or lexicon words:
 * 领 → 领取) and stop words; characters between them stay together (今年冬天 → 今年 冬天). A token
 * is only split when a piece is a known content word, and a two-character token only when both
 * characters are such words (好看 stays whole: 好 is a stop word, 看 no lexicon word). One followed by a lone
 * character may be split across it (splitAcross).
 */
export function splitUnknownTokens(tokens: readonly string[], known: KnownWords, amount: RegExp | null, unitAsked?: UnitAsked): string[] {
  // A loop, not flatMap (slow in V8): this runs for every clause of every question.
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // A number stays whole (see joinDigits). One no entry mentions (an amount, a phone number) or a year
    // is a detail of the question, not what it asks: 2026 is not 20 and 26, nor the year an entry mentions.
    if (DIGITS.test(token)) {
      if (known.isKnown(token) && !YEAR.test(token)) out.push(token);
    } else if (token.length >= 2 && (amount?.test(token) ?? false)) {
      if (known.isKnown(token)) out.push(token);
    } else if (token.length < 2 || known.isKnown(token)) out.push(token);
    else {
      const across = tokens[i + 1]?.length === 1 ? splitAcross(token, tokens[i + 1], known) : undefined;
      if (across) i++;
      out.push(...(across ?? splitIntoKnown(token, known)));
    }
  }
  // A unit after a question word, cut apart by the segmenter or here (几 月份, 多少 岁, 哪天 → 哪 天), asks what
  // amount or date, as 几天 does: it names no thing asked about.
  return unitAsked === undefined
    ? out
    : out.filter((token, i) => !(i > 0 && unitAsked.units.has(token) && unitAsked.askingWords.has(out[i - 1])));
}

/**
 * An unknown word the segmenter made of a known one and the first character of the next (申请人 才 of 申请人才驿站),
 * read as known words across them (申请 人才), when every piece is known and the last, taking the lone character,
 * is a content word: a base's own word (人才) that the segmenter's dictionary lacks is not lost to its guess.
 */
function splitAcross(token: string, single: string, known: KnownWords): string[] | undefined {
  const pieces = splitIntoKnown(token + single, known);
  const last = pieces[pieces.length - 1];
  return pieces.length > 1 && last.length >= 2 && !known.isStopWord(last) && pieces.every((piece) => known.isKnown(piece))
    ? pieces
    : undefined;
}

function splitIntoKnown(token: string, known: KnownWords): string[] {
  const pieces: string[] = [];
  let unknownRun = '';
  let unknownChars = 0;
  let foundContent = false;
  for (let start = 0; start < token.length;) {
    let word = '';
    for (let length = Math.min(known.longestWord, token.length - start); length >= 1 && !word; length--) {
      const piece = token.slice(start, start + length);
      if (known.isStopWord(piece) || (length === 1 ? known.isLexiconWord(piece) : known.isKnown(piece))) word = piece;
    }
    if (word) {
      if (unknownRun) pieces.push(unknownRun);
      unknownRun = '';
      pieces.push(word);
      foundContent ||= !known.isStopWord(word);
      start += word.length;
    } else {
      unknownRun += token[start++];
      unknownChars++;
    }
  }
  if (unknownRun) pieces.push(unknownRun);
  return foundContent && pieces.length > 1 && (token.length > 2 || unknownChars === 0) ? pieces : [token];
}

/** Token → canonical term via the synonym table (棚改 → 棚户区改造), or null for a stop word. */
export function canonicalTerm(token: string, lexicon: Lexicon): string | null {
  const canonical = lexicon.synonyms.get(token) ?? token;
  return lexicon.stopWords.has(token) || lexicon.stopWords.has(canonical) ? null : canonical;
}

/** Content terms of tokens, in order and with repeats (term frequencies matter to the index). */
export function toTerms(tokens: readonly string[], lexicon: Lexicon): string[] {
  const terms: string[] = [];
  for (const token of tokens) {
    const term = canonicalTerm(token, lexicon);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/**
 * The shorter words inside a compound term, as content terms (外地人 → 异地, 政府信息公开 → 政府
 * 信息 公开), so that an entry saying 外地人 also matches a question saying 外地. Terms of one or
 * two characters have none.
 */
export function subTerms(term: string, lexicon: Lexicon): string[] {
  if (term.length < 3) return [];
  prepareSegmenter(lexicon);
  const parts = nodejieba.cutAll(term).filter((part) => part.length >= 2 && part !== term);
  return toTerms(parts, lexicon).filter((part) => part !== term);
}

/** What an index knows, for the question-only stages: typo correction and splitting unknown words; and its names (joinNames). */
export interface QueryVocabulary {
  readonly typoModel: TypoModel;
  readonly knownWords: KnownWords;
  readonly names: WordTrie;
}

/**
 * Normalized text → content terms: segment (joining `names`) → (typos) → synonyms → segment again →
 * (split unknown words) → synonyms and stop words. Synonyms are applied to the text and it is segmented
 * again so that a replaced word can join its neighbours into the word entries use (政府 资讯 公开 →
 * 政府信息公开). Entries are analyzed without `vocabulary` but with their index's names; questions with the index's.
 */
export function analyzeNormalized(
  normalized: string,
  lexicon: Lexicon,
  vocabulary?: QueryVocabulary,
  names: WordTrie | undefined = vocabulary?.names,
): string[] {
  const cuts = cutWithNames(normalized, lexicon, names);
  const tokens = vocabulary ? correctTypos(cuts, vocabulary.typoModel) : cuts;
  const canonical = tokens.map((token) => lexicon.synonyms.get(token) ?? token).join('');
  const words = canonical === normalized ? tokens.filter((token) => token !== ' ') : segment(canonical, lexicon, names);
  return toTerms(vocabulary ? splitUnknownTokens(words, vocabulary.knownWords, lexicon.amount, lexicon.unitAsked) : words, lexicon);
}

/** analyzeNormalized of raw text. */
export function analyze(text: string, lexicon: Lexicon, vocabulary?: QueryVocabulary): string[] {
  return analyzeNormalized(normalizeKept(text, lexicon.recent.normalized), lexicon, vocabulary);
}

const HAN = /\p{Script=Han}/u;

/**
 * Adjacent pairs of Chinese characters (住房公积金 → 住房 房公 公积 积金): a backup feature that matches
 * words the segmenter cut differently in the question and in the entry.
 */
export function characterBigrams(text: string): string[] {
  // One pass by code point, each tested once (coverage asks this of question terms many times per message).
  const pairs: string[] = [];
  let previous = '';
  let previousHan = false;
  for (const char of text) {
    const han = HAN.test(char);
    if (han && previousHan) pairs.push(previous + char);
    previous = char;
    previousHan = han;
  }
  return pairs;
}
