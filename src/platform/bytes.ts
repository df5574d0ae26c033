const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/** Cuts `text` to fit `maxBytes` of UTF-8, at a character boundary, marking the cut. */
export function truncateToBytes(text: string, maxBytes: number, marker = '……'): string {
  if (byteLength(text) <= maxBytes) return text;
  const budget = maxBytes - byteLength(marker);
  let out = '';
  for (const char of text) {
    if (byteLength(out + char) > budget) break;
    out += char;
  }
  return out + marker;
}

/** WeChat refuses text messages (passive replies and customer-service messages) over 2048 bytes. */
export const WECHAT_TEXT_MAX_BYTES = 2048;
