import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InboundMessage } from '../../src/dialogue/inboundMessage';
import pino from 'pino';
import { createKeyring, dataKeyOf } from '../../entities/encryption';
import { createInboundGate } from '../../src/conversation/inboundGate';
import { InboundJournal } from '../../src/conversation/inboundJournal';
import { waitFor } from '../support/waitFor';

const message = (text: string): InboundMessage => ({
  channel: 'wechat-official',
  citizenId: 'c',
  externalId: text,
  kind: 'text',
  text,
  receivedAt: new Date('2026-11-25T02:00:00.123Z'),
});

describe('inbound journal', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'wenzheng-journal-test-')), 'nested', 'inbound.jsonl');

  it('keeps unsettled messages in order across instances of the journal (a restart)', () => {
    const path = file();
    const journal = new InboundJournal(path);
    const a = journal.append(message('一'));
    journal.append(message('二'));
    journal.append(message('三'));
    journal.settle(a);
    const reopened = new InboundJournal(path);
    expect(reopened.pending().map((r) => r.message.text)).toEqual(['二', '三']);
    expect(reopened.pending()[0].message.receivedAt).toEqual(new Date('2026-11-25T02:00:00.123Z'));
  });

  it('ignores a torn last line left by a crash mid-write', () => {
    const path = file();
    const journal = new InboundJournal(path);
    journal.append(message('完整'));
    appendFileSync(path, '{"id":"x","message":{"chan');
    expect(journal.pending().map((r) => r.message.text)).toEqual(['完整']);
  });

  it('seals each message with the data key, reads it after a key rotation, and compacts it under the new key', () => {
    const path = file();
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const journal = new InboundJournal(path, createKeyring(oldKey));
    const settled = journal.append({ ...message('我叫李四，住幸福路12号'), citizenId: 'oCitizenOpenid01' });
    journal.append({ ...message('身份证110105198503151230'), citizenId: 'oCitizenOpenid01' });
    journal.settle(settled);
    const stored = readFileSync(path, 'utf8');
    for (const plain of ['李四', '幸福路', '110105198503151230', 'oCitizenOpenid01']) expect(stored).not.toContain(plain);
    expect(stored).toContain(`"sealed":"wz1:${dataKeyOf(oldKey).id}:`);

    const rotated = new InboundJournal(path, createKeyring(newKey, [oldKey]));
    expect(rotated.pending().map((r) => [r.message.text, r.message.citizenId, r.message.receivedAt])).toEqual([
      ['身份证110105198503151230', 'oCitizenOpenid01', new Date('2026-11-25T02:00:00.123Z')],
    ]);
    rotated.compact();
    expect(readFileSync(path, 'utf8')).toContain(`"sealed":"wz1:${dataKeyOf(newKey).id}:`);
    expect(new InboundJournal(path, createKeyring(newKey)).pending()).toHaveLength(1);
    // Without the key it was sealed with, the record cannot be read, and the error names the variables.
    expect(() => new InboundJournal(path, createKeyring(oldKey)).pending()).toThrow(/WENZHENG_DATA_KEYS_OLD/);
  });

  it('keeps plaintext with the public development key (no WENZHENG_DATA_KEY)', () => {
    const path = file();
    new InboundJournal(path, createKeyring(null)).append(message('开发环境'));
    expect(readFileSync(path, 'utf8')).toContain('"text":"开发环境"');
  });

  it('compacts to the unsettled records, and removes the file when none is left', () => {
    const path = file();
    const journal = new InboundJournal(path);
    const a = journal.append(message('一'));
    const b = journal.append(message('二'));
    journal.settle(a);
    journal.compact();
    expect(journal.pending().map((r) => r.id)).toEqual([b]);
    journal.settle(b);
    journal.compact();
    expect(existsSync(path)).toBe(false);
    expect(journal.pending()).toEqual([]);
  });
});

describe('inbound gate replay', () => {
  const dir = () => join(mkdtempSync(join(tmpdir(), 'wenzheng-gate-')), 'inbound.jsonl');
  const result = (message: InboundMessage) => ({
    conversationId: 'c',
    inboundId: Number(message.externalId.length),
    duplicate: false,
    storedBy: message.deliveryId ?? null,
    decision: null,
    replies: [`答：${message.text}`],
  });

  it('waits while the database is away, and sets aside a message that fails with the database up', async () => {
    const journal = new InboundJournal(dir());
    journal.append(message('坏消息'));
    journal.append(message('好消息'));
    let databaseUp = false;
    const queued: string[] = [];
    let clock = Date.parse('2026-11-25T02:00:00Z');
    const gate = createInboundGate({
      handleInbound: async (m) => {
        if (!databaseUp || m.text === '坏消息') throw new Error('cannot process');
        return result(m);
      },
      queueReplies: async (_m, r) => void queued.push(...r.replies),
      databaseAnswers: async () => databaseUp,
      journal,
      logger: pino({ level: 'silent' }),
      now: () => new Date(clock),
    });
    await expect(gate.replay()).rejects.toThrow('cannot process');
    // Right after a failed round the gate backs off for 500 ms; a second failure doubles it.
    clock += 499;
    expect(await gate.replay()).toBe(0);
    clock += 1;
    await expect(gate.replay()).rejects.toThrow('cannot process');
    clock += 999;
    expect(await gate.replay()).toBe(0);
    expect(journal.pending()).toHaveLength(2);
    databaseUp = true;
    expect(await gate.replay()).toBe(0);
    clock += 1;
    // ...then goes on, setting aside the message that fails on its own.
    expect(await gate.replay()).toBe(1);
    expect(queued).toEqual(['答：好消息']);
    expect(journal.pending()).toEqual([]);
  });

  it("settles a journaled message that the channel's checks refuse once they run, and answers nothing", async () => {
    const journal = new InboundJournal(dir());
    const queued: string[] = [];
    let refuse: (outcome: { refused: { reason: string; reply: string | null } }) => void = () => undefined;
    const gate = createInboundGate({
      handleInbound: (_m, admission) => {
        expect(admission).toBeDefined();
        return new Promise((resolve) => (refuse = resolve));
      },
      queueReplies: async (_m, r) => void queued.push(...r.replies),
      databaseAnswers: async () => true,
      journal,
      logger: pino({ level: 'silent' }),
      now: () => new Date(),
    });
    expect(await gate.process(message('慢消息'), 1, async () => null)).toEqual({ status: 'deferred' });
    expect(journal.pending()).toHaveLength(1);
    refuse({ refused: { reason: 'flood', reply: '太频繁' } });
    await waitFor('the journal settled', async () => journal.pending().length === 0 || null);
    expect(queued).toEqual([]);
  });

  it('leaves no reply-budget timer behind once a message is processed in time', async () => {
    const gate = createInboundGate({
      handleInbound: async (m) => result(m),
      queueReplies: async () => undefined,
      databaseAnswers: async () => true,
      journal: new InboundJournal(join(mkdtempSync(join(tmpdir(), 'wenzheng-journal-')), 'inbound.jsonl')),
      logger: pino({ level: 'silent' }),
      now: () => new Date(),
    });
    jest.useFakeTimers();
    try {
      for (let i = 0; i < 5; i++) expect(await gate.process(message(`问题${i}`), 60_000)).toMatchObject({ status: 'done' });
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
