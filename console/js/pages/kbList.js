// @ts-check
/** 知识库: entries with search and filters. */
import { errorText, get } from '../api.js';
import { badge, dateTime, field, h, mount, notice, select } from '../dom.js';
import { ENTRY_KIND_CHOICES, ENTRY_STATUS_CHOICES, labelOf, VALIDITY_CHOICES } from '../labels.js';

const PAGE = 50;

/** @param {string} status */
export const statusTone = (status) => (status === 'published' ? 'ok' : status === 'draft' ? 'warn' : 'muted');
/** @param {string} validity */
export const validityTone = (validity) => (validity === 'current' ? 'ok' : validity === 'expired' ? 'danger' : 'info');

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const q = ctx.query;
  const offset = Number(q.get('offset')) || 0;
  const search = h('input', { type: 'search', name: 'q', value: q.get('q') ?? '', maxlength: '100', placeholder: '标题、问法、关键词' });
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': '查找条目',
        onsubmit: (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          const params = new URLSearchParams();
          for (const [k, v] of new FormData(form).entries()) if (v) params.set(k, String(v).trim());
          ctx.navigate(`#/kb${params.size ? `?${params}` : ''}`);
        },
      },
      field('搜索', search),
      field('状态', select('status', ENTRY_STATUS_CHOICES, { empty: '全部', value: q.get('status') })),
      field('类型', select('kind', ENTRY_KIND_CHOICES, { empty: '全部', value: q.get('kind') })),
      field('有效性', select('validity', VALIDITY_CHOICES, { empty: '全部', value: q.get('validity') })),
      field(
        '即将失效',
        select(
          'expiringWithinDays',
          [
            { code: '30', label: '30天内' },
            { code: '90', label: '90天内' },
          ],
          { empty: '不限', value: q.get('expiringWithinDays') },
        ),
      ),
      field('主管部门', h('input', { name: 'department', value: q.get('department') ?? '', maxlength: '100' })),
      h('button', { type: 'submit', class: 'primary' }, '查找'),
    )
  );
  for (const el of form.querySelectorAll('select')) el.addEventListener('change', () => form.requestSubmit());
  const body = h('div', { class: 'table-wrap' });
  mount(
    root,
    h('div', { class: 'page-head' }, h('h1', null, '知识库'), h('a', { class: 'button primary', href: '#/kb/new' }, '新建条目')),
    form,
    body,
  );

  try {
    const result = await get('/api/v1/kb/entries', {
      q: q.get('q'),
      status: q.get('status'),
      kind: q.get('kind'),
      validity: q.get('validity'),
      department: q.get('department'),
      expiringWithinDays: q.get('expiringWithinDays'),
      limit: PAGE,
      offset,
    });
    const pageLink = (/** @type {number} */ to, /** @type {string} */ label) => {
      const params = new URLSearchParams(q);
      params.set('offset', String(to));
      return h('a', { class: 'button', href: `#/kb?${params}` }, label);
    };
    mount(
      body,
      h(
        'p',
        { class: 'result-count' },
        `共 ${result.total} 条`,
        result.total > PAGE ? `，第 ${offset + 1}–${Math.min(offset + PAGE, result.total)} 条` : '',
      ),
      h(
        'table',
        { class: 'data' },
        h('caption', { class: 'sr-only' }, '知识条目'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['标题', '类型', '状态', '有效期', '主管部门', '版本', '更新时间'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          null,
          result.entries.length
            ? result.entries.map((/** @type {any} */ e) =>
                h(
                  'tr',
                  null,
                  h(
                    'th',
                    { scope: 'row' },
                    h('a', { href: `#/kb/edit/${e.key}` }, e.title),
                    h('br'),
                    h('code', { class: 'muted small' }, e.key),
                  ),
                  h('td', null, labelOf(ENTRY_KIND_CHOICES, e.kind)),
                  h(
                    'td',
                    null,
                    badge(labelOf(ENTRY_STATUS_CHOICES, e.status), statusTone(e.status)),
                    e.pendingDraft ? [' ', badge('待发布', 'warn')] : null,
                  ),
                  h(
                    'td',
                    null,
                    badge(labelOf(VALIDITY_CHOICES, e.validity), validityTone(e.validity)),
                    e.validUntil ? h('span', { class: 'muted small' }, ` 至 ${e.validUntil}`) : null,
                  ),
                  h('td', null, e.department ?? '—'),
                  h('td', { class: 'num' }, `v${e.version}`),
                  h('td', null, dateTime(e.updatedAt)),
                ),
              )
            : h('tr', null, h('td', { colspan: '7', class: 'empty' }, '没有找到条目。')),
        ),
      ),
      h(
        'div',
        { class: 'pager' },
        offset > 0 ? pageLink(Math.max(0, offset - PAGE), '上一页') : null,
        offset + PAGE < result.total ? pageLink(offset + PAGE, '下一页') : null,
      ),
    );
  } catch (err) {
    mount(body, notice(errorText(err)));
  }
}
