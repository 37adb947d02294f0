// 码上监督 end to end: a citizen submits a 保密 report with a photo in the real H5 app, keeps the query code and
// secret from the receipt; staff accept, assign and reply in the real admin; the citizen looks the report up with
// code + secret, reads the reply and rates it. Everything runs against the real server and database.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { reportAction as act, staffLogin as loginAt } from '../support/admin';
import { canvasJpeg, confirmTaroModal, fileConfidentialReportInH5, fillTaro, openReportFormInH5 } from '../support/h5';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();

const REPLY = '经第一巡察组核查，反映的问题属实，已责令村委会重新公示救助名单并退回违规款项。';
const marker = `浏览器流程${Date.now().toString(36)}`;

async function citizenPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return page;
}

const staffLogin = (page: Page, username: string) => loginAt(page, env.product.baseUrl, username);

describe('report, end to end', () => {
  it('保密 report with a photo -> receipt -> 受理/交办/答复 in admin -> lookup by code, reply, rating', async () => {
    const prisma = env.product.app.db.prisma;

    // ---- citizen: 我要反映 in H5 (the device logs in by itself) ----
    const h5 = await citizenPage(env.chrome.browser);
    const pageErrors: string[] = [];
    h5.on('pageerror', (e) => pageErrors.push(String(e)));
    await openReportFormInH5(h5, env.product.baseUrl);
    const { serial, code, secret } = await fileConfidentialReportInH5(h5, {
      person: '某村会计',
      content: `${marker}：村委会发放困难群众临时救助金时未公示名单，村干部亲属违规领取。`,
      place: '某镇某村村委会',
      photo: { name: 'evidence.jpg', mimeType: 'image/jpeg', buffer: await canvasJpeg(h5) },
    });

    // ---- citizen: the receipt shows the code and secret once, and must be confirmed ----
    expect(serial).toMatch(/^JB\d{8}-\d{4}$/);
    expect(code).toMatch(/^\d{16}$/);
    expect(secret).toMatch(/^[A-Z2-9]{8}$/);
    expect(await h5.textContent('#receipt-warning')).toContain('只显示这一次');
    await h5.click('#receipt-done');
    await h5.waitForTimeout(500);
    expect(h5.url()).toContain('/pages/receipt/index');
    await h5.click('#receipt-saved');
    await h5.click('#receipt-done');
    await h5.waitForURL(/#\/pages\/track\/index/);

    // the server holds the report with its photo, and nothing of who sent it
    const stored = await prisma.report.findUniqueOrThrow({ where: { serial }, include: { attachments: true } });
    expect(stored.confidential).toBe(true);
    expect(stored.content).toContain(marker);
    expect([stored.reporterNameSealed, stored.reporterPhoneSealed, stored.reporterOpenidSealed]).toEqual([null, null, null]);
    expect(stored.attachments.map((a) => a.mime)).toEqual(['image/jpeg']);
    expect(JSON.stringify(stored)).not.toContain(code);

    // ---- staff: intake finds it in the inbox, accepts and assigns it ----
    const staffContext = await env.chrome.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const admin = await staffContext.newPage();
    await staffLogin(admin, 'intake');
    await admin.goto(`${env.product.baseUrl}/admin/reports`);
    await admin.waitForSelector('[data-testid=reports-table]');
    await admin.fill('#reports-search', serial);
    await admin.press('#reports-search', 'Enter');
    await expect.poll(async () => admin.locator('[data-testid=reports-table] .ant-table-row').count(), { timeout: 15_000 }).toBe(1);
    await admin.locator('[data-testid=report-serial]', { hasText: serial }).click();
    await expect.poll(() => admin.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已提交');
    expect(await admin.textContent('[data-testid=report-confidential]')).toBe('保密');
    expect(await admin.textContent('[data-testid=report-content]')).toContain(marker);
    expect(await admin.locator('#reveal-identity').count()).toBe(0);
    // the photo shows, decrypted by the API through a file token: the bucket holds only its ciphertext
    const photoImg = admin.locator('[data-testid=report-photos] img').first();
    await expect.poll(() => photoImg.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0)), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await photoImg.getAttribute('src')).toMatch(/^\/api\/files\/[\w-]+\.[\w-]+$/);
    const detailUrl = admin.url();

    await act(admin, 'accept', '已受理');
    await act(admin, 'assign', '已交办', async () => {
      await admin.locator('.ant-select-selector', { has: admin.locator('#action_tourGroupId') }).click();
      await admin.locator('.ant-select-item-option[title="第一巡察组"]').click();
    });
    await admin.click('#logout');
    await admin.waitForSelector('#login-submit');

    // ---- staff: the assigned tour group starts handling and replies ----
    await staffLogin(admin, 'tour1');
    await admin.goto(detailUrl);
    await expect.poll(() => admin.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已交办');
    await act(admin, 'start', '办理中');
    await act(admin, 'reply', '已答复', () => admin.fill('#action_reply', REPLY));
    await staffContext.close();

    // ---- citizen: 进度查询 with code + secret, reads the reply, rates it ----
    await h5.goto(`${env.product.baseUrl}/h5/#/pages/track/index`);
    await h5.waitForSelector('#track-submit');
    await fillTaro(h5, 'track-code', code);
    await fillTaro(h5, 'track-secret', secret);
    await h5.click('#track-submit');
    await expect.poll(() => h5.textContent('#track-status'), { timeout: 15_000 }).toBe('已答复');
    expect(await h5.textContent('#track-serial')).toBe(serial);
    expect(await h5.textContent('#track-reply')).toBe(REPLY);
    await h5.click('#rate-satisfied');
    await confirmTaroModal(h5);
    await expect.poll(() => h5.textContent('#track-status'), { timeout: 15_000 }).toBe('已办结');
    expect(await h5.textContent('#track-rating')).toContain('满意');

    const done = await prisma.report.findUniqueOrThrow({ where: { serial } });
    expect(done.status).toBe('closed');
    expect(done.rating).toBe('satisfied');
    expect(done.reply).toBe(REPLY);
    expect(pageErrors).toEqual([]);
    await h5.context().close();
  });
});
