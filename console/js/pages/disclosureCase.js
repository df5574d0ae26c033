// @ts-check
/** One disclosure request: applicant, deadlines in working days, the history, and every action the request allows. */
import { errorText, get, post } from '../api.js';
import { announce, badge, dateTime, field, h, mount, notice, select } from '../dom.js';
import { sendingForm } from '../forms.js';
import { DISCLOSURE_DELIVERY_LABELS, DISCLOSURE_EVENT_LABELS, DISCLOSURE_FORM_LABELS, DISCLOSURE_IDENTITY_KIND_LABELS } from '../labels.js';
import { detailRow as row, historyPanel, unmaskButton } from '../caseView.js';
import { daysLeftCell } from './disclosureList.js';

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const number = ctx.params.number;
  const reference = await get('/api/v1/disclosure/reference');
  let unmask = false;
  const body = h('div');
  mount(root, h('p', { class: 'crumbs' }, h('a', { href: '#/disclosure' }, '← 返回申请列表')), body);

  /** @param {{ date: string, beyondCoverage: boolean } | null} d */
  const dueText = (d) => (d ? [d.date, d.beyondCoverage ? [' ', badge('超出日历', 'warn')] : null] : '—');

  async function load() {
    let c;
    try {
      c = await get(`/api/v1/disclosure/requests/${number}`, unmask ? { unmask: 'true', reason: '办理核实' } : {});
    } catch (err) {
      mount(body, h('h1', null, `申请 ${number}`), notice(errorText(err)));
      return;
    }
    if (ctx.signal.aborted) return;
    const d = c.deadlines;
    mount(
      body,
      h(
        'div',
        { class: 'page-head' },
        h('h1', null, `申请 ${c.number} `, badge(c.statusLabel, c.status === 'closed' ? 'ok' : 'info')),
        h('p', null, daysLeftCell(c), c.beyondCoverage ? [' ', badge('期限超出节假日日历', 'warn')] : null),
      ),
      d.coverageWarning ? h('p', { class: 'notice info', role: 'note' }, d.coverageWarning) : null,
      h(
        'div',
        { class: 'columns two' },
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'case-applicant' },
          h('h2', { id: 'case-applicant' }, '申请信息'),
          h(
            'dl',
            { class: 'details' },
            row('申请人', `${c.applicant.name}（${c.applicant.typeLabel}）`),
            row(
              '证件',
              `${c.applicant.idDocumentType ?? DISCLOSURE_IDENTITY_KIND_LABELS[c.applicant.idKind] ?? c.applicant.idKind} ${c.applicant.idNumber}`,
              c.applicant.idChecksumWarning ? [' ', badge('校验位不符，请核对', 'warn')] : null,
            ),
            row('联系电话', c.applicant.phone),
            row('通信地址', c.applicant.address ?? '—'),
            row('电子邮箱', c.applicant.email ?? '—'),
            row(
              '所需信息',
              c.correction?.description
                ? h(
                    'div',
                    { class: 'side-by-side' },
                    h('div', null, h('h3', null, '原申请'), h('p', { class: 'pre' }, c.originalDescription)),
                    h('div', null, h('h3', null, `补正（${c.correction.on}）`), h('p', { class: 'pre' }, c.correction.description)),
                  )
                : h('span', { class: 'pre' }, c.originalDescription),
              c.correction && !c.correction.description
                ? h('span', { class: 'muted' }, `（${c.correction.on} 收到补正，所需信息未改动）`)
                : null,
            ),
            row('内容分类', c.topic.label),
            row('承办机关', c.agency.name),
            row('申请渠道', `${c.receiptChannelLabel}${c.fromChat ? '（对话中提交，进展会在对话中告知）' : ''}`),
            row(
              '获取方式',
              `${DISCLOSURE_FORM_LABELS[c.informationForm] ?? c.informationForm} · ${DISCLOSURE_DELIVERY_LABELS[c.delivery] ?? c.delivery}`,
            ),
            row(
              '处理费',
              c.fee.amount
                ? `${c.fee.methodLabel} ¥${c.fee.amount}${c.fee.pages !== null ? `（${c.fee.pages} 页）` : ''}`
                : c.fee.methodLabel,
              c.fee.noticeOn
                ? `；${c.fee.noticeOn} 发出收费通知，${c.fee.paidOn ? `${c.fee.paidOn} 已缴费` : `缴费截止 ${c.fee.paymentDueOn}`}`
                : '',
              c.deadlines.feeLapsed ? [' ', badge('缴费期已过', 'danger')] : null,
            ),
            c.outcomeLabel ? row('办理结果', c.outcomeLabel, c.closedOn ? `（${c.closedOn}）` : '') : null,
            c.replyText ? row('答复内容', h('span', { class: 'pre' }, c.replyText)) : null,
            c.replyAttachment ? row('答复文书', c.replyAttachment) : null,
          ),
          unmaskButton(unmask, '显示完整个人信息（记入审计）', () => {
            unmask = !unmask;
            void load();
          }),
        ),
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'case-deadlines' },
          h('h2', { id: 'case-deadlines' }, '期限（工作日）'),
          h(
            'dl',
            { class: 'details' },
            row('收到申请', d.receivedOn),
            row('补正通知须在', dueText(d.correctionNoticeDue), ' 前发出'),
            d.correctionDueOn ? row('补正截止', d.correctionDueOn, d.correctionLapsed ? [' ', badge('已过期', 'danger')] : null) : null,
            d.replyClockStartsOn ? row('答复期限起算', d.replyClockStartsOn) : null,
            row('法定答复期限', dueText(d.replyDue)),
            row('现行答复期限', dueText(d.replyDueInForce), d.overdue ? [' ', badge('已逾期', 'danger')] : null),
            row(
              '延期',
              d.extensionDays ? `已延长 ${d.extensionDays} 个工作日` : '未延期',
              d.replyDueWithMaxExtension && !d.extensionDays
                ? h('span', { class: 'muted' }, `（最长可延至 ${d.replyDueWithMaxExtension.date}）`)
                : null,
            ),
            d.paused
              ? row(
                  '暂停计时',
                  `${d.paused.since} 起，${reference.pauseReasons.find((/** @type {any} */ p) => p.code === d.paused.reason)?.label ?? d.paused.reason}，恢复后剩 ${d.paused.workingDaysLeft} 个工作日`,
                  d.paused.thirdPartyOpinionDue
                    ? [
                        `；第三方意见截止 ${d.paused.thirdPartyOpinionDue.date}${d.paused.thirdPartyReceivedOn ? `（${d.paused.thirdPartyReceivedOn} 收到征求意见）` : '（收到日期未登记，暂自发出之日起算）'}`,
                        d.opinionOverdue ? [' ', badge('已逾期', 'danger')] : null,
                      ]
                    : '',
                )
              : null,
            row('剩余', d.workingDaysLeft === null ? '—' : `${d.workingDaysLeft} 个工作日`),
          ),
        ),
      ),
      h('section', { class: 'panel', 'aria-labelledby': 'case-actions' }, h('h2', { id: 'case-actions' }, '办理操作'), actions(c)),
      historyPanel(
        'case-history',
        c.events.map((/** @type {any} */ e) => ({
          at: e.at,
          when: e.effectiveOn,
          what: DISCLOSURE_EVENT_LABELS[e.type] ?? e.type,
          who: `${e.actorLabel} · 记录于 ${dateTime(e.at)}`,
          note: e.note,
        })),
      ),
    );
  }

  const optional = (/** @type {string} */ v) => (v ? v : undefined);
  const onField = () => field('日期（默认今天）', h('input', { type: 'date', name: 'on' }));

  /**
   * @param {string} title
   * @param {string} path
   * @param {any[]} fields
   * @param {(v: Record<string, string>) => any} toBody
   * @param {string} [hint]
   */
  function actionForm(title, path, fields, toBody, hint) {
    const form = sendingForm(
      {
        actions: h('div', { class: 'actions wide' }, h('button', { type: 'submit', class: 'primary' }, title)),
        async send(v) {
          await post(`/api/v1/disclosure/requests/${number}/${path}`, toBody(v));
          announce(`${title}：已记录`, 'ok');
          await load();
        },
      },
      hint ? h('p', { class: 'muted small wide' }, hint) : null,
      fields,
    );
    return h('details', { class: 'action' }, h('summary', null, title), form);
  }

  /** @param {any} c */
  function actions(c) {
    const s = c.status;
    const open = s !== 'closed';
    const list = [];
    // Art. 30 allows one correction notice: once sent, it is no longer offered.
    if (s === 'processing' && !c.deadlines.correctionDueOn) {
      list.push(
        actionForm(
          '补正通知',
          'correction-notice',
          [
            field('需补正的内容', h('textarea', { name: 'items', rows: '3', required: true, maxlength: '2000' }), { wide: true }),
            field('补正截止（默认15个工作日）', h('input', { type: 'date', name: 'dueOn' })),
            onField(),
          ],
          (v) => ({ items: v.items, dueOn: optional(v.dueOn), on: optional(v.on) }),
          `只能补正一次，须在收到申请后7个工作日内（${c.deadlines.correctionNoticeDue.date} 前）发出。`,
        ),
      );
    }
    if (s === 'awaitingCorrection') {
      list.push(
        actionForm(
          '收到补正',
          'correction',
          [
            onField(),
            field('补正后的信息描述（有变化时填写）', h('textarea', { name: 'description', rows: '3', maxlength: '2000' }), { wide: true }),
          ],
          (v) => ({ on: optional(v.on), description: optional(v.description) }),
          '答复期限自收到补正之日起重新计算。',
        ),
      );
    }
    // Art. 33 allows one extension: once spent, it is no longer offered.
    if ((s === 'processing' || s === 'paused') && !c.deadlines.extensionDays) {
      list.push(
        actionForm(
          '延期答复',
          'extension',
          [
            field('延长工作日', h('input', { type: 'number', name: 'workingDays', min: '1', max: '20', value: '20', required: true })),
            field('批准人', h('input', { name: 'approver', required: true, maxlength: '100' })),
            field('延期理由', h('textarea', { name: 'reason', rows: '2', required: true, maxlength: '500' }), { wide: true }),
            onField(),
          ],
          (v) => ({ workingDays: Number(v.workingDays), approver: v.approver, reason: v.reason, on: optional(v.on) }),
          '经政府信息公开工作机构负责人同意，可延长一次，最长不超过20个工作日，并告知申请人。',
        ),
      );
    }
    if (s === 'processing') {
      list.push(
        actionForm(
          '征求意见（暂停计时）',
          'pause',
          [
            field(
              '征求对象',
              select(
                'reason',
                reference.pauseReasons.filter((/** @type {any} */ p) => p.code !== 'fee'),
                { required: true },
              ),
            ),
            field('说明（向谁、就什么征求意见）', h('input', { name: 'note', required: true, maxlength: '1000' }), { wide: true }),
            onField(),
            field('第三方收到日期', h('input', { type: 'date', name: 'thirdPartyReceivedOn' })),
          ],
          (v) => ({ reason: v.reason, note: v.note, on: optional(v.on), thirdPartyReceivedOn: optional(v.thirdPartyReceivedOn) }),
          '征求第三方或其他机关意见所需时间不计入答复期限。',
        ),
      );
    }
    const pauseReason = c.deadlines.paused?.reason;
    if (pauseReason === 'thirdParty' && !c.deadlines.paused.thirdPartyReceivedOn) {
      list.push(
        actionForm(
          '登记第三方收到日期',
          'consultation-receipt',
          [field('收到日期', h('input', { type: 'date', name: 'on', required: true }))],
          (v) => ({ on: v.on }),
          '第三方自收到之日起15个工作日内提出意见。',
        ),
      );
    }
    if (pauseReason === 'fee')
      list.push(actionForm('已缴费', 'fee-payment', [onField()], (v) => ({ on: optional(v.on) }), '缴费次日起恢复计算答复期限。'));
    else if (s === 'paused')
      list.push(
        actionForm(
          '恢复计时',
          'resume',
          [onField(), field('说明', h('input', { name: 'note', maxlength: '1000' }), { wide: true })],
          (v) => ({ on: optional(v.on), note: optional(v.note) }),
        ),
      );
    if (open) {
      list.push(
        actionForm(
          '转交其他机关',
          'transfer',
          [
            field(
              '转交给',
              select(
                'agency',
                reference.agencies.filter((/** @type {any} */ a) => a.code !== c.agency.code),
                { required: true },
              ),
            ),
            field('理由', h('input', { name: 'reason', required: true, maxlength: '500' }), { wide: true }),
          ],
          (v) => ({ agency: v.agency, reason: v.reason }),
          '收到日期和期限不变。',
        ),
      );
      list.push(
        actionForm(
          '信息处理费',
          'fee',
          [
            field('收费方式', select('method', reference.feeMethods, { value: c.fee.method })),
            field('页数（按页收费时）', h('input', { type: 'number', name: 'pages', min: '0' })),
          ],
          (v) => ({ method: v.method, pages: v.pages ? Number(v.pages) : undefined }),
        ),
      );
    }
    list.push(
      actionForm(
        '更正内容分类',
        'topic',
        [field('内容分类', select('topic', reference.topics, { value: c.topic.code }))],
        (v) => ({ topic: v.topic }),
        '用于年度报告的分类统计。',
      ),
    );
    if (open) {
      list.push(
        actionForm(
          '答复并办结',
          'reply',
          [
            field('办理结果（年度报告表三）', select('outcome', reference.outcomes, { required: true }), { wide: true }),
            field('答复内容', h('textarea', { name: 'text', rows: '4', maxlength: '10000' }), { wide: true }),
            field('答复文书存放位置', h('input', { name: 'attachment', maxlength: '300' })),
            onField(),
          ],
          (v) => ({ outcome: v.outcome, text: optional(v.text), attachment: optional(v.attachment), on: optional(v.on) }),
          '办结后会通知申请人。',
        ),
      );
    }
    return h('div', { class: 'action-list' }, list);
  }

  await load();
}
