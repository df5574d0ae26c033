/**
 * How many code points `text` has: [...text].length without the array of characters (understanding a message
 * counts its text, clauses and tokens).
 */
export function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++, count++) {
    const code = text.charCodeAt(i);
    // A lead surrogate followed by a trail surrogate is one code point; a lone one counts alone, as the string iterator has it.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}
