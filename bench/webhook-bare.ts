/**
 * Child process of bench/webhook.ts: the ceiling. A bare Koa handler that does only the protocol work a
 * WeChat webhook cannot skip: verify the signature and timestamp, read the body, parse the XML (decrypt
 * in safe mode), and echo the citizen's text back as a passive reply (encrypted in safe mode). No
 * database, no matching, no logging, no metrics. It uses the project's own signature/XML/crypto code.
 *
 * Environment: BENCH_PORT, BENCH_TOKEN, and for safe mode BENCH_APPID and BENCH_AES_KEY.
 */
import { createServer } from 'node:http';
import Koa from 'koa';
import { WeChatMessageCrypto } from '../src/channels/wechat/crypto';
import { isTimestampFresh, verifySignature } from '../src/channels/wechat/signature';
import { buildEncryptedReplyXml, buildTextReplyXml, parseWeChatXml } from '../src/channels/wechat/xml';
import { readRawBody } from '../src/platform/http/body';

const port = Number(process.env.BENCH_PORT ?? 0);
const token = process.env.BENCH_TOKEN ?? 'benchtoken';
const crypto =
  process.env.BENCH_AES_KEY && process.env.BENCH_APPID
    ? new WeChatMessageCrypto({ token, encodingAesKey: process.env.BENCH_AES_KEY, appId: process.env.BENCH_APPID })
    : null;

const koa = new Koa();
koa.use(async (ctx) => {
  if (ctx.method === 'GET' && (ctx.path === '/readyz' || ctx.path === '/healthz')) {
    ctx.body = { status: 'ready' };
    return;
  }
  if (ctx.method !== 'POST' || ctx.path !== '/wechat/official') {
    ctx.status = 404;
    ctx.body = { error: { code: 'not_found', message: 'not found' } };
    return;
  }
  const q = (name: string) => (typeof ctx.query[name] === 'string' ? (ctx.query[name] as string) : undefined);
  const timestamp = q('timestamp');
  const nonce = q('nonce');
  if (!timestamp || !nonce || !verifySignature(q('signature'), token, timestamp, nonce) || !isTimestampFresh(timestamp, new Date(), 300)) {
    ctx.status = 401;
    ctx.body = { error: { code: 'bad_signature', message: 'signature does not match' } };
    return;
  }
  const raw = await readRawBody(ctx, 256 * 1024);
  let payload = parseWeChatXml(raw.toString('utf8'));
  const encrypt = typeof payload.Encrypt === 'string' ? payload.Encrypt : null;
  if (encrypt && crypto) {
    payload = parseWeChatXml(crypto.decryptVerified({ msgSignature: q('msg_signature') ?? '', timestamp, nonce, encrypt }).message);
  }
  const xml = buildTextReplyXml({
    toUserName: String(payload.FromUserName),
    fromUserName: String(payload.ToUserName),
    content: String(payload.Content || 'ok'),
    createTime: new Date(),
  });
  ctx.type = 'application/xml';
  ctx.body = encrypt && crypto ? buildEncryptedReplyXml(crypto.sealReply(xml, timestamp, nonce)) : xml;
});

const server = createServer(koa.callback());
server.listen(port, '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
