import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { TestApp } from '../support/testApp';

/** Writes files into a fresh temporary folder and returns it. */
export function writeTempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenzheng-hotline-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A web-chat citizen: say() sends a message and returns the replies joined; pull() fetches pushed messages. */
export function webCitizen(app: TestApp) {
  let token: string | undefined;
  let cursor = 0;
  return {
    get token() {
      return token as string;
    },
    async say(text: string): Promise<string> {
      const req = request(app.callback()).post('/api/v1/chat');
      if (token) req.set('Authorization', `Bearer ${token}`);
      const res = await req.send({ text }).expect(200);
      token = res.body.token;
      return res.body.replies.map((r: { text: string }) => r.text).join('\n');
    },
    async pull(): Promise<{ id: number; author: string; text: string }[]> {
      const res = await request(app.callback()).get(`/api/v1/chat/messages?after=${cursor}`).set('Authorization', `Bearer ${token}`).expect(200);
      const messages = res.body.messages as { id: number; author: string; text: string }[];
      if (messages.length) cursor = messages[messages.length - 1].id;
      return messages;
    },
  };
}
