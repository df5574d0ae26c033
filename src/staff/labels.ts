/**
 * Codes staff read as labels, defined once on the server: the console gets them through its
 * served module js/shared.js (src/api/console/routes.ts), the reports and the CLI import them.
 */
import type { CloseReason, ThreadStatus } from '../../entities/HandoffThread';
import type { EntryFileEntry, EntryKind, EntryStatus } from '../../entities/knowledgeEntryFile';
import type { MessageAuthor } from '../../entities/Message';
import type { Role } from '../../entities/StaffAccount';
import type { UnderstoodDecision } from '../conversation/understanding';

export const ROLE_LABELS: Record<Role, string> = {
  operator: '话务员',
  disclosure_officer: '信息公开专员',
  interpreter: '政策解读员',
  admin: '管理员',
};

/** Channel names as staff read them. */
export const CHANNEL_LABELS: Record<string, string> = {
  'wechat-official': '公众号',
  'wechat-miniprogram': '小程序',
  wechaty: '微信',
  webchat: '网页',
};

/**
 * Who did a step, as the history says it: citizen / citizen:webchat → 市民（网页）, system → 系统,
 * cli:root → 命令行（root）; a staff login name stays as it is (colleagues know it).
 */
export function actorLabel(actor: string): string {
  if (actor === 'citizen') return '市民';
  if (actor === 'system') return '系统';
  const colon = actor.indexOf(':');
  const [kind, rest] = [actor.slice(0, colon), actor.slice(colon + 1)];
  if (kind === 'citizen') return `市民（${CHANNEL_LABELS[rest] ?? rest}）`;
  if (kind === 'cli') return `命令行（${rest}）`;
  return actor;
}

/** Who wrote a message in a conversation's transcript. */
export const AUTHOR_LABELS: Record<MessageAuthor, string> = { citizen: '群众', bot: '机器人', operator: '话务员', system: '系统' };

export const THREAD_STATUS_LABELS: Record<ThreadStatus, string> = { waiting: '排队中', held: '接管中', closed: '已结束' };
export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  released: '已交还机器人',
  idle: '超时交还',
  dismissed: '未接听关闭',
  cancelled: '群众取消',
};

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = { guide: '办事指南', interpretation: '政策解读', faq: '常见问题' };
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = { draft: '草稿', published: '已发布', archived: '已归档' };

/** The fields of a knowledge entry (its import/export file format), as the editor and its errors name them. */
export const ENTRY_FIELD_LABELS: Record<keyof EntryFileEntry, string> = {
  key: '标识',
  kind: '类型',
  title: '标题',
  questions: '常见问法',
  keywords: '关键词',
  answer: '简要答复',
  department: '主管部门',
  region: '适用地区',
  source: '来源文件',
  validFrom: '生效日期',
  validUntil: '失效日期',
  status: '状态',
  sections: '分项内容',
};
export const SOURCE_FIELD_LABELS: Record<keyof NonNullable<EntryFileEntry['source']>, string> = {
  title: '文件名称',
  docNumber: '文号',
  issuer: '发文机关',
  url: '原文链接',
  publishedAt: '发布日期',
};

/** What the bot decided on a question (the try-a-question page, the review queue). */
export const DECISION_LABELS: Record<UnderstoodDecision, string> = {
  answer: '直接回答',
  clarify: '追问澄清',
  partial: '部分可答',
  intent: '系统意图',
  fallback: '未能回答',
  elsewhere: '外地政策',
};
