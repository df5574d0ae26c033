import { truncateToBytes, WECHAT_TEXT_MAX_BYTES } from '../../src/platform/bytes';

describe('truncateToBytes', () => {
  it('leaves text that fits alone', () => {
    expect(truncateToBytes('低保怎么申请', 100)).toBe('低保怎么申请');
  });

  it('cuts at a character boundary within the byte limit and marks the cut', () => {
    const cut = truncateToBytes('长'.repeat(1000), WECHAT_TEXT_MAX_BYTES);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(WECHAT_TEXT_MAX_BYTES);
    expect(cut.endsWith('……')).toBe(true);
    expect(cut).not.toContain('\ufffd');
    // Emoji are two UTF-16 units and four bytes: never split.
    const emoji = truncateToBytes('😀'.repeat(10), 10, '');
    expect(emoji).toBe('😀😀');
  });
});
