// 营商环境 end to end: an enterprise binds at a monitoring point and rates a service 不满意 in the real H5 app,
// which opens a 差评整改 case; staff assign, handle and reply to it in the real admin (线索受理, reached from 涉诉办理);
// the enterprise reads the reply and confirms it; the 统计分析 dashboard counts the rating.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemoBusiness } from '../../server/src/modules/business/seed';
import { reportAction as act, staffLogin as loginAt } from '../support/admin';
import { confirmTaroModal, fillTaro } from '../support/h5';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser((product) => seedDemoBusiness(product.app.db, product.app.sealer, product.app.clock.now()));

const REPLY = '已约谈窗口负责人，退件前一次性告知全部补正材料，相关人员已作检查。';
const COMMENT = `材料被反复退回三次，每次只告知一项问题（${Date.now().toString(36)}）`;
// GB 32100-2015's own example code: valid check character.
const CREDIT_CODE = '91350100M000100Y43';

const staffLogin = (page: Page, username: string) => loginAt(page, env.product.baseUrl, username);

describe('营商环境, end to end', () => {
  it('bind -> 不满意 in H5 -> case handled and replied in admin -> enterprise confirms -> dashboard counts it', async () => {
    const prisma = env.product.app.db.prisma;
    const point = await prisma.monitoringPoint.findFirstOrThrow({ where: { active: true }, orderBy: { code: 'asc' } });
    const before = await prisma.evaluation.count();

    // ---- enterprise: bind with the point's invite code (the device logs in by itself) ----
    const context = await env.chrome.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const h5 = await context.newPage();
    const pageErrors: string[] = [];
    h5.on('pageerror', (e) => pageErrors.push(String(e)));
    await h5.goto(`${env.product.baseUrl}/h5/#/pages/business/index`);
    await h5.waitForSelector('#biz-bind-submit', { timeout: 30_000 });
    await fillTaro(h5, 'biz-credit-code', '91350100M000100Y44');
    await expect.poll(() => h5.textContent('#biz-credit-code-error'), { timeout: 10_000 }).toContain('校验位不正确');
    await fillTaro(h5, 'biz-credit-code', CREDIT_CODE);
    await fillTaro(h5, 'biz-name', '浏览器流程测试建材有限公司');
    await fillTaro(h5, 'biz-contact-name', '王五');
    await fillTaro(h5, 'biz-contact-phone', '13800000000');
    await fillTaro(h5, 'biz-invite-code', point.inviteCode.toLowerCase());
    await expect.poll(() => h5.textContent('#biz-invite-point'), { timeout: 10_000 }).toContain(point.name);
    await h5.click('#biz-bind-submit');
    await expect.poll(() => h5.textContent('#biz-enterprise-name'), { timeout: 15_000 }).toBe('浏览器流程测试建材有限公司');

    // ---- enterprise: the point's open campaign, the first item not yet rated, 不满意 with a reason ----
    await h5.waitForSelector('#biz-campaign-0', { timeout: 15_000 });
    await h5.click('#biz-campaign-0');
    await h5.waitForSelector('#biz-target-0', { timeout: 15_000 });
    await h5.click('#biz-target-0');
    const target = (await h5.textContent('#biz-rate-target'))!.trim();
    await h5.click('#biz-level-2');
    expect(await h5.textContent('#biz-bad-notice')).toContain('15 个工作日');
    await h5.click('#biz-dim-efficiency-1');
    await fillTaro(h5, 'biz-comment', COMMENT);
    await h5.click('#biz-rate-submit');
    await confirmTaroModal(h5, '提交');
    await h5.getByText('已转为差评整改件').waitFor({ timeout: 15_000 });
    await confirmTaroModal(h5, '查看进度');
    await h5.waitForURL(/#\/pages\/business\/case/);
    await expect.poll(() => h5.textContent('#biz-case-status'), { timeout: 15_000 }).toBe('已受理');
    const serial = (await h5.textContent('#biz-case-serial'))!.trim();

    const evaluation = await prisma.evaluation.findFirstOrThrow({ where: { comment: COMMENT } });
    expect(evaluation.level).toBe(2);
    const complaint = await prisma.businessComplaint.findFirstOrThrow({ where: { evaluationId: evaluation.id } });

    // ---- staff: 涉诉办理 lists the case and opens the report; intake assigns, the tour group handles and replies ----
    const staffContext = await env.chrome.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const admin = await staffContext.newPage();
    await staffLogin(admin, 'admin');
    await admin.goto(`${env.product.baseUrl}/admin/business/complaints?kind=bad_rating`);
    await admin.locator('[data-testid=complaint-serial]', { hasText: serial }).click();
    await expect.poll(() => admin.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已受理');
    const detailUrl = admin.url();
    expect(detailUrl).toContain(`/admin/reports/${complaint.reportId}`);
    await admin.click('#logout');
    await admin.waitForSelector('#login-submit');

    await staffLogin(admin, 'intake');
    await admin.goto(detailUrl);
    await act(admin, 'assign', '已交办', async () => {
      await admin.locator('.ant-select-selector', { has: admin.locator('#action_tourGroupId') }).click();
      await admin.locator('.ant-select-item-option[title="第一巡察组"]').click();
    });
    await admin.click('#logout');
    await admin.waitForSelector('#login-submit');

    await staffLogin(admin, 'tour1');
    await admin.goto(detailUrl);
    await expect.poll(() => admin.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已交办');
    await act(admin, 'start', '办理中');
    await act(admin, 'reply', '已答复', () => admin.fill('#action_reply', REPLY));
    await admin.click('#logout');
    await admin.waitForSelector('#login-submit');

    // ---- enterprise: 我的评价 links the case; it shows the reply; 满意 closes it ----
    await h5.goto(`${env.product.baseUrl}/h5/#/pages/business/mine`);
    await expect.poll(() => h5.textContent('#biz-evaluation-0'), { timeout: 15_000 }).toContain(serial);
    expect(await h5.textContent('#biz-evaluation-0')).toContain(target);
    await h5.click('#biz-evaluation-0');
    await expect.poll(() => h5.textContent('#biz-case-status'), { timeout: 15_000 }).toBe('已答复');
    expect(await h5.textContent('#biz-case-reply')).toBe(REPLY);
    await h5.click('#biz-case-rate-satisfied');
    await confirmTaroModal(h5);
    await expect.poll(() => h5.textContent('#biz-case-status'), { timeout: 15_000 }).toBe('已办结');

    // ---- staff: the dashboard counts the new rating and its on-time reply ----
    const total = await prisma.evaluation.count();
    expect(total).toBe(before + 1);
    // an evaluation whose appeal was upheld stays in the total but leaves the satisfaction figures, bad ratings included
    const bad = await prisma.evaluation.count({ where: { level: { lte: 2 }, NOT: { appeal: { is: { status: 'upheld' } } } } });
    expect(await prisma.evaluation.count({ where: { id: evaluation.id, level: { lte: 2 }, NOT: { appeal: { is: { status: 'upheld' } } } } })).toBe(1);
    await staffLogin(admin, 'supervisor');
    await admin.goto(`${env.product.baseUrl}/admin/business/statistics`);
    const summary = admin.locator('[data-testid=stats-summary]');
    await summary.waitFor({ timeout: 20_000 });
    const statistic = (title: string) =>
      summary
        .locator('.ant-statistic')
        .filter({ has: admin.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) })
        .locator('.ant-statistic-content-value')
        .textContent();
    expect(await statistic('评价总数')).toBe(String(total));
    expect(await statistic('差评')).toBe(String(bad));
    await admin.waitForSelector('[data-testid=stats-chart-ranking] svg');
    await staffContext.close();

    const closed = await prisma.report.findUniqueOrThrow({ where: { id: complaint.reportId } });
    expect(closed.status).toBe('closed');
    expect(closed.reply).toBe(REPLY);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
