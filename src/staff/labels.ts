/**
 * Codes staff read as labels, defined once on the server: the console gets them through its
 * served module js/shared.js (src/api/console/routes.ts), the reports and the CLI import them.
 */
import type { Role } from '../../entities/StaffAccount';

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
