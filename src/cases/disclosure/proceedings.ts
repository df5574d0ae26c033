/**
 * Administrative reviews (行政复议) and lawsuits (行政诉讼) about disclosure, recorded by officers
 * for table 四 of the annual report. Every change is audited.
 */
import type { DisclosureProceeding } from '../../../entities';
import { auditLog, type AuditActor } from '../../staff/audit/repository';
import type { Transaction } from '../../platform/db/database';
import { isIsoDate, toShanghaiDate } from '../../platform/calendar/dates';
import { PROCEEDING_RESULTS, PROCEEDINGS } from './rules/annualReport';
import { badInput } from './fieldErrors';
import { DomainError } from '../../platform/domainError';
import type { AgencyDirectory } from './agencies';
import { disclosureProceedings, disclosureRequests, TRACKING_NUMBER } from './repository';
import { PROCEEDING_KINDS, PROCEEDING_OUTCOMES } from './report';

export type ProceedingKind = (typeof PROCEEDINGS)[number]['code'];
export type ProceedingOutcome = Exclude<(typeof PROCEEDING_RESULTS)[number]['code'], 'total'>;

export interface ProceedingInput {
  kind: ProceedingKind;
  agency?: string;
  requestNumber?: string | null;
  filedOn: string;
  result?: ProceedingOutcome;
  decidedOn?: string | null;
  note?: string | null;
}

export function proceedingView(p: DisclosureProceeding, agencies: AgencyDirectory) {
  return {
    id: p.id,
    kind: p.kind,
    kindLabel: PROCEEDINGS.find((k) => k.code === p.kind)?.label ?? p.kind,
    agency: { code: p.agency, name: agencies.nameOf(p.agency) },
    requestNumber: p.requestNumber,
    filedOn: p.filedOn,
    result: p.result,
    resultLabel: PROCEEDING_RESULTS.find((r) => r.code === p.result)?.label ?? p.result,
    decidedOn: p.decidedOn,
    note: p.note,
    recordedBy: p.recordedBy,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function checkDecision(result: string, decidedOn: string | null, filedOn: string, today: string): void {
  if (!(PROCEEDING_OUTCOMES as readonly string[]).includes(result))
    throw badInput('result', `须为以下之一：${PROCEEDING_OUTCOMES.join('、')}`);
  if (result === 'pending' && decidedOn) throw badInput('decidedOn', '尚未审结的案件不填决定日期');
  if (result !== 'pending' && !decidedOn) throw badInput('decidedOn', '已审结的案件须填写决定日期');
  if (decidedOn && (!isIsoDate(decidedOn) || decidedOn < filedOn || decidedOn > today))
    throw badInput('decidedOn', `须为${filedOn}至今天之间的日期`);
}

export const proceedings = {
  async record(
    tx: Transaction,
    input: ProceedingInput,
    agencies: AgencyDirectory,
    who: AuditActor,
    now: Date,
  ): Promise<DisclosureProceeding> {
    const today = toShanghaiDate(now);
    if (!(PROCEEDING_KINDS as readonly string[]).includes(input.kind))
      throw badInput('kind', `须为以下之一：${PROCEEDING_KINDS.join('、')}`);
    if (!isIsoDate(input.filedOn) || input.filedOn > today) throw badInput('filedOn', '须为真实存在的日期，格式YYYY-MM-DD，且不得晚于今天');
    let agency = input.agency ? (agencies.byCode(input.agency) ?? agencies.find(input.agency))?.code : undefined;
    if (input.agency && !agency) throw badInput('agency', `没有“${input.agency}”这个机关`);
    const requestNumber = input.requestNumber?.trim().toUpperCase() || null;
    if (requestNumber) {
      const request = TRACKING_NUMBER.test(requestNumber) ? await disclosureRequests.byNumber(tx, requestNumber) : null;
      if (!request) throw badInput('requestNumber', `没有编号为${requestNumber}的公开申请`);
      agency ??= request.agency;
    }
    if (!agency) throw badInput('agency', '请填写被申请机关，或案件所涉的申请编号');
    const result = input.result ?? 'pending';
    const decidedOn = input.decidedOn ?? null;
    checkDecision(result, decidedOn, input.filedOn, today);
    const saved = await disclosureProceedings.insert(tx, {
      kind: input.kind,
      agency,
      requestNumber,
      filedOn: input.filedOn,
      result,
      decidedOn,
      note: input.note?.trim() || null,
      recordedBy: who.actor,
      createdAt: now,
      updatedAt: now,
    });
    await auditLog.record(
      tx,
      who,
      {
        action: 'disclosure.proceeding-recorded',
        objectType: 'disclosure_proceeding',
        objectId: String(saved.id),
        details: { kind: input.kind, agency, requestNumber, filedOn: input.filedOn, result },
      },
      now,
    );
    return saved;
  },

  async decide(
    tx: Transaction,
    id: number,
    input: { result: ProceedingOutcome; decidedOn?: string | null; note?: string | null },
    who: AuditActor,
    now: Date,
  ): Promise<DisclosureProceeding> {
    const p = await disclosureProceedings.byId(tx, id);
    if (!p) throw new DomainError('notFound', 'proceeding_not_found', `no review or lawsuit ${id}`);
    const decidedOn = input.decidedOn ?? null;
    checkDecision(input.result, decidedOn, p.filedOn, toShanghaiDate(now));
    const note = input.note === undefined ? p.note : input.note?.trim() || null;
    await disclosureProceedings.update(tx, id, { result: input.result, decidedOn, note, updatedAt: now });
    await auditLog.record(
      tx,
      who,
      {
        action: 'disclosure.proceeding-decided',
        objectType: 'disclosure_proceeding',
        objectId: String(id),
        details: { resultBefore: p.result, resultAfter: input.result, decidedOn },
      },
      now,
    );
    return { ...p, result: input.result, decidedOn, note, updatedAt: now };
  },

  list(tx: Transaction, year: number, agency?: string): Promise<DisclosureProceeding[]> {
    return disclosureProceedings.forPeriod(tx, `${year}-01-01`, `${year}-12-31`, agency);
  },
};
