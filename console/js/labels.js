// @ts-check
/** Labels staff read, in one place (the API speaks codes). Those the server defines come from it (js/shared.js). */
import { GUIDE_SECTIONS, INTERPRETATION_SECTIONS, SECTION_LABELS } from './shared.js';

export { CHANNEL_LABELS, DISCLOSURE_EVENT_LABELS, RATING_LABELS, ROLE_LABELS, TICKET_FLOW } from './shared.js';

export const AUTHOR_LABELS = /** @type {Record<string, string>} */ ({ citizen: '群众', bot: '机器人', operator: '话务员', system: '系统' });

export const THREAD_STATUS = /** @type {Record<string, string>} */ ({ waiting: '排队中', held: '接管中', closed: '已结束' });
export const CLOSE_REASONS = /** @type {Record<string, string>} */ ({
  released: '已交还机器人',
  idle: '超时交还',
  dismissed: '未接听关闭',
});

export const ENTRY_KINDS = [
  { code: 'guide', label: '办事指南' },
  { code: 'interpretation', label: '政策解读' },
  { code: 'faq', label: '常见问题' },
];
export const ENTRY_STATUSES = [
  { code: 'draft', label: '草稿' },
  { code: 'published', label: '已发布' },
  { code: 'archived', label: '已归档' },
];
export const VALIDITY = [
  { code: 'current', label: '有效' },
  { code: 'upcoming', label: '未生效' },
  { code: 'expired', label: '已失效' },
];
export const labelOf = (/** @type {{ code: string, label: string }[]} */ list, /** @type {string | null | undefined} */ code) =>
  list.find((x) => x.code === code)?.label ?? code ?? '—';

export { SECTION_LABELS } from './shared.js';
/** @param {string} kind */
export const sectionsOf = (kind) =>
  kind === 'guide' ? GUIDE_SECTIONS : kind === 'interpretation' ? INTERPRETATION_SECTIONS : [...GUIDE_SECTIONS, ...INTERPRETATION_SECTIONS];

export const FIELD_LABELS = /** @type {Record<string, string>} */ ({
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
});
/** sections.materials → 分项内容·申请材料 @param {string} field */
export function fieldLabel(field) {
  const [head, sub] = field.split('.');
  if (head === 'sections' && sub) return `分项·${SECTION_LABELS[sub] ?? sub}`;
  if (head === 'source' && sub)
    return `来源·${{ title: '文件名称', docNumber: '文号', issuer: '发文机关', url: '原文链接', publishedAt: '发布日期' }[sub] ?? sub}`;
  return FIELD_LABELS[head] ?? field;
}

export const DECISION_LABELS = /** @type {Record<string, string>} */ ({
  answer: '直接回答',
  clarify: '追问澄清',
  intent: '系统意图',
  fallback: '未能回答',
});
