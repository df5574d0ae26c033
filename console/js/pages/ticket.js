// @ts-check
/** One 12345 ticket: details, the state flow, due dates, history, the actions its status allows, the rating. */
import { errorText, get, post } from '../api.js';
import { announce, badge, dateTime, field, h, mount, notice, select } from '../dom.js';
import { limitCell } from '../due.js';
import { sendingForm } from '../forms.js';
import { CHANNEL_LABELS, RATING_LABELS, TICKET_FLOW, TICKET_RESOLUTION_LABELS, TICKET_VIA_LABELS } from '../labels.js';
import { detailRow as row, historyPanel, unmaskButton } from '../caseView.js';

/** The step of the flow that comes next in each status (the page's primary action). */
const NEXT_STEP = /** @type {Record<string, string>} */ ({
  accepted: 'dispatch',
  dispatched: 'sign',
  handling: 'reply',
  replied: 'callback',
  callback: 'close',
});

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const number = ctx.params.number;
  const reference = await get('/api/v1/hotline/reference');
  let unmask = false;
  const body = h('div');
  mount(root, h('p', { class: 'crumbs' }, h('a', { href: '#/tickets' }, '← 返回工单列表')), body);

  async function load() {
    let data;
    try {
      data = await get(`/api/v1/tickets/${number}`, unmask ? { unmask: 'true', reason: '话务员回访核实' } : {});
    } catch (err) {
      mount(body, h('h1', null, `工单 ${number}`), notice(errorText(err)));
      return;
    }
    if (ctx.signal.aborted) return;
    const t = data.ticket;
    const deptName = (/** @type {string | null} */ code) =>
      reference.departments.find((/** @type {any} */ d) => d.code === code)?.name ?? code;
    mount(
      body,
      h(
        'div',
        { class: 'page-head' },
        h('h1', null, `工单 ${t.number} `, badge(t.statusLabel, t.status === 'closed' ? 'ok' : 'info')),
        t.signForState === 'overdue' ? badge('签收已超期', 'danger') : null,
        t.resolveState === 'overdue' ? badge('办结已超期', 'danger') : null,
      ),
      flow(t),
      h(
        'div',
        { class: 'columns two' },
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'ticket-details' },
          h('h2', { id: 'ticket-details' }, '工单信息'),
          h(
            'dl',
            { class: 'details' },
            row('类别', t.categoryLabel),
            row('紧急程度', t.urgencyLabel),
            row('诉求内容', h('span', { class: 'pre' }, t.content)),
            row('地点', t.location ?? '—'),
            row('联系电话', t.anonymous ? '匿名举报，不留联系方式' : (t.phone ?? '—')),
            row('渠道', `${CHANNEL_LABELS[t.channel] ?? t.channel} · ${TICKET_VIA_LABELS[t.via] ?? t.via}`),
            row('建议承办部门', deptName(t.suggestedDepartment)),
            row('承办部门', t.departmentName ?? '未派单'),
            row('受理时间', dateTime(t.acceptedAt)),
            row(
              '签收时限',
              limitCell(t.signForDueAt, t.signForState, t.signForStateLabel),
              t.signedForAt ? `（${dateTime(t.signedForAt)} 签收）` : '',
            ),
            row(
              '办结时限',
              limitCell(t.dueAt, t.resolveState, t.resolveStateLabel),
              t.dueBeyondCoverage ? [' ', badge('超出节假日日历，待日历更新后核对', 'warn')] : null,
            ),
            row('答复', t.reply ? h('span', { class: 'pre' }, t.reply) : '—', t.repliedAt ? `（${dateTime(t.repliedAt)}）` : ''),
            row('回访结果', t.resolution ? (TICKET_RESOLUTION_LABELS[t.resolution] ?? t.resolution) : '—'),
            row(
              '群众评价',
              t.rating
                ? badge(RATING_LABELS[t.rating], t.rating === 'dissatisfied' ? 'danger' : 'ok')
                : t.status === 'closed'
                  ? '待群众评价'
                  : '—',
              t.ratedAt ? `（${dateTime(t.ratedAt)}）` : '',
            ),
            row('督办 / 重办', `${t.superviseCount} 次 / ${t.reopenCount} 次`),
          ),
          t.anonymous
            ? null
            : unmaskButton(unmask, '显示完整地点和电话（记入审计）', () => {
                unmask = !unmask;
                void load();
              }),
        ),
        h('section', { class: 'panel', 'aria-labelledby': 'ticket-actions' }, h('h2', { id: 'ticket-actions' }, '办理'), actions(t)),
      ),
      historyPanel(
        'ticket-history',
        data.history.map((/** @type {any} */ e) => ({
          at: e.at,
          when: dateTime(e.at),
          what: e.actionLabel,
          // Opening a ticket is 受理: "→ 已受理" would only repeat it.
          detail:
            e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus
              ? h(
                  'span',
                  { class: 'muted' },
                  ` → ${reference.statuses.find((/** @type {any} */ s) => s.code === e.toStatus)?.label ?? e.toStatus}`,
                )
              : null,
          who: e.actorLabel,
          note: e.note,
        })),
      ),
    );
  }

  /** @param {any} t */
  function flow(t) {
    const index = TICKET_FLOW.findIndex((s) => s.code === t.status);
    return h(
      'ol',
      { class: 'stepper', 'aria-label': '办理流程' },
      TICKET_FLOW.map((step, i) =>
        h(
          'li',
          { class: i < index ? 'done' : i === index ? 'current' : '', 'aria-current': i === index ? 'step' : null },
          h('span', { class: 'dot', 'aria-hidden': 'true' }, i < index ? '✓' : String(i + 1)),
          h('span', null, step.label),
        ),
      ),
    );
  }

  /**
   * @param {string} title
   * @param {string} path
   * @param {HTMLElement[]} fields
   * @param {(v: Record<string, string>) => any} toBody
   * @param {string} [submitLabel]
   */
  function actionForm(title, path, fields, toBody, submitLabel = title) {
    const primary = NEXT_STEP[status] === path;
    return sendingForm(
      {
        class: `action-form${primary ? ' next-step' : ''}`,
        actions: h('button', { type: 'submit', class: primary ? 'primary' : '' }, submitLabel),
        async send(v) {
          await post(`/api/v1/tickets/${number}/${path}`, toBody(v));
          announce(`${title}：已完成`, 'ok');
          await load();
        },
      },
      h('h3', null, title),
      fields,
    );
  }

  const note = (label = '备注（可选）') => field(label, h('input', { name: 'note', maxlength: '1000' }));
  const optional = (/** @type {string} */ v) => (v ? v : undefined);

  let status = '';
  /** @param {any} t */
  function actions(t) {
    status = t.status;
    const forms = [];
    if (t.status === 'accepted' || t.status === 'dispatched') {
      forms.push(
        actionForm(
          t.status === 'dispatched' ? '改派' : '派单',
          'dispatch',
          [
            field('承办部门', select('department', reference.departments, { value: t.department ?? t.suggestedDepartment })),
            field('紧急程度', select('urgency', reference.urgencies, { value: t.urgency })),
            note(),
          ],
          (v) => ({ department: v.department, urgency: v.urgency !== t.urgency ? v.urgency : undefined, note: optional(v.note) }),
        ),
      );
    }
    if (t.status === 'dispatched') forms.push(actionForm('签收', 'sign', [note()], (v) => ({ note: optional(v.note) }), '部门已签收'));
    if (['dispatched', 'handling', 'replied'].includes(t.status)) {
      forms.push(
        actionForm(
          '答复',
          'reply',
          [
            field(
              '答复内容（办结时发送给群众）',
              h('textarea', { name: 'text', rows: '3', maxlength: '2000', required: true }, t.reply ?? ''),
            ),
            note(),
          ],
          (v) => ({ text: v.text, note: optional(v.note) }),
        ),
      );
    }
    if (t.status === 'replied' || t.status === 'callback') {
      const id = `resolved-${t.number}`;
      forms.push(
        actionForm(
          '回访',
          'callback',
          [
            h(
              'fieldset',
              { class: 'radios' },
              h('legend', null, '群众是否认为问题已解决'),
              h('input', { type: 'radio', name: 'resolved', value: 'yes', id: `${id}-y`, checked: t.resolution !== 'unresolved' }),
              h('label', { for: `${id}-y` }, '已解决'),
              h('input', { type: 'radio', name: 'resolved', value: 'no', id: `${id}-n`, checked: t.resolution === 'unresolved' }),
              h('label', { for: `${id}-n` }, '未解决'),
            ),
            note(),
          ],
          (v) => ({ resolved: v.resolved === 'yes', note: optional(v.note) }),
          '记录回访',
        ),
      );
      forms.push(actionForm('办结', 'close', [note()], (v) => ({ note: optional(v.note) }), '办结并请群众评价'));
    }
    if (t.overdue)
      forms.push(
        actionForm('督办', 'supervise', [field('督办意见', h('input', { name: 'note', maxlength: '1000', required: true }))], (v) => ({
          note: v.note,
        })),
      );
    if (t.status === 'closed')
      forms.push(
        actionForm('重新办理', 'reopen', [field('重办原因', h('input', { name: 'note', maxlength: '1000', required: true }))], (v) => ({
          note: v.note,
        })),
      );
    // The next step of the flow comes first; 改派 and the rest follow.
    forms.sort((a, b) => Number(b.classList.contains('next-step')) - Number(a.classList.contains('next-step')));
    return forms.length ? h('div', { class: 'stack' }, forms) : h('p', { class: 'muted' }, '当前状态没有可执行的操作。');
  }

  await load();
}
