/**
 * The interpreters' learning loop in a real browser (headless Chromium, as test/console/console.e2e.test.ts):
 * the 待审问题 page, its actions, the quality chart on the dashboard and the check before publishing.
 * Screenshots go to test-output/console/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LabelledQuestion } from '../../entities';
import { createTestApp, type TestApp } from '../support/testApp';
import { addAccount, CHROMIUM, CHROMIUM_ARGS, PASSWORD, SHOTS, webCitizen } from './support';

const DECLINED = /暂时没有找到|还是没能找到/;

describe('待审问题 in headless Chromium', () => {
  let app: TestApp;
  let server: Server;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: the console's browser tests need the Debian package chromium`);
    mkdirSync(SHOTS, { recursive: true });
    app = await createTestApp();
    await addAccount(app, 'kb-zhao', ['interpreter']);
    for (const text of ['老了每月领钱的事', '老了每月领钱的事', '小区里的流浪猫谁来管']) await webCitizen(app).say(text);
    const rephrasing = webCitizen(app);
    await rephrasing.say('分户需要带什么');
    await rephrasing.say('分户带啥材料');
    const unhelpful = webCitizen(app);
    await unhelpful.say('公积金怎么提取');
    await unhelpful.say('没用');
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.clock.setFixedTime(app.clock.now);
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto('/console/');
    await page.getByLabel('账号').fill('kb-zhao');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#account').getByText('kb-zhao').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await app?.close();
  });

  const item = (text: string) => page.locator('.review-item').filter({ has: page.getByRole('heading', { name: `“${text}”` }) });

  it('lists the groups with why they are there and what the bot did, and labels one as belonging to an entry', async () => {
    await page.getByRole('link', { name: '待审问题' }).click();
    await page.getByRole('heading', { name: '待审问题', level: 1 }).waitFor();
    const pension = item('老了每月领钱的事');
    await pension.getByText('2 次').waitFor();
    await pension.getByText('未能回答 ×2').waitFor();
    await pension.getByText('没有够得上的候选条目').waitFor();
    const householdSplit = item('分户需要带什么');
    await householdSplit.getByText('群众换了说法再问').waitFor();
    await householdSplit.getByRole('cell', { name: /公租房/ }).waitFor();
    expect(await householdSplit.locator('td.num').first().innerText()).toMatch(/^0\.\d{3}$/);
    await item('公积金怎么提取').getByText('群众反馈没用').waitFor();
    await page.screenshot({ path: join(SHOTS, 'review-queue.png'), fullPage: true });

    await pension.getByLabel('所属条目').fill('resident-pension-insurance');
    await pension.getByRole('button', { name: '归入此条目' }).click();
    await pension.waitFor({ state: 'detached' });
    expect(await webCitizen(app).say('老了每月领钱的事')).toMatch(/城乡居民基本养老保险/);
  });

  it('marks a group out of scope, and the bot declines it', async () => {
    await item('分户需要带什么').getByRole('button', { name: '不属于服务范围' }).click();
    await item('分户需要带什么').waitFor({ state: 'detached' });
    expect(await webCitizen(app).say('分户需要带什么')).toMatch(DECLINED);
  });

  it('confirms a right answer, then shows the quality chart on the dashboard', async () => {
    await item('公积金怎么提取').getByRole('button', { name: '回答正确' }).click();
    await item('公积金怎么提取').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: '总览' }).click();
    const chart = page.locator('figure.quality');
    await chart.getByRole('heading', { name: '问答质量（按周）' }).waitFor();
    await chart.getByText(/3 个已标注问题按现在的知识库：答对率 100.0%，答错率 0.0%，拒答率 100.0%/).waitFor();
    // This week, as the bot answered at the time: 老了每月领钱的事 twice unanswered then answered, 分户需要带什么
    // answered with the wrong entry then declined, 公积金怎么提取 answered: 2 of 4 right, 1 wrong of 6, 1 of 2 declined.
    const thisWeek = chart.locator('tbody tr').filter({ has: page.locator('th', { hasText: '2026-11-23' }) });
    expect(await thisWeek.locator('td').allTextContents()).toEqual(['6', '50.0%', '16.7%', '50.0%']);
    expect(await chart.locator('svg rect.q-top1').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'review-quality-chart.png'), fullPage: true });
  });

  it('before publishing, lists the labelled question an edit would break and asks for confirmation', async () => {
    await page.goto('/console/#/kb/edit/housing-fund-withdrawal');
    await page.getByLabel('生效日期').fill('');
    await page.getByLabel('失效日期').fill('2026-01-31');
    await page.getByRole('button', { name: '检查对已标注问题的影响' }).click();
    await page.locator('.impact-list li[data-impact="worse"]').filter({ hasText: '公积金怎么提取' }).waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('.entry-status').getByText('待发布').waitFor();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    const warning = page.locator('.labelled-worse');
    await warning.getByText(/公积金怎么提取/).waitFor();
    await page.screenshot({ path: join(SHOTS, 'review-publish-check.png'), fullPage: true });
    expect(await webCitizen(app).say('公积金怎么提取')).toMatch(/^【住房公积金提取/);
    await warning.getByRole('button', { name: '确认仍要提交' }).click();
    await page.locator('.entry-status').getByText('第 2 版').waitFor();
    expect(await webCitizen(app).say('公积金怎么提取')).not.toMatch(/^【住房公积金提取/);
  });

  it('新建条目 opens the editor prefilled with the group, and the new entry takes the group’s questions as its own', async () => {
    await page.goto('/console/#/kb/review');
    const cats = item('小区里的流浪猫谁来管');
    await cats.getByRole('link', { name: '新建条目' }).click();
    await page.getByRole('heading', { name: '新建条目', level: 1 }).waitFor();
    expect(await page.getByLabel('常见问法').inputValue()).toBe('小区里的流浪猫谁来管');
    expect(await page.getByLabel('标题').getAttribute('placeholder')).toBe('小区里的流浪猫谁来管');
    await page.getByLabel('标识').fill('stray-animals');
    await page.getByLabel('标题').fill('流浪动物管理');
    await page.getByLabel('简要答复').fill('小区内的流浪猫狗问题，请联系所在社区居委会或拨打12345反映。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText(/已创建草稿“流浪动物管理”，待审问题已归入此条目/).waitFor();
    expect(await app.db.dataSource.getRepository(LabelledQuestion).findOneByOrFail({ text: '小区里的流浪猫谁来管' })).toMatchObject({
      entryKey: 'stray-animals',
      verdict: 'assigned',
    });
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.locator('.entry-status').getByText('已发布').waitFor();
    await page.goto('/console/#/kb/review');
    await page.getByRole('heading', { name: '待审问题', level: 1 }).waitFor();
    // Its one group gone, nothing is left to review.
    await page.getByText('没有待审问题。').waitFor();
    expect(await webCitizen(app).say('小区里的流浪猫谁来管')).toMatch(/^【流浪动物管理】/);
    expect(errors).toEqual([]);
  });
});
