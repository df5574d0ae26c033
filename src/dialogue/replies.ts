import type { EntryFileEntry, SectionName } from '../../entities/knowledgeEntryFile';
import { truncateToBytes } from '../platform/bytes';

/** WeChat refuses text messages over 2048 bytes (UTF-8); keep a margin for the channel's own framing. */
export const MAX_REPLY_BYTES = 2000;

/** Section headings as citizens read them. */
export const SECTION_LABELS: Record<SectionName, string> = {
  basis: '设定依据',
  conditions: '受理条件',
  materials: '申请材料',
  procedure: '办理流程',
  timeLimit: '办理时限',
  fee: '收费标准',
  location: '办理地点和时间',
  contact: '咨询电话',
  background: '背景依据',
  objectives: '目标任务',
  content: '主要内容',
  scope: '涉及范围',
  criteria: '执行标准',
  notes: '注意事项',
  terms: '关键词诠释',
  benefits: '惠民利民举措',
  changes: '新旧政策差异',
};

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

function sourceLine(entry: EntryFileEntry): string | null {
  if (!entry.source) return null;
  const parts = [entry.source.title, entry.source.docNumber, entry.source.issuer].filter(Boolean);
  return `来源：${parts.join(' ')}${entry.source.url ? `\n原文：${entry.source.url}` : ''}`;
}

/**
 * An answer as one message: title, the short answer or the asked section, and the source. A body
 * too long for WeChat is cut and the citizen is pointed to the source for the rest.
 */
export function formatAnswer(entry: EntryFileEntry, section: SectionName | null, footer?: string): string {
  const heading = section ? `【${entry.title}·${SECTION_LABELS[section]}】` : `【${entry.title}】`;
  const body = (section && entry.sections?.[section]) || entry.answer;
  const tail = [sourceLine(entry), footer].filter(Boolean).join('\n');
  const fixed = `${heading}\n\n${tail ? `\n\n${tail}` : ''}`;
  const room = MAX_REPLY_BYTES - byteLength(fixed);
  const cut = truncateToBytes(
    body,
    room,
    entry.source?.url ? '……(内容较长，完整内容请查看原文链接)' : '……(内容较长，可回复具体问题查看相应部分)',
  );
  return `${heading}\n${cut}${tail ? `\n\n${tail}` : ''}`;
}

/** Which other parts of the entry the citizen can ask about next. */
export function followUpHint(entry: EntryFileEntry, section: SectionName | null): string | null {
  const others = Object.keys(entry.sections ?? {}).filter((name) => name !== section) as SectionName[];
  if (others.length === 0) return null;
  return `还可以问：${others
    .slice(0, 4)
    .map((name) => SECTION_LABELS[name])
    .join('、')}`;
}
