// @ts-check
/** A case's history (disclosure request, 12345 ticket): each step with when, what, who and the note. */
import { h } from './dom.js';

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
        h('li', null, h('time', { datetime: step.at }, step.when), h('strong', null, step.what), step.detail ?? null, h('span', { class: 'muted' }, ` · ${step.who}`), step.note ? h('p', { class: 'pre' }, step.note) : null),
      ),
    ),
  );
}
