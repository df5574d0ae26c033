// @ts-check
/** 年度报表: tables 三 and 四 of the annual disclosure report laid out as the national template, with the breakdowns. */
import { api, errorText, get, post, session } from '../api.js';
import { announce, busy, field, formValues, h, mount, notice, select } from '../dom.js';
import { DISCLOSURE_PROCEEDING_KINDS, DISCLOSURE_PROCEEDING_RESULTS } from '../labels.js';

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const thisYear = new Date().getFullYear();
  const year = Number(ctx.query.get('year')) || thisYear;
  const agency = ctx.query.get('agency') ?? '';
  const reference = await get('/api/v1/disclosure/reference');
  const years = Array.from({ length: 6 }, (_, i) => ({ code: String(thisYear - i), label: `${thisYear - i}年` }));
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      {
        class: 'filters',
        'aria-label': '选择年度和机关',
        onsubmit: (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          const v = formValues(form);
          ctx.navigate(`#/disclosure/report?year=${v.year}${v.agency ? `&agency=${encodeURIComponent(v.agency)}` : ''}`);
        },
        onchange: () => form.requestSubmit(),
      },
      field('年度', select('year', years, { value: String(year) })),
      field('机关', select('agency', reference.agencies, { empty: '全市汇总', value: agency })),
      h('button', { type: 'submit' }, '生成'),
    )
  );
  const body = h('div');
  const exportButtons = h('div', { class: 'actions' }, exportButton('csv', '导出 CSV'), exportButton('md', '导出 Markdown'));
  mount(root, h('div', { class: 'page-head' }, h('h1', null, '政府信息公开工作年度报告'), exportButtons), form, body);

  /** @param {string} format @param {string} label */
  function exportButton(format, label) {
    return h(
      'button',
      {
        type: 'button',
        onclick: (/** @type {MouseEvent} */ e) =>
          busy(/** @type {HTMLButtonElement} */ (e.currentTarget), async () => {
            try {
              const res = await api('GET', '/api/v1/disclosure/reports/annual', {
                query: { year, agency: agency || undefined, format },
                raw: true,
              });
              const url = URL.createObjectURL(await res.blob());
              const a = h('a', { href: url, download: `disclosure-${year}${agency ? `-${agency}` : ''}.${format}` });
              document.body.append(a);
              a.click();
              a.remove();
              setTimeout(() => URL.revokeObjectURL(url), 10000);
            } catch (err) {
              announce(errorText(err), 'error');
            }
          }),
      },
      label,
    );
  }

  let report;
  try {
    report = await get('/api/v1/disclosure/reports/annual', { year, agency: agency || undefined });
  } catch (err) {
    mount(body, notice(`报表无法生成：${errorText(err)}`));
    return;
  }
  const scope = report.agency ? report.agency.name : '全市';
  mount(
    body,
    h('p', { class: 'report-scope' }, `${report.year}年度 · ${scope}`),
    h(
      'section',
      { class: 'panel report', 'aria-labelledby': 'table3-title' },
      h('h2', { id: 'table3-title' }, report.table3.title),
      h('div', { class: 'table-wrap' }, table3(report.table3)),
    ),
    h(
      'section',
      { class: 'panel report', 'aria-labelledby': 'table4-title' },
      h('h2', { id: 'table4-title' }, report.table4.title),
      h('div', { class: 'table-wrap' }, table4(report.table4)),
    ),
    h(
      'div',
      { class: 'columns three' },
      breakdown('本年新收申请：按申请渠道', report.byChannel),
      breakdown('本年新收申请：按申请内容', report.byTopic),
      report.byAgency ? breakdown('本年新收申请：按承办机关', report.byAgency) : null,
    ),
    session.has('disclosure_officer') ? await proceedings() : null,
  );

  /** @param {string} title @param {{ label: string, count: number }[]} rows */
  function breakdown(title, rows) {
    const total = rows.reduce((a, r) => a + r.count, 0);
    return h(
      'section',
      { class: 'panel' },
      h('h2', { class: 'h3' }, title),
      h(
        'table',
        { class: 'data compact' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '项目'), h('th', { scope: 'col', class: 'num' }, '数量'))),
        h(
          'tbody',
          null,
          rows.map((r) => h('tr', null, h('th', { scope: 'row' }, r.label), h('td', { class: 'num' }, String(r.count)))),
        ),
        h('tfoot', null, h('tr', null, h('th', { scope: 'row' }, '合计'), h('td', { class: 'num' }, String(total)))),
      ),
    );
  }

  async function proceedings() {
    const { proceedings: list } = await get('/api/v1/disclosure/proceedings', { year, agency: agency || undefined });
    const kinds = DISCLOSURE_PROCEEDING_KINDS.map((k) => ({ code: k.code, label: k.group ? `${k.group}（${k.label}）` : k.label }));
    const message = h('div');
    const recordForm = /** @type {HTMLFormElement} */ (
      h(
        'form',
        {
          class: 'grid-form',
          onsubmit: async (/** @type {SubmitEvent} */ e) => {
            e.preventDefault();
            const v = formValues(recordForm);
            await busy(/** @type {HTMLButtonElement} */ (recordForm.querySelector('button[type=submit]')), async () => {
              try {
                await post('/api/v1/disclosure/proceedings', {
                  kind: v.kind,
                  agency: v.agency || undefined,
                  requestNumber: v.requestNumber || undefined,
                  filedOn: v.filedOn,
                  result: v.result || undefined,
                  decidedOn: v.decidedOn || undefined,
                  note: v.note || undefined,
                });
                announce('已登记', 'ok');
                ctx.navigate(window.location.hash);
              } catch (err) {
                mount(message, notice(errorText(err)));
              }
            });
          },
        },
        field('类别', select('kind', kinds)),
        field('被申请机关', select('agency', reference.agencies, { empty: '默认' })),
        field('相关申请编号', h('input', { name: 'requestNumber', maxlength: '20' })),
        field('立案日期', h('input', { type: 'date', name: 'filedOn', required: true })),
        field('结果', select('result', DISCLOSURE_PROCEEDING_RESULTS, { value: 'pending' })),
        field('结案日期', h('input', { type: 'date', name: 'decidedOn' })),
        field('备注', h('input', { name: 'note', maxlength: '2000' }), { wide: true }),
        message,
        h('div', { class: 'actions wide' }, h('button', { type: 'submit', class: 'primary' }, '登记')),
      )
    );
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'proceedings-title' },
      h('h2', { id: 'proceedings-title' }, '行政复议和行政诉讼记录（表四的数据）'),
      list.length
        ? h(
            'table',
            { class: 'data compact' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['类别', '机关', '申请编号', '立案', '结果', '结案'].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              null,
              list.map((/** @type {any} */ p) =>
                h(
                  'tr',
                  null,
                  h('th', { scope: 'row' }, p.kindLabel),
                  h('td', null, p.agency.name),
                  h('td', null, p.requestNumber ?? '—'),
                  h('td', null, p.filedOn),
                  h('td', null, p.resultLabel),
                  h('td', null, p.decidedOn ?? '—'),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, '本年度没有记录。'),
      h('details', { class: 'action' }, h('summary', null, '登记行政复议或诉讼'), recordForm),
    );
  }
}

/**
 * Table 三 as the national template draws it: the 勾稽关系 note over a three-column label area,
 * 申请人情况 over 自然人 / 法人或其他组织 (five sub-columns) / 总计, merged cells for the groups of rows.
 * @param {any} t
 */
export function table3(t) {
  /** @type {any[]} */
  const columns = t.columns;
  const groups = [];
  for (const c of columns) {
    const last = groups[groups.length - 1];
    if (c.group && last && last.group === c.group) last.members.push(c);
    else groups.push({ group: c.group ?? null, members: [c] });
  }
  const head = h(
    'thead',
    null,
    h(
      'tr',
      null,
      h(
        'th',
        { rowspan: '3', colspan: '3', scope: 'col', class: 'note' },
        '本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和',
      ),
      h('th', { colspan: String(columns.length), scope: 'colgroup' }, '申请人情况'),
    ),
    h(
      'tr',
      null,
      groups.map((g) =>
        g.group
          ? h('th', { colspan: String(g.members.length), scope: 'colgroup' }, g.group)
          : h('th', { rowspan: '2', scope: 'col' }, g.members[0].label),
      ),
    ),
    h(
      'tr',
      null,
      groups.filter((g) => g.group).flatMap((g) => g.members.map((/** @type {any} */ m) => h('th', { scope: 'col' }, m.label))),
    ),
  );
  /** @type {any[]} */
  const rows = t.rows;
  const labels = new Map(rows.map((r) => [r.code, r.label]));
  const pathOf = (/** @type {string} */ code) => {
    if (code === 'total') return ['outcome', 'total'];
    const parts = code.split('.');
    return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
  };
  const physical = rows.filter((r) => r.kind !== 'heading');
  const spanOf = (/** @type {string} */ node) => physical.filter((r) => pathOf(r.code).includes(node)).length;
  const opened = new Set();
  const body = h(
    'tbody',
    null,
    physical.map((r) => {
      const path = pathOf(r.code);
      const cells = [];
      path.forEach((node, depth) => {
        if (depth < path.length - 1) {
          if (opened.has(node)) return;
          opened.add(node);
          cells.push(
            h('th', { rowspan: String(spanOf(node)), scope: 'rowgroup', class: `group depth-${depth}` }, labels.get(node) ?? node),
          );
        } else {
          cells.push(
            h(
              'th',
              { colspan: String(3 - depth), scope: 'row', class: `item depth-${depth}${r.kind === 'total' ? ' total' : ''}` },
              r.label,
            ),
          );
        }
      });
      return h(
        'tr',
        { class: r.kind === 'total' ? 'total' : null, 'data-row': r.code },
        cells,
        columns.map((c) => h('td', { class: 'num' }, String(r.values?.[c.code] ?? 0))),
      );
    }),
  );
  return h('table', { class: 'data gov-table table3' }, h('caption', { class: 'sr-only' }, t.title), head, body);
}

/**
 * Table 四: 行政复议 and 行政诉讼 (未经复议直接起诉 / 复议后起诉), each with 结果维持 / 结果纠正 /
 * 其他结果 / 尚未审结 / 总计, the fifteen numbers in one row.
 * @param {any} t
 */
export function table4(t) {
  /** @type {any[]} */
  const procs = t.proceedings;
  const groups = [];
  for (const p of procs) {
    const last = groups[groups.length - 1];
    if (p.group && last && last.group === p.group) last.members.push(p);
    else groups.push({ group: p.group ?? null, members: [p] });
  }
  const head = h(
    'thead',
    null,
    h(
      'tr',
      null,
      groups.map((g) =>
        h(
          'th',
          {
            colspan: String(g.members.reduce((/** @type {number} */ a, /** @type {any} */ m) => a + m.results.length, 0)),
            scope: 'colgroup',
          },
          g.group ?? g.members[0].label,
        ),
      ),
    ),
    h(
      'tr',
      null,
      groups.flatMap((g) =>
        g.group
          ? g.members.map((/** @type {any} */ m) => h('th', { colspan: String(m.results.length), scope: 'colgroup' }, m.label))
          : g.members[0].results.map((/** @type {any} */ r) => h('th', { rowspan: '2', scope: 'col' }, r.label)),
      ),
    ),
    h(
      'tr',
      null,
      groups
        .filter((g) => g.group)
        .flatMap((g) =>
          g.members.flatMap((/** @type {any} */ m) => m.results.map((/** @type {any} */ r) => h('th', { scope: 'col' }, r.label))),
        ),
    ),
  );
  const body = h(
    'tbody',
    null,
    h(
      'tr',
      null,
      procs.flatMap((p) =>
        p.results.map((/** @type {any} */ r) =>
          h(
            'td',
            { class: `num${r.code === 'total' ? ' total' : ''}`, 'aria-label': `${p.group ? `${p.group}·` : ''}${p.label}·${r.label}` },
            String(r.count),
          ),
        ),
      ),
    ),
  );
  return h('table', { class: 'data gov-table table4' }, h('caption', { class: 'sr-only' }, t.title), head, body);
}
