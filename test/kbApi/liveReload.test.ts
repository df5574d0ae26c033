import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { loadConfig } from '../../config';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { createApp, type App } from '../../src/app';
import { staffService } from '../../src/staff/service';
import { freshDatabaseUrl, TEST_DB } from '../support/testApp';
import { waitFor } from '../support/waitFor';

describe('a published change on one instance', () => {
  const instances: App[] = [];
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    let url: string;
    if (TEST_DB.startsWith('sqlite:')) url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'wenzheng-live-')), 'shared.db')}`;
    else ({ url, drop } = await freshDatabaseUrl());
    for (let i = 0; i < 2; i++) {
      const app = await createApp(loadConfig({ NODE_ENV: 'test', WENZHENG_DB: url, WENZHENG_KB_RELOAD_INTERVAL_MS: '200' }), {
        logger: pino({ level: 'silent' }),
      });
      await app.start();
      instances.push(app);
    }
  });
  afterAll(async () => {
    for (const app of instances) await app.close();
    await drop();
  });

  it('reaches the matcher of every other instance when it next polls the revision', async () => {
    const [a, b] = instances;
    const { token } = await staffService.create(a.db, { name: 'live-editor', roles: ['interpreter'] }, SYSTEM_ACTOR, new Date());
    const entry = {
      key: 'pet-dog-licence',
      kind: 'guide',
      title: '养犬登记办证',
      questions: ['养狗怎么办狗证', '养犬登记去哪里办'],
      keywords: ['养犬登记', '狗证'],
      answer: '携带犬只免疫证明到所在区公安分局养犬登记窗口办理。',
    };
    const question = '养狗怎么办狗证';
    await request(a.callback()).post('/api/v1/kb/entries').set('Authorization', `Bearer ${token}`).send(entry).expect(201);
    expect(b.understand(question, new Date()).entry).not.toBe('pet-dog-licence');

    await request(a.callback()).post('/api/v1/kb/entries/pet-dog-licence/publish').set('Authorization', `Bearer ${token}`).expect(200);
    // The instance that saved answers at once...
    expect(a.understand(question, new Date())).toMatchObject({ decision: 'answer', entry: 'pet-dog-licence' });
    // ...the others as soon as they poll the revision.
    // The bound only stops a broken poll from hanging the run: a busy machine rebuilds the index slowly.
    await waitFor(
      'instance b to answer from the published entry',
      () => b.understand(question, new Date()).entry === 'pet-dog-licence',
      20_000,
    );
    expect(b.understand(question, new Date())).toMatchObject({ decision: 'answer', entry: 'pet-dog-licence' });
  });
});
