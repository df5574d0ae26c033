import { timeOrderedId } from '../../src/db/timeOrderedId';
import { Conversation } from '../../entities';
import { createTestApp, type TestApp } from '../support/testApp';

describe('time-ordered ids (UUID version 7)', () => {
  it('are UUIDs of version 7 that start with the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 25, 2, 0, 0, 123);
    const id = timeOrderedId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sort in the order of their times and differ within one millisecond', () => {
    const times = [0, 1, 999, 1_000, 65_536, Date.UTC(2026, 0, 1), Date.UTC(2026, 10, 25)];
    const ids = times.map((t) => timeOrderedId(t));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => timeOrderedId(1_000))).size).toBe(1000);
  });
});

describe('conversation ids', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('grow with the time the conversation began, so new threads append to the indexes', async () => {
    for (let i = 0; i < 8; i++) {
      await app.conversations.handleInbound({ channel: 'webchat', citizenId: `web:order-${i}`, externalId: `m-${i}`, kind: 'text', text: '你好', receivedAt: app.clock.now });
      app.clock.advance(1_000);
    }
    const rows = await app.db.dataSource.getRepository(Conversation).find({ order: { createdAt: 'ASC' } });
    const ids = rows.filter((c) => c.citizenId.startsWith('web:order-')).map((c) => c.id);
    expect(ids).toHaveLength(8);
    expect([...ids].sort()).toEqual(ids);
  });
});
