import type { Context } from 'koa';
import { z } from 'zod';
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

/** Parses a JSON body and validates it; malformed JSON is 400, a wrong field names the field. */
export async function readJson<S extends z.ZodType>(ctx: Context, limitBytes: number, schema: S): Promise<z.output<S>> {
  const raw = await readRawBody(ctx, limitBytes);
  let value: unknown;
  try {
    value = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'malformed_json', 'request body is not valid JSON');
  }
  return schema.parse(value);
}
