import {
  DEFAULT_TIMESTAMP_WINDOW_SECONDS,
  computeMsgSignature,
  computeSignature,
  constantTimeEqual,
  isTimestampFresh,
  verifyMsgSignature,
  verifySignature,
} from '../../../src/channels/wechat/signature';
import { MP_SAMPLE, WXBIZ_SAMPLE } from './vectors';

const SAMPLE_TOKEN = WXBIZ_SAMPLE.token;
const SAMPLE_URL_CHECK = WXBIZ_SAMPLE.urlCheck;
const SAMPLE_MESSAGE = WXBIZ_SAMPLE.message;

describe('msg_signature (safe mode)', () => {
  it('matches the URL-verification example of the WXBizMsgCrypt sample', () => {
    const { msgSignature, timestamp, nonce, echostr } = SAMPLE_URL_CHECK;
    expect(computeMsgSignature(SAMPLE_TOKEN, timestamp, nonce, echostr)).toBe(msgSignature);
    expect(verifyMsgSignature(msgSignature, SAMPLE_TOKEN, timestamp, nonce, echostr)).toBe(true);
  });

  it('matches the message example of the WXBizMsgCrypt sample', () => {
    const { msgSignature, timestamp, nonce, encrypt } = SAMPLE_MESSAGE;
    expect(computeMsgSignature(SAMPLE_TOKEN, timestamp, nonce, encrypt)).toBe(msgSignature);
    expect(verifyMsgSignature(msgSignature, SAMPLE_TOKEN, timestamp, nonce, encrypt)).toBe(true);
  });

  it("matches the official-account sample's message example", () => {
    const { token, msgSignature, timestamp, nonce, encrypt } = MP_SAMPLE;
    expect(verifyMsgSignature(msgSignature, token, timestamp, nonce, encrypt)).toBe(true);
  });

  it('rejects a changed ciphertext, token, timestamp or nonce', () => {
    const { msgSignature, timestamp, nonce, encrypt } = SAMPLE_MESSAGE;
    const flipped = `${encrypt[0] === 'A' ? 'B' : 'A'}${encrypt.slice(1)}`;
    expect(verifyMsgSignature(msgSignature, SAMPLE_TOKEN, timestamp, nonce, flipped)).toBe(false);
    expect(verifyMsgSignature(msgSignature, 'QDG6eL', timestamp, nonce, encrypt)).toBe(false);
    expect(verifyMsgSignature(msgSignature, SAMPLE_TOKEN, '1409659814', nonce, encrypt)).toBe(false);
    expect(verifyMsgSignature(msgSignature, SAMPLE_TOKEN, timestamp, '1372623148', encrypt)).toBe(false);
  });

  it('rejects a missing, empty, truncated or wrong signature without throwing', () => {
    const { timestamp, nonce, encrypt } = SAMPLE_MESSAGE;
    for (const given of [undefined, '', '477715d11cdb4164915debcba66cb864d751f3e', '0'.repeat(40), 'x'.repeat(400), '签名'.repeat(10)]) {
      expect(verifyMsgSignature(given, SAMPLE_TOKEN, timestamp, nonce, encrypt)).toBe(false);
    }
  });
});

describe('signature (plain mode and server verification)', () => {
  // The official-account docs describe the algorithm but publish no numeric example. These vectors come
  // from third-party suites: wechatpy's utils tests (token/nonce "test"), and a signature over the
  // official-account sample's token/timestamp/nonce recorded in public bot test suites.
  it('matches known vectors', () => {
    expect(computeSignature('test', '1410685589', 'test')).toBe('f21891de399b4e33a1a93c9a7b8a8fffb5a443ff');
    expect(verifySignature('f21891de399b4e33a1a93c9a7b8a8fffb5a443ff', 'test', '1410685589', 'test')).toBe(true);
    expect(computeSignature('spamtest', '1409735669', '1320562132')).toBe('16120ec1b8dbb870f510d87ce6bc2463eae6ca1a');
  });

  it('depends on the values only, not on which parameter holds them (they are sorted)', () => {
    expect(computeSignature('1410685589', 'test', 'test')).toBe(computeSignature('test', '1410685589', 'test'));
  });

  it('rejects bad or missing signatures', () => {
    expect(verifySignature('f21891de399b4e33a1a93c9a7b8a8fffb5a443fe', 'test', '1410685589', 'test')).toBe(false);
    expect(verifySignature(undefined, 'test', '1410685589', 'test')).toBe(false);
    expect(verifySignature('', 'test', '1410685589', 'test')).toBe(false);
    expect(verifySignature('f21891de399b4e33a1a93c9a7b8a8fffb5a443ff', 'other-token', '1410685589', 'test')).toBe(false);
  });
});

describe('constantTimeEqual', () => {
  it('compares by content and treats any length difference as unequal', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    // Same number of characters, different byte lengths in UTF-8.
    expect(constantTimeEqual('é', 'e')).toBe(false);
  });
});

describe('isTimestampFresh', () => {
  const now = new Date(1_700_000_000_000);

  it('accepts timestamps within the window on either side of now, boundaries included', () => {
    expect(DEFAULT_TIMESTAMP_WINDOW_SECONDS).toBe(300);
    expect(isTimestampFresh('1700000000', now)).toBe(true);
    expect(isTimestampFresh('1699999700', now)).toBe(true);
    expect(isTimestampFresh('1700000300', now)).toBe(true);
  });

  it('rejects timestamps outside the window', () => {
    expect(isTimestampFresh('1699999699', now)).toBe(false);
    expect(isTimestampFresh('1700000301', now)).toBe(false);
    expect(isTimestampFresh('1409659813', now)).toBe(false);
  });

  it('honours a configured window', () => {
    expect(isTimestampFresh('1699999940', now, 60)).toBe(true);
    expect(isTimestampFresh('1699999939', now, 60)).toBe(false);
    expect(isTimestampFresh('1699996400', now, 3600)).toBe(true);
  });

  it('rejects missing or malformed timestamps', () => {
    for (const bad of [undefined, '', 'abc', '-1700000000', '1700000000.5', ' 1700000000', '1e9', '1'.repeat(20)]) {
      expect(isTimestampFresh(bad, now)).toBe(false);
    }
  });
});
