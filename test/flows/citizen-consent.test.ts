// The citizen's consent and messages, in the real H5 app: a fresh phone meets 举报须知 before its first report (the
// tick is required, the agreement is remembered with the text's version), the privacy guide is one tap away; a
// real-name report is filed, staff accept, assign and start it in the real admin, and the citizen finds each change
// in 我的 › 消息 with an unread badge that opening and 全部已读 clear.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { reportAction as act, staffLogin as loginAt } from '../support/admin';
import { fillTaro } from '../support/h5';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();
const marker = `消息流程${Date.now().toString(36)}`;

async function citizenPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return page;
}

/** Opens an H5 page on a fresh document, so pages kept from earlier navigation cannot answer a selector. */
async function open(page: Page, route: string, readyId: string) {
  await page.goto(`${env.product.baseUrl}/h5/#/pages/${route}`);
  await page.reload();
  await page.waitForSelector(`#${readyId}`, { timeout: 20_000 });
}

describe('consent and messages, end to end', () => {
  it('举报须知 before the first report; staff act on a real-name report; 消息 and its badge', async () => {
    const prisma = env.product.app.db.prisma;
    const h5 = await citizenPage(env.chrome.browser);
    const pageErrors: string[] = [];
    h5.on('pageerror', (e) => pageErrors.push(String(e)));

    // ---- 举报须知: the form waits for the tick and 同意并继续 ----
    await open(h5, 'report/index', 'consent-gate');
    expect(await h5.locator('#report-submit').count()).toBe(0);
    const notice = (await h5.textContent('#consent-gate'))!;
    for (const words of ['不与您的微信账号', '微信知道您的账号打开过本小程序', '只保存在您的这台设备上', '保存', '诬告陷害', '第二百四十三条']) {
      expect(notice, words).toContain(words);
    }
    // the retention years as staff set them, read from the server without a login
    await expect.poll(() => h5.textContent('#consent-gate')).toContain('目前为办结后 5 年');
    await h5.click('#consent-continue');
    await expect.poll(() => h5.textContent('#consent-error')).toContain('请先阅读并勾选');
    expect(await h5.locator('#report-submit').count()).toBe(0);
    await h5.click('#consent-agree');
    expect(await h5.getAttribute('#consent-agree', 'aria-checked')).toBe('true');
    await h5.click('#consent-continue');
    await h5.waitForSelector('#report-submit');
    const stored = await h5.evaluate(() => Object.entries(localStorage).find(([k]) => k.includes('msjd.reportNoticeConsent'))?.[1] ?? null);
    expect(stored).toContain('"version"');

    // the agreement is remembered on this device: the form opens directly next time
    await open(h5, 'report/index', 'report-submit');
    expect(await h5.locator('#consent-gate').count()).toBe(0);

    // the privacy guide is one tap away from the form
    await h5.click('#report-privacy');
    await h5.waitForSelector('#privacy-title');
    expect(await h5.textContent('#privacy-title')).toContain('用户隐私保护指引');
    for (const title of ['谁在处理您的信息', '保存多久', '您的权利', '联系我们']) expect(await h5.textContent('body')).toContain(title);

    // ---- a real-name report ----
    await open(h5, 'report/index', 'report-submit');
    await expect.poll(() => h5.textContent('#report-category'), { timeout: 15_000 }).not.toContain('正在加载');
    await h5.click('#report-category');
    await h5.getByText('确定', { exact: true }).click();
    await fillTaro(h5, 'report-content', `${marker}：村委会发放临时救助金时未公示名单，村干部亲属违规领取。`);
    await h5.click('#report-realname');
    await fillTaro(h5, 'report-name', '王某');
    await fillTaro(h5, 'report-phone', '13900001234');
    await h5.click('#report-submit');
    await h5.waitForSelector('#receipt-serial', { timeout: 30_000 });
    const serial = (await h5.textContent('#receipt-serial'))!.trim();
    expect(serial).toMatch(/^JB\d{8}-\d{4}$/);
    await h5.click('#receipt-done');
    await h5.waitForURL(/#\/pages\/track\/index/);

    // before staff act: no message, no badge
    await open(h5, 'mine/index', 'mine-messages');
    await expect.poll(() => h5.textContent('#mine-status'), { timeout: 15_000 }).toBe('已登录');
    expect(await h5.locator('#mine-messages-badge').count()).toBe(0);

    // ---- staff: intake accepts and assigns, the tour group starts handling ----
    const staffContext = await env.chrome.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const admin = await staffContext.newPage();
    await loginAt(admin, env.product.baseUrl, 'intake');
    const report = await prisma.report.findUniqueOrThrow({ where: { serial } });
    expect(report.confidential).toBe(false);
    const detailUrl = `${env.product.baseUrl}/admin/reports/${report.id}`;
    await admin.goto(detailUrl);
    await expect.poll(() => admin.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已提交');
    await act(admin, 'accept', '已受理');
    await act(admin, 'assign', '已交办', async () => {
      await admin.locator('.ant-select-selector', { has: admin.locator('#action_tourGroupId') }).click();
      await admin.locator('.ant-select-item-option[title="第一巡察组"]').click();
    });
    await admin.click('#logout');
    await admin.waitForSelector('#login-submit');
    await loginAt(admin, env.product.baseUrl, 'tour1');
    await admin.goto(detailUrl);
    await expect.poll(() => admin.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已交办');
    await act(admin, 'start', '办理中');
    await staffContext.close();

    // ---- citizen: 我的 shows three unread, on the entry and on the tab ----
    await open(h5, 'mine/index', 'mine-messages');
    await expect.poll(() => h5.textContent('#mine-messages-badge'), { timeout: 15_000 }).toBe('3 条未读');
    await expect.poll(() => h5.textContent('.taro-tabbar-badge')).toBe('3');
    await h5.click('#mine-messages');
    await h5.waitForSelector('#messages-list', { timeout: 15_000 });
    expect(await h5.textContent('#messages-unread')).toBe('3 条未读');
    const titles = await h5.locator('#messages-list .messages__title').allTextContents();
    expect(titles).toEqual([`反映 ${serial} 办理中`, `反映 ${serial} 已交办`, `反映 ${serial} 已受理`]);
    expect(await h5.locator('#messages-list .messages__unread').count()).toBe(3);
    expect(await h5.textContent('#messages-list')).not.toContain('13900001234');

    // opening the newest marks it read and shows the report on 进度查询
    await h5.locator('#messages-list .messages__item').first().click();
    await h5.waitForURL(/#\/pages\/track\/index/);
    await expect.poll(() => h5.locator('#track-status:visible').textContent(), { timeout: 15_000 }).toBe('办理中');
    await open(h5, 'mine/index', 'mine-messages');
    await expect.poll(() => h5.textContent('#mine-messages-badge'), { timeout: 15_000 }).toBe('2 条未读');

    // 全部已读 clears the badge
    await h5.click('#mine-messages');
    await h5.waitForSelector('#messages-read-all', { timeout: 15_000 });
    await h5.click('#messages-read-all');
    await expect.poll(() => h5.textContent('#messages-unread')).toBe('没有未读消息');
    await open(h5, 'mine/index', 'mine-messages');
    await expect.poll(() => h5.textContent('#mine-status'), { timeout: 15_000 }).toBe('已登录');
    await h5.waitForTimeout(500);
    expect(await h5.locator('#mine-messages-badge').count()).toBe(0);
    expect(await h5.locator('.taro-tabbar-badge').count()).toBe(0);

    const rows = await prisma.outbox.findMany({ where: { reportId: report.id } });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.readAt !== null)).toBe(true);
    expect(pageErrors).toEqual([]);
    await h5.context().close();
  });
});
