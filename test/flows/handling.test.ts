// The staff desk's handling path, end to end in the real admin: intake registers a 来电 report, accepts and assigns it
// to a unit; the unit returns it with a reason; intake assigns it to a tour group; the group asks for an extension;
// a supervisor approves it from 待我审批. The 工作台 counts move at each step.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { reportAction as act, staffLogin } from '../support/admin';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();

const marker = `办理流程${Date.now().toString(36)}`;
const count = async (page: Page, key: string) => Number((await page.textContent(`#desk-todo-${key} .ant-statistic-content-value`))?.replace(/\D/g, ''));

async function desk(page: Page) {
  await page.click('[data-testid=nav-dashboard]');
  await page.waitForSelector('#desk-todo-to_accept, #desk-todo-to_start, #desk-todo-approvals');
}

/** Picks the option of an antd Select inside a form, typing to narrow long lists. */
async function choose(page: Page, fieldId: string, label: string) {
  await page.locator('.ant-select-selector', { has: page.locator(`#${fieldId}`) }).click();
  await page.locator(`#${fieldId}`).fill(label).catch(() => undefined);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).first().click();
}

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'UTC' });
  const page = await context.newPage();
  await staffLogin(page, env.product.baseUrl, username);
  return page;
}

describe('handling, end to end', () => {
  it('来电 registered -> assigned -> 退回 by the unit -> assigned to a tour group -> 延期 asked and approved', async () => {
    const prisma = env.product.app.db.prisma;
    const liaison = await prisma.staffUser.findUniqueOrThrow({ where: { username: 'liaison' }, include: { unit: true } });
    const category = await prisma.reportCategory.findFirstOrThrow({ where: { active: true, NOT: { code: { startsWith: 'business_' } } }, orderBy: { sort: 'asc' } });

    // ---- intake registers a phone call ----
    const intake = await staffPage(env.chrome.browser, 'intake');
    await intake.waitForSelector('#desk-todo-to_accept');
    const toAccept = await count(intake, 'to_accept');
    await intake.click('[data-testid=nav-reports]');
    await intake.click('#reports-register');
    await choose(intake, 'register_channel', '来电');
    await choose(intake, 'register_category', category.name);
    await intake.fill('#register_content', `${marker}：来电反映某镇卫生院收取不合理的检查费用，不开票据。`);
    await intake.fill('#register_reporterName', '孙八');
    await intake.click('#register-submit');
    const serial = (await intake.locator('[data-testid=register-serial]').textContent({ timeout: 15_000 }))!.trim();
    const report = await prisma.report.findUniqueOrThrow({ where: { serial } });
    expect(report).toMatchObject({ channel: 'phone', confidential: false, citizenId: null });
    // 查看该件 opens the registered report
    await intake.click('#register-open');
    await expect.poll(() => intake.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已提交');
    await desk(intake);
    await expect.poll(() => count(intake, 'to_accept')).toBe(toAccept + 1);

    // ---- accept and assign to the liaison's unit ----
    const detailUrl = `${env.product.baseUrl}/admin/reports/${report.id}`;
    await intake.goto(detailUrl);
    await act(intake, 'accept', '已受理');
    await act(intake, 'assign', '已交办', async () => {
      await intake.locator('.ant-modal .ant-radio-wrapper', { hasText: '责任单位' }).click();
      await choose(intake, 'action_unitId', liaison.unit!.name);
    });

    // ---- the unit returns it ----
    const unit = await staffPage(env.chrome.browser, 'liaison');
    await unit.waitForSelector('#desk-todo-to_start');
    const unitToStart = await count(unit, 'to_start');
    expect(unitToStart).toBeGreaterThanOrEqual(1);
    await unit.goto(detailUrl);
    await expect.poll(() => unit.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已交办');
    await unit.click('#action-return');
    await unit.fill('#action_reason', '卫生院由县卫健局主管，不属于本镇职责');
    await unit.click('#action-submit');
    await unit.waitForURL(/\/admin\/reports(\?.*)?$/);
    await desk(unit);
    await expect.poll(() => count(unit, 'to_start')).toBe(unitToStart - 1);
    expect((await prisma.report.findUniqueOrThrow({ where: { id: report.id } })).status).toBe('accepted');

    // ---- intake assigns it again, to a tour group ----
    await desk(intake);
    const toAssign = await count(intake, 'to_assign');
    await intake.goto(detailUrl);
    await expect.poll(() => intake.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已受理');
    await act(intake, 'assign', '已交办', () => choose(intake, 'action_tourGroupId', '第一巡察组'));
    await desk(intake);
    await expect.poll(() => count(intake, 'to_assign')).toBe(toAssign - 1);

    // ---- the tour group asks for more time ----
    const group = await staffPage(env.chrome.browser, 'tour1');
    // the group is told: the bell counts the new case, and its reminder opens the report and is then read
    await expect
      .poll(async () => Number((await group.textContent('[data-testid=notification-badge]'))?.replace(/\D/g, '') || 0), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    await group.click('#notification-bell');
    await group.getByText(`新交办：${serial}`).click();
    await group.waitForURL(new RegExp(`/admin/reports/${report.id}$`));
    const reminder = await prisma.staffNotification.findFirstOrThrow({ where: { kind: 'report_assigned', title: `新交办：${serial}`, user: { username: 'tour1' } } });
    await expect.poll(async () => (await prisma.staffNotification.findUniqueOrThrow({ where: { id: reminder.id } })).readAt).not.toBeNull();
    await group.goto(detailUrl);
    await expect.poll(() => group.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已交办');
    await group.click('#extension-request');
    await group.fill('#extension-reason', '需要向县卫健局调取收费记录');
    await group.click('#extension-submit');
    await group.getByText('延期申请待审批').waitFor({ timeout: 15_000 });
    const before = (await prisma.report.findUniqueOrThrow({ where: { id: report.id } })).replyDueOn!;

    // ---- a supervisor approves it from 待我审批 ----
    const supervisor = await staffPage(env.chrome.browser, 'supervisor');
    await supervisor.waitForSelector('#desk-todo-approvals');
    await expect.poll(() => count(supervisor, 'approvals')).toBeGreaterThanOrEqual(1);
    const approvals = await count(supervisor, 'approvals');
    await supervisor.click('#desk-todo-approvals');
    await supervisor.waitForSelector('[data-testid=approvals-extension]');
    const pending = await prisma.reportExtension.findFirstOrThrow({ where: { reportId: report.id, status: 'pending' } });
    await supervisor.click(`#extension-approve-${pending.id}`);
    await supervisor.click('#extension-ok');
    await expect.poll(() => supervisor.locator(`#extension-approve-${pending.id}`).count(), { timeout: 15_000 }).toBe(0);
    await desk(supervisor);
    await expect.poll(() => count(supervisor, 'approvals')).toBe(approvals - 1);

    const after = (await prisma.report.findUniqueOrThrow({ where: { id: report.id } })).replyDueOn!;
    expect(after.getTime()).toBeGreaterThan(before.getTime());
    await group.reload();
    await expect.poll(() => group.locator('[data-testid=report-extensions]').textContent(), { timeout: 15_000 }).toContain('已批准');
    for (const page of [intake, unit, group, supervisor]) await page.context().close();
  }, 240_000);
});
