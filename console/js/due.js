// @ts-check
/** Ticket time limits as staff should see them: each limit's own state (from the server), due soon in amber. */
import { badge, dateTime, h } from './dom.js';

const DAY = 24 * 3600 * 1000;
const TONES = /** @type {Record<string, string>} */ ({ overdue: 'danger', metLate: 'warn', metInTime: 'ok' });

/**
 * One limit of a ticket, with the state the server computed for it (ticketLimitStates).
 * @param {string} iso the limit
 * @param {string} state running | overdue | metInTime | metLate
 * @param {string} label the state's label
 */
export function limitCell(iso, state, label) {
  if (state === 'running') {
    if (Date.parse(iso) - Date.now() <= DAY) return h('span', { class: 'due soon' }, dateTime(iso), ' ', badge('即将到期', 'warn'));
    return h('span', { class: 'due' }, dateTime(iso));
  }
  return h('span', { class: state === 'overdue' ? 'due overdue' : 'due done' }, dateTime(iso), ' ', badge(label, TONES[state]));
}

/** @param {any} t a staff ticket view */
export function ticketTone(t) {
  if (t.overdue) return 'row-overdue';
  const next = t.signForState === 'running' ? t.signForDueAt : t.resolveState === 'running' ? t.dueAt : null;
  return next && Date.parse(next) - Date.now() <= DAY ? 'row-soon' : '';
}
