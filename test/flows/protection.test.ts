// Reporter protection end to end: a citizen files 保密 in the H5 app with a sentence that gives them away; intake
// marks it for the 交办单 and asks a question in the admin; the citizen answers through 进度查询 with code + secret;
// the report goes to the unit, whose liaison reads the masked 交办单 and neither the thread nor the answer.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reportAction as act, staffLogin as loginAt } from '../support/admin';
import { fileConfidentialReportInH5, fillTaro, openReportFormInH5 } from '../support/h5';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();

const IDENTIFYING = '我是村口开小卖部的老板娘';
const QUESTION = '请问救助金是哪一个月发放的？名单是否张贴过？';
const ANSWER = '今年九月发的，名单从来没有张贴过。';
const staffLogin = (page: Page, username: string) => loginAt(page, env.product.baseUrl, username);

describe('reporter protection, end to end', () => {
  it('保密 in H5 -> intake marks the 交办单 and asks -> the citizen answers by code -> the liaison reads it masked', async () => {
    const prisma = env.product.app.db.prisma;
    const marker = `保护流程${Date.now().toString(36)}`;

    // ---- citizen: a 保密 report in H5 ----
    const citizenContext = await env.chrome.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const h5 = await citizenContext.newPage();
    const pageErrors: string[] = [];
    h5.on('pageerror', (e) => pageErrors.push(String(e)));
    await openReportFormInH5(h5, env.product.baseUrl);
    const { serial, code, secret } = await fileConfidentialReportInH5(h5, { content: `${marker}：${IDENTIFYING}，村干部把临时救助金发给了自己的亲属。` });

    // ---- intake: accept, mark the identifying sentence, ask a question ----
    const staffContext = await env.chrome.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const admin = await staffContext.newPage();
    await staffLogin(admin, 'intake');
    const report = await prisma.report.findUniqueOrThrow({ where: { serial } });
    const detailUrl = `${env.product.baseUrl}/admin/reports/${report.id}`;
    await admin.goto(detailUrl);
    await expect.poll(() => admin.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已提交');
    await act(admin, 'accept', '已受理');

    await admin.fill('#redaction-phrase', IDENTIFYING);
    await admin.click('#redaction-add');
    await admin.click('#redaction-save');
    await expect.poll(() => admin.textContent('[data-testid=redaction-preview]'), { timeout: 15_000 }).not.toContain(IDENTIFYING);
    expect(await admin.textContent('[data-testid=redaction-preview]')).toContain('【已遮蔽】');

    await admin.fill('#thread-ask-text', QUESTION);
    await admin.click('#thread-ask-submit');
    await admin.getByTestId('thread-awaiting').waitFor({ timeout: 15_000 });
    // asking changes nothing about the report's state
    expect(await admin.textContent('[data-testid=report-status]')).toBe('已受理');

    // ---- citizen: 进度查询 by code + secret, sees the question, answers ----
    await h5.goto(`${env.product.baseUrl}/h5/#/pages/track/index`);
    await h5.waitForSelector('#track-submit');
    await fillTaro(h5, 'track-code', code);
    await fillTaro(h5, 'track-secret', secret);
    await h5.click('#track-submit');
    await h5.getByText('办理人员向您询问了情况').first().waitFor({ timeout: 15_000 });
    expect(await h5.locator('#message-thread [data-sender=staff]').first().textContent()).toContain(QUESTION);
    await fillTaro(h5, 'answer-text', ANSWER);
    await h5.click('#answer-submit');
    await expect.poll(() => h5.locator('#message-thread [data-sender=reporter]').count(), { timeout: 15_000 }).toBe(1);
    expect(await h5.locator('#message-thread [data-sender=reporter]').textContent()).toContain(ANSWER);

    // ---- intake: the answer arrives; the report goes to the liaison's unit ----
    await admin.goto(detailUrl);
    await expect.poll(() => admin.locator('[data-testid=reporter-thread] [data-sender=reporter]').count(), { timeout: 15_000 }).toBe(1);
    expect(await admin.locator('[data-testid=reporter-thread] [data-sender=reporter]').textContent()).toContain(ANSWER);
    const liaison = await prisma.staffUser.findUniqueOrThrow({ where: { username: 'liaison' }, include: { unit: true } });
    await act(admin, 'assign', '已交办', async () => {
      await admin.locator('.ant-modal .ant-radio-wrapper', { hasText: '责任单位' }).click();
      await admin.locator('.ant-select-selector', { has: admin.locator('#action_unitId') }).click();
      await admin.locator('#action_unitId').fill(liaison.unit!.name);
      await admin.locator(`.ant-select-item-option[title="${liaison.unit!.name}"]`).click();
    });
    await staffContext.close();

    // ---- liaison: the 交办单, masked, without the thread ----
    const liaisonContext = await env.chrome.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const unitPage = await liaisonContext.newPage();
    await staffLogin(unitPage, 'liaison');
    await unitPage.goto(detailUrl);
    await expect.poll(() => unitPage.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已交办');
    const content = (await unitPage.textContent('[data-testid=report-content]'))!;
    expect(content).toContain(marker);
    expect(content).toContain('【已遮蔽】');
    expect(content).not.toContain(IDENTIFYING);
    expect(await unitPage.locator('[data-testid=reporter-thread]').count()).toBe(0);
    expect(await unitPage.locator('[data-testid=handover-redactions]').count()).toBe(0);
    const page = (await unitPage.textContent('body'))!;
    expect(page).not.toContain(ANSWER);
    expect(page).not.toContain(QUESTION);
    await liaisonContext.close();

    expect(pageErrors).toEqual([]);
    await citizenContext.close();
  });
});
