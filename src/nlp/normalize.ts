import type { ConverterFunction, ConverterOptions } from 'opencc-js/t2cn' with { 'resolution-mode': 'import' };

// opencc-js ships ESM type declarations but a CommonJS build under the "require" condition.
const { Converter } = require('opencc-js/t2cn') as { Converter(options: ConverterOptions): ConverterFunction };

let toSimplified: ConverterFunction | undefined;

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
 * Canonical form of a citizen's text, shared by questions, knowledge entries and lexicon data:
 * full-width → half-width (NFKC), traditional → simplified characters (OpenCC t→cn; regional vocabulary
 * such as 資訊 is the synonym table's job: OpenCC's Taiwan phrase tables also rewrite simplified
 * text, 程序 → 进程), lower-case, noise → one space,
 * long runs of one character collapsed. Spaces are kept (one at most) because they separate words.
 */
export function normalize(text: string): string {
  toSimplified ??= Converter({ from: 't', to: 'cn' });
  return toSimplified(text.normalize('NFKC'))
    .toLowerCase()
    .replace(WECHAT_EMOTICON, ' ')
    .replace(NOISE, ' ')
    .replace(REPEATED_HAN, '$1')
    .trim();
}
