// 立行立改 on the one rectification track, end to end in the real admin: the tour group handling a report issues a
// 立行立改通知书 from a preset requirement to the reported unit and prints it (a PDF with its serial); the unit's liaison
// finds the task in 整改跟踪, uploads evidence and submits it; the group accepts it; the report page shows the notice
// completed and its steps on the timeline. 督办通知书 take the same track from a 督办 case on the 督办核查问责 page.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { staffLogin } from '../support/admin';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();
const marker = `立改流程${Date.now().toString(36)}`;

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'UTC', acceptDownloads: true });
  const page = await context.newPage();
  await staffLogin(page, env.product.baseUrl, username);
  return page;
}

describe('立行立改, end to end', () => {
  it('notice from a preset -> printed -> answered by the unit in 整改跟踪 -> accepted by the group -> on the report', async () => {
    const prisma = env.product.app.db.prisma;
    const liaison = await prisma.staffUser.findUniqueOrThrow({ where: { username: 'liaison' }, include: { unit: true } });
    const tour1 = await prisma.staffUser.findUniqueOrThrow({ where: { username: 'tour1' } });
    const category = await prisma.reportCategory.findFirstOrThrow({ where: { active: true, NOT: { code: { startsWith: 'business_' } } }, orderBy: { sort: 'asc' } });
    // a report about the liaison's unit, being handled by the first tour group (how it got there is the handling flow's)
    const now = new Date();
    const report = await prisma.report.create({
      data: {
        serial: `JBFLOW-${Date.now().toString(36)}`,
        category: category.code,
        content: `${marker}：镇便民服务中心办理低保收取“材料费”每户五十元。`,
        reportedUnitId: liaison.unitId,
        confidential: true,
        status: 'in_progress',
        submittedAt: now,
        acceptedAt: now,
        acceptDueOn: now,
        replyDueOn: new Date(now.getTime() + 20 * 86400_000),
        assigneeTourGroupId: tour1.tourGroupId,
      },
    });
    const detailUrl = `${env.product.baseUrl}/admin/reports/${report.id}`;

    // ---- the tour group issues the notice from a preset, to the reported unit ----
    const group = await staffPage(env.chrome.browser, 'tour1');
    await group.goto(detailUrl);
    await expect.poll(() => group.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('办理中');
    await group.click('#action-rectify');
    await group.waitForSelector('#action-submit');
    await expect.poll(() => group.locator('.ant-modal .ant-select-selection-item').first().textContent()).toBe(liaison.unit!.name);
    await group.locator('.ant-select-selector', { has: group.locator('#phrase-content') }).click();
    await group.locator('.ant-select-dropdown:visible .ant-select-item-option[title="违规收费清退"]').click();
    await expect.poll(() => group.inputValue('#action_content')).toContain('逐户清退');
    await group.fill('#action_deadlineDays', '3');
    await group.click('#action-submit');
    await group.waitForSelector('[data-testid=notice-serial]', { timeout: 15_000 });
    const notice = await prisma.rectificationNotice.findFirstOrThrow({ where: { reportId: report.id } });
    expect(notice.serial).toMatch(/^〔\d{4}〕立改第\d+号$/);
    expect(notice.unitId).toBe(liaison.unitId);
    expect(await group.textContent('[data-testid=notice-serial]')).toBe(notice.serial);

    // ---- printed: the PDF is named by its serial ----
    const [download] = await Promise.all([group.waitForEvent('download'), group.click('[data-action=notice-print]')]);
    expect(download.suggestedFilename()).toBe(`立行立改通知书${notice.serial}.pdf`);
    const pdf = await download.path().then((p) => import('node:fs/promises').then((fs) => fs.readFile(p!)));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // ---- the unit answers it in 整改跟踪 ----
    const task = await prisma.rectificationTask.findFirstOrThrow({ where: { sourceKind: 'notice', sourceId: notice.id } });
    const unit = await staffPage(env.chrome.browser, 'liaison');
    // on the unit's own 整改跟踪 list
    await unit.goto(`${env.product.baseUrl}/admin/tours/rectifications`);
    await unit.click(`#rect-open-${task.id}`);
    await expect.poll(() => unit.textContent('#rect-notice-serial'), { timeout: 15_000 }).toBe(notice.serial);
    await unit.setInputFiles('#rect-evidence-file', { name: '清退台账.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await unit.locator('[data-testid=rect-evidence]').getByText('清退台账.pdf').waitFor({ timeout: 15_000 });
    await unit.click('#rect-submit');
    await unit.click('#rect-submit-confirm');
    await expect.poll(async () => (await prisma.rectificationTask.findUniqueOrThrow({ where: { id: task.id } })).status, { timeout: 15_000 }).toBe('submitted');

    // ---- the group accepts it; the report shows the notice completed and its steps ----
    await group.goto(`${env.product.baseUrl}/admin/tours/rectifications/${task.id}`);
    await group.click('#rect-accept');
    await group.click('#rect-accept-confirm');
    await expect.poll(async () => (await prisma.rectificationTask.findUniqueOrThrow({ where: { id: task.id } })).status, { timeout: 15_000 }).toBe('accepted');
    await group.goto(detailUrl);
    await expect.poll(() => group.textContent('[data-testid=notice-status]'), { timeout: 15_000 }).toBe('已验收');
    const kinds = (await prisma.reportEvent.findMany({ where: { reportId: report.id }, orderBy: { at: 'asc' } })).map((e) => e.kind);
    expect(kinds).toEqual(['rectification_issued', 'rectification_evidence', 'rectification_done']);
    for (const page of [group, unit]) await page.context().close();
  });

  it('督办通知书: a supervisor issues it from a 督办 case to the liaison’s unit, prints it, and the liaison finds it in 整改跟踪', async () => {
    const prisma = env.product.app.db.prisma;
    const liaison = await prisma.staffUser.findUniqueOrThrow({ where: { username: 'liaison' }, include: { unit: true } });
    // a demo case at 督办 (the demo's cases are the departments'): the notice goes to the township instead, with a reason
    const esc = await prisma.escalationCase.findFirstOrThrow({ where: { stage: 'urge', notices: { none: {} } }, orderBy: [{ openedAsOf: 'asc' }, { model: 'asc' }] });
    const supervisor = await staffPage(env.chrome.browser, 'supervisor');
    await supervisor.goto(`${env.product.baseUrl}/admin/alerts/escalations?tab=urge`);
    await supervisor.click(`#escalation-${esc.id}-notice`, { timeout: 20_000 });
    await supervisor.waitForSelector('#urge-notice-form_content');
    await supervisor.locator('.ant-select-selector', { has: supervisor.locator('#urge-notice-form_unitId') }).click();
    await supervisor.fill('#urge-notice-form_unitId', liaison.unit!.name);
    await supervisor.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${liaison.unit!.name}"]`).click();
    await supervisor.fill('#urge-notice-form_unitReason', '该事项由镇便民服务中心代办');
    await supervisor.locator('.ant-select-selector', { has: supervisor.locator('#phrase-content') }).click();
    await supervisor.locator('.ant-select-dropdown:visible .ant-select-item-option[title="办件超期整改"]').click();
    await expect.poll(() => supervisor.inputValue('#urge-notice-form_content')).toContain('逐件核查原因');
    await supervisor.fill('#urge-notice-form_deadlineDays', '5');
    await supervisor.click('#urge-notice-submit');
    await expect.poll(() => prisma.urgeNotice.findFirst({ where: { escalationId: esc.id } }), { timeout: 15_000 }).toBeTruthy();
    const notice = await prisma.urgeNotice.findFirstOrThrow({ where: { escalationId: esc.id } });
    expect(notice.serial).toMatch(/^〔\d{4}〕督办第\d+号$/);
    expect(notice).toMatchObject({ unitId: liaison.unitId, unitReason: '该事项由镇便民服务中心代办', deadlineDays: 5 });

    // the case's row shows the notice; under it, the notice prints as a PDF named by its serial
    await expect.poll(() => supervisor.locator(`[data-row-key="${esc.id}"] [data-testid=escalation-notice]`).textContent(), { timeout: 15_000 }).toContain(notice.serial);
    await supervisor.waitForSelector('[data-testid=urge-notice-serial]', { timeout: 15_000 });
    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.click(`#urge-notice-${notice.id}-print`)]);
    expect(download.suggestedFilename()).toBe(`督办通知书${notice.serial}.pdf`);

    // on the township's desk: the task, the notice's serial and what the warnings were
    const unit = await staffPage(env.chrome.browser, 'liaison');
    await unit.goto(`${env.product.baseUrl}/admin/tours/rectifications`);
    await unit.click(`#rect-open-${notice.taskId}`, { timeout: 20_000 });
    await expect.poll(() => unit.textContent('#rect-urge-notice-serial'), { timeout: 15_000 }).toBe(`督办通知书 ${notice.serial}`);
    expect(await unit.textContent('[data-testid=rect-urge-findings]')).toContain('预警情况');
    expect(await unit.textContent('[data-testid=rect-urge-findings]')).not.toMatch(/\d{17}[\dX]/);
    for (const page of [supervisor, unit]) await page.context().close();
  });
});
