/**
 * Retention (PIPL Art. 19: no longer than needed): personal data of each kind of record are erased
 * when their period in config/retention.yaml has run, by the server daily and by `wenzheng data
 * purge [--dry-run]`. Records are anonymised, not deleted, so that the hotline's monthly report and
 * the annual disclosure report count the same afterwards. The audit trail is append-only (the
 * database refuses DELETE, and UPDATE but the one anonymisation below): its rows stay, with who
 * acted, the action and the time, and only their personal data are anonymised.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { In, IsNull, LessThan, MoreThan, Not, Raw } from 'typeorm';
import { z } from 'zod';
import {
  AskedQuestion,
  AuditEvent,
  Conversation,
  DisclosureEvent,
  DisclosureRequest,
  HandoffThread,
  HotlineTicket,
  HotlineTicketEvent,
  Message,
  OutboxMessage,
  UnansweredQuestion,
} from '../../../entities';
import { loadDataFile } from '../../platform/data/loadDataFile';
import type { Database, Transaction } from '../../platform/db/database';
import { toShanghaiDate } from '../../platform/calendar/dates';
import { INITIAL_STATE } from '../../dialogue/state';
import { ERASED_TEXT } from './citizenData';
import { SYSTEM_ACTOR } from './context';
import { auditLog, type AuditActor } from './repository';
import { retentionDays, type EntityHandling, type PersonalDataEntity, type RetentionPolicy } from './retentionPolicy';

export const retentionSchema = z.strictObject({
  messages: retentionDays('messages').default(90),
  conversations: retentionDays('conversations').default(180),
  closedTickets: retentionDays('closedTickets').default(1095),
  closedDisclosure: retentionDays('closedDisclosure').default(3650),
  audit: retentionDays('audit').default(1095),
});

/** config/retention.yaml, validated (the defaults without the file), with the periods set in the environment over it. */
export function loadRetention(configDir: string, overrides: Partial<RetentionPolicy> = {}): RetentionPolicy {
  const file = join(configDir, 'retention.yaml');
  return { ...(existsSync(file) ? loadDataFile(file, retentionSchema) : retentionSchema.parse({})), ...overrides };
}

export interface PurgeCounts {
  messages: number;
  outboxMessages: number;
  unansweredQuestions: number;
  /** The review queue's record of each question (asked_question): the text goes, the bot's decision stays for the counts. */
  askedQuestions: number;
  /** Conversations idle past the messages' period whose state still held a form's answers: it starts over. */
  conversationStates: number;
  threads: number;
  tickets: number;
  disclosureRequests: number;
  auditEvents: number;
}

/** What the purge does with each entity of personal data. */
export const PURGE_OF_ENTITY: Record<PersonalDataEntity, EntityHandling<keyof PurgeCounts>> = {
  Conversation: { counted: 'conversationStates' },
  Message: { counted: 'messages' },
  OutboxMessage: { counted: 'outboxMessages' },
  UnansweredQuestion: { counted: 'unansweredQuestions' },
  AskedQuestion: { counted: 'askedQuestions' },
  EntryFeedback: { otherwise: 'left as it is: a conversation id and yes or no, nothing said' },
  HandoffThread: { counted: 'threads' },
  ChatToken: { otherwise: "left as it is: a token's hash and the channel's pseudonymous id: the citizen's key to their own data" },
  HotlineTicket: { counted: 'tickets' },
  DisclosureRequest: { counted: 'disclosureRequests' },
  DisclosureEvent: {
    otherwise: "notes and the copy of an earlier description erased with their request's personal data (counted with it)",
  },
  HotlineTicketEvent: { otherwise: "notes erased with their ticket's personal data (counted with it)" },
  AuditEvent: { counted: 'auditEvents' },
};

const before = (at: Date, period: number) => new Date(at.getTime() - period * 86_400_000);

/** What the system writes in audit details and keeps: states, reasons, field names (kebab, snake, dotted or camel case), dates. */
const CODE = /^(?:[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*|[a-z]+(?:[A-Z][a-z0-9]*)+|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z)?)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;

/**
 * An audit event's details without personal data: numbers, booleans and codes stay (counts and
 * state changes still read), any other text (reasons and notes typed by staff, masked values, names,
 * citizen or conversation identifiers) reads ERASED_TEXT.
 */
export function anonymiseDetails(value: unknown): unknown {
  if (typeof value === 'string') return value.length <= 64 && CODE.test(value) && !UUID.test(value) ? value : ERASED_TEXT;
  if (Array.isArray(value)) return value.map(anonymiseDetails);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, anonymiseDetails(v)]));
  return value;
}

/** Object types whose id identifies a citizen (the others are case numbers, thread ids, staff accounts, entries). */
const CITIZEN_OBJECTS = new Set(['citizen']);

/** Each retention run that anonymised audit events says so in the trail itself. */
export const AUDIT_RETENTION_ACTION = 'retention.audit-anonymise';

async function anonymiseAudit(tx: Transaction, cutoff: Date, at: Date, who: AuditActor): Promise<number> {
  let [first, last, count] = [0, 0, 0];
  // In batches: the first run on an old trail may meet many events.
  for (;;) {
    const due = await tx.find(AuditEvent, {
      where: { id: MoreThan(last), at: LessThan(cutoff), anonymisedAt: IsNull() },
      order: { id: 'ASC' },
      take: 500,
    });
    if (due.length === 0) break;
    for (const event of due) {
      await tx.update(
        AuditEvent,
        { id: event.id },
        {
          objectId: event.objectType && CITIZEN_OBJECTS.has(event.objectType) ? ERASED_TEXT : event.objectId,
          ip: null,
          details: (event.details ? anonymiseDetails(event.details) : null) as never,
          anonymisedAt: at,
        },
      );
    }
    first ||= due[0]!.id;
    last = due[due.length - 1]!.id;
    count += due.length;
  }
  if (count)
    await auditLog.record(
      tx,
      who,
      {
        action: AUDIT_RETENTION_ACTION,
        objectType: 'audit_event',
        objectId: `${first}-${last}`,
        details: { events: count, before: cutoff.toISOString() },
      },
      at,
    );
  return count;
}

/**
 * A case's history repeats what the citizen wrote: an officer's note, a reply, the description a
 * correction replaced (data.previousDescription). It goes with the case's own personal data; the
 * steps, dates and codes stay, so reports count the same.
 */
async function eraseEventTexts(tx: Transaction, ticketIds: number[], requestIds: number[]): Promise<void> {
  if (ticketIds.length) await tx.update(HotlineTicketEvent, { ticketId: In(ticketIds), note: Not(IsNull()) }, { note: ERASED_TEXT });
  if (!requestIds.length) return;
  await tx.update(DisclosureEvent, { requestId: In(requestIds), note: Not(IsNull()) }, { note: ERASED_TEXT });
  const corrections = await tx.find(DisclosureEvent, { where: { requestId: In(requestIds), type: 'corrected' } });
  for (const event of corrections)
    if (event.data && 'previousDescription' in event.data)
      await tx.update(DisclosureEvent, { id: event.id }, { data: { ...event.data, previousDescription: ERASED_TEXT } as never });
}

async function purgeIn(tx: Transaction, policy: RetentionPolicy, at: Date, dryRun: boolean, who: AuditActor): Promise<PurgeCounts> {
  const messageCutoff = before(at, policy.messages);
  const chatCutoff = before(at, policy.conversations);
  const ticketCutoff = before(at, policy.closedTickets);
  const disclosureCutoff = toShanghaiDate(before(at, policy.closedDisclosure));
  const auditCutoff = before(at, policy.audit);
  // An operator still handling a conversation reads its transcript: its messages wait until the thread closes.
  const open = (await tx.find(HandoffThread, { select: { openKey: true }, where: { openKey: Not(IsNull()) } })).map((t) => t.openKey!);
  const closedConversation = open.length ? { conversationId: Not(In(open)) } : {};
  const messages = { createdAt: LessThan(messageCutoff), text: Not(ERASED_TEXT), ...closedConversation };
  const sent = { createdAt: LessThan(messageCutoff), status: Not('pending' as const), text: Not(ERASED_TEXT) };
  // A notice outside any conversation (NULL) is never in an open one; NOT IN would not match it.
  const outbox = open.length
    ? [
        { ...sent, ...closedConversation },
        { ...sent, conversationId: IsNull() },
      ]
    : [sent];
  // The state of a conversation idle that long would be started over at its next message anyway (the idle
  // reset); a form left half-filled holds its answers there. Compared as the column stores it (JSON text).
  const idleStates = {
    lastActivityAt: LessThan(messageCutoff),
    state: Raw((column) => `${column} <> :initialState`, { initialState: JSON.stringify(INITIAL_STATE) }),
    ...(open.length ? { id: Not(In(open)) } : {}),
  };
  const threads = { requestedAt: LessThan(chatCutoff), lastQuestion: Not(IsNull()) };
  const questions = { askedAt: LessThan(chatCutoff) };
  const asked = { askedAt: LessThan(chatCutoff), text: Not(ERASED_TEXT) };
  const tickets = { status: 'closed' as const, closedAt: LessThan(ticketCutoff), content: Not(ERASED_TEXT) };
  // An erased request has no lookup hash left: that marks it (its encrypted fields cannot be compared).
  const requests = { status: 'closed' as const, closedOn: LessThan(disclosureCutoff), idNumberHash: Not('') };
  const auditEvents = { at: LessThan(auditCutoff), anonymisedAt: IsNull() };
  if (dryRun) {
    return {
      messages: await tx.count(Message, { where: messages }),
      outboxMessages: await tx.count(OutboxMessage, { where: outbox }),
      unansweredQuestions: await tx.count(UnansweredQuestion, { where: questions }),
      askedQuestions: await tx.count(AskedQuestion, { where: asked }),
      conversationStates: await tx.count(Conversation, { where: idleStates }),
      threads: await tx.count(HandoffThread, { where: threads }),
      tickets: await tx.count(HotlineTicket, { where: tickets }),
      disclosureRequests: await tx.count(DisclosureRequest, { where: requests }),
      auditEvents: await tx.count(AuditEvent, { where: auditEvents }),
    };
  }
  const ids = async <T extends { id: number }>(entity: new () => T, where: object) =>
    (await tx.find(entity, { select: { id: true } as never, where })).map((r) => r.id);
  const ticketIds = await ids(HotlineTicket, tickets);
  const requestIds = await ids(DisclosureRequest, requests);
  if (ticketIds.length) await tx.update(HotlineTicket, { id: In(ticketIds) }, { location: null, phone: null, content: ERASED_TEXT });
  if (requestIds.length) {
    await tx.update(
      DisclosureRequest,
      { id: In(requestIds) },
      {
        applicantName: ERASED_TEXT,
        idNumber: ERASED_TEXT,
        idNumberHash: '',
        phone: ERASED_TEXT,
        address: null,
        email: null,
        description: ERASED_TEXT,
      },
    );
  }
  await eraseEventTexts(tx, ticketIds, requestIds);
  let outboxMessages = 0;
  for (const where of outbox) outboxMessages += (await tx.update(OutboxMessage, where, { text: ERASED_TEXT })).affected ?? 0;
  return {
    messages: (await tx.update(Message, messages, { text: ERASED_TEXT, textHash: null })).affected ?? 0,
    outboxMessages,
    unansweredQuestions: (await tx.delete(UnansweredQuestion, questions)).affected ?? 0,
    askedQuestions: (await tx.update(AskedQuestion, asked, { text: ERASED_TEXT, terms: [] })).affected ?? 0,
    conversationStates:
      (await tx.update(Conversation, idleStates, { state: INITIAL_STATE as never, stateVersion: () => 'state_version + 1' })).affected ?? 0,
    threads: (await tx.update(HandoffThread, threads, { lastQuestion: null })).affected ?? 0,
    tickets: ticketIds.length,
    disclosureRequests: requestIds.length,
    auditEvents: await anonymiseAudit(tx, auditCutoff, at, who),
  };
}

/** Erases what is past its retention period (or, with dryRun, counts it), in one transaction; `who` runs it. */
export function purgeExpired(
  db: Database,
  policy: RetentionPolicy,
  at: Date,
  dryRun = false,
  who: AuditActor = SYSTEM_ACTOR,
): Promise<PurgeCounts> {
  return db.transaction((tx) => purgeIn(tx, policy, at, dryRun, who));
}
