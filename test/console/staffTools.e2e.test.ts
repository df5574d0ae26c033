/**
 * Staff tools in a real browser (headless Chromium, as test/console/console.e2e.test.ts): the
 * transfer dialog offering the operators on duty; the entry editor's 待发布 change and 发布; section
 * editors sized to their content; 试一试 with the reply text; the dashboard's 直接回答 over questions
 * and 没用 beside the most answered entries. Screenshots at 1366×800 and 390×844 go to
 * test-output/console/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { staffService } from '../../src/staff/service';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { createTestApp, type TestApp } from '../support/testApp';
import { addAccount, CHROMIUM, CHROMIUM_ARGS, PASSWORD, SHOTS, webCitizen } from './support';

const DESKTOP = { width: 1366, height: 800 };
const PHONE = { width: 390, height: 844 };

describe('staff tools in headless Chromium', () => {
  let app: TestApp;
  let server: Server;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let interpreterToken: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: the console's browser tests need the Debian package chromium`);
    mkdirSync(SHOTS, { recursive: true });
    app = await createTestApp({ WENZHENG_HANDOFF_STREAM_POLL_MS: '200' });
    await staffService.create(
      app.db,
      { name: 'op-li', roles: ['operator'], password: PASSWORD, displayName: '李敏' },
      SYSTEM_ACTOR,
      app.clock.now,
    );
    await staffService.create(
      app.db,
      { name: 'op-wang', roles: ['operator'], password: PASSWORD, displayName: '王芳' },
      SYSTEM_ACTOR,
      app.clock.now,
    );
    await addAccount(app, 'op-zhou', ['operator']);
    interpreterToken = await addAccount(app, 'kb-zhao', ['interpreter']);
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await app?.close();
  });

  /** A fresh browser context on the app's clock, logged in as `name`; page errors are collected. */
  async function openAs(name: string, viewport = DESKTOP): Promise<Page & { errors: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: base });
    contexts.push(context);
    const page = (await context.newPage()) as Page & { errors: string[] };
    page.setDefaultTimeout(10_000);
    await page.clock.setFixedTime(app.clock.now);
    page.errors = [];
    page.on('pageerror', (err) => page.errors.push(String(err)));
    await page.goto('/console/');
    await page.getByLabel('账号').fill(name);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator(`#account .account-name[data-login="${name}"]`).waitFor({ state: 'attached' });
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('transfer offers the operators on duty in a select, signed-in ones first, and the citizen hears the new name', async () => {
    // op-wang is signed in to the console (a login session); op-zhou is not.
    const wang = await openAs('op-wang');
    const citizen = webCitizen(base);
    await citizen.say('转人工');
    const desktop = await openAs('op-li');
    await desktop.goto('/console/#/queue');
    await desktop.locator('.thread-card').first().getByRole('button', { name: '接入' }).click();
    await desktop.waitForURL(/#\/threads\/\d+/);
    const phone = await openAs('op-li', PHONE);
    await phone.goto(desktop.url());
    for (const [page, suffix] of [
      [desktop, 'desktop'],
      [phone, 'phone'],
    ] as const) {
      const choice = page.getByLabel('转给话务员');
      await choice.waitFor();
      expect(await choice.locator('option').allTextContents()).toEqual([
        '不指定，放回排队',
        '王芳（op-wang） · 在线 · 接待中 0',
        'op-zhou · 未登录 · 接待中 0',
      ]);
      await shot(page, `thread-transfer-${suffix}`);
    }
    await phone.getByLabel('转给话务员').selectOption('op-wang');
    await phone.getByRole('button', { name: '转接' }).click();
    await phone.waitForURL(/#\/queue/);
    expect([...desktop.errors, ...phone.errors]).toEqual([]);
    const pulled = (await citizen.pull()).map((m) => m.text);
    expect(pulled).toContain('已为您转接人工客服 王芳。');
    expect(wang.errors).toEqual([]);
  }, 60_000);

  it('keeps an edit of a published entry as 待发布 until 发布; the bot answers with the live text meanwhile', async () => {
    const desktop = await openAs('kb-zhao');
    await desktop.goto('/console/#/kb/edit/minimum-living-allowance-apply');
    const answer = desktop.getByLabel('简要答复');
    const live = await answer.inputValue();
    await answer.fill(live.replace('以家庭为单位', '可全程网上办理，以家庭为单位'));
    await desktop.getByRole('button', { name: '保存', exact: true }).click();
    await desktop.locator('.entry-status').getByText('待发布').waitFor();
    await desktop
      .locator('.draft-note')
      .getByText(/kb-zhao 于 .+ 保存了修改（改动 1 项），发布前机器人仍按第 1 版回答/)
      .waitFor();
    await shot(desktop, 'entry-draft-desktop');
    expect(await webCitizen(base).say('低保怎么申请')).not.toContain('可全程网上办理');

    // Another device opens the entry: the pending change is what it edits.
    const phone = await openAs('kb-zhao', PHONE);
    await phone.goto('/console/#/kb/edit/minimum-living-allowance-apply');
    await phone.locator('.entry-status').getByText('待发布').waitFor();
    await expect(phone.getByLabel('简要答复').inputValue()).resolves.toContain('可全程网上办理');
    await shot(phone, 'entry-draft-phone');

    await desktop.getByRole('button', { name: '发布', exact: true }).click();
    await desktop.locator('.entry-status').getByText('第 2 版').waitFor();
    expect(await desktop.locator('.entry-status').getByText('待发布').count()).toBe(0);
    expect(await webCitizen(base).say('低保怎么申请')).toContain('可全程网上办理');
    expect([...desktop.errors, ...phone.errors]).toEqual([]);
  }, 60_000);

  it('sizes the section editors to their content, growing as one types, and 试一试 shows the reply the citizen would get', async () => {
    for (const [viewport, suffix] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const page = await openAs('kb-zhao', viewport);
      await page.goto('/console/#/kb/edit/minimum-living-allowance-apply');
      const materials = page.getByLabel('申请材料');
      await materials.waitFor();
      // Every textarea shows all of its text: nothing hidden behind a scroll bar.
      const clipped = await page.evaluate<string[]>(
        `[...document.querySelectorAll('main textarea')].filter((t) => t.scrollHeight > t.clientHeight + 1).map((t) => t.name)`,
      );
      expect(clipped).toEqual([]);
      const before = (await materials.boundingBox())!.height;
      // Two rows of 1.5 line height would be about 60 px; the materials run to several lines.
      expect(before).toBeGreaterThan(80);
      await materials.press('End');
      await materials.pressSequentially('\n第二行\n第三行\n第四行');
      expect((await materials.boundingBox())!.height).toBeGreaterThan(before + 40);
      await shot(page, `entry-editor-sized-${suffix}`);

      await page.goto('/console/#/kb/try');
      await page.getByLabel('群众的问题').fill('低保怎么申请');
      await page.getByRole('button', { name: '试一试' }).click();
      const reply = page.locator('.try-result .reply-preview');
      await reply.waitFor();
      expect(await reply.innerText()).toBe(await webCitizen(base).say('低保怎么申请'));
      await shot(page, `try-reply-${suffix}`);
      expect(page.errors).toEqual([]);
    }
  }, 90_000);

  it('dashboard: 直接回答 counts questions, not form steps, and 没用 is marked beside the most answered entries', async () => {
    const filer = webCitizen(base);
    for (const line of ['我要投诉小区噪音', '是', '没有了', '西工区幸福路12号 幸福小区', '13800138000', '确认']) await filer.say(line);
    for (const verdict of ['没用', '没用']) {
      const citizen = webCitizen(base);
      await citizen.say('公积金怎么提取');
      await citizen.say(verdict);
    }
    const api = async (path: string) =>
      (await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${interpreterToken}` } })).json() as Promise<any>;
    const { questions } = await api('/api/v1/dashboard/conversations');
    expect(questions.total).toBeGreaterThan(0);
    for (const [viewport, suffix] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const page = await openAs('kb-zhao', viewport);
      await page.goto('/console/#/');
      const answered = page.locator('.tile').filter({ hasText: '直接回答' });
      await answered.waitFor();
      expect(await answered.locator('.tile-value').innerText()).toBe(`${(questions.answeredShare * 100).toFixed(0)}%`);
      expect(await answered.locator('.tile-note').innerText()).toBe(`占 ${questions.total} 个提问`);
      const top = page.locator('figure', { has: page.getByRole('heading', { name: '回答最多的条目' }) });
      await top.getByText(/住房公积金提取 \d+次（2次被评“没用”）/).waitFor();
      expect(
        await top
          .locator('svg')
          .getByText(/⚠没用2/)
          .count(),
      ).toBeGreaterThan(0);
      await shot(page, `dashboard-questions-${suffix}`);
      expect(page.errors).toEqual([]);
    }
  }, 90_000);
});
