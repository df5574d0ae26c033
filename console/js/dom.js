// @ts-check
/**
 * A few DOM helpers instead of a framework: h() builds elements (text is always text, never
 * HTML, so nothing a citizen typed can run), plus formatting in the city's time zone.
 */

/** @typedef {string | number | Node | null | undefined | false | any[]} Child */

/**
 * h('button', { class: 'primary', onclick: fn, disabled: true }, '认领')
 * @param {string} tag
 * @param {Record<string, any> | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, any> | null} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function s(tag, attrs, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

/** @param {Element} el @param {Record<string, any> | null | undefined} attrs */
function setAttributes(el, attrs) {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' && 'value' in el) /** @type {HTMLInputElement} */ (el).value = String(value);
    else if (key === 'checked' && 'checked' in el) /** @type {HTMLInputElement} */ (el).checked = Boolean(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
}

/** @param {Node} el @param {Child[]} children */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces everything inside `el`. @param {Element} el @param {...Child} children */
export function mount(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let nextId = 0;
/** A unique id for label/aria wiring. @param {string} prefix */
export function uid(prefix = 'f') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/**
 * A labelled form field: label above the control, optional hint tied by aria-describedby.
 * @param {string} label
 * @param {HTMLElement} control
 * @param {{ hint?: string, wide?: boolean }} [options]
 */
export function field(label, control, options = {}) {
  const id = control.id || uid('f');
  control.id = id;
  const hint = options.hint ? h('small', { id: `${id}-hint`, class: 'hint' }, options.hint) : null;
  if (hint) control.setAttribute('aria-describedby', hint.id);
  return h('div', { class: `field${options.wide ? ' wide' : ''}` }, h('label', { for: id }, label), control, hint);
}

/**
 * A select over reference data: `{ code, label }` or `{ code, name }` (departments, agencies).
 * @param {string} name
 * @param {readonly { code: string, label?: string, name?: string }[]} options
 * @param {{ value?: string | null, empty?: string, id?: string, required?: boolean }} [extra]
 */
export function select(name, options, extra = {}) {
  return h(
    'select',
    { name, id: extra.id, required: extra.required },
    extra.empty !== undefined ? h('option', { value: '' }, extra.empty) : null,
    options.map((o) => h('option', { value: o.code, selected: o.code === extra.value }, o.label ?? o.name ?? o.code)),
  );
}

/**
 * Sizes a textarea to its content (at least its rows), so a long section is read whole, not through
 * a two-line slot. The height is set through the DOM, which the CSP allows (no inline style).
 * @param {HTMLTextAreaElement} area
 */
export function fitToContent(area) {
  if (!area.isConnected || area.offsetParent === null) return;
  area.style.height = 'auto';
  area.style.height = `${area.scrollHeight + area.offsetHeight - area.clientHeight}px`;
}

/** Every textarea of the console grows with what is typed, and fits what it is given when it appears. */
export function fitTextareas() {
  document.addEventListener('input', (event) => {
    if (event.target instanceof HTMLTextAreaElement) fitToContent(event.target);
  });
  const fitAll = () => document.querySelectorAll('textarea').forEach((area) => fitToContent(area));
  new MutationObserver(fitAll).observe(document.body, { childList: true, subtree: true });
  window.addEventListener('resize', fitAll);
}

// ---------------------------------------------------------------------------------------
// Formatting (the city's time zone, whatever the laptop says)

const TZ = 'Asia/Shanghai';
const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });

/** 2026-11-25T02:00:00Z → 2026/11/25 10:00 @param {string | null | undefined} iso */
export function dateTime(iso) {
  return iso ? dateTimeFormat.format(new Date(iso)) : '—';
}

/** @param {string | null | undefined} iso */
export function time(iso) {
  return iso ? timeFormat.format(new Date(iso)) : '';
}

/** 2026-11-25 → 11月25日 @param {string | null | undefined} date */
export function shortDate(date) {
  if (!date) return '—';
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** Seconds as 3分12秒 / 2小时5分 / 1天3小时. @param {number} seconds */
export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}秒`;
  if (s < 3600) return `${Math.floor(s / 60)}分${s % 60 ? `${s % 60}秒` : ''}`;
  if (s < 86400) return `${Math.floor(s / 3600)}小时${Math.floor((s % 3600) / 60) ? `${Math.floor((s % 3600) / 60)}分` : ''}`;
  return `${Math.floor(s / 86400)}天${Math.floor((s % 86400) / 3600) ? `${Math.floor((s % 86400) / 3600)}小时` : ''}`;
}

/** @param {number | null | undefined} rate 0..1 */
export function percent(rate, digits = 1) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** A status badge. @param {string} text @param {string} [tone] ok | warn | danger | info | muted */
export function badge(text, tone = 'muted') {
  return h('span', { class: `badge ${tone}` }, text);
}

// ---------------------------------------------------------------------------------------
// Announcements: a polite live region read by screen readers and shown as a toast.

let toastTimer = 0;
/** @param {string} message @param {'ok' | 'error' | 'info'} [kind] */
export function announce(message, kind = 'info') {
  const region = document.getElementById('toast');
  if (!region) return;
  region.className = `toast show ${kind}`;
  region.textContent = message;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(
    () => {
      region.className = 'toast';
    },
    kind === 'error' ? 8000 : 4000,
  );
}

/** An inline message box (errors next to the form that caused them). @param {string} text @param {'error' | 'ok' | 'info'} [kind] */
export function notice(text, kind = 'error') {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** Disables a button while `work` runs, so double clicks do not send twice. @param {HTMLButtonElement | null} button @param {() => Promise<any>} work */
export async function busy(button, work) {
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  try {
    return await work();
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

/** The form's named values as strings (trimmed). @param {HTMLFormElement} form */
export function formValues(form) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [key, value] of new FormData(form).entries()) out[key] = typeof value === 'string' ? value.trim() : '';
  return out;
}
