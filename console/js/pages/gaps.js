// @ts-check
/** 未答问题: what citizens asked that the bot could not answer, grouped by shared key terms. */
import { errorText, get } from '../api.js';
import { dateTime, field, h, mount, notice } from '../dom.js';

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const since = ctx.query.get('since') ?? '';
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      {
        class: 'filters',
        onsubmit: (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          const v = String(new FormData(form).get('since') ?? '');
          ctx.navigate(`#/kb/gaps${v ? `?since=${v}` : ''}`);
        },
      },
      field('起始日期', h('input', { type: 'date', name: 'since', value: since })),
      h('button', { type: 'submit' }, '查看'),
    )
  );
  const body = h('div');
  mount(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, '未答问题'),
      h('p', { class: 'muted' }, '按共同关键词归类，次数多的在前：这些是最需要补写的知识。'),
    ),
    form,
    body,
  );
  try {
    const { total, groups } = await get('/api/v1/kb/gaps', { since: since || undefined, limit: 100 });
    const max = Math.max(1, ...groups.map((/** @type {any} */ g) => g.count));
    mount(
      body,
      h('p', { class: 'result-count' }, `共 ${total} 组`),
      groups.length
        ? h(
            'ol',
            { class: 'gap-list' },
            groups.map((/** @type {any} */ g) => {
              const params = new URLSearchParams({ title: g.terms.join('') });
              for (const ex of g.examples) params.append('question', ex);
              return h(
                'li',
                { class: 'panel gap' },
                h(
                  'div',
                  { class: 'gap-head' },
                  h(
                    'h2',
                    { class: 'h3' },
                    g.terms.map((/** @type {string} */ t) => h('span', { class: 'chip' }, t)),
                  ),
                  h('span', { class: 'gap-count' }, `${g.count} 次`),
                ),
                h(
                  'div',
                  { class: 'meter-bar', 'aria-hidden': 'true' },
                  h('span', { class: `fill w${Math.max(1, Math.round((g.count / max) * 20))}` }),
                ),
                h(
                  'ul',
                  { class: 'examples' },
                  g.examples.map((/** @type {string} */ ex) => h('li', null, `“${ex}”`)),
                ),
                h(
                  'p',
                  { class: 'muted small' },
                  `最近一次：${dateTime(g.lastAt)} · `,
                  h('a', { href: `#/kb/new?${params}` }, '据此新建条目'),
                ),
              );
            }),
          )
        : h('p', { class: 'empty' }, '没有未答问题。'),
    );
  } catch (err) {
    mount(body, notice(errorText(err)));
  }
}
