// @ts-check
/** 试一试: what the bot makes of a question — decision, matched entry, section, score, runners-up. */
import { errorText, get, post } from '../api.js';
import { badge, busy, field, h, mount, notice } from '../dom.js';
import { DECISION_LABELS, SECTION_LABELS } from '../labels.js';

/** @type {Map<string, string>} */
const titles = new Map();
/** @param {string} key */
async function titleOf(key) {
  if (!titles.has(key)) {
    try {
      titles.set(key, (await get(`/api/v1/kb/entries/${key}`)).entry.title);
    } catch {
      titles.set(key, key);
    }
  }
  return /** @type {string} */ (titles.get(key));
}

/** @param {number} score */
const scoreBar = (score) =>
  h(
    'meter',
    { min: '0', max: '1', low: '0.45', high: '0.6', optimum: '1', value: String(score), 'aria-label': `得分 ${score.toFixed(2)}` },
    score.toFixed(2),
  );

/**
 * The result card, shared with the entry editor.
 * @param {any} r the /api/v1/kb/match result
 * @param {string | null} [currentKey] the entry being edited, to say whether it matched
 */
export async function tryResult(r, currentKey = null) {
  const tone = r.decision === 'answer' ? 'ok' : r.decision === 'clarify' ? 'warn' : r.decision === 'fallback' ? 'danger' : 'info';
  const candidates = await Promise.all(
    r.candidates.slice(0, 5).map(async (/** @type {any} */ c) => ({ ...c, title: await titleOf(c.entry) })),
  );
  return h(
    'div',
    { class: 'try-result', 'aria-live': 'polite', 'data-decision': r.decision },
    h(
      'dl',
      { class: 'details' },
      h('dt', null, '判定'),
      h('dd', null, badge(DECISION_LABELS[r.decision] ?? r.decision, tone), r.intent ? ` 意图：${r.intent}` : null),
      h('dt', null, '匹配条目'),
      h(
        'dd',
        { class: 'matched-entry' },
        r.entry ? h('a', { href: `#/kb/edit/${r.entry}` }, await titleOf(r.entry)) : '—',
        r.entry && currentKey ? [' ', r.entry === currentKey ? badge('就是本条目', 'ok') : badge('不是本条目', 'warn')] : null,
      ),
      h('dt', null, '分项'),
      h('dd', null, r.section ? (SECTION_LABELS[r.section] ?? r.section) : '整条（简要答复）'),
      h('dt', null, '得分'),
      h('dd', null, scoreBar(r.score), ` ${r.score.toFixed(2)}`),
    ),
    h(
      'div',
      { class: 'reply-text' },
      h('h3', { class: 'h4' }, '群众将收到'),
      r.replies.length
        ? r.replies.map((/** @type {string} */ text) => h('p', { class: 'reply-preview' }, text))
        : h('p', { class: 'muted' }, '没有文字答复：由系统办理（如转人工排队）。'),
    ),
    candidates.length
      ? h(
          'div',
          null,
          h('h3', { class: 'h4' }, '候选条目'),
          h(
            'ol',
            { class: 'candidates' },
            candidates.map((c) =>
              h('li', null, h('a', { href: `#/kb/edit/${c.entry}` }, c.title), ' ', scoreBar(c.score), ` ${c.score.toFixed(2)}`),
            ),
          ),
        )
      : null,
    r.decision === 'fallback'
      ? h('p', null, h('a', { href: `#/kb/new?question=${encodeURIComponent(r.text)}` }, '用这个问题新建条目'))
      : null,
  );
}

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const question = h('input', { name: 'text', maxlength: '1000', value: ctx.query.get('q') ?? '', autocomplete: 'off', required: true });
  const drafts = h('input', { type: 'checkbox', id: 'try-page-drafts' });
  const out = h('div');
  const form = h(
    'form',
    {
      class: 'try-form wide-form',
      onsubmit: async (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        const text = /** @type {HTMLInputElement} */ (question).value.trim();
        if (!text) {
          question.focus();
          return;
        }
        await busy(/** @type {HTMLButtonElement} */ (form.querySelector('button')), async () => {
          try {
            mount(
              out,
              await tryResult(await post('/api/v1/kb/match', { text, includeDrafts: /** @type {HTMLInputElement} */ (drafts).checked })),
            );
          } catch (err) {
            mount(out, notice(errorText(err)));
          }
        });
      },
    },
    field('群众的问题', question, { hint: '与机器人收到消息时的判断完全相同，不会记入统计' }),
    h('div', { class: 'field checkbox' }, drafts, h('label', { for: 'try-page-drafts' }, '包括草稿')),
    h('button', { type: 'submit', class: 'primary' }, '试一试'),
  );
  mount(root, h('div', { class: 'page-head' }, h('h1', null, '试一试')), h('section', { class: 'panel' }, form, out));
  question.focus();
  if (/** @type {HTMLInputElement} */ (question).value) /** @type {HTMLFormElement} */ (form).requestSubmit();
}
