// 预警 end to end in the real admin: a fresh demo already has warnings and escalations (nobody pressed 立即运行); a
// warning reads as a sentence with the service case behind it and the applicant's ID masked, a supervisor reveals it
// (audited) and closes the warning with a reason; editing a model keeps its old version and shows the diff; the
// import history holds the demo import; a run on stale data is warned about and goes ahead once confirmed.
import { describe, expect, it } from 'vitest';
import { staffLogin } from '../support/admin';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();

describe('预警 governance in the admin', () => {
  it('shows demo warnings explained, masks and reveals IDs, closes with a reason, versions a model, keeps imports, warns of stale data', async () => {
    const db = env.product.app.db;
    const page = await (await env.chrome.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'UTC' })).newPage();
    await staffLogin(page, env.product.baseUrl, 'supervisor');

    // warnings on the first start, in words
    await page.goto(`${env.product.baseUrl}/admin/alerts/warnings?model=overdue`);
    const table = page.locator('[data-testid=warnings-table]');
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain('超出承诺时限');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('办件超期');
    expect(text).not.toMatch(/\d{17}[\dX]/);

    // the late 营业执照 case: its sentence, the case behind it, the applicant masked until revealed
    const overdue = await db.prisma.alertWarning.findFirstOrThrow({ where: { model: 'overdue', caseNo: { not: null } }, orderBy: { caseNo: 'asc' } });
    const caseRow = await db.prisma.serviceCase.findUniqueOrThrow({ where: { caseNo: overdue.caseNo! } });
    await page.locator('[data-testid=warning-open]', { hasText: overdue.caseNo! }).click();
    const drawer = page.locator('[data-testid=warning-drawer]');
    await expect.poll(() => drawer.locator('[data-testid=warning-explanation]').textContent()).toMatch(/超出承诺时限 \d+ 个工作日|仍未办结/);
    await page.waitForSelector('[data-testid=warning-source-cases]');
    const masked = `${caseRow.applicantId.slice(0, 6)}********${caseRow.applicantId.slice(14)}`;
    expect(await drawer.locator('[data-testid=warning-applicant]').textContent()).toBe(masked);
    expect(await drawer.textContent()).not.toContain(caseRow.applicantId);
    await page.click('#warning-reveal');
    await expect.poll(() => drawer.locator('[data-testid=warning-applicant]').textContent()).toBe(caseRow.applicantId);
    expect(await db.prisma.auditLog.count({ where: { action: 'alerts.id_revealed', entityId: overdue.id } })).toBe(1);

    // closing asks a reason
    await page.click('#warning-close');
    await page.waitForSelector('#warning-close-confirm');
    expect(await page.locator('#warning-close-confirm').isDisabled()).toBe(true);
    await page.getByLabel('属实').check();
    await page.fill('#warning-close-note', '窗口超期属实，已督促整改');
    await page.click('#warning-close-confirm');
    await expect.poll(async () => (await db.prisma.alertWarning.findFirstOrThrow({ where: { id: overdue.id } })).closeReason).toBe('confirmed');

    // escalations exist without a run by hand
    await page.goto(`${env.product.baseUrl}/admin/alerts/escalations`);
    await expect.poll(() => page.textContent('body'), { timeout: 20_000 }).toMatch(/督办|核查/);
    expect(await db.prisma.alertRun.count()).toBe(1);

    // editing a model adds a version; the editor shows the history and what changed
    await page.goto(`${env.product.baseUrl}/admin/alerts/models`);
    await page.click('#model-dissatisfied-edit');
    await page.waitForSelector('#model-form_params_maxRating');
    await page.fill('#model-form_params_maxRating', '3');
    await page.click('#model-save');
    await expect.poll(async () => (await db.prisma.alertModel.findUniqueOrThrow({ where: { name: 'dissatisfied' } })).version).toBe(2);
    await page.waitForSelector('[data-testid=model-editor]', { state: 'detached' });
    await page.click('#model-dissatisfied-edit');
    const diff = page.locator('[data-testid=model-diff]');
    await expect.poll(() => diff.textContent(), { timeout: 15_000 }).toContain('评价阈值');
    expect(await diff.textContent()).toMatch(/2.*3/);
    expect(await db.prisma.alertModelVersion.count({ where: { model: 'dissatisfied' } })).toBe(2);
    await page.keyboard.press('Escape');

    // the demo import is in the history, with its file and counts
    await page.goto(`${env.product.baseUrl}/admin/alerts/imports`);
    await page.getByRole('tab', { name: '导入记录' }).click();
    await expect.poll(() => page.locator('[data-testid=import-history]').textContent(), { timeout: 15_000 }).toContain('演示办件数据.csv');
    expect(await page.locator('[data-testid=data-freshness]').textContent()).toContain('办件数据');

    // data imported long ago: the run says so and goes ahead once confirmed
    await db.prisma.alertImport.updateMany({ where: { kind: 'service_cases' }, data: { startedAt: new Date(Date.now() - 30 * 86_400_000) } });
    await page.goto(`${env.product.baseUrl}/admin/alerts/runs`);
    await page.click('#run-now');
    const warning = page.locator('[data-testid=run-stale-warning]');
    await expect.poll(() => warning.textContent(), { timeout: 15_000 }).toContain('办件数据最近一次导入在 30 天前');
    expect(await db.prisma.alertRun.count()).toBe(1);
    await page.click('#run-stale-confirm');
    await page.waitForSelector('[data-testid=run-result]');
    expect(await db.prisma.alertRun.count()).toBe(2);
  });
});
