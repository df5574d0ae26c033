/**
 * The staff console in a real browser: headless Chromium (Debian package, /usr/bin/chromium)
 * driven by playwright-core against the app on a real socket. A simulated citizen chats over the
 * web channel at the same time. Screenshots of the main pages go to test-output/console/.
 *
 * The app's clock is Wednesday 25 November 2026, 10:00 in Shanghai; the browser's clock is set to
 * the same instant so "due soon" reads as it would that morning.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { staffService } from '../../src/staff/service';
import { createTestApp, type TestApp } from '../support/testApp';
import { addAccount, CHROMIUM, CHROMIUM_ARGS, PASSWORD, seedActivity, SHOTS, webCitizen } from './support';

const LAPTOP = { width: 1366, height: 900 };
const TABLET = { width: 820, height: 1180 };
const DESKTOP = { width: 1366, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Polls until `check` returns something truthy (the citizen's side has no event stream). */
async function eventually<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the staff console in headless Chromium', () => {
  let app: TestApp;
  let server: Server;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let officerToken: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: the console's browser tests need the Debian packages chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run installs them)`,
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    app = await createTestApp({ WENZHENG_HANDOFF_STREAM_POLL_MS: '200' });
    await addAccount(app, 'op-li', ['operator']);
    await addAccount(app, 'kb-zhao', ['interpreter']);
    officerToken = await addAccount(app, 'gk-wang', ['disclosure_officer']);
    await addAccount(app, 'admin-chen', ['admin']);
    await seedActivity(app, officerToken);
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // launch() runs Chromium on a fresh temporary profile, removed when the browser closes.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await app?.close();
  });

  /** A fresh browser context (its own session storage), on the app's clock, logged in as `name`. */
  async function openAs(name: string | null, viewport = LAPTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: base });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.clock.setFixedTime(app.clock.now);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) errors.push(msg.text());
    });
    (page as Page & { errors: string[] }).errors = errors;
    await page.goto('/console/');
    if (name) {
      await page.getByLabel('账号').fill(name);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      // Attached, not visible: a phone's compact header leaves the name out.
      await page.locator(`#account .account-name[data-login="${name}"]`).waitFor({ state: 'attached' });
    }
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;

  /** Every form control on the page has an accessible name (a <label>, or aria-label). */
  async function expectLabelled(page: Page) {
    // Runs in the page (the project's TypeScript has no DOM types, so it is written as a string).
    const unlabelled = await page.evaluate<string[]>(`[...document.querySelectorAll('main input, main select, main textarea')]
      .filter((el) => el.type !== 'hidden')
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => el.outerHTML.slice(0, 120))`);
    expect(unlabelled).toEqual([]);
  }

  /**
   * Text contrast (WCAG AA): every element with its own text, against the nearest opaque
   * background, reaches 4.5:1 (3:1 for large text). SVG charts are checked through their colours' tables.
   */
  async function expectContrast(page: Page) {
    const failures = await page.evaluate<string[]>(`(() => {
      const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const [r, g, b, a = 1] = m[1].split(',').map(Number); return { r, g, b, a }; };
      const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
      const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
      const background = (el) => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
      const out = [];
      for (const el of document.querySelectorAll('body *')) {
        if (el.closest('svg, option, .toast') || !el.checkVisibility?.()) continue;
        if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
        const style = getComputedStyle(el);
        if (el.disabled || el.matches('input::placeholder')) continue;
        const fg = parse(style.color);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const r = ratio(fg, background(el));
        if (r < (large ? 3 : 4.5)) out.push(el.tagName + '.' + el.className + ' "' + el.textContent.trim().slice(0, 20) + '" ' + r.toFixed(2));
      }
      return out;
    })()`);
    expect(failures).toEqual([]);
  }

  it('logs in with the staff account: the login page, keyboard only, and a wrong password', async () => {
    const page = await openAs(null);
    await page.waitForURL(/#\/login/);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect(page.title()).resolves.toBe('登录 · 问政工作台');
    await expectLabelled(page);
    await expectContrast(page);
    await shot(page, 'login');

    // Keyboard only: the name field has focus, Tab moves to the password, Enter submits.
    await page.getByLabel('账号').waitFor();
    expect(await page.evaluate('document.activeElement.name')).toBe('name');
    await page.keyboard.type('op-li');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('账号或密码不正确');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/queue/);
    // The navigation follows the roles: an operator sees the queue and tickets, not the knowledge base.
    const nav = await page.locator('#nav a').allTextContents();
    expect(nav).toEqual(['总览', '会话排队', '12345工单']);
    await page.goto('/console/#/kb');
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    expect(errorsOf(page)).toEqual([]);
  }, 30_000);

  it('operator: the queue updates live while a citizen chats, takes the thread over, replies, and the reply reaches the citizen', async () => {
    const page = await openAs('op-li');
    await page.waitForURL(/#\/queue/);
    await page.getByText('● 实时更新中').waitFor();
    await expect(page.locator('#waiting-title').textContent()).resolves.toContain('(0)');

    // The citizen chats over the web channel meanwhile; the bot cannot help and they ask for a person.
    const citizen = webCitizen(base);
    expect(await citizen.say('我想问一下那个东西怎么弄')).toMatch(/暂时没有找到|没有找到/);
    expect(await citizen.say('转人工')).toContain('正在为您转接人工客服');

    // No reload: the event stream brings the thread into the queue.
    const card = page.locator('.thread-card', { hasText: '那个东西' });
    await card.waitFor({ timeout: 5000 });
    await page
      .locator('#toast')
      .getByText(/新的群众等待接入：会话 #\d+/)
      .waitFor();
    await expect(card.textContent()).resolves.toContain('机器人连续 1 次未答上');
    await expectLabelled(page);
    await expectContrast(page);
    await shot(page, 'queue');

    await card.getByRole('button', { name: '接入' }).click();
    await page.waitForURL(/#\/threads\/\d+/);
    await page.getByRole('heading', { name: /会话 #\d+ 接管中/ }).waitFor();
    // The transcript with the bot's attempt before the request.
    const transcript = page.locator('ol.transcript');
    await transcript.getByText('我想问一下那个东西怎么弄').waitFor();
    expect(await transcript.locator('li.msg.bot.attempt').count()).toBeGreaterThanOrEqual(1);
    await eventually(
      async () =>
        (await citizen.pull()).find((m) => m.author === 'system' && m.text.includes('人工客服已接入') && !m.text.includes('op-li')),
      'the takeover notice',
    );

    await page.getByLabel('回复群众').fill('您好，我是话务员小李，请问具体是哪个小区？');
    await page.getByRole('button', { name: '发送' }).click();
    await transcript.getByText('您好，我是话务员小李，请问具体是哪个小区？').waitFor();
    const reached = await eventually(
      async () => (await citizen.pull()).find((m) => m.author === 'operator'),
      "the operator's reply at the citizen",
    );
    expect(reached.text).toBe('您好，我是话务员小李，请问具体是哪个小区？');

    // The citizen answers; the bot stays silent and the words appear in the operator's transcript live.
    expect(await citizen.say('幸福家园小区东门，电话13800138000')).toBe('');
    await transcript.getByText('幸福家园小区东门，电话138****8000').waitFor({ timeout: 5000 });
    await expectLabelled(page);
    await shot(page, 'thread');

    // A 12345 ticket from the thread, then its page with the state flow; dispatch it.
    await page.getByLabel('类别').selectOption('complaint');
    await page.getByLabel('诉求内容').fill('幸福家园小区东门共享单车堆积，影响通行');
    // The same validation as the chat intake: a complaint needs a place and a phone number.
    await page.getByRole('button', { name: '创建12345工单' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/地点.*联系电话/);
    await page.getByLabel('地点').fill('西工区幸福家园小区东门');
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByRole('button', { name: '创建12345工单' }).click();
    const ticketLink = page.getByRole('link', { name: /查看工单 12345-2026-\d+/ });
    await ticketLink.waitFor();
    await ticketLink.click();
    await page.waitForURL(/#\/tickets\/12345-2026-\d+/);
    await page.locator('.stepper li[aria-current="step"]', { hasText: '受理' }).waitFor();
    await page.getByRole('button', { name: '派单', exact: true }).click();
    await page.locator('.stepper li[aria-current="step"]', { hasText: '派单' }).waitFor();
    await page.locator('ol.timeline').getByText('派单', { exact: true }).waitFor();
    await expectLabelled(page);
    await expectContrast(page);
    await shot(page, 'ticket');

    // The ticket list highlights the overdue seeded ticket.
    await page.getByRole('link', { name: '12345工单' }).click();
    await page.locator('tr.row-overdue').first().waitFor();
    expect(await page.locator('tr.row-overdue').first().textContent()).toContain('已超期');
    await shot(page, 'tickets');

    // Back in the thread: give it back to the bot, which answers again.
    await page.goBack();
    await page.goBack();
    await page.getByRole('button', { name: '结束接待，交还机器人' }).click();
    // Released: the page goes back to the queue.
    await page.waitForURL(/#\/queue$/);
    await page.getByRole('heading', { name: '会话排队' }).waitFor();
    expect(await citizen.say('低保咋申请')).toContain('最低生活保障');
    expect(errorsOf(page)).toEqual([]);
  }, 45_000);

  it('interpreter: edits and publishes an entry, tries it, and the bot answers with the new text', async () => {
    const page = await openAs('kb-zhao');
    await page.waitForURL(/#\/kb$/);
    await page.getByRole('heading', { name: '知识库' }).waitFor();
    await page.getByLabel('搜索').fill('低保');
    await page.getByRole('button', { name: '查找' }).click();
    await page
      .getByRole('link', { name: /最低生活保障/ })
      .first()
      .waitFor();

    // The unanswered questions show what to write: dog licences were asked twice.
    await page.getByRole('link', { name: '未答问题' }).click();
    const gap = page.locator('li.gap', { hasText: '养狗要办证吗' });
    await gap.waitFor();
    await gap.getByRole('link', { name: '据此新建条目' }).click();
    await page.waitForURL(/#\/kb\/new/);
    await expect(page.getByLabel('常见问法').inputValue()).resolves.toContain('养狗要办证吗');

    await page.getByLabel('标识').fill('dog-registration');
    await page.getByLabel('类型').selectOption('guide');
    await page.getByLabel('标题').fill('养犬登记');
    await page.getByLabel('常见问法').fill('养狗要办证吗\n养狗怎么办证\n狗证在哪里办');
    await page.getByLabel('关键词').fill('养犬登记、狗证、养狗');
    await page
      .getByLabel('简要答复')
      .fill('在城区养犬须办理养犬登记证：带身份证、犬只免疫证明到所在辖区派出所办理，首次登记费用按本市规定执行。');
    await page.getByLabel('申请材料').fill('养犬人身份证；犬只狂犬病免疫证明；犬只照片。');
    await page.getByLabel('主管部门').fill('市公安局');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/#\/kb\/edit\/dog-registration/);
    await page.locator('.entry-status').getByText('草稿').waitFor();

    // Try it before publishing (drafts included): the decision, the entry, the section, the score.
    await page.getByLabel('群众的问题').fill('养狗要办证吗');
    await page.getByRole('button', { name: '试一试' }).click();
    const result = page.locator('.try-result');
    await result.getByText('直接回答').waitFor();
    await result.getByText('就是本条目').waitFor();
    expect(await result.locator('meter').first().getAttribute('value')).toMatch(/^(0\.\d+|1)$/);

    // Publish: the bot answers with it.
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.locator('.entry-status').getByText('已发布').waitFor();
    expect(await webCitizen(base).say('养狗要办证吗')).toContain('带身份证、犬只免疫证明到所在辖区派出所办理');

    // Edit the published entry: a change waiting to be published (待发布); the bot answers with the new text once it is.
    await page
      .getByLabel('简要答复')
      .fill('养犬须办理养犬登记证：可在“城市服务”小程序网上办理，或到辖区派出所办理，材料为身份证和犬只免疫证明。');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('.entry-status').getByText('待发布').waitFor();
    expect(await webCitizen(base).say('养狗要办证吗')).not.toContain('可在“城市服务”小程序网上办理');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.locator('.entry-status').getByText('第 3 版').waitFor();
    expect(await webCitizen(base).say('养狗要办证吗')).toContain('可在“城市服务”小程序网上办理');

    // The version history shows the change as a diff.
    const v3 = page.locator('ol.versions li[data-version="3"]');
    await v3.locator('summary').click();
    await v3.locator('ins').first().waitFor();
    expect(await v3.locator('h4').allTextContents()).toContain('简要答复');
    await page.locator('ol.versions li[data-version="2"] summary').click();
    await expectLabelled(page);
    await expectContrast(page);
    await shot(page, 'entry-editor');

    // Restore version 2 (the published first text): a change to publish, then version 4.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '恢复第 2 版的内容' }).click();
    await page.locator('.entry-status').getByText('待发布').waitFor();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.locator('.entry-status').getByText('第 4 版').waitFor();
    await expect(page.getByLabel('简要答复').inputValue()).resolves.toContain('带身份证、犬只免疫证明到所在辖区派出所办理');
    expect(await webCitizen(base).say('养狗要办证吗')).toContain('带身份证、犬只免疫证明到所在辖区派出所办理');
    expect(errorsOf(page)).toEqual([]);
  }, 45_000);

  it('disclosure officer: the case list with working-day deadlines and the calendar flag, a case action, the annual report', async () => {
    const page = await openAs('gk-wang');
    await page.waitForURL(/#\/disclosure$/);
    await page.getByRole('heading', { name: '依申请公开' }).waitFor();
    const overdue = page.locator('tr.row-overdue');
    await overdue.first().waitFor();
    expect(await overdue.first().textContent()).toContain('已逾期');
    await page.locator('tr.row-soon').first().waitFor();
    await expectLabelled(page);

    // Extend the request received on 24 November by 20 working days: the deadline runs past the calendar.
    await page
      .getByRole('link', { name: /YSQ\d+/ })
      .first()
      .click();
    await page.waitForURL(/#\/disclosure\/YSQ\d+/);
    await page.getByRole('heading', { name: '期限（工作日）' }).waitFor();
    await page.locator('details.action summary', { hasText: '延期答复' }).click();
    await page.getByLabel('批准人').fill('办公室主任 刘');
    await page.getByLabel('延期理由').fill('涉及多个项目，需要汇总整理');
    await page.locator('details.action[open] button[type=submit]').click();
    await page.getByText('已延长 20 个工作日').waitFor();
    await page.locator('.page-head').getByText('期限超出节假日日历').waitFor();
    await expectLabelled(page);
    await expectContrast(page);
    await shot(page, 'disclosure-case');

    await page.getByRole('link', { name: '← 返回申请列表' }).click();
    await page.locator('td', { hasText: '超出日历' }).first().waitFor();
    await shot(page, 'disclosure-list');

    // The annual report, laid out as the national template.
    await page.getByRole('link', { name: '年度报表' }).click();
    await page.getByRole('heading', { name: '三、收到和处理政府信息公开申请情况' }).waitFor();
    const table3 = page.locator('table.table3');
    await table3.getByText('本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和').waitFor();
    const newRow = table3.locator('tr[data-row="new"] td');
    expect(await newRow.allTextContents()).toEqual(['5', '0', '0', '0', '0', '0', '5']);
    expect(await table3.locator('tr[data-row="outcome.withheld.thirdPartyRights"] td').last().textContent()).toBe('1');
    expect(await table3.locator('th[rowspan="8"]').textContent()).toBe('（三）不予公开');
    expect(await page.locator('table.table4 tbody td').count()).toBe(15);
    await shot(page, 'annual-report');
    expect(errorsOf(page)).toEqual([]);
  }, 30_000);

  it('admin: creates an account with its token shown once, changes its roles, resets its password and disables it', async () => {
    const page = await openAs('admin-chen');
    await page.getByRole('link', { name: '账号管理' }).click();
    await page.getByRole('heading', { name: '账号管理' }).waitFor();
    await page.locator('td', { hasText: 'op-li' }).waitFor();

    await page.locator('details.action summary', { hasText: '新建账号' }).click();
    await page.getByLabel('账号', { exact: true }).fill('op-new');
    await page.getByLabel('姓名').fill('新话务员');
    await page.getByLabel('初始密码').fill('short');
    await page.getByLabel('话务员').check();
    await page.getByRole('button', { name: '新建账号' }).click();
    // The browser refuses the short password itself; with a long one the server creates the account.
    expect(await page.locator('code.token').count()).toBe(0);
    await page.getByLabel('初始密码').fill('a-new-operator-password');
    await page.getByRole('button', { name: '新建账号' }).click();
    const token = (await page.locator('code.token').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(20);
    const me = await fetch(`${base}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { name: string }).name).toBe('op-new');
    await page.getByRole('link', { name: 'op-new' }).waitFor();
    // Personal data stays masked in the list.
    expect(await page.locator('tr', { hasText: 'op-new' }).textContent()).not.toContain('新话务员');
    await expectLabelled(page);
    await expectContrast(page);
    await shot(page, 'accounts');

    await page.getByRole('link', { name: 'op-new' }).click();
    await page.getByRole('heading', { name: /账号 op-new/ }).waitFor();
    await page.getByLabel('政策解读员').check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    await page.getByLabel('新密码').fill('another-long-password');
    await page.getByRole('button', { name: '重置密码' }).click();
    await page.getByText('密码已重置').waitFor();
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'op-new', password: 'another-long-password' }),
    });
    expect(((await login.json()) as { account: { roles: string[] } }).account.roles.sort()).toEqual(['interpreter', 'operator']);

    await page.getByRole('button', { name: '停用账号' }).click();
    await page.locator('.page-head').getByText('已停用').waitFor();
    expect((await fetch(`${base}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    await expectLabelled(page);
    await expectContrast(page);
    await shot(page, 'account');

    // The last admin cannot disable itself: the server says why.
    await page.goto('/console/#/staff/admin-chen');
    await page.getByRole('button', { name: '停用账号' }).click();
    await page.getByRole('alert').waitFor();
    expect(errorsOf(page)).toEqual([]);
  }, 30_000);

  it('admin: the dashboard charts every section, on a laptop and on a tablet', async () => {
    const page = await openAs('admin-chen');
    await page.waitForURL(/#\/$/);
    for (const title of [
      '每日群众消息',
      '处理结果占比',
      '回答最多的条目',
      '未答问题热点',
      '12345热线“三率”（按承办部门）',
      '依申请公开：按状态',
      '依申请公开：办理期限',
    ]) {
      await page.getByRole('heading', { name: title }).waitFor();
    }
    const charts = page.locator('figure.chart-card svg[role="img"]');
    expect(await charts.count()).toBe(7);
    expect(await page.locator('figure.chart-card').first().locator('svg rect').count()).toBeGreaterThan(10);
    // Each chart has its numbers in a table as well.
    expect(await page.locator('figure.chart-card details table').count()).toBe(7);
    await expectLabelled(page);
    await expectContrast(page);
    await shot(page, 'dashboard');

    const tablet = await openAs('admin-chen', TABLET);
    await tablet.getByRole('heading', { name: '每日群众消息' }).waitFor();
    await shot(tablet, 'dashboard-tablet');
    expect([...errorsOf(page), ...errorsOf(tablet)]).toEqual([]);
  }, 30_000);
  /** Screenshots of a page at the desktop and phone sizes the staff use (DESKTOP is the page already open). */
  async function shotBothSizes(page: Page, name: string, path: string, ready: (p: Page) => Promise<unknown>) {
    await shot(page, `${name}-desktop`);
    const phone = await openAs(await page.locator('#account .account-name').getAttribute('data-login'), PHONE);
    await phone.goto(`/console/${path}`);
    await ready(phone);
    await shot(phone, `${name}-phone`);
    expect(errorsOf(phone)).toEqual([]);
  }

  it('overdue: each limit has its own state, and the list, the ticket page and the dashboard tile agree', async () => {
    // Accepted on Monday and never dispatched: its sign-for limit (end of Tuesday) passed, its 办结 limit runs to 30 November.
    const appeal = {
      category: 'help',
      urgency: 'normal',
      content: '小区门口井盖缺失',
      location: '西工区',
      phone: '13800138000',
      anonymous: false,
    };
    const number = (
      await app.db.transaction((tx) =>
        app.hotline.openTicket(
          tx,
          appeal,
          { channel: 'webchat', citizenId: 'e2e-overdue', conversationId: null, via: 'form' },
          new Date('2026-11-23T09:00:00+08:00'),
        ),
      )
    ).number;

    const page = await openAs('op-li', DESKTOP);
    await page.goto('/console/#/tickets');
    const row = page.locator('table.data tbody tr', { has: page.getByRole('link', { name: number }) });
    await row.waitFor();
    const cells = row.locator('td');
    await expect(cells.nth(4).textContent()).resolves.toContain('已超期');
    await expect(cells.nth(5).textContent()).resolves.not.toContain('已超期');
    const listed = Number((await page.locator('.result-count .badge').textContent())?.match(/(\d+) 件已超期/)?.[1]);
    expect(listed).toBeGreaterThanOrEqual(2);

    await page.goto('/console/#/');
    const tile = page.locator('.tile', { hasText: '超期工单' });
    await tile.waitFor();
    expect(Number(await tile.locator('.tile-value').textContent())).toBe(listed);

    await page.goto(`/console/#/tickets/${number}`);
    await page.getByRole('heading', { name: `工单 ${number}` }).waitFor();
    await expect(page.locator('.page-head').textContent()).resolves.toContain('签收已超期');
    await expect(page.locator('.page-head').textContent()).resolves.not.toContain('办结已超期');
    const resolveRow = page.locator('dl.details dt:text-is("办结时限") + dd');
    await expect(resolveRow.textContent()).resolves.not.toContain('已超期');
    await shotBothSizes(page, 'ticket-overdue', `#/tickets/${number}`, (p) => p.getByRole('heading', { name: `工单 ${number}` }).waitFor());

    // Dispatched, the next step (签收) is the first and only primary action; 改派 follows, secondary.
    await page.getByRole('button', { name: '派单', exact: true }).click();
    await page.getByRole('button', { name: '部门已签收' }).waitFor();
    const buttons = page.locator('.action-form button[type=submit]');
    expect(await buttons.first().textContent()).toBe('部门已签收');
    expect(await page.locator('.action-form button.primary').allTextContents()).toEqual(['部门已签收']);
    expect(await page.getByRole('button', { name: '改派' }).getAttribute('class')).not.toContain('primary');
    expect(errorsOf(page)).toEqual([]);
  }, 60_000);
  it('labels, not codes: history in Chinese, the display name in the top bar, spent actions gone, the request beside its correction', async () => {
    await staffService.create(
      app.db,
      { name: 'op-zhou', roles: ['operator'], displayName: '周敏', password: PASSWORD },
      SYSTEM_ACTOR,
      app.clock.now,
    );
    const page = await openAs(null, DESKTOP);
    await page.getByLabel('账号').fill('op-zhou');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.locator('#account .account-name').textContent()).resolves.toBe('周敏');

    // A ticket the citizen filed: its history names 市民, and 受理 is not followed by "→ 已受理".
    const { tickets } = (await (
      await fetch(`${base}/api/v1/tickets?status=accepted`, {
        headers: { Authorization: `Bearer ${await addAccount(app, 'op-api', ['operator'])}` },
      })
    ).json()) as { tickets: { number: string }[] };
    const number = tickets[0].number;
    await page.goto(`/console/#/tickets/${number}`);
    const history = page.locator('#ticket-history').locator('..');
    await history.getByText('市民').first().waitFor();
    const historyText = await history.textContent();
    expect(historyText).not.toMatch(/citizen|→ 已受理/);

    // A request with a correction and its one extension, as an officer sees it.
    const officer = (path: string, body: object) =>
      fetch(`${base}/api/v1/disclosure/requests${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${officerToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ number: string }>);
    const filed = await officer('', {
      channel: 'inPerson',
      receivedOn: '2026-11-20',
      application: {
        applicantType: 'naturalPerson',
        name: '李四',
        identity: { kind: 'residentId', number: '11010519491231002X' },
        phone: '13800138000',
        address: '西工区幸福路1号',
        description: '城东片区的征收补偿方案',
        form: 'paper',
        delivery: 'post',
        agency: 'housing',
      },
    });
    await officer(`/${filed.number}/correction-notice`, { items: '请说明地块名称', on: '2026-11-23' });
    await officer(`/${filed.number}/correction`, { on: '2026-11-24', description: '城东片区3号地块2026年的征收补偿方案' });
    await officer(`/${filed.number}/extension`, { workingDays: 10, approver: '办公室主任', reason: '需要调取档案', on: '2026-11-25' });
    const gk = await openAs('gk-wang', DESKTOP);
    await gk.goto(`/console/#/disclosure/${filed.number}`);
    await gk.getByRole('heading', { name: '原申请' }).waitFor();
    await gk.getByText('城东片区的征收补偿方案', { exact: true }).waitFor();
    await gk.getByText('城东片区3号地块2026年的征收补偿方案', { exact: true }).first().waitFor();
    await gk.getByRole('heading', { name: '补正（2026-11-24）' }).waitFor();
    expect(await gk.locator('details.action summary', { hasText: '延期答复' }).count()).toBe(0);
    expect(await gk.locator('details.action summary', { hasText: '补正通知' }).count()).toBe(0);
    await shotBothSizes(gk, 'disclosure-correction', `#/disclosure/${filed.number}`, (p) =>
      p.getByRole('heading', { name: '原申请' }).waitFor(),
    );
    await shotBothSizes(page, 'ticket-history', `#/tickets/${number}`, (p) => p.locator('ol.timeline').getByText('市民').first().waitFor());
    expect([...errorsOf(page), ...errorsOf(gk)]).toEqual([]);
  }, 60_000);
  it('operators: the waiting count on every page, a toast and the title on a new wait, long waits marked against the target', async () => {
    const page = await openAs('op-li', DESKTOP);
    await page.goto('/console/#/tickets');
    await page.getByRole('heading', { name: '12345工单' }).waitFor();
    const before = Number((await page.locator('#nav [data-waiting-count]').textContent()) || 0);

    const citizen = webCitizen(base);
    expect(await citizen.say('转人工')).toContain('正在为您转接人工客服');
    // Off the queue page: the count beside 会话排队, a toast and the window title.
    await page.locator('#nav [data-waiting-count]', { hasText: new RegExp(`^${before + 1}$`) }).waitFor();
    await page.locator('#toast', { hasText: '新的群众等待接入' }).waitFor();
    expect(await page.title()).toBe(`(${before + 1}) 12345工单 · 问政工作台`);

    // Past the target (WENZHENG_HANDOFF_WAIT_TARGET_SECONDS, default 60 s) the wait is marked.
    app.clock.advance(2 * 60_000);
    await page.goto('/console/#/queue');
    const long = page.locator('.thread-card.long-wait').first();
    await long.waitFor();
    await expect(long.textContent()).resolves.toMatch(/已等待 \d+分.*（超过 1分 目标）/);
    await page.goto('/console/#/');
    const tile = page.locator('.tile', { hasText: '等待接入' });
    await tile.waitFor();
    expect(Number(await tile.locator('.tile-value').textContent())).toBe(before + 1);
    await expect(tile.textContent()).resolves.toContain('已超过等待目标');
    await page.goto('/console/#/queue');
    await long.waitFor();
    await shotBothSizes(page, 'queue-waiting', '#/queue', (p) => p.locator('.thread-card.long-wait').first().waitFor());
    expect(errorsOf(page)).toEqual([]);
  }, 60_000);
  it('phone (390×844): a compact header, navigation on one line, ticket and disclosure lists as cards', async () => {
    const both = await openAs(null, PHONE);
    await staffService.create(
      app.db,
      { name: 'op-gk', roles: ['operator', 'disclosure_officer'], password: PASSWORD },
      SYSTEM_ACTOR,
      app.clock.now,
    );
    await both.getByLabel('账号').fill('op-gk');
    await both.getByLabel('密码').fill(PASSWORD);
    await both.getByRole('button', { name: '登录' }).click();
    await both.locator('#account .account-name[data-login="op-gk"]').waitFor({ state: 'attached' });
    for (const [path, name] of [
      ['#/tickets', 'tickets-phone'],
      ['#/disclosure', 'disclosure-phone'],
    ] as const) {
      await both.goto(`/console/${path}`);
      const card = both.locator('table.data.cards tbody tr').first();
      await card.waitFor();
      // The header is one line, every navigation label on one line, nothing wider than the screen.
      expect((await both.locator('header.topbar').boundingBox())!.height).toBeLessThan(60);
      for (const box of await both
        .locator('#nav a')
        .evaluateAll((links) => links.map((a) => (a as unknown as { offsetHeight: number }).offsetHeight)))
        expect(box).toBeLessThan(45);
      expect(await both.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      // A card: number and state on top, the summary and the deadline below; the table head is hidden.
      expect(await both.locator('table.data.cards thead').isVisible()).toBe(false);
      expect(await card.locator('th a').isVisible()).toBe(true);
      expect(await card.locator('td.card-state').isVisible()).toBe(true);
      expect(await card.locator('td.card-summary').isVisible()).toBe(true);
      expect(await card.locator('td[data-label]').first().isVisible()).toBe(true);
      expect(await card.locator('td.card-minor').first().isVisible()).toBe(false);
      await shot(both, name);
    }
    const desktop = await openAs('op-gk', DESKTOP);
    await desktop.goto('/console/#/tickets');
    await desktop.locator('table.data thead').waitFor();
    await shot(desktop, 'tickets-desktop');
    await desktop.goto('/console/#/disclosure');
    await desktop.locator('table.data thead').waitFor();
    await shot(desktop, 'disclosure-desktop');
    expect([...errorsOf(both), ...errorsOf(desktop)]).toEqual([]);
  }, 60_000);
});
