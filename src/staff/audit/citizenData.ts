/**
 * A citizen's rights over their personal information (PIPL Art. 45, 47): a copy of what is held
 * about them, and deletion where no legal duty to keep it applies. Cases are kept: an open
 * disclosure request or ticket must be handled, and closed ones are government records kept for
 * their retention period (config/retention.yaml). The chat (messages, unanswered and asked questions,
 * what the bot sent) is theirs to delete: texts are erased, the rows stay so counts still add up.
 */
import { In, IsNull, Not } from 'typeorm';
import { z } from 'zod';
import {
  AskedQuestion,
  Conversation,
  DisclosureRequest,
  HandoffThread,
  HotlineTicket,
  Message,
  OutboxMessage,
  UnansweredQuestion,
} from '../../../entities';
import type { CitizenIdentity } from '../../channels/webchat/tokens';
import { citizenRoute } from '../../channels/webchat/tokens';
import type { Database, Transaction } from '../../platform/db/database';
import { INITIAL_STATE } from '../../dialogue/state';
import { instant, type ApiRoute } from '../../platform/http/openapi';
import { CITIZEN_ACTOR } from './context';
import { auditLog } from './repository';
import type { EntityHandling, PersonalDataEntity } from './retentionPolicy';

/** What an erased text reads. */
export const ERASED_TEXT = '〔已删除〕';

const exportSchema = z.object({
  citizen: z.object({ channel: z.string(), citizenId: z.string() }),
  conversations: z.array(
    z.object({
      id: z.string(),
      createdAt: instant,
      messages: z.array(z.object({ direction: z.enum(['in', 'out']), author: z.string(), text: z.string(), at: instant })),
    }),
  ),
  disclosureRequests: z.array(z.record(z.string(), z.unknown()).describe('every field of the request, personal data whole')),
  tickets: z.array(z.record(z.string(), z.unknown()).describe('every field of the ticket, personal data whole')),
});

const keptSchema = z.object({ kind: z.enum(['disclosureRequest', 'ticket']), number: z.string(), status: z.string(), why: z.string() });
const deletionSchema = z.object({
  erased: z.object({
    messages: z.number().int(),
    unansweredQuestions: z.number().int(),
    askedQuestions: z.number().int().describe('the review queue’s record of the questions: texts erased'),
    outboxMessages: z.number().int(),
  }),
  kept: z.array(keptSchema),
  message: z.string().describe('what was deleted and what is kept, and why, in Chinese'),
});

const KEPT_WHY = {
  open: '正在办理，依法须办结并答复',
  closed: '已办结，作为政务档案按规定期限保存，期满后删除',
};

/** What the citizen's deletion does with each entity of personal data. */
export const DELETION_OF_ENTITY: Record<PersonalDataEntity, EntityHandling<keyof z.infer<typeof deletionSchema>['erased']>> = {
  Conversation: { otherwise: 'kept as the thread of the chat; a form in progress starts over (its answers are in the state)' },
  Message: { counted: 'messages' },
  OutboxMessage: { counted: 'outboxMessages' },
  UnansweredQuestion: { counted: 'unansweredQuestions' },
  AskedQuestion: { counted: 'askedQuestions' },
  EntryFeedback: { otherwise: 'kept: a conversation id and yes or no, nothing said' },
  HandoffThread: { otherwise: 'its last question is erased; the thread stays' },
  ChatToken: { otherwise: 'kept: the token the citizen asked with' },
  HotlineTicket: { otherwise: 'kept (KEPT_WHY): open ones must be handled, closed ones are records' },
  DisclosureRequest: { otherwise: 'kept (KEPT_WHY): open ones must be handled, closed ones are records' },
  DisclosureEvent: { otherwise: "kept with their request: the case's history" },
  HotlineTicketEvent: { otherwise: "kept with their ticket: the case's history" },
  AuditEvent: { otherwise: 'kept: the audit trail, anonymised by the retention purge' },
};

function record<T extends object>(row: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]));
}

async function conversationsOf(tx: Transaction, citizen: CitizenIdentity): Promise<Conversation[]> {
  return tx.find(Conversation, { where: { channel: citizen.channel, citizenId: citizen.citizenId }, order: { createdAt: 'ASC' } });
}

async function casesOf(tx: Transaction, citizen: CitizenIdentity) {
  const requests = await tx.find(DisclosureRequest, {
    where: { citizenChannel: citizen.channel, citizenId: citizen.citizenId },
    order: { id: 'ASC' },
  });
  const tickets = await tx.find(HotlineTicket, { where: { channel: citizen.channel, citizenId: citizen.citizenId }, order: { id: 'ASC' } });
  return { requests, tickets };
}

export async function exportCitizenData(tx: Transaction, citizen: CitizenIdentity, at: Date): Promise<z.infer<typeof exportSchema>> {
  const conversations = [];
  for (const c of await conversationsOf(tx, citizen)) {
    const messages = await tx.find(Message, { where: { conversationId: c.id }, order: { id: 'ASC' } });
    conversations.push({
      id: c.id,
      createdAt: c.createdAt.toISOString(),
      messages: messages.map((m) => ({ direction: m.direction, author: m.author, text: m.text, at: m.createdAt.toISOString() })),
    });
  }
  const { requests, tickets } = await casesOf(tx, citizen);
  await auditLog.record(
    tx,
    CITIZEN_ACTOR,
    {
      action: 'citizen-data.export',
      objectType: 'citizen',
      objectId: citizen.channel,
      details: { conversations: conversations.length, requests: requests.length, tickets: tickets.length },
    },
    at,
  );
  return { citizen, conversations, disclosureRequests: requests.map(record), tickets: tickets.map(record) };
}

export async function deleteCitizenData(tx: Transaction, citizen: CitizenIdentity, at: Date): Promise<z.infer<typeof deletionSchema>> {
  const ids = (await conversationsOf(tx, citizen)).map((c) => c.id);
  let messages = 0;
  let unansweredQuestions = 0;
  let askedQuestions = 0;
  let outboxMessages = 0;
  if (ids.length) {
    messages =
      (await tx.update(Message, { conversationId: In(ids), text: Not(ERASED_TEXT) }, { text: ERASED_TEXT, textHash: null })).affected ?? 0;
    unansweredQuestions = (await tx.delete(UnansweredQuestion, { conversationId: In(ids) })).affected ?? 0;
    askedQuestions =
      (await tx.update(AskedQuestion, { conversationId: In(ids), text: Not(ERASED_TEXT) }, { text: ERASED_TEXT, terms: [] })).affected ?? 0;
    // What is still to be delivered is delivered; what was sent is erased.
    outboxMessages =
      (await tx.update(OutboxMessage, { conversationId: In(ids), status: Not('pending'), text: Not(ERASED_TEXT) }, { text: ERASED_TEXT }))
        .affected ?? 0;
    await tx.update(HandoffThread, { conversationId: In(ids), lastQuestion: Not(IsNull()) }, { lastQuestion: null });
    // A form in progress holds its answers in the state: it starts over.
    for (const c of await tx.find(Conversation, { where: { id: In(ids) } })) {
      if ((c.state as { mode?: string } | null)?.mode === 'intake')
        await tx.update(Conversation, { id: c.id }, { state: INITIAL_STATE as never, stateVersion: c.stateVersion + 1 });
    }
  }
  const { requests, tickets } = await casesOf(tx, citizen);
  const kept = [
    ...requests.map((r) => ({
      kind: 'disclosureRequest' as const,
      number: r.number,
      status: r.status,
      why: r.status === 'closed' ? KEPT_WHY.closed : KEPT_WHY.open,
    })),
    ...tickets.map((t) => ({
      kind: 'ticket' as const,
      number: t.number,
      status: t.status,
      why: t.status === 'closed' ? KEPT_WHY.closed : KEPT_WHY.open,
    })),
  ];
  await auditLog.record(
    tx,
    CITIZEN_ACTOR,
    {
      action: 'citizen-data.delete',
      objectType: 'citizen',
      objectId: citizen.channel,
      details: { messages, unansweredQuestions, askedQuestions, outboxMessages, kept: kept.length },
    },
    at,
  );
  const message = [
    '您的聊天记录已删除。',
    ...(kept.length ? [`以下案件依法继续保存：${kept.map((k) => `${k.number}（${k.why}）`).join('；')}。`] : []),
  ].join('');
  return { erased: { messages, unansweredQuestions, askedQuestions, outboxMessages }, kept, message };
}

export function citizenDataRoutes(deps: { db: Database; now: () => Date }): ApiRoute[] {
  const { db, now } = deps;
  return [
    citizenRoute({
      method: 'get',
      path: '/api/v1/me/data',
      operationId: 'exportMyData',
      tag: 'my-data',
      summary:
        'Everything held about the citizen (PIPL Art. 45): conversations with every message, disclosure requests and tickets, personal data whole',
      access: 'citizen',
      response: exportSchema,
      async handler({ principal }) {
        return db.transaction((tx) => exportCitizenData(tx, principal, now()));
      },
    }),
    citizenRoute({
      method: 'delete',
      path: '/api/v1/me/data',
      operationId: 'deleteMyData',
      tag: 'my-data',
      summary:
        "Deletion (PIPL Art. 47): the chat's texts are erased; disclosure requests and tickets are kept, open ones until handled and closed ones for their retention period, as the answer says",
      access: 'citizen',
      response: deletionSchema,
      async handler({ principal }) {
        return db.transaction((tx) => deleteCitizenData(tx, principal, now()));
      },
    }),
  ];
}
