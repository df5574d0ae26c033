/** What the hotline says to citizens, in one place. */
import type { TicketRating, TicketResolution, TicketStatus, TicketVia } from '../../../entities/HotlineTicket';
import { formatLocalMoment, wallClock } from '../../handoff/serviceHours';

export const STATUS_LABELS: Record<TicketStatus, string> = {
  accepted: '已受理',
  dispatched: '已派单',
  handling: '办理中',
  replied: '已答复',
  callback: '回访中',
  closed: '已办结',
};

/** The ticket flow, in order, as the ticket page draws it. */
export const TICKET_FLOW: { code: TicketStatus; label: string }[] = [
  { code: 'accepted', label: '受理' },
  { code: 'dispatched', label: '派单' },
  { code: 'handling', label: '签收办理' },
  { code: 'replied', label: '答复' },
  { code: 'callback', label: '回访' },
  { code: 'closed', label: '办结' },
];

/** How a ticket came in, as staff read it. */
export const VIA_LABELS: Record<TicketVia, string> = { chat: '对话受理', form: '表单提交', operator: '话务员创建' };

/** The operators' API fields as they know them, for its refusals. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  number: '工单编号',
  category: '诉求类别',
  content: '诉求内容',
  location: '地点',
  phone: '联系电话',
  anonymous: '是否匿名',
  department: '承办部门',
  urgency: '紧急程度',
  note: '说明',
  text: '答复内容',
  resolved: '是否解决',
};

export const RESOLUTION_LABELS: Record<TicketResolution, string> = { resolved: '已解决', unresolved: '未解决' };

/** A step in a ticket's history (ticket events' action). */
export const TICKET_ACTION_LABELS: Record<string, string> = {
  accept: '受理',
  open: '受理',
  dispatch: '派单',
  reroute: '改派',
  sign: '签收',
  reply: '答复',
  callback: '回访',
  close: '办结',
  supervise: '督办',
  reopen: '重新办理',
  rate: '评价',
};

export const RATING_LABELS: Record<TicketRating, string> = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
};

/** "11月27日（周五）前" for a limit that ends at midnight, else "11月26日（周四）10:00前". */
export function formatDue(dueAt: Date, timeZone: string): string {
  const w = wallClock(dueAt, timeZone);
  if (w.minutes === 0 && w.seconds === 0) {
    // Midnight ends the previous day: show that day, as "by the end of".
    const endOfDay = formatLocalMoment(new Date(dueAt.getTime() - 60_000), timeZone);
    return `${endOfDay.replace(/\d{2}:\d{2}$/, '')}前`;
  }
  return `${formatLocalMoment(dueAt, timeZone)}前`;
}

export const RATING_QUESTION = '请您对办理结果进行评价，回复：1 满意　2 基本满意　3 不满意';

export const howToCheck = (number: string) => `查询办理进度请发送"查询工单 ${number}"。`;
