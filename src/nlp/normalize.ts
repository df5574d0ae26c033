import type { ConverterFunction, ConverterOptions } from 'opencc-js/t2cn' with { 'resolution-mode': 'import' };

// opencc-js ships ESM type declarations but a CommonJS build under the "require" condition.
const { Converter } = require('opencc-js/t2cn') as { Converter(options: ConverterOptions): ConverterFunction };

let toSimplified: ConverterFunction | undefined;
let traditionalCharacter: RegExp | undefined;

/**
 * OpenCC is the slowest step of normalizing, and most text has nothing to convert: a character
 * class of every CJK character it converts on its own (built once per process, ~0.2 s) tells
 * which texts to skip. Its phrase rules only keep such characters unconverted (乾隆, not 干隆),
 * so a text without any of them is left as OpenCC would leave it.
 */
function simplifyCharacters(text: string): string {
  if (!toSimplified || !traditionalCharacter) {
    const convert = Converter({ from: 't', to: 'cn' });
    const converted: string[] = [];
    for (let code = 0x3400; code <= 0x9fff; code++) {
      const character = String.fromCharCode(code);
      if (convert(character) !== character) converted.push(character);
    }
    toSimplified = convert;
    traditionalCharacter = new RegExp(`[${converted.join('')}]`);
  }
  return traditionalCharacter.test(text) ? toSimplified(text) : text;
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
