/** What the disclosure module says to citizens and shows as labels, in one place. */
import type { DisclosureStatus, PauseReason, ReceiptChannel } from '../../../entities/DisclosureRequest';
import { REPLY_OUTCOME_CODES, TABLE3_ROWS, type ReplyOutcomeCode } from './rules/annualReport';
import { WEEKDAY_NAMES_ZH, dayOfWeek } from '../../platform/calendar/dates';

export const STATUS_LABELS: Record<DisclosureStatus, string> = {
  processing: '办理中',
  awaitingCorrection: '待补正',
  paused: '征求意见中（暂停计时）',
  closed: '已办结',
};

/** A step in a request's history (disclosure events' type), as officers read it. */
export const EVENT_LABELS: Record<string, string> = {
  received: '收到申请',
  registered: '登记申请',
  submitted: '网上提交',
  'correction-requested': '发出补正通知',
  corrected: '收到补正',
  extended: '延期答复',
  paused: '暂停计时（征求意见）',
  resumed: '恢复计时',
  transferred: '转交',
  'fee-set': '确定处理费',
  'topic-set': '更正内容分类',
  replied: '答复办结',
  closed: '办结',
  abandoned: '逾期未补正，不再处理',
};

export const RECEIPT_CHANNEL_LABELS: Record<ReceiptChannel, string> = { inPerson: '当面', letter: '信函', online: '网上' };
export const RECEIPT_CHANNELS = Object.keys(RECEIPT_CHANNEL_LABELS) as ReceiptChannel[];

export const PAUSE_REASON_LABELS: Record<PauseReason, string> = {
  thirdParty: '征求第三方意见',
  otherAgency: '征求其他机关意见',
  fee: '等待缴纳信息处理费',
};

/** 2026-10-30 → 2026年10月30日（周五） */
export function zhDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日（${WEEKDAY_NAMES_ZH[dayOfWeek(date)]}）`;
}

const stripNumbering = (label: string) =>
  label
    .replace(/^（[一二三四五六七]）/, '')
    .replace(/^\d+\./, '')
    .replace(/（区分处理的.*）$/, '');

/** The outcome as the applicant reads it: 不予公开（保护第三方合法权益）. */
export function outcomeLabel(code: ReplyOutcomeCode): string {
  const row = TABLE3_ROWS.find((r) => r.code === code)!;
  const parentCode = code.split('.').slice(0, 2).join('.');
  if (parentCode === code) return stripNumbering(row.label);
  const parent = TABLE3_ROWS.find((r) => r.code === parentCode)!;
  return `${stripNumbering(parent.label)}（${stripNumbering(row.label)}）`;
}

export function isOutcomeCode(code: string): code is ReplyOutcomeCode {
  return (REPLY_OUTCOME_CODES as readonly string[]).includes(code);
}

const coverageNote = (beyondCoverage: boolean) =>
  beyondCoverage ? '（该日期超出现有节假日安排，暂按法定节假日和周一至周五推算，以机关通知为准）' : '';

export const say = {
  submitted: (number: string, receivedOn: string, due: { date: string; beyondCoverage: boolean }, agencyName: string) =>
    [
      `您的政府信息公开申请已提交，受理编号：${number}`,
      `受理机关：${agencyName}`,
      `收到申请日期：${zhDate(receivedOn)}（即您确认提交之日）`,
      `答复期限：${zhDate(due.date)}前（20个工作日，节假日顺延）${coverageNote(due.beyondCoverage)}`,
      `查询进度请回复"查询申请 ${number}"。办理过程中的每一步都会通过本渠道通知您。`,
    ].join('\n'),

  notSubmitted: (problems: string[]) =>
    `抱歉，申请未能提交，以下内容需要修改：\n${problems.map((p, i) => `${i + 1}. ${p}`).join('\n')}\n请回复"申请公开"重新填写。`,

  noSuchRequest: (number: string) => `没有查到您提交的编号为 ${number} 的申请。请核对编号；只能查询本人通过本渠道提交的申请。`,

  noRequests: () => '您还没有通过本渠道提交过政府信息公开申请。需要申请请回复"申请公开"。',

  correctionRequested: (number: string, items: string, dueOn: string, agencyName: string) =>
    `您的政府信息公开申请（${number}）需要补正：\n${items}\n请于${zhDate(dueOn)}前补正：直接在这里回复"补正 ${number} 补正后的内容"，或联系${agencyName}。逾期未补正的，视为放弃申请。收到补正后，答复期限重新计算。`,

  noCorrectionAwaited: () => '您目前没有需要补正的政府信息公开申请。如需查询申请进度，请回复"查询申请"。',

  whichCorrection: (numbers: string[]) =>
    `您有${numbers.length}件申请需要补正（${numbers.join('、')}），请写明编号，如"补正 ${numbers[0]} 补正后的内容"。`,

  corrected: (number: string, due: { date: string; beyondCoverage: boolean } | null) =>
    `已收到您对申请${number}的补正，答复期限重新计算${due ? `，将于${zhDate(due.date)}前答复${coverageNote(due.beyondCoverage)}` : ''}。`,

  extended: (number: string, days: number, reason: string, due: { date: string; beyondCoverage: boolean } | null) =>
    `您的申请${number}因${reason.replace(/[。.]$/, '')}，经政府信息公开工作机构负责人同意，答复期限延长${days}个工作日${due ? `，延至${zhDate(due.date)}${coverageNote(due.beyondCoverage)}` : ''}。`,

  paused: (number: string, reason: PauseReason) =>
    `您的申请${number}需要${PAUSE_REASON_LABELS[reason]}，征求意见所需时间不计算在答复期限内，答复期限相应顺延。`,

  resumed: (number: string, due: { date: string; beyondCoverage: boolean } | null) =>
    `您的申请${number}征求意见已结束，答复期限恢复计算${due ? `，将于${zhDate(due.date)}前答复${coverageNote(due.beyondCoverage)}` : ''}。`,

  transferred: (number: string, agencyName: string) => `您的申请${number}已转由${agencyName}办理，收到申请日期和答复期限不变。`,

  fee: (number: string, amount: number, method: string, payBy: string) =>
    `您的申请${number}需缴纳信息处理费${amount}元（${method}，依据《政府信息公开信息处理费管理办法》）。请按收费通知载明的方式于${zhDate(payBy)}前缴纳；` +
    '自发出收费通知至缴费之日不计算在答复期限内。逾期未缴纳的，视为放弃申请，机关不再处理该申请。',

  feePaid: (number: string, due: { date: string; beyondCoverage: boolean } | null) =>
    `已收到您为申请${number}缴纳的信息处理费，答复期限恢复计算${due ? `，将于${zhDate(due.date)}前答复${coverageNote(due.beyondCoverage)}` : ''}。`,

  replied: (number: string, outcome: ReplyOutcomeCode, text: string | null, attachment: string | null) =>
    [`您的政府信息公开申请${number}已答复，办理结果：${outcomeLabel(outcome)}。`, text, attachment ? `答复材料：${attachment}` : null]
      .filter(Boolean)
      .join('\n'),

  abandoned: (number: string) => `您的申请${number}未在补正期限内补正，视为放弃申请，机关不再处理。如仍需要该信息，可重新提出申请。`,
};

export const FEE_METHOD_LABELS: Record<string, string> = { free: '不收费', perApplication: '按件计收', perPage: '按量计收' };
