// @ts-check
/** 依申请公开: the officer's case list with due dates in working days and the calendar coverage flag. */
import { errorText, get } from '../api.js';
import { badge, field, h, mount, notice, select, shortDate } from '../dom.js';

/** The default filter, ahead of the statuses the server lists (reference.statuses). */
const OPEN_FILTER = { code: 'processing,awaitingCorrection,paused', label: '未办结（全部）' };

/** @param {any} r */
export function daysLeftCell(r) {
  if (r.status === 'closed') return h('span', { class: 'muted' }, `${shortDate(r.closedOn)}办结`);
  if (r.status === 'awaitingCorrection')
    return r.correctionLapsed ? badge('补正期已过', 'danger') : h('span', null, `待补正（${shortDate(r.correctionDueOn)}前）`);
  if (r.feePaymentDueOn)
    return r.feeLapsed ? badge('缴费期已过', 'danger') : h('span', null, `待缴费（${shortDate(r.feePaymentDueOn)}前）`);
  if (r.opinionOverdue) return badge('第三方意见已逾期', 'danger');
  if (r.opinionDueOn) return h('span', null, `第三方意见（${shortDate(r.opinionDueOn)}前）`);
  if (r.status === 'paused') return badge('暂停计时', 'muted');
  if (r.overdue)
    return badge(`已逾期${r.workingDaysLeft !== null && r.workingDaysLeft < 0 ? ` ${-r.workingDaysLeft} 个工作日` : ''}`, 'danger');
  if (r.workingDaysLeft === null) return '—';
  return r.workingDaysLeft <= 5 ? badge(`剩 ${r.workingDaysLeft} 个工作日`, 'warn') : h('span', null, `剩 ${r.workingDaysLeft} 个工作日`);
}

/** @param {any} r */
const rowTone = (r) =>
  r.status === 'closed'
    ? ''
    : r.overdue || r.correctionLapsed || r.opinionOverdue || r.feeLapsed
      ? 'row-overdue'
      : r.status === 'processing' && r.workingDaysLeft !== null && r.workingDaysLeft <= 5
        ? 'row-soon'
        : '';

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const q = ctx.query;
  const [reference, due] = await Promise.all([get('/api/v1/disclosure/reference'), get('/api/v1/disclosure/due', { within: 5 })]);
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': '筛选申请',
        onsubmit: (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          const params = new URLSearchParams();
          for (const [k, v] of new FormData(form).entries()) if (v) params.set(k, String(v));
          ctx.navigate(`#/disclosure${params.size ? `?${params}` : ''}`);
        },
        onchange: () => form.requestSubmit(),
      },
      field('状态', select('status', [OPEN_FILTER, ...reference.statuses], { empty: '全部', value: q.get('status') ?? OPEN_FILTER.code })),
      field('承办机关', select('agency', reference.agencies, { empty: '全部', value: q.get('agency') })),
      field(
        '到期',
        select(
          'due',
          [
            { code: 'overdue', label: '已逾期' },
            { code: '5', label: '5个工作日内到期' },
            { code: '10', label: '10个工作日内到期' },
          ],
          { empty: '不限', value: q.get('due') },
        ),
      ),
      h('button', { type: 'submit' }, '筛选'),
    )
  );
  const tiles = [
    ['已逾期', due.overdue.length, 'danger', 'overdue'],
    ['5个工作日内到期', due.dueSoon.length, 'warn', '5'],
    ['补正期已过', due.correctionLapsed.length, 'danger', ''],
    ['第三方意见到期', due.opinionDue.length, 'warn', ''],
    ['缴费期已过', due.feeLapsed.length, 'danger', ''],
    ['暂停计时', due.paused.length, 'muted', ''],
    ['期限超出日历', due.beyondCoverage.length, 'warn', ''],
  ];
  const body = h('div', { class: 'table-wrap' });
  mount(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, '依申请公开'),
      h(
        'p',
        { class: 'muted' },
        `今天 ${due.today} · 节假日日历覆盖 ${reference.calendar.coveredFrom} 至 ${reference.calendar.coveredUntil}，超出部分按周一至周五推算`,
      ),
    ),
    h(
      'ul',
      { class: 'tiles', 'aria-label': '需要关注' },
      tiles.map(([label, count, tone, filter]) =>
        h(
          'li',
          { class: `tile ${count ? tone : ''}` },
          filter
            ? h(
                'a',
                { href: `#/disclosure?due=${filter}` },
                h('span', { class: 'tile-value' }, String(count)),
                h('span', { class: 'tile-label' }, label),
              )
            : [h('span', { class: 'tile-value' }, String(count)), h('span', { class: 'tile-label' }, label)],
        ),
      ),
    ),
    form,
    body,
  );

  try {
    const dueFilter = q.get('due');
    const { requests } = await get('/api/v1/disclosure/requests', {
      status: dueFilter ? undefined : (q.has('status') ? q.get('status') : OPEN_FILTER.code) || undefined,
      agency: q.get('agency'),
      overdue: dueFilter === 'overdue' ? 'true' : undefined,
      dueWithin: dueFilter && dueFilter !== 'overdue' ? dueFilter : undefined,
      limit: 200,
    });
    mount(
      body,
      h('p', { class: 'result-count' }, `共 ${requests.length} 件`),
      h(
        'table',
        { class: 'data cards' },
        h('caption', { class: 'sr-only' }, '依申请公开申请列表'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['编号', '申请人', '所需信息', '承办机关', '收到日期', '答复期限', '剩余（工作日）', '状态', '日历'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          requests.length
            ? requests.map((/** @type {any} */ r) =>
                h(
                  'tr',
                  { class: rowTone(r) },
                  h('th', { scope: 'row' }, h('a', { href: `#/disclosure/${r.number}` }, r.number)),
                  h('td', { class: 'card-minor' }, r.applicantName),
                  h('td', { class: 'clip card-summary' }, r.description, h('br'), h('span', { class: 'muted small' }, r.topic.label)),
                  h('td', { class: 'card-minor' }, r.agency.name),
                  h('td', { class: 'card-minor' }, r.receivedOn),
                  h('td', { 'data-label': '答复期限' }, r.dueOn ?? '—'),
                  h('td', { 'data-label': '剩余' }, daysLeftCell(r)),
                  h('td', { class: 'card-state' }, badge(r.statusLabel, r.status === 'closed' ? 'ok' : 'info')),
                  h(
                    'td',
                    { class: 'card-minor' },
                    r.beyondCoverage
                      ? h('span', { title: '期限超出节假日日历，暂按周一至周五推算，日历更新后请核对' }, badge('超出日历', 'warn'))
                      : h('span', { class: 'muted' }, '已覆盖'),
                  ),
                ),
              )
            : h('tr', null, h('td', { colspan: '9', class: 'empty' }, '没有符合条件的申请。')),
        ),
      ),
    );
  } catch (err) {
    mount(body, notice(errorText(err)));
  }
}
