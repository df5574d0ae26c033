/**
 * Retention (PIPL Art. 19: no longer than needed): personal data of each kind of record are erased
 * when their period in config/retention.yaml has run, by the server daily and by `wenzheng data
 * purge [--dry-run]`. Records are anonymised, not deleted, so that the hotline's monthly report and
 * the annual disclosure report count the same afterwards. The audit trail is append-only (the
 * database refuses DELETE) and is kept whole.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { In, IsNull, LessThan, Not } from 'typeorm';
import { z } from 'zod';
import { DisclosureRequest, HandoffThread, HotlineTicket, Message, OutboxMessage, UnansweredQuestion } from '../../entities';
import { loadDataFile } from '../data/loadDataFile';
import type { Database, Transaction } from '../db/database';
import { toShanghaiDate } from '../domain/dates';
import { ERASED_TEXT } from './citizenData';

const days = z.number().int().min(1).max(36500);
export const retentionSchema = z.strictObject({
  conversations: days.default(180),
  closedTickets: days.default(1095),
  closedDisclosure: days.default(3650),
});
export type RetentionPolicy = z.infer<typeof retentionSchema>;

/** config/retention.yaml, validated; the defaults without the file. */
export function loadRetention(configDir: string): RetentionPolicy {
  const file = join(configDir, 'retention.yaml');
  return existsSync(file) ? loadDataFile(file, retentionSchema) : retentionSchema.parse({});
}

export interface PurgeCounts {
  messages: number;
  unansweredQuestions: number;
  outboxMessages: number;
  threads: number;
  tickets: number;
  disclosureRequests: number;
}

const before = (at: Date, period: number) => new Date(at.getTime() - period * 86_400_000);

async function purgeIn(tx: Transaction, policy: RetentionPolicy, at: Date, dryRun: boolean): Promise<PurgeCounts> {
  const chatCutoff = before(at, policy.conversations);
  const ticketCutoff = before(at, policy.closedTickets);
  const disclosureCutoff = toShanghaiDate(before(at, policy.closedDisclosure));
  const messages = { createdAt: LessThan(chatCutoff), text: Not(ERASED_TEXT) };
  const outbox = { createdAt: LessThan(chatCutoff), status: Not('pending' as const), text: Not(ERASED_TEXT) };
  const threads = { requestedAt: LessThan(chatCutoff), lastQuestion: Not(IsNull()) };
  const questions = { askedAt: LessThan(chatCutoff) };
  const tickets = { status: 'closed' as const, closedAt: LessThan(ticketCutoff), content: Not(ERASED_TEXT) };
  // An erased request has no lookup hash left: that marks it (its encrypted fields cannot be compared).
  const requests = { status: 'closed' as const, closedOn: LessThan(disclosureCutoff), idNumberHash: Not('') };
  if (dryRun) {
    return {
      messages: await tx.count(Message, { where: messages }),
      unansweredQuestions: await tx.count(UnansweredQuestion, { where: questions }),
      outboxMessages: await tx.count(OutboxMessage, { where: outbox }),
      threads: await tx.count(HandoffThread, { where: threads }),
      tickets: await tx.count(HotlineTicket, { where: tickets }),
      disclosureRequests: await tx.count(DisclosureRequest, { where: requests }),
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
  return {
    messages: (await tx.update(Message, messages, { text: ERASED_TEXT })).affected ?? 0,
    unansweredQuestions: (await tx.delete(UnansweredQuestion, questions)).affected ?? 0,
    outboxMessages: (await tx.update(OutboxMessage, outbox, { text: ERASED_TEXT })).affected ?? 0,
    threads: (await tx.update(HandoffThread, threads, { lastQuestion: null })).affected ?? 0,
    tickets: ticketIds.length,
    disclosureRequests: requestIds.length,
  };
}

/** Erases what is past its retention period (or, with dryRun, counts it), in one transaction. */
export function purgeExpired(db: Database, policy: RetentionPolicy, at: Date, dryRun = false): Promise<PurgeCounts> {
  return db.transaction((tx) => purgeIn(tx, policy, at, dryRun));
}
