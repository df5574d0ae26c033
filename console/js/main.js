// @ts-check
/**
 * The console shell: who is logged in, the navigation their roles allow, and a hash router
 * (#/queue, #/threads/12 …) so the server only ever serves one page.
 */
import { api, errorText, hooks, session } from './api.js';
import { landing, loadAccount, navigate } from './shell.js';
import { fitTextareas, h, mount } from './dom.js';
import { setTitle, watchWaiting } from './waiting.js';
import { ROLE_LABELS } from './labels.js';
import * as accounts from './pages/accounts.js';
import * as annualReport from './pages/annualReport.js';
import * as dashboard from './pages/dashboard.js';
import * as disclosureCase from './pages/disclosureCase.js';
import * as disclosureList from './pages/disclosureList.js';
import * as entry from './pages/entry.js';
import * as gaps from './pages/gaps.js';
import * as kbList from './pages/kbList.js';
import * as login from './pages/login.js';
import * as queue from './pages/queue.js';
import * as review from './pages/review.js';
import * as thread from './pages/thread.js';
import * as ticket from './pages/ticket.js';
import * as tickets from './pages/tickets.js';
import * as tryQuestion from './pages/tryQuestion.js';

/**
 * @typedef {import('./api.js').Role} Role
 * @typedef {{ params: Record<string, string>, query: URLSearchParams, signal: AbortSignal, navigate: (hash: string) => void }} PageContext
 * @typedef {{ path: string, title: string, roles?: Role[], page: { render: (root: HTMLElement, ctx: PageContext) => void | Promise<void> }, nav?: string }} Route
 */

/** @type {Route[]} */
const ROUTES = [
  { path: '/login', title: '登录', page: login },
  { path: '/', title: '总览', page: dashboard, nav: '总览' },
  { path: '/queue', title: '排队会话', roles: ['operator'], page: queue, nav: '会话排队' },
  { path: '/threads/:id', title: '会话', roles: ['operator'], page: thread },
  { path: '/tickets', title: '12345工单', roles: ['operator'], page: tickets, nav: '12345工单' },
  { path: '/tickets/:number', title: '工单详情', roles: ['operator'], page: ticket },
  { path: '/disclosure', title: '依申请公开', roles: ['disclosure_officer'], page: disclosureList, nav: '依申请公开' },
  { path: '/disclosure/report', title: '年度报表', roles: ['disclosure_officer', 'admin'], page: annualReport, nav: '年度报表' },
  { path: '/disclosure/:number', title: '申请详情', roles: ['disclosure_officer'], page: disclosureCase },
  { path: '/kb', title: '知识库', roles: ['interpreter'], page: kbList, nav: '知识库' },
  { path: '/kb/new', title: '新建条目', roles: ['interpreter'], page: entry },
  { path: '/kb/edit/:key', title: '编辑条目', roles: ['interpreter'], page: entry },
  { path: '/kb/try', title: '试一试', roles: ['interpreter'], page: tryQuestion, nav: '试一试' },
  { path: '/kb/review', title: '待审问题', roles: ['interpreter'], page: review, nav: '待审问题' },
  { path: '/kb/gaps', title: '未答问题', roles: ['interpreter'], page: gaps, nav: '未答问题' },
  { path: '/staff', title: '账号管理', roles: ['admin'], page: accounts, nav: '账号管理' },
  { path: '/staff/:name', title: '账号', roles: ['admin'], page: accounts },
];

/** @param {string} pattern @param {string} path */
function match(pattern, path) {
  const names = [];
  const re = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => (names.push(name), '([^/]+)'))}$`);
  const m = re.exec(path);
  if (!m) return null;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
}

/** @param {string} currentPath */
function renderChrome(currentPath) {
  const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
  const account = /** @type {HTMLElement} */ (document.getElementById('account'));
  if (!session.account) {
    mount(nav);
    mount(account);
    return;
  }
  const visible = ROUTES.filter((r) => r.nav && (!r.roles || session.has(...r.roles)));
  const active = (/** @type {Route} */ r) =>
    currentPath === r.path ||
    (r.path !== '/' &&
      currentPath.startsWith(`${r.path}/`) &&
      !visible.some((o) => o !== r && o.path.startsWith(`${r.path}/`) && currentPath.startsWith(o.path)));
  mount(
    nav,
    h(
      'ul',
      null,
      visible.map((r) =>
        h(
          'li',
          null,
          h(
            'a',
            { href: `#${r.path}`, 'aria-current': active(r) ? 'page' : null },
            r.nav,
            r.path === '/queue' ? h('span', { class: 'nav-count', 'data-waiting-count': '' }) : null,
          ),
        ),
      ),
    ),
  );
  mount(
    account,
    h(
      'span',
      { class: 'who' },
      h(
        'strong',
        { class: 'account-name', 'data-login': session.account.name, title: `登录名：${session.account.name}` },
        session.account.displayName ?? session.account.name,
      ),
      ' ',
      h('span', { class: 'roles' }, session.account.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'ghost',
        onclick: async () => {
          try {
            await api('POST', '/api/v1/auth/logout');
          } catch {
            // the token may have expired already: logging out locally is what matters
          }
          session.clear();
          navigate('#/login');
        },
      },
      '退出登录',
    ),
  );
}

/** @type {AbortController | null} */
let current = null;

async function route() {
  const raw = window.location.hash.startsWith('#/') ? window.location.hash.slice(1) : '/';
  const [path, queryString = ''] = raw.split('?');
  const query = new URLSearchParams(queryString);
  current?.abort();
  const controller = new AbortController();
  current = controller;

  if (!session.account && session.token) await loadAccount();
  if (!session.account && path !== '/login') {
    const next = path === '/' ? '' : `?next=${encodeURIComponent(raw)}`;
    window.location.replace(`#/login${next}`);
    return;
  }
  if (session.account && path === '/login') {
    window.location.replace(landing());
    return;
  }
  let found = null;
  for (const r of ROUTES) {
    const params = match(r.path, path);
    if (params) {
      found = { r, params };
      break;
    }
  }
  renderChrome(path);
  watchWaiting();
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  const root = h('div', { class: 'page' });
  mount(main, root);
  if (!found) {
    setTitle('页面不存在 · 问政工作台');
    mount(root, h('h1', { tabindex: '-1' }, '页面不存在'), h('p', null, h('a', { href: landing() }, '返回首页')));
    return;
  }
  const { r, params } = found;
  setTitle(`${r.title} · 问政工作台`);
  if (r.roles && !session.has(...r.roles)) {
    mount(
      root,
      h('h1', { tabindex: '-1' }, '无权访问'),
      h('p', null, `“${r.title}”需要以下角色之一：${r.roles.map((x) => ROLE_LABELS[x]).join('、')}。`),
      h('p', null, h('a', { href: landing() }, '返回首页')),
    );
    return;
  }
  try {
    await r.page.render(root, { params, query, signal: controller.signal, navigate });
  } catch (err) {
    if (controller.signal.aborted) return;
    console.error(err);
    root.append(h('p', { class: 'notice error', role: 'alert' }, `页面加载失败：${errorText(err)}`));
  }
  if (controller.signal.aborted) return;
  // Screen readers and keyboard users start on the new page's heading.
  const heading = root.querySelector('h1');
  if (heading && document.activeElement === document.body) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

hooks.onUnauthorized = () => {
  if (!window.location.hash.startsWith('#/login')) navigate('#/login');
};

document.getElementById('skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  const target = document.querySelector('#main h1') ?? document.getElementById('main');
  if (target instanceof HTMLElement) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
});

window.addEventListener('hashchange', () => void route());
fitTextareas();
void route();
