// @ts-check
/**
 * Hand-written SVG charts: stacked columns, a share bar, horizontal bars and grouped bars.
 * Colours come from CSS classes (the CSP forbids inline styles); every chart is an image with
 * a text alternative, and its numbers are one click away in a real table.
 */
import { h, s } from './dom.js';

/** Round numbers for an axis from 0 to at least `max`. @param {number} max @param {number} count */
function ticks(max, count = 4) {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= raw) ?? raw;
  const out = [];
  for (let v = 0; v <= max + step * 0.001; v += step) out.push(Number(v.toFixed(6)));
  if (out[out.length - 1] < max) out.push(Number((out[out.length - 1] + step).toFixed(6)));
  return out;
}

/** @param {string} text @param {number} n */
const cut = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/**
 * A figure: caption, the chart, a data table behind a disclosure.
 * @param {{ title: string, summary: string, chart: Element, table: HTMLElement, legend?: Element | null, className?: string }} parts
 */
export function figure({ title, summary, chart, table, legend = null, className = '' }) {
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', `${title}：${summary}`);
  return h(
    'figure',
    { class: `chart-card ${className}` },
    h('figcaption', null, h('h3', null, title), h('p', { class: 'chart-summary' }, summary)),
    chart,
    legend,
    h('details', { class: 'chart-data' }, h('summary', null, '查看数据表'), table),
  );
}

/** @param {string[]} head @param {(string | number)[][]} rows @param {string} caption */
export function dataTable(head, rows, caption) {
  return h(
    'table',
    { class: 'data compact' },
    h('caption', { class: 'sr-only' }, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        head.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          null,
          r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: 'num' }, c))),
        ),
      ),
    ),
  );
}

/** @param {{ code: string, label: string }[]} series @param {string} prefix */
export function legend(series, prefix = 's') {
  return h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    series.map((x) => h('li', null, h('span', { class: `swatch ${prefix}-${x.code}` }), x.label)),
  );
}

/**
 * Columns per label, stacked by series (messages per day by decision).
 * @param {{ labels: string[], series: { code: string, label: string }[], values: number[][], prefix?: string, width?: number }} data values[label][series]; width: of the drawing (wide cards draw wider, so text keeps its size)
 */
export function stackedColumns({ labels, series, values, prefix = 's', width = 640 }) {
  const W = width;
  const H = 240;
  const m = { l: 40, r: 8, t: 12, b: 30 };
  const plotW = W - m.l - m.r;
  const plotH = H - m.t - m.b;
  const totals = values.map((v) => v.reduce((a, b) => a + b, 0));
  const axis = ticks(Math.max(...totals, 1));
  const top = axis[axis.length - 1];
  const y = (/** @type {number} */ v) => m.t + plotH - (v / top) * plotH;
  const slot = plotW / Math.max(labels.length, 1);
  const barW = Math.min(36, slot * 0.7);
  const every = Math.ceil(labels.length / Math.floor(W / 64));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', preserveAspectRatio: 'xMidYMid meet' });
  for (const t of axis) {
    svg.append(
      s('line', { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), class: 'grid' }),
      s('text', { x: m.l - 6, y: y(t) + 4, class: 'axis', 'text-anchor': 'end' }, String(t)),
    );
  }
  labels.forEach((label, i) => {
    const x = m.l + slot * i + (slot - barW) / 2;
    let base = 0;
    series.forEach((ser, j) => {
      const v = values[i][j];
      if (v > 0) {
        svg.append(
          s(
            'rect',
            { x, y: y(base + v), width: barW, height: y(base) - y(base + v), class: `${prefix}-${ser.code}` },
            s('title', null, `${label} ${ser.label}：${v}`),
          ),
        );
      }
      base += v;
    });
    if (totals[i] > 0)
      svg.append(s('text', { x: x + barW / 2, y: y(totals[i]) - 4, class: 'value', 'text-anchor': 'middle' }, String(totals[i])));
    if (i % every === 0) svg.append(s('text', { x: x + barW / 2, y: H - 10, class: 'axis', 'text-anchor': 'middle' }, label));
  });
  svg.append(s('line', { x1: m.l, x2: W - m.r, y1: y(0), y2: y(0), class: 'baseline' }));
  return svg;
}

/**
 * One 100% bar split into shares, with the percentages written on it.
 * @param {{ parts: { code: string, label: string, count: number }[], prefix?: string }} data
 */
export function shareBar({ parts, prefix = 's' }) {
  const W = 640;
  const H = 64;
  const total = parts.reduce((a, p) => a + p.count, 0);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart share', preserveAspectRatio: 'xMidYMid meet' });
  if (total === 0) {
    svg.append(
      s('rect', { x: 0, y: 8, width: W, height: 40, rx: 6, class: 'empty' }),
      s('text', { x: W / 2, y: 33, 'text-anchor': 'middle', class: 'axis' }, '暂无数据'),
    );
    return svg;
  }
  let x = 0;
  for (const p of parts) {
    if (!p.count) continue;
    const w = (p.count / total) * W;
    svg.append(
      s(
        'rect',
        { x, y: 8, width: w, height: 40, class: `${prefix}-${p.code}` },
        s('title', null, `${p.label}：${p.count}（${((p.count / total) * 100).toFixed(1)}%）`),
      ),
    );
    if (w > 44)
      svg.append(s('text', { x: x + w / 2, y: 33, 'text-anchor': 'middle', class: 'on-bar' }, `${Math.round((p.count / total) * 100)}%`));
    x += w;
  }
  return svg;
}

/**
 * Horizontal bars, largest first as given: top entries, top unanswered topics, counts by status.
 * @param {{ items: { label: string, value: number, tone?: string, note?: string }[], format?: (v: number) => string, labelWidth?: number }} data
 */
export function hbars({ items, format = String, labelWidth = 180 }) {
  const W = 640;
  const row = 30;
  const H = Math.max(items.length, 1) * row + 8;
  const max = Math.max(...items.map((i) => i.value), 1);
  const barX = labelWidth + 8;
  const barMax = W - barX - 56;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart hbars', preserveAspectRatio: 'xMidYMid meet' });
  if (!items.length) svg.append(s('text', { x: W / 2, y: 22, 'text-anchor': 'middle', class: 'axis' }, '暂无数据'));
  items.forEach((item, i) => {
    const yTop = 4 + i * row;
    const w = Math.max((item.value / max) * barMax, item.value > 0 ? 2 : 0);
    svg.append(
      s(
        'text',
        { x: labelWidth, y: yTop + 19, 'text-anchor': 'end', class: 'label' },
        cut(item.label, Math.floor(labelWidth / 13)),
        s('title', null, item.label),
      ),
      s(
        'rect',
        { x: barX, y: yTop + 5, width: w, height: row - 10, rx: 3, class: item.tone ? `tone-${item.tone}` : 'bar' },
        s('title', null, `${item.label}：${format(item.value)}${item.note ? `（${item.note}）` : ''}`),
      ),
      s('text', { x: barX + w + 6, y: yTop + 19, class: 'value' }, format(item.value)),
    );
  });
  return svg;
}

/**
 * Vertical bars grouped by category (three rates per department), values 0..1 or null.
 * @param {{ categories: string[], series: { code: string, label: string }[], values: (number | null)[][], prefix?: string, width?: number }} data values[category][series]
 */
export function groupedBars({ categories, series, values, prefix = 's', width = 640 }) {
  const W = width;
  const H = 250;
  const m = { l: 44, r: 8, t: 18, b: 44 };
  const plotW = W - m.l - m.r;
  const plotH = H - m.t - m.b;
  const y = (/** @type {number} */ v) => m.t + plotH - v * plotH;
  const slot = plotW / Math.max(categories.length, 1);
  const groupW = Math.min(slot * 0.8, 150);
  const barW = groupW / series.length;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', preserveAspectRatio: 'xMidYMid meet' });
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(
      s('line', { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), class: 'grid' }),
      s('text', { x: m.l - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'axis' }, `${t * 100}%`),
    );
  }
  if (!categories.length) svg.append(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'axis' }, '暂无数据'));
  categories.forEach((cat, i) => {
    const x0 = m.l + slot * i + (slot - groupW) / 2;
    series.forEach((ser, j) => {
      const v = values[i][j];
      const x = x0 + j * barW + 1;
      if (v === null) {
        svg.append(
          s(
            'text',
            { x: x + (barW - 2) / 2, y: y(0) - 4, 'text-anchor': 'middle', class: 'axis' },
            '—',
            s('title', null, `${cat} ${ser.label}：暂无可评价的工单`),
          ),
        );
        return;
      }
      svg.append(
        s(
          'rect',
          { x, y: y(v), width: barW - 2, height: y(0) - y(v), class: `${prefix}-${ser.code}` },
          s('title', null, `${cat} ${ser.label}：${(v * 100).toFixed(1)}%`),
        ),
      );
      if (barW > 26)
        svg.append(
          s('text', { x: x + (barW - 2) / 2, y: y(v) - 4, 'text-anchor': 'middle', class: 'value small' }, `${Math.round(v * 100)}`),
        );
    });
    svg.append(
      s(
        'text',
        { x: x0 + groupW / 2, y: H - 24, 'text-anchor': 'middle', class: 'axis' },
        cut(cat, Math.max(4, Math.floor(slot / 13))),
        s('title', null, cat),
      ),
    );
  });
  svg.append(s('line', { x1: m.l, x2: W - m.r, y1: y(0), y2: y(0), class: 'baseline' }));
  return svg;
}
