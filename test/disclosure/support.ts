import { Message, OutboxMessage } from '../../entities';
import { conversations } from '../../src/conversation/repositories';
import type { DisclosureApplication } from '../../src/cases/disclosure/application';
import type { TestApp } from '../support/testApp';

export const APPLICATION: DisclosureApplication = {
  applicantType: 'naturalPerson',
  name: '张三',
  identity: { kind: 'residentId', number: '11010519491231002X' },
  phone: '13800138000',
  address: '福建省福州市鼓楼区五四路100号3单元201室',
  email: null,
  description: '2025年城东片区棚户区改造项目的房屋征收补偿方案',
  form: 'paper',
  delivery: 'post',
  agency: 'housing',
};

/** 10:00 in Shanghai on the given day. */
export const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

export const OFFICER = { actor: 'officer-wang', actorId: null, via: 'api' as const, ip: null, requestId: null };

/** Files an application confirmed in a chat on `date`, from a citizen of a push channel. */
export async function fileOnline(
  app: TestApp,
  date: string,
  options: { citizenId?: string; channel?: string; application?: Partial<DisclosureApplication> } = {},
) {
  const channel = options.channel ?? 'wechat-official';
  const citizenId = options.citizenId ?? 'openid-zhang';
  const now = at(date);
  return app.db.transaction(async (tx) => {
    const conversation = await conversations.threadOf(tx, { channel, citizenId }, now);
    const result = await app.disclosure.submitApplication(
      tx,
      { ...APPLICATION, ...options.application },
      { channel, citizenId, conversationId: conversation.id, via: 'chat' },
      now,
    );
    return { ...result, conversationId: conversation.id, citizen: { channel, citizenId } };
  });
}

/** Runs one officer action in a transaction at 10:00 on `date`. */
export function act<T>(
  app: TestApp,
  date: string,
  work: (tx: Parameters<Parameters<TestApp['db']['transaction']>[0]>[0], now: Date) => Promise<T>,
): Promise<T> {
  return app.db.transaction((tx) => work(tx, at(date)));
}

/** What the citizen was told outside direct replies, oldest first. */
export async function notices(app: TestApp, conversationId: string): Promise<string[]> {
  const rows = await app.db.dataSource.getRepository(Message).find({ where: { conversationId, author: 'system' }, order: { id: 'ASC' } });
  return rows.map((m) => m.text);
}

export async function outboxFor(app: TestApp, prefix: string): Promise<OutboxMessage[]> {
  const rows = await app.db.dataSource.getRepository(OutboxMessage).find({ order: { id: 'ASC' } });
  return rows.filter((r) => r.dedupeKey.startsWith(prefix));
}
