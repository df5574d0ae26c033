// @ts-check
/**
 * 待审问题: what the bot did not understand or probably got wrong, near-identical questions grouped,
 * each with what the bot did (candidates and scores) and one action: belongs to an entry, the answer
 * was right, out of scope, or a new entry written from it.
 */
import { errorText, get, post } from '../api.js';
import { announce, badge, busy, dateTime, field, h, mount, notice, select } from '../dom.js';
import { DECISION_LABELS, REVIEW_REASON_LABELS, SECTION_LABELS } from '../labels.js';

const DAYS = [
  { code: '7', label: '最近7天' },
  { code: '28', label: '最近4周' },
  { code: '90', label: '最近90天' },
];

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const days = DAYS.some((d) => d.code === ctx.query.get('days')) ? /** @type {string} */ (ctx.query.get('days')) : '28';
  const daysSelect = select('days', DAYS, { value: days });
  daysSelect.addEventListener('change', () => ctx.navigate(`#/kb/review?days=${/** @type {HTMLSelectElement} */ (daysSelect).value}`));
  const body = h('div');
  mount(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, '待审问题'),
      h(
        'p',
        { class: 'muted' },
        '机器人没听懂或可能答错的问题，相近的问法归为一组。每组选一个处理：归入条目后，机器人几秒内就会用该条目回答；标注的问题也是每周质量评估的题目。',
      ),
      h('div', { class: 'filters compact' }, field('统计范围', daysSelect)),
    ),
    body,
  );
  try {
    const [{ items }, { entries }] = await Promise.all([get('/api/v1/kb/review', { days }), get('/api/v1/kb/entries', { limit: 500 })]);
    if (ctx.signal.aborted) return;
    /** @type {Map<string, any>} */
    const byKey = new Map(entries.map((/** @type {any} */ e) => [e.key, e]));
    const titleOf = (/** @type {string | null} */ key) => (key ? (byKey.get(key)?.title ?? key) : '—');
    const list = h('ol', { class: 'review-list' });
    const count = h('p', { class: 'result-count' });
    const showCount = () => mount(count, `共 ${list.children.length} 组`);
    mount(
      body,
      h(
        'datalist',
        { id: 'review-entries' },
        entries
          .filter((/** @type {any} */ e) => e.status !== 'archived')
          .map((/** @type {any} */ e) => h('option', { value: e.key }, e.title)),
      ),
      count,
      list,
    );
    for (const item of items) list.append(renderItem(item, titleOf, () => showCount()));
    showCount();
    if (!items.length) mount(body, h('p', { class: 'empty' }, '没有待审问题。'));
  } catch (err) {
    mount(body, notice(errorText(err)));
  }
}

/** @param {any} item @param {(key: string | null) => string} titleOf @param {() => void} done */
function renderItem(item, titleOf, done) {
  const message = h('div', { class: 'form-message', role: 'status' });
  const entryInput = /** @type {HTMLInputElement} */ (
    h('input', {
      name: 'entry',
      list: 'review-entries',
      value: item.bot.entry ?? item.bot.candidates[0]?.entry ?? '',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-label': '所属条目',
    })
  );
  const sectionSelect = /** @type {HTMLSelectElement} */ (
    select('section', [{ code: '', label: '（整条）' }, ...Object.entries(SECTION_LABELS).map(([code, label]) => ({ code, label }))])
  );
  sectionSelect.setAttribute('aria-label', '分项');
  const li = h('li', { class: 'panel review-item', 'data-key': item.key });

  /** @param {string} action @param {string} doneText @param {HTMLButtonElement} button */
  const act = (action, doneText, button) =>
    busy(button, async () => {
      try {
        const body = /** @type {Record<string, any>} */ ({ questionIds: item.questionIds, action });
        if (action === 'assign') {
          body.entry = entryInput.value.trim();
          body.section = sectionSelect.value || null;
        }
        await post('/api/v1/kb/review/label', body);
        announce(doneText, 'ok');
        li.remove();
        done();
      } catch (err) {
        mount(message, notice(errorText(err, { entry: '所属条目', section: '分项' })));
      }
    });
  const actionButton = (/** @type {string} */ label, /** @type {string} */ action, /** @type {string} */ doneText, tone = '') =>
    h(
      'button',
      {
        type: 'button',
        class: tone,
        'data-action': action,
        onclick: (/** @type {MouseEvent} */ ev) => act(action, doneText, /** @type {HTMLButtonElement} */ (ev.currentTarget)),
      },
      label,
    );
  const newEntry = new URLSearchParams({ titleHint: item.newEntryDraft.titleSuggestion });
  for (const q of item.newEntryDraft.questions) newEntry.append('question', q);
  for (const id of item.questionIds) newEntry.append('asked', String(id));

  mount(
    li,
    h(
      'div',
      { class: 'gap-head' },
      h('h2', { class: 'h3' }, `“${item.texts[0].text}”`),
      h('span', { class: 'gap-count' }, `${item.count} 次`),
    ),
    h(
      'p',
      null,
      Object.entries(item.reasons).map(([reason, n]) => [
        badge(`${REVIEW_REASON_LABELS[reason] ?? reason}${n > 1 ? ` ×${n}` : ''}`, reason === 'unanswered' ? 'warn' : 'danger'),
        ' ',
      ]),
    ),
    item.texts.length > 1
      ? h(
          'ul',
          { class: 'examples' },
          item.texts.map((/** @type {any} */ t) => h('li', null, `“${t.text}”${t.count > 1 ? ` ×${t.count}` : ''}`)),
        )
      : null,
    h(
      'div',
      { class: 'bot-did' },
      h(
        'p',
        { class: 'small' },
        h('strong', null, '机器人：'),
        `${DECISION_LABELS[item.bot.decision] ?? item.bot.decision}`,
        item.bot.entry ? `「${titleOf(item.bot.entry)}」` : '',
        `（得分 ${item.bot.score.toFixed(3)}）`,
      ),
      item.bot.candidates.length
        ? h(
            'table',
            { class: 'candidates' },
            h('caption', { class: 'muted small' }, '候选条目和得分'),
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, '条目'), h('th', { scope: 'col' }, '得分'))),
            h(
              'tbody',
              null,
              item.bot.candidates.map((/** @type {any} */ c) =>
                h('tr', null, h('td', null, `${titleOf(c.entry)}（${c.entry}）`), h('td', { class: 'num' }, c.score.toFixed(3))),
              ),
            ),
          )
        : h('p', { class: 'muted small' }, '没有够得上的候选条目'),
    ),
    h('p', { class: 'muted small' }, `最近一次：${dateTime(item.lastAt)}`),
    h(
      'div',
      { class: 'actions review-actions' },
      entryInput,
      sectionSelect,
      actionButton('归入此条目', 'assign', '已归入条目，机器人几秒内会用它回答这类问题', 'primary'),
      item.bot.decision === 'answer' ? actionButton('回答正确', 'confirm', '已标注为回答正确') : null,
      actionButton('不属于服务范围', 'out-of-scope', '已标注为不属于服务范围，机器人将不再回答这类问题'),
      h('a', { class: 'button', href: `#/kb/new?${newEntry}` }, '新建条目'),
    ),
    message,
  );
  return li;
}
