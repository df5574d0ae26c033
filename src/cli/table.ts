/**
 * Aligned text columns for the terminal. The npm width libraries that are maintained (string-width,
 * get-east-asian-width) are ES modules only, which the CommonJS build cannot load on Node 20; this
 * covers what staff and case tables hold: Chinese, Japanese and Korean text, full-width forms, emoji.
 */

// Unicode's East Asian Wide and Fullwidth blocks (UAX #11): Hangul, CJK, kana, full-width forms, emoji.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
// Combining marks, variation selectors and format characters (zero-width joiner …) take no column.
const ZERO = /[\p{Mn}\p{Me}\p{Cf}]/u;

/** Columns a text takes in a terminal: a Chinese character takes two, a combining mark none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Rows as aligned columns, a header first. */
export function table(header: string[], rows: string[][]): string {
  const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : pad(cell, widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
