// @ts-check
/** Due dates as staff should see them: overdue in red, due soon in amber. */
import { badge, dateTime, h } from './dom.js';

const DAY = 24 * 3600 * 1000;

/**
 * @param {string | null} iso the limit
 * @param {{ done?: boolean, overdue?: boolean, soonMs?: number }} [options] done: the step is finished (no highlight)
 */
export function dueCell(iso, options = {}) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  const soonMs = options.soonMs ?? DAY;
  const left = Date.parse(iso) - Date.now();
  const overdue = options.overdue ?? left <= 0;
  if (options.done) return h('span', { class: 'due done' }, dateTime(iso));
  if (overdue) return h('span', { class: 'due overdue' }, dateTime(iso), ' ', badge('已超期', 'danger'));
  if (left <= soonMs) return h('span', { class: 'due soon' }, dateTime(iso), ' ', badge('即将到期', 'warn'));
  return h('span', { class: 'due' }, dateTime(iso));
}

/** @param {any} t a staff ticket view */
export function ticketTone(t) {
  if (t.status === 'closed') return '';
  if (t.overdue) return 'row-overdue';
  const next = t.signedForAt ? t.dueAt : t.signForDueAt;
  return Date.parse(next) - Date.now() <= DAY ? 'row-soon' : '';
}
