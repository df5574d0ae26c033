/**
 * What every change to a disclosure request goes through (the commands call it): the checks of an
 * officer's input and of the request's status, and `apply`, which makes one change one event, one
 * audit record, one notice to the citizen's chat and one version step, in the caller's transaction.
 */
import type { DisclosureEvent, DisclosureRequest } from '../../../entities';
import type { DisclosureEventType } from '../../../entities/DisclosureEvent';
import type { DisclosureStatus } from '../../../entities/DisclosureRequest';
import { auditLog, type AuditActor } from '../../staff/audit/repository';
import { deliverToCitizen } from '../../conversation/deliver';
import type { Transaction } from '../../platform/db/database';
import { isIsoDate, toShanghaiDate } from '../../platform/calendar/dates';
import type { WorkingDayCalendar } from '../../platform/calendar/workingDays';
import { DomainError } from '../../platform/domainError';
import type { AgencyDirectory } from './agencies';
import type { DeadlineView, DeadlineViews } from './deadlineView';
import { badInput } from './fieldErrors';
import { disclosureEvents, disclosureRequests } from './repository';
import { STATUS_LABELS } from './texts';
import type { DisclosureViews } from './views';

export const citizenActor = (channel: string): AuditActor => ({
  actor: `citizen:${channel}`,
  actorId: null,
  via: 'system',
  ip: null,
  requestId: null,
});

export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);

/** The date an officer's action takes effect: given, or today; never in the future. */
export function effectiveDate(
  on: string | undefined,
  today: string,
  notBefore: { date: string; what: string } | null,
  field = 'on',
): string {
  const date = on ?? today;
  if (!isIsoDate(date)) throw badInput(field, '须为真实存在的日期，格式YYYY-MM-DD');
  if (date > today) throw badInput(field, `不得晚于今天（${today}）`);
  if (notBefore && date < notBefore.date) throw badInput(field, `不得早于${notBefore.what}（${notBefore.date}）`);
  return date;
}

export function requireText(value: string | undefined | null, field: string, max: number): string {
  const s = (value ?? '').trim();
  if (!s) throw badInput(field, '不能为空');
  if (s.length > max) throw badInput(field, `不得超过${max}个字`);
  return s;
}

/** `action` is said to the officer: Chinese, e.g. 延期. */
export function assertStatus(r: DisclosureRequest, allowed: DisclosureStatus[], action: string): void {
  if (!allowed.includes(r.status)) {
    throw conflict(
      'wrong_status',
      `申请${r.number}当前为“${STATUS_LABELS[r.status]}”，不能${action}（须为${allowed.map((a) => `“${STATUS_LABELS[a]}”`).join('或')}）。`,
    );
  }
}

async function notify(tx: Transaction, r: DisclosureRequest, event: DisclosureEvent, text: string, now: Date): Promise<void> {
  if (!r.conversationId) return;
  await deliverToCitizen(
    tx,
    {
      conversationId: r.conversationId,
      author: 'system',
      text,
      dedupeKey: `disclosure:${r.number}:${event.id}`,
      meta: { disclosure: r.number, event: event.type },
    },
    now,
  );
}

export interface Change {
  changes: Partial<DisclosureRequest>;
  event: { type: DisclosureEventType; effectiveOn: string; note?: string | null; data?: Record<string, unknown> | null };
  /** The notice to the citizen, from the request as it is after the change. */
  notice?: (after: DisclosureRequest, view: DeadlineView) => string | null;
}

export function createApply({ deadlines, dueColumns }: DeadlineViews) {
  async function apply(tx: Transaction, r: DisclosureRequest, change: Change, who: AuditActor, now: Date): Promise<DisclosureRequest> {
    const merged = { ...r, ...change.changes } as DisclosureRequest;
    const due = dueColumns(merged);
    const after = { ...merged, ...due, version: r.version + 1, updatedAt: now } as DisclosureRequest;
    if (!(await disclosureRequests.update(tx, r, { ...change.changes, ...due }, now))) {
      throw conflict('changed_meanwhile', `申请${r.number}刚被他人修改，请刷新后重试。`);
    }
    const event = await disclosureEvents.append(tx, { requestId: r.id, actor: who.actor, ...change.event }, now);
    const changed = Object.keys(change.changes).filter((k) => !['replyText'].includes(k));
    await auditLog.record(
      tx,
      who,
      {
        action: `disclosure.${change.event.type}`,
        objectType: 'disclosure_request',
        objectId: r.number,
        details: {
          event: event.id,
          effectiveOn: change.event.effectiveOn,
          statusBefore: r.status,
          statusAfter: after.status,
          changed,
          ...(change.event.data ?? {}),
        },
      },
      now,
    );
    const text = change.notice?.(after, deadlines(after, toShanghaiDate(now)));
    if (text) await notify(tx, after, event, text, now);
    return after;
  }

  return apply;
}

/** What every group of commands works with; src/cases/disclosure/service.ts builds it once. */
export interface CommandContext {
  calendar: WorkingDayCalendar;
  agencies: AgencyDirectory;
  deadlines: DeadlineViews['deadlines'];
  dueColumns: DeadlineViews['dueColumns'];
  views: DisclosureViews;
  apply: ReturnType<typeof createApply>;
}
