// @ts-check
/** 12345工单: the list with filters, due dates highlighted. */
import { errorText, get } from '../api.js';
import { badge, field, h, mount, notice, select } from '../dom.js';
import { limitCell, ticketTone } from '../due.js';
import { RATING_LABELS } from '../labels.js';

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const q = ctx.query;
  const reference = await get('/api/v1/hotline/reference');
  const statuses = [{ code: 'open', label: '未办结（全部）' }, ...reference.statuses];
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': '筛选工单',
        onsubmit: (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          const params = new URLSearchParams();
          for (const [k, v] of new FormData(form).entries()) if (v) params.set(k, String(v));
          ctx.navigate(`#/tickets${params.size ? `?${params}` : ''}`);
        },
        onchange: () => form.requestSubmit(),
      },
      field('状态', select('status', statuses, { empty: '全部', value: q.get('status') ?? 'open' })),
      field('承办部门', select('department', reference.departments, { empty: '全部', value: q.get('department') })),
      field('类别', select('category', reference.categories, { empty: '全部', value: q.get('category') })),
      h(
        'div',
        { class: 'field checkbox' },
        h('input', { type: 'checkbox', id: 'f-overdue', name: 'overdue', value: 'true', checked: q.get('overdue') === 'true' }),
        h('label', { for: 'f-overdue' }, '只看超期'),
      ),
      h('button', { type: 'submit' }, '筛选'),
    )
  );
  const body = h('div', { class: 'table-wrap' });
  mount(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, '12345工单'),
      h('p', { class: 'muted' }, `服务时间：${reference.serviceHours.description}`),
    ),
    form,
    body,
  );

  try {
    const status = q.has('status') ? q.get('status') : 'open';
    const { tickets } = await get('/api/v1/tickets', {
      status: status || undefined,
      department: q.get('department'),
      category: q.get('category'),
      overdue: q.get('overdue') === 'true' ? 'true' : undefined,
      limit: 200,
    });
    const overdue = tickets.filter((/** @type {any} */ t) => t.overdue).length;
    mount(
      body,
      h('p', { class: 'result-count' }, `共 ${tickets.length} 件`, overdue ? [' · ', badge(`${overdue} 件已超期`, 'danger')] : null),
      h(
        'table',
        { class: 'data cards' },
        h('caption', { class: 'sr-only' }, '工单列表'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['工单号', '类别', '诉求', '状态', '承办部门', '签收时限', '办结时限', '评价'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          null,
          tickets.length
            ? tickets.map((/** @type {any} */ t) =>
                h(
                  'tr',
                  { class: ticketTone(t) },
                  h('th', { scope: 'row' }, h('a', { href: `#/tickets/${t.number}` }, t.number)),
                  h('td', { class: 'card-minor' }, t.categoryLabel, t.urgency !== 'normal' ? [' ', badge(t.urgencyLabel, 'warn')] : null),
                  h('td', { class: 'clip card-summary' }, t.anonymous ? [badge('匿名', 'muted'), ' '] : null, t.content),
                  h(
                    'td',
                    { class: 'card-state' },
                    badge(t.statusLabel, t.status === 'closed' ? 'ok' : 'info'),
                    t.superviseCount ? [' ', badge(`督办${t.superviseCount}次`, 'danger')] : null,
                  ),
                  h(
                    'td',
                    { class: 'card-minor' },
                    t.departmentName ??
                      h(
                        'span',
                        { class: 'muted' },
                        `未派单（建议：${reference.departments.find((/** @type {any} */ d) => d.code === t.suggestedDepartment)?.name ?? t.suggestedDepartment}）`,
                      ),
                  ),
                  h(
                    'td',
                    { 'data-label': '签收时限', class: t.signForState === 'running' || t.signForState === 'overdue' ? '' : 'card-minor' },
                    limitCell(t.signForDueAt, t.signForState, t.signForStateLabel),
                  ),
                  h(
                    'td',
                    { 'data-label': '办结时限' },
                    limitCell(t.dueAt, t.resolveState, t.resolveStateLabel),
                    t.dueBeyondCoverage ? [' ', badge('超出节假日日历', 'warn')] : null,
                  ),
                  h(
                    'td',
                    { class: 'card-minor' },
                    t.rating
                      ? badge(RATING_LABELS[t.rating], t.rating === 'dissatisfied' ? 'danger' : 'ok')
                      : h('span', { class: 'muted' }, t.status === 'closed' ? '待评价' : '—'),
                  ),
                ),
              )
            : h('tr', null, h('td', { colspan: '8', class: 'empty' }, '没有符合条件的工单。')),
        ),
      ),
    );
  } catch (err) {
    mount(body, notice(errorText(err)));
  }
}
