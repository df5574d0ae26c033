/**
 * Filing a disclosure request: an online application the citizen confirmed (chat or form), or
 * one received in person or by letter and written down by an officer. The tracking number, the
 * first deadlines, the 'received' event and the audit record are made together.
 */
import type { DisclosureRequest } from '../../../entities';
import type { ClockPause, ReceiptChannel } from '../../../entities/DisclosureRequest';
import { auditLog, type AuditActor } from '../../staff/audit/repository';
import type { Transaction } from '../../platform/db/database';
import { toShanghaiDate } from '../../platform/calendar/dates';
import type { DisclosureApplication } from './application';
import { citizenActor, effectiveDate, type CommandContext } from './changes';
import type { DueView } from './deadlineView';
import { badInput } from './fieldErrors';
import { disclosureEvents, disclosureRequests, trackingNumber } from './repository';
import type { CitizenRef } from './views';

export interface SubmitOrigin extends CitizenRef {
  conversationId: string | null;
  via: 'chat' | 'form';
}

export interface SubmitResult {
  number: string;
  receivedOn: string;
  replyDue: DueView;
}

export function createIntakeCommands({ agencies, deadlines, dueColumns }: CommandContext) {
  async function createRequest(
    tx: Transaction,
    application: DisclosureApplication,
    receipt: {
      channel: ReceiptChannel;
      via: DisclosureRequest['via'];
      receivedOn: string;
      receivedAt: Date;
      citizen: CitizenRef | null;
      conversationId: string | null;
    },
    who: AuditActor,
    now: Date,
  ): Promise<{ request: DisclosureRequest; result: SubmitResult }> {
    if (!agencies.byCode(application.agency)) throw badInput('agency', `没有“${application.agency}”这个机关`);
    const year = Number(receipt.receivedOn.slice(0, 4));
    const number = trackingNumber(year, await disclosureRequests.nextSequence(tx, year));
    const identity = application.identity;
    const base = {
      status: 'processing' as const,
      receivedOn: receipt.receivedOn,
      correctedOn: null,
      correctionDueOn: null,
      extensionDays: 0,
      pauses: [] as ClockPause[],
      closedOn: null,
      feePaymentDueOn: null,
    };
    const request = await disclosureRequests.insert(tx, {
      number,
      receiptChannel: receipt.channel,
      via: receipt.via,
      citizenChannel: receipt.citizen?.channel ?? null,
      citizenId: receipt.citizen?.citizenId ?? null,
      conversationId: receipt.conversationId,
      applicantType: application.applicantType,
      applicantName: application.name,
      idKind: identity.kind,
      idDocumentType: identity.kind === 'other' ? identity.documentType : null,
      idNumber: identity.number,
      idChecksumWarning: identity.kind === 'creditCode' && identity.checksumWarning === true,
      phone: application.phone,
      address: application.address,
      email: application.email,
      description: application.description,
      informationForm: application.form,
      delivery: application.delivery,
      agency: application.agency,
      topic: agencies.topicOf(application.description).code,
      ...base,
      ...dueColumns(base),
      receivedAt: receipt.receivedAt,
      correctionRequestedOn: null,
      outcome: null,
      replyText: null,
      replyAttachment: null,
      feeMethod: 'free',
      feeAmount: 0,
      feePages: null,
      feeNoticeOn: null,
      feePaidOn: null,
      art39Hint: application.art39Hint ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    const view = deadlines(request, toShanghaiDate(now));
    const replyDue = view.replyDueInForce!;
    await disclosureEvents.append(
      tx,
      {
        requestId: request.id,
        type: 'received',
        effectiveOn: receipt.receivedOn,
        actor: who.actor,
        data: { receiptChannel: receipt.channel, via: receipt.via, agency: application.agency, replyDue },
      },
      now,
    );
    await auditLog.record(
      tx,
      who,
      {
        action: 'disclosure.received',
        objectType: 'disclosure_request',
        objectId: number,
        details: { receiptChannel: receipt.channel, via: receipt.via, agency: application.agency, receivedOn: receipt.receivedOn },
      },
      now,
    );
    return { request, result: { number, receivedOn: receipt.receivedOn, replyDue } };
  }

  return {
    /** An online application confirmed now: the confirmation day is the date of receipt (Art. 31). */
    async submitApplication(tx: Transaction, application: DisclosureApplication, origin: SubmitOrigin, now: Date): Promise<SubmitResult> {
      const { result } = await createRequest(
        tx,
        application,
        {
          channel: 'online',
          via: origin.via,
          receivedOn: toShanghaiDate(now),
          receivedAt: now,
          citizen: { channel: origin.channel, citizenId: origin.citizenId },
          conversationId: origin.conversationId,
        },
        citizenActor(origin.channel),
        now,
      );
      return result;
    },

    /** An application received in person (当面) or by letter (信函), written down by an officer. */
    async registerApplication(
      tx: Transaction,
      application: DisclosureApplication,
      receipt: { channel: Exclude<ReceiptChannel, 'online'>; receivedOn?: string },
      who: AuditActor,
      now: Date,
    ): Promise<SubmitResult> {
      const today = toShanghaiDate(now);
      const receivedOn = effectiveDate(receipt.receivedOn, today, null, 'receivedOn');
      const { result } = await createRequest(
        tx,
        application,
        { channel: receipt.channel, via: 'staff', receivedOn, receivedAt: now, citizen: null, conversationId: null },
        who,
        now,
      );
      return result;
    },
  };
}
