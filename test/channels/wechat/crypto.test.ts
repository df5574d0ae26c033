import { createCipheriv } from 'node:crypto';
import {
  InvalidEncodingAesKeyError,
  WeChatCryptoError,
  WeChatMessageCrypto,
  decodeEncodingAesKey,
  type WeChatCryptoFailure,
} from '../../../src/channels/wechat/crypto';
import { verifyMsgSignature } from '../../../src/channels/wechat/signature';
import { parseWeChatXml } from '../../../src/channels/wechat/xml';
import { MP_SAMPLE, WXBIZ_SAMPLE } from './vectors';

const sampleCrypto = new WeChatMessageCrypto({
  token: WXBIZ_SAMPLE.token,
  encodingAesKey: WXBIZ_SAMPLE.encodingAesKey,
  appId: WXBIZ_SAMPLE.appId,
});

function failureOf(fn: () => unknown): WeChatCryptoFailure {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WeChatCryptoError);
    return (err as WeChatCryptoError).reason;
  }
  throw new Error('expected a WeChatCryptoError');
}

/** Flips the low bit of one ciphertext byte. */
function flipByte(encrypt: string, index: number, mask = 0x01): string {
  const bytes = Buffer.from(encrypt, 'base64');
  bytes[index]! ^= mask;
  return bytes.toString('base64');
}

/** Encrypts raw plaintext bytes with the sample key, bypassing the module, to forge bad plaintexts. */
function encryptRaw(plain: Buffer): string {
  const key = decodeEncodingAesKey(WXBIZ_SAMPLE.encodingAesKey);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

describe('EncodingAESKey', () => {
  it('decodes 43 base64 characters into a 32-byte key', () => {
    expect(decodeEncodingAesKey(WXBIZ_SAMPLE.encodingAesKey)).toHaveLength(32);
    expect(decodeEncodingAesKey(MP_SAMPLE.encodingAesKey)).toHaveLength(32);
  });

  it.each([
    ['too short', WXBIZ_SAMPLE.encodingAesKey.slice(0, 42)],
    ['too long', `${WXBIZ_SAMPLE.encodingAesKey}A`],
    ['padded', `${WXBIZ_SAMPLE.encodingAesKey}=`],
    ['not base64', `${WXBIZ_SAMPLE.encodingAesKey.slice(0, 42)}-`],
    ['with spaces', ` ${WXBIZ_SAMPLE.encodingAesKey.slice(1)}`],
    ['empty', ''],
  ])('is refused at construction when %s', (_label, key) => {
    expect(() => new WeChatMessageCrypto({ token: 't', encodingAesKey: key, appId: 'wx1' })).toThrow(InvalidEncodingAesKeyError);
    expect(() => decodeEncodingAesKey(key)).toThrow(/EncodingAESKey/);
  });
});

describe('decrypting published vectors', () => {
  it('opens the WXBizMsgCrypt sample message to the XML printed in the docs', () => {
    const { msgSignature, timestamp, nonce, encrypt, decrypted } = WXBIZ_SAMPLE.message;
    expect(sampleCrypto.decryptVerified({ msgSignature, timestamp, nonce, encrypt })).toEqual({
      message: decrypted,
      appId: WXBIZ_SAMPLE.appId,
    });
  });

  it('opens the WXBizMsgCrypt sample URL-verification echostr', () => {
    const { msgSignature, timestamp, nonce, echostr, decrypted } = WXBIZ_SAMPLE.urlCheck;
    expect(sampleCrypto.decryptVerified({ msgSignature, timestamp, nonce, encrypt: echostr })).toEqual({
      message: decrypted,
      appId: WXBIZ_SAMPLE.appId,
    });
  });

  it('opens the official-account sample to the plaintext fields it was sent with', () => {
    const crypto = new WeChatMessageCrypto({
      token: MP_SAMPLE.token,
      encodingAesKey: MP_SAMPLE.encodingAesKey,
      appId: MP_SAMPLE.appId,
    });
    const { msgSignature, timestamp, nonce, encrypt } = MP_SAMPLE;
    const opened = crypto.decryptVerified({ msgSignature, timestamp, nonce, encrypt });
    expect(opened.appId).toBe(MP_SAMPLE.appId);
    expect({ ...parseWeChatXml(opened.message) }).toEqual(MP_SAMPLE.plainFields);
  });
});

describe('encrypt', () => {
  it('round-trips Chinese text, emoji and an empty message', () => {
    for (const message of ['市民热线12345几点上班？', '🏛️ 问政 "quotes" & <tags>', '', 'x'.repeat(5000)]) {
      const encrypted = sampleCrypto.encrypt(message);
      expect(sampleCrypto.decrypt(encrypted)).toEqual({ message, appId: WXBIZ_SAMPLE.appId });
    }
  });

  it('pads to 32-byte blocks, adding a whole block when the plaintext already fills one', () => {
    // 16 random + 4 length + 10 message + 18 appid = 48 bytes -> 16 bytes of padding -> 64.
    expect(Buffer.from(sampleCrypto.encrypt('0123456789'), 'base64')).toHaveLength(64);
    // 16 + 4 + 26 + 18 = 64 bytes -> a full 32-byte padding block -> 96.
    expect(Buffer.from(sampleCrypto.encrypt('a'.repeat(26)), 'base64')).toHaveLength(96);
  });

  it('counts the message length in UTF-8 bytes', () => {
    // 市 is 3 bytes: 16 + 4 + 3*10 + 18 = 68 -> padded to 96 (counting characters would give 64).
    expect(Buffer.from(sampleCrypto.encrypt('市'.repeat(10)), 'base64')).toHaveLength(96);
  });

  it('is deterministic for a given random prefix and differs across prefixes', () => {
    const random = Buffer.alloc(16, 7);
    expect(sampleCrypto.encrypt('hello', random)).toBe(sampleCrypto.encrypt('hello', random));
    expect(sampleCrypto.encrypt('hello')).not.toBe(sampleCrypto.encrypt('hello'));
  });

  it('refuses a random prefix that is not 16 bytes', () => {
    expect(() => sampleCrypto.encrypt('hello', Buffer.alloc(15))).toThrow(RangeError);
  });
});

describe('rejecting bad ciphertexts with typed errors', () => {
  const plainLayout = 'x'.repeat(40); // 16 + 4 + 40 + 18 = 78 bytes -> 18 bytes of padding -> 96

  it('rejects a message encrypted for another AppID', () => {
    const other = new WeChatMessageCrypto({
      token: WXBIZ_SAMPLE.token,
      encodingAesKey: WXBIZ_SAMPLE.encodingAesKey,
      appId: 'wx0000000000000000',
    });
    expect(failureOf(() => other.decrypt(WXBIZ_SAMPLE.message.encrypt))).toBe('appid-mismatch');
    expect(failureOf(() => sampleCrypto.decrypt(other.encrypt('hello')))).toBe('appid-mismatch');
  });

  it('rejects a flipped byte that lands in the length field', () => {
    // In CBC, flipping ciphertext byte i flips plaintext byte i + 16: byte 0 -> the length's top byte.
    expect(failureOf(() => sampleCrypto.decrypt(flipByte(WXBIZ_SAMPLE.message.encrypt, 0)))).toBe('bad-length');
  });

  it('rejects a flipped byte that lands in the padding', () => {
    const encrypted = sampleCrypto.encrypt(plainLayout);
    expect(failureOf(() => sampleCrypto.decrypt(flipByte(encrypted, 95 - 16)))).toBe('bad-padding');
  });

  it('rejects a flipped byte that lands in the AppID', () => {
    const encrypted = sampleCrypto.encrypt(plainLayout);
    expect(failureOf(() => sampleCrypto.decrypt(flipByte(encrypted, 77 - 16)))).toBe('appid-mismatch');
  });

  it('rejects a message that is no longer UTF-8', () => {
    // Byte 4 -> plaintext byte 20, the first message byte: "x" (0x78) becomes 0xF8, never valid UTF-8.
    const encrypted = sampleCrypto.encrypt(plainLayout);
    expect(failureOf(() => sampleCrypto.decrypt(flipByte(encrypted, 4, 0x80)))).toBe('bad-encoding');
  });

  it('rejects every single-byte flip of the published vector, through the signature check', () => {
    const { msgSignature, timestamp, nonce, encrypt } = WXBIZ_SAMPLE.message;
    const length = Buffer.from(encrypt, 'base64').length;
    for (let i = 0; i < length; i++) {
      const tampered = flipByte(encrypt, i);
      expect(failureOf(() => sampleCrypto.decryptVerified({ msgSignature, timestamp, nonce, encrypt: tampered }))).toBe('bad-signature');
    }
  });

  it('without the signature check, a flip either fails with a WeChatCryptoError or alters the message', () => {
    // CBC is malleable (a flip in block 0 only garbles the random prefix), which is why requests go
    // through decryptVerified; decrypt alone must still never throw anything untyped.
    const { encrypt, decrypted } = WXBIZ_SAMPLE.message;
    const length = Buffer.from(encrypt, 'base64').length;
    for (let i = 0; i < length; i++) {
      let opened: { message: string } | undefined;
      try {
        opened = sampleCrypto.decrypt(flipByte(encrypt, i, 0xff));
      } catch (err) {
        expect(err).toBeInstanceOf(WeChatCryptoError);
      }
      if (opened) expect(opened.message).not.toBe(decrypted);
    }
  });

  it('rejects a missing or wrong msg_signature', () => {
    const { timestamp, nonce, encrypt } = WXBIZ_SAMPLE.message;
    expect(failureOf(() => sampleCrypto.decryptVerified({ msgSignature: undefined, timestamp, nonce, encrypt }))).toBe('bad-signature');
    expect(failureOf(() => sampleCrypto.decryptVerified({ msgSignature: '0'.repeat(40), timestamp, nonce, encrypt }))).toBe(
      'bad-signature',
    );
  });

  it.each([
    ['empty', ''],
    ['not base64', '@@@@'],
    ['base64 with junk inside', `${WXBIZ_SAMPLE.message.encrypt.slice(0, 20)}!${WXBIZ_SAMPLE.message.encrypt.slice(21)}`],
    ['not a multiple of 4 characters', WXBIZ_SAMPLE.message.encrypt.slice(0, -1)],
    ['not whole AES blocks', Buffer.alloc(40).toString('base64')],
  ])('rejects a malformed ciphertext (%s)', (_label, encrypt) => {
    expect(failureOf(() => sampleCrypto.decrypt(encrypt))).toBe('malformed-ciphertext');
  });

  it.each([
    ['padding value 0', 0],
    ['padding value 33', 33],
    ['padding value 255', 255],
  ])('rejects %s', (_label, pad) => {
    const plain = Buffer.alloc(64, 0x41);
    plain[63] = pad;
    expect(failureOf(() => sampleCrypto.decrypt(encryptRaw(plain)))).toBe('bad-padding');
  });

  it('rejects padding bytes that disagree with the padding value', () => {
    const plain = Buffer.alloc(64, 0x41);
    plain.fill(5, 59);
    plain[60] = 4;
    expect(failureOf(() => sampleCrypto.decrypt(encryptRaw(plain)))).toBe('bad-padding');
  });

  it('rejects a plaintext too short for its header', () => {
    const plain = Buffer.alloc(32, 0x41);
    plain.fill(16, 16);
    expect(failureOf(() => sampleCrypto.decrypt(encryptRaw(plain)))).toBe('bad-length');
  });

  it('rejects a declared length longer than the plaintext', () => {
    const body = Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 0, 50]), Buffer.from('short'), Buffer.from(WXBIZ_SAMPLE.appId)]);
    const pad = 32 - (body.length % 32);
    expect(failureOf(() => sampleCrypto.decrypt(encryptRaw(Buffer.concat([body, Buffer.alloc(pad, pad)]))))).toBe('bad-length');
  });
});

describe('sealReply', () => {
  it('produces envelope fields that verify and decrypt back to the reply', () => {
    const reply = '<xml><Content><![CDATA[您好]]></Content></xml>';
    const envelope = sampleCrypto.sealReply(reply, '1409659813', 'nonce123', Buffer.alloc(16, 1));
    expect(envelope.TimeStamp).toBe('1409659813');
    expect(envelope.Nonce).toBe('nonce123');
    expect(verifyMsgSignature(envelope.MsgSignature, WXBIZ_SAMPLE.token, '1409659813', 'nonce123', envelope.Encrypt)).toBe(true);
    expect(
      sampleCrypto.decryptVerified({
        msgSignature: envelope.MsgSignature,
        timestamp: '1409659813',
        nonce: 'nonce123',
        encrypt: envelope.Encrypt,
      }).message,
    ).toBe(reply);
  });
});
