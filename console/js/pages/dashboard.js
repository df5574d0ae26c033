// @ts-check
/** 总览: charts of what the bot and the people behind it did, each section for the roles that work on it. */
import { errorText, get, session } from '../api.js';
import { dataTable, figure, groupedBars, hbars, legend, shareBar, stackedColumns } from '../charts.js';
import { field, h, mount, notice, percent, select, shortDate } from '../dom.js';
import { HOTLINE_RATE_LABELS } from '../labels.js';

const WINDOWS = [
  { code: '7', label: '最近7天' },
  { code: '14', label: '最近14天' },
  { code: '30', label: '最近30天' },
  { code: '90', label: '最近90天' },
];

/** @param {HTMLElement} root @param {import('../main.js').PageContext} ctx */
export async function render(root, ctx) {
  const days = WINDOWS.some((w) => w.code === ctx.query.get('days')) ? /** @type {string} */ (ctx.query.get('days')) : '14';
  const windowSelect = select('days', WINDOWS, { value: days });
  windowSelect.addEventListener('change', () => ctx.navigate(`#/?days=${/** @type {HTMLSelectElement} */ (windowSelect).value}`));
  const kpis = h('ul', { class: 'tiles', 'aria-label': '关键指标' });
  const grid = h('div', { class: 'dashboard-grid' });
  mount(
    root,
    h('div', { class: 'page-head' }, h('h1', null, '总览'), h('div', { class: 'filters compact' }, field('统计范围', windowSelect))),
    kpis,
    grid,
  );

  const wants = {
    knowledge: session.has('interpreter', 'admin'),
    hotline: session.has('operator', 'admin'),
    queue: session.has('operator'),
    disclosure: session.has('disclosure_officer', 'admin'),
  };
  const load = (/** @type {string} */ path, /** @type {boolean} */ wanted) =>
    wanted
      ? get(path, path.endsWith('disclosure') ? {} : { days }).catch((/** @type {unknown} */ err) => ({ error: err }))
      : Promise.resolve(null);
  const [conv, kb, hotline, disclosure, quality, queue] = await Promise.all([
    load('/api/v1/dashboard/conversations', true),
    load('/api/v1/dashboard/knowledge', wants.knowledge),
    load('/api/v1/dashboard/hotline', wants.hotline),
    load('/api/v1/dashboard/disclosure', wants.disclosure),
    session.has('interpreter')
      ? get('/api/v1/kb/eval', { weeks: 8 }).catch((/** @type {unknown} */ err) => ({ error: err }))
      : Promise.resolve(null),
    wants.queue ? get('/api/v1/threads', { status: 'waiting' }).catch((/** @type {unknown} */ err) => ({ error: err })) : null,
  ]);
  if (ctx.signal.aborted) return;

  const tiles = [];
  const sections = [];
  // Wide charts are drawn at the width they get, so their text stays readable on a laptop and a tablet.
  const wide = Math.round(Math.min(1200, Math.max(560, grid.clientWidth - 40)));
  /** @param {any} data @param {string} what */
  const failed = (data, what) => (data?.error ? notice(`${what}数据无法读取：${errorText(data.error)}`) : null);

  if (queue && !queue.error) {
    const long = queue.threads.filter((/** @type {any} */ t) => t.waitingSeconds > t.waitTargetSeconds).length;
    tiles.push(
      tile(
        '等待接入',
        String(queue.threads.length),
        long ? `${long} 位已超过等待目标` : '位群众',
        long ? 'danger' : queue.threads.length ? 'warn' : 'ok',
      ),
    );
  }
  if (conv && !conv.error) {
    const total = conv.decisions.reduce((/** @type {number} */ a, /** @type {any} */ d) => a + d.count, 0);
    // Shares of citizens' questions: form steps and commands are messages, not questions.
    const q = conv.questions;
    const unansweredShare = q.total ? q.unanswered / q.total : null;
    tiles.push(
      tile('群众消息', String(total), `${conv.conversations} 个会话`),
      tile('直接回答', percent(q.answeredShare, 0), `占 ${q.total} 个提问`, 'ok'),
      tile('未能回答', percent(unansweredShare, 0), `占 ${q.total} 个提问`, unansweredShare && unansweredShare > 0.3 ? 'danger' : ''),
    );
    const series = conv.decisions.filter((/** @type {any} */ d) => d.count > 0 || ['answer', 'clarify', 'fallback'].includes(d.code));
    const labels = conv.days.map((/** @type {any} */ d) => shortDate(d.date));
    sections.push(
      figure({
        title: '每日群众消息',
        summary: `${conv.from} 至 ${conv.to} 共 ${total} 条，按机器人的处理结果分色`,
        chart: stackedColumns({
          labels,
          series,
          values: conv.days.map((/** @type {any} */ d) => series.map((/** @type {any} */ s) => d.decisions[s.code] ?? 0)),
          width: wide,
        }),
        legend: legend(series),
        table: dataTable(
          ['日期', ...series.map((/** @type {any} */ s) => s.label), '机器人回复', '话务员消息'],
          conv.days.map((/** @type {any} */ d) => [
            d.date,
            ...series.map((/** @type {any} */ s) => d.decisions[s.code] ?? 0),
            d.bot,
            d.operator,
          ]),
          '每日群众消息',
        ),
        className: 'wide',
      }),
      figure({
        title: '处理结果占比',
        summary: series.map((/** @type {any} */ s) => `${s.label} ${total ? Math.round((s.count / total) * 100) : 0}%`).join('，'),
        chart: shareBar({ parts: series }),
        legend: legend(series),
        table: dataTable(
          ['处理结果', '条数', '占比'],
          series.map((/** @type {any} */ s) => [s.label, s.count, total ? `${((s.count / total) * 100).toFixed(1)}%` : '—']),
          '处理结果占比',
        ),
      }),
    );
  } else sections.push(failed(conv, '消息'));

  if (kb && !kb.error) {
    tiles.push(tile('知识回答', String(kb.answers), '次'), tile('未答问题', String(kb.unanswered), '条', kb.unanswered ? 'warn' : ''));
    sections.push(
      figure({
        title: '回答最多的条目',
        summary: kb.topEntries.length
          ? kb.topEntries
              .slice(0, 3)
              .map((/** @type {any} */ e) => `${e.title ?? e.key} ${e.count}次${e.notHelpful ? `（${e.notHelpful}次被评“没用”）` : ''}`)
              .join('，')
          : '暂无',
        // What citizens rated 没用 is marked: answered often is not the same as answered well.
        chart: hbars({
          items: kb.topEntries.map((/** @type {any} */ e) => ({
            label: `${e.title ?? e.key}${e.notHelpful ? ` ⚠没用${e.notHelpful}` : ''}`,
            value: e.count,
          })),
        }),
        table: dataTable(
          ['条目', '回答次数', '没用', '有用'],
          kb.topEntries.map((/** @type {any} */ e) => [e.title ?? e.key, e.count, e.notHelpful, e.helpful]),
          '回答最多的条目',
        ),
      }),
      figure({
        title: '未答问题热点',
        summary: kb.topGaps.length
          ? kb.topGaps
              .slice(0, 3)
              .map((/** @type {any} */ g) => `${g.terms.join('')} ${g.count}次`)
              .join('，')
          : '暂无',
        chart: hbars({
          items: kb.topGaps.map((/** @type {any} */ g) => ({
            label: g.terms.join('·'),
            value: g.count,
            tone: 'warn',
            note: g.example ?? '',
          })),
        }),
        table: dataTable(
          ['关键词', '次数', '例句'],
          kb.topGaps.map((/** @type {any} */ g) => [g.terms.join('、'), g.count, g.example ?? '']),
          '未答问题热点',
        ),
      }),
    );
  } else if (kb) sections.push(failed(kb, '知识库'));

  if (quality && !quality.error) {
    // The labelled questions are the city's own evaluation set: how the bot answered them each week (quality over time), and how it answers them now.
    const measures = [
      { code: 'top1', label: '答对率' },
      { code: 'wrongRate', label: '答错率' },
      { code: 'rejection', label: '拒答率（不属服务范围）' },
    ];
    const weeks = quality.weeks;
    sections.push(
      figure({
        title: '问答质量（按周）',
        summary: `群众每周问到已标注问题时机器人的表现；${quality.overall.questions} 个已标注问题按现在的知识库：答对率 ${percent(quality.overall.top1)}，答错率 ${percent(quality.overall.wrongRate)}，拒答率 ${percent(quality.overall.rejection)}`,
        chart: groupedBars({
          categories: weeks.map((/** @type {any} */ w) => `${shortDate(w.week)}周`),
          series: measures,
          values: weeks.map((/** @type {any} */ w) => measures.map((m) => w.stats[m.code])),
          prefix: 'q',
          width: wide,
        }),
        legend: legend(measures, 'q'),
        table: dataTable(
          ['周（周一）', '问到已标注问题', '答对率', '答错率', '拒答率'],
          weeks.map((/** @type {any} */ w) => [
            w.week,
            w.stats.questions,
            percent(w.stats.top1),
            percent(w.stats.wrongRate),
            percent(w.stats.rejection),
          ]),
          '问答质量（按周）',
        ),
        className: 'wide quality',
      }),
    );
  } else if (quality) sections.push(failed(quality, '问答质量'));

  if (hotline && !hotline.error) {
    tiles.push(
      tile('12345工单', String(hotline.total), `未办结 ${hotline.open}`),
      tile(
        '超期工单',
        String(hotline.overdue.total),
        `签收超期 ${hotline.overdue.signFor} · 办结超期 ${hotline.overdue.resolve}`,
        hotline.overdue.total ? 'danger' : 'ok',
      ),
    );
    const rates = ['response', 'resolution', 'satisfaction'].map((code) => ({ code, label: HOTLINE_RATE_LABELS[code] }));
    sections.push(
      figure({
        title: '12345热线“三率”（按承办部门）',
        summary: hotline.departments.length
          ? hotline.departments
              .map((/** @type {any} */ d) => `${d.name}：${rates.map((r) => `${r.label}${percent(d[r.code].rate, 0)}`).join('、')}`)
              .join('；')
          : '统计范围内没有工单',
        chart: groupedBars({
          categories: hotline.departments.map((/** @type {any} */ d) => d.name),
          series: rates,
          values: hotline.departments.map((/** @type {any} */ d) => rates.map((r) => d[r.code].rate)),
          width: wide,
        }),
        legend: legend(rates),
        table: dataTable(
          ['承办部门', '工单', '响应率', '解决率', '满意率', '按期办结率', '综合成绩'],
          hotline.departments.map((/** @type {any} */ d) => [
            d.name,
            d.count,
            percent(d.response.rate),
            percent(d.resolution.rate),
            percent(d.satisfaction.rate),
            percent(d.onTime.rate),
            d.composite ?? '—',
          ]),
          '12345热线三率',
        ),
        className: 'wide',
      }),
    );
  } else if (hotline) sections.push(failed(hotline, '热线'));

  if (disclosure && !disclosure.error) {
    const overdue = disclosure.byDeadline.find((/** @type {any} */ b) => b.code === 'overdue').count;
    tiles.push(tile('依申请公开', String(disclosure.total), `逾期 ${overdue}`, overdue ? 'danger' : ''));
    const tones = /** @type {Record<string, string>} */ ({ overdue: 'danger', dueSoon: 'warn', later: 'ok', stopped: 'muted' });
    sections.push(
      figure({
        title: '依申请公开：按状态',
        summary: disclosure.byStatus.map((/** @type {any} */ s) => `${s.label} ${s.count}`).join('，'),
        chart: hbars({ items: disclosure.byStatus.map((/** @type {any} */ s) => ({ label: s.label, value: s.count })), labelWidth: 170 }),
        table: dataTable(
          ['状态', '件数'],
          disclosure.byStatus.map((/** @type {any} */ s) => [s.label, s.count]),
          '依申请公开按状态',
        ),
      }),
      figure({
        title: '依申请公开：办理期限',
        summary: `${disclosure.byDeadline.map((/** @type {any} */ b) => `${b.label} ${b.count}`).join('，')}${disclosure.beyondCoverage ? `；${disclosure.beyondCoverage} 件期限超出节假日日历` : ''}`,
        chart: hbars({
          items: disclosure.byDeadline.map((/** @type {any} */ b) => ({ label: b.label, value: b.count, tone: tones[b.code] })),
          labelWidth: 170,
        }),
        table: dataTable(
          ['期限', '件数'],
          disclosure.byDeadline.map((/** @type {any} */ b) => [b.label, b.count]),
          '依申请公开办理期限',
        ),
      }),
    );
  } else if (disclosure) sections.push(failed(disclosure, '依申请公开'));

  mount(kpis, tiles);
  mount(grid, sections);
}

/** @param {string} label @param {string} value @param {string} note @param {string} [tone] */
function tile(label, value, note, tone = '') {
  return h(
    'li',
    { class: `tile ${tone}` },
    h('span', { class: 'tile-value' }, value),
    h('span', { class: 'tile-label' }, label),
    h('span', { class: 'tile-note' }, note),
  );
}
