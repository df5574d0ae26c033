// @ts-check
/** What the pages of a case (disclosure request, 12345 ticket, chat thread) show alike. */
import { h } from './dom.js';

/** One label and value of a case's details list (<dl>). @param {string} label @param {...any} value */
export const detailRow = (label, ...value) => [h('dt', null, label), h('dd', null, ...value)];

/**
 * The button that shows a case's personal data in full (the server audits it) or masks it again.
 * @param {boolean} unmasked @param {string} showLabel @param {() => void} toggle
 */
export function unmaskButton(unmasked, showLabel, toggle) {
  return h(
    'button',
    { type: 'button', 'aria-pressed': unmasked ? 'true' : 'false', onclick: toggle },
    unmasked ? '恢复打码显示' : showLabel,
  );
}

/** A case's history: each step with when, what, who and the note. */
/**
 * @param {string} id  the heading's id, for aria-labelledby
 * @param {{ at: string, when: string, what: string, detail?: any, who: string, note?: string | null }[]} steps
 */
export function historyPanel(id, steps) {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id },
    h('h2', { id }, '办理记录'),
    h(
      'ol',
      { class: 'timeline' },
      steps.map((step) =>
        h(
          'li',
          null,
          h('time', { datetime: step.at }, step.when),
          h('strong', null, step.what),
          step.detail ?? null,
          h('span', { class: 'muted' }, ` · ${step.who}`),
          step.note ? h('p', { class: 'pre' }, step.note) : null,
        ),
      ),
    ),
  );
}
