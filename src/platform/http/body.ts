import type { Context } from 'koa';
import { HttpError } from './errors';

/** Reads the raw body, refusing more than `limitBytes` with 413 before buffering it all. */
export async function readRawBody(ctx: Context, limitBytes: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limitBytes) throw new HttpError(413, 'body_too_large', `request body exceeds ${limitBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size > limitBytes) throw new HttpError(413, 'body_too_large', `request body exceeds ${limitBytes} bytes`);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    // The client went away mid-body: nothing was accepted, and it is not our failure.
    throw new HttpError(400, 'request_aborted', 'the request body was not received completely');
  }
  return Buffer.concat(chunks);
}
