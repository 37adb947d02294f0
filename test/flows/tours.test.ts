// 智慧巡察 end to end: staff compose and publish a 巡察公示 for an inspected unit and build and publish a 巡察调研 in
// the real admin; a citizen sees the notice in the real H5 app and answers the survey once (a second attempt is
// refused); staff read the answer in the results chart; the withdrawn notice is gone from the app.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { staffLogin } from '../support/admin';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();

// The machine running the flows is shared and slow: every wait is on a condition, with room to spare.
const WAIT = { timeout: 30_000 };
const marker = Date.now().toString(36);
const NOTICE_TITLE = `县委第七轮巡察补充公告${marker}`;
const NOTICE_PHONE = '0371-66880999';
const SURVEY_TITLE = `巡察工作群众满意度调查${marker}`;
const OPTIONS = ['非常满意', '基本满意', '不满意'];
const RATING_TITLE = '您对巡察组工作作风的评分';

async function staffPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await staffLogin(page, env.product.baseUrl, 'admin', WAIT.timeout);
  return page;
}

async function citizenPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  return context.newPage();
}

/** Opens an antd Select by the id of its input and picks the option with this label. */
async function pick(page: Page, id: string, label: string, search?: string) {
  const select = page.locator('.ant-select', { has: page.locator(`#${id}`) });
  // the units of a round load after the round is picked: search only once they are there
  await select.locator('.ant-select-arrow-loading').waitFor({ state: 'detached', ...WAIT });
  await select.locator('.ant-select-selector').click();
  if (search) await page.fill(`#${id}`, search);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click(WAIT);
}

/** The id of the table row (antd rowKey) whose text holds `text`. */
async function rowKey(page: Page, table: string, text: string): Promise<string> {
  const row = page.locator(`[data-testid=${table}] tr.ant-table-row`, { hasText: text });
  await row.waitFor(WAIT);
  return (await row.getAttribute('data-row-key'))!;
}

async function menu(page: Page, section: string, item: string) {
  const entry = page.locator('.ant-menu-item', { hasText: new RegExp(`^${item}$`) });
  if (!(await entry.isVisible())) await page.locator('.ant-menu-submenu-title', { hasText: new RegExp(`^${section}$`) }).click(WAIT);
  await entry.click(WAIT);
}

describe('智慧巡察, end to end', () => {
  it('公示 and 调研 published in admin -> seen and answered once in H5 -> chart in admin -> withdrawn notice gone', async () => {
    const prisma = env.product.app.db.prisma;
    // an inspected unit of the previous round that has no notice yet in the demo data
    const round = await prisma.tourRound.findUniqueOrThrow({ where: { code: '2026-1' } });
    const inspected = await prisma.inspectedUnit.findFirstOrThrow({
      where: { tourRoundId: round.id, notices: { none: {} } },
      include: { unit: true, tourGroup: true },
      orderBy: { unit: { code: 'asc' } },
    });

    // ---- staff: 巡察管理 › 巡察公示, compose a notice for the unit, publish it ----
    const admin = await staffPage(env.chrome.browser);
    const adminErrors: string[] = [];
    admin.on('pageerror', (e) => adminErrors.push(String(e)));
    await menu(admin, '巡察管理', '巡察公示');
    await admin.waitForURL(/\/admin\/tours\/notices/, WAIT);
    await admin.waitForSelector('#notice-create:not([disabled])', WAIT);
    await admin.click('#notice-create');
    await pick(admin, 'notice_tourRoundId', `${round.name}（${round.code}）`);
    await pick(admin, 'notice_inspectedUnitId', `${inspected.unit.name}（${inspected.tourGroup.name}）`, inspected.unit.name);
    // picking the unit brings in its tour group's contacts and a title, both editable
    await expect.poll(() => admin.inputValue('#notice_contactMailbox'), WAIT).toBe(inspected.tourGroup.mailbox);
    expect(await admin.inputValue('#notice_title')).toContain(inspected.unit.name);
    await admin.fill('#notice_title', NOTICE_TITLE);
    await admin.fill('#notice_contactPhone', NOTICE_PHONE);
    await admin.click('#notice-save');
    const noticeId = await rowKey(admin, 'notices-table', NOTICE_TITLE);
    const noticeStatus = admin.locator(`[data-testid=notice-status-${noticeId}]`);
    await expect.poll(() => noticeStatus.getAttribute('data-status'), WAIT).toBe('draft');
    await admin.click(`#notice-publish-${noticeId}`);
    await admin.locator('#notice-publish-confirm:visible').click(WAIT);
    await expect.poll(() => noticeStatus.getAttribute('data-status'), WAIT).toBe('published');

    // ---- staff: 巡察调研, a single-choice and a rating question, published ----
    await menu(admin, '巡察管理', '巡察调研');
    await admin.click('#survey-create');
    await admin.fill('#survey-title', SURVEY_TITLE);
    // the round under way: a survey of an ended round reads as closed (its round is over)
    const current = await prisma.tourRound.findFirstOrThrow({ where: { status: 'active' } });
    await pick(admin, 'survey-round', current.name);
    await admin.fill('#survey-intro', '本问卷匿名填写，请如实评价巡察组工作。');
    await admin.click('#survey-add-question'); // 单选题 is the type offered first
    await admin.fill('#survey-q-q1-title', '您对本轮巡察工作总体是否满意');
    await admin.fill('#survey-q-q1-option-o1', OPTIONS[0]!);
    await admin.fill('#survey-q-q1-option-o2', OPTIONS[1]!);
    await admin.click('#survey-q-q1-add-option');
    await admin.fill('#survey-q-q1-option-o3', OPTIONS[2]!);
    await pick(admin, 'survey-add-type', '评分题（1-5）');
    await admin.click('#survey-add-question');
    await admin.fill('#survey-q-q2-title', RATING_TITLE);
    await admin.click('#survey-save');
    await admin.waitForURL(/\/admin\/tours\/surveys$/, WAIT);
    const surveyId = await rowKey(admin, 'survey-table', SURVEY_TITLE);
    const surveyStatus = admin.locator(`[data-testid=survey-table] tr[data-row-key="${surveyId}"] [data-status]`);
    await expect.poll(() => surveyStatus.getAttribute('data-status'), WAIT).toBe('draft');
    await admin.click(`#survey-publish-${surveyId}`);
    await admin.locator('#survey-publish-confirm:visible').click(WAIT);
    await expect.poll(() => surveyStatus.getAttribute('data-status'), WAIT).toBe('published');

    // ---- citizen: 巡察公示 in H5 shows the new notice; its detail has the contacts ----
    const h5 = await citizenPage(env.chrome.browser);
    const h5Errors: string[] = [];
    h5.on('pageerror', (e) => h5Errors.push(String(e)));
    await h5.goto(`${env.product.baseUrl}/h5/#/pages/index/index`);
    await h5.click('#entry-tour-notices', WAIT);
    const item = h5.locator(`#notice-item-${noticeId}`);
    await item.waitFor(WAIT);
    expect(await item.textContent()).toContain(NOTICE_TITLE);
    expect(await item.textContent()).toContain(inspected.unit.name);
    await item.click();
    await expect.poll(() => h5.textContent('#notice-title'), WAIT).toBe(NOTICE_TITLE);
    expect(await h5.textContent('#notice-subject')).toContain(inspected.unit.name);
    expect(await h5.textContent('#notice-group')).toContain(inspected.tourGroup.name);
    expect(await h5.textContent('#notice-phone')).toContain(NOTICE_PHONE);
    expect(await h5.textContent('#notice-mailbox')).toContain(inspected.tourGroup.mailbox!);
    expect(await h5.isVisible('#notice-report')).toBe(true);

    // ---- citizen: 巡察调研, answer the new survey ----
    await h5.goto(`${env.product.baseUrl}/h5/#/pages/index/index`);
    await h5.click('#entry-surveys', WAIT);
    const surveyItem = h5.locator(`#survey-item-${surveyId}`);
    await surveyItem.waitFor(WAIT);
    expect(await surveyItem.textContent()).toContain(SURVEY_TITLE);
    // a second tab opens the same survey before the first answer is in: its submit will be the second attempt
    const secondTab = await h5.context().newPage();
    await secondTab.goto(`${env.product.baseUrl}/h5/#/pages/surveys/answer?id=${surveyId}`);
    await secondTab.waitForSelector('#survey-submit', WAIT);

    await surveyItem.click();
    await h5.waitForSelector('#survey-submit', WAIT);
    expect(await h5.textContent('#survey-title')).toBe(SURVEY_TITLE);
    // both questions are required: an empty submit names them and sends nothing
    await h5.click('#survey-submit');
    await h5.waitForSelector('#survey-q-q1-error', WAIT);
    expect(await h5.isVisible('#survey-q-q2-error')).toBe(true);
    expect(await prisma.surveyAnswer.count({ where: { surveyId } })).toBe(0);
    await h5.click('#survey-q-q1-opt-o2');
    expect(await h5.getAttribute('#survey-q-q1-opt-o2', 'aria-checked')).toBe('true');
    await h5.click('#survey-q-q2-rate-4');
    expect(await h5.getAttribute('#survey-q-q2-rate-4', 'aria-checked')).toBe('true');
    await h5.click('#survey-submit');
    await h5.waitForSelector('#survey-thanks', WAIT);
    expect(await h5.textContent('#survey-thanks-title')).toContain(SURVEY_TITLE);

    // the second attempt: the stale tab's submit is refused by the server, and reopening says so at once
    await secondTab.click('#survey-q-q1-opt-o1');
    await secondTab.click('#survey-q-q2-rate-1');
    await secondTab.click('#survey-submit');
    await expect.poll(() => secondTab.textContent('#survey-answered'), WAIT).toBe('您已参与过本次调研');
    await secondTab.close();
    await h5.goto(`${env.product.baseUrl}/h5/#/pages/surveys/answer?id=${surveyId}`);
    await h5.reload();
    await expect.poll(() => h5.textContent('#survey-answered'), WAIT).toBe('您已参与过本次调研');
    expect(await h5.locator('#survey-submit').count()).toBe(0);
    const answers = await prisma.surveyAnswer.findMany({ where: { surveyId } });
    expect(answers.map((a: { answers: unknown }) => a.answers)).toEqual([{ q1: 'o2', q2: 4 }]);

    // ---- staff: the results show one answer sheet and a chart per question ----
    await admin.reload();
    await admin.waitForSelector(`#survey-results-${surveyId}`, WAIT);
    await expect
      .poll(() => admin.textContent(`[data-testid=survey-table] tr[data-row-key="${surveyId}"] [data-testid=survey-answer-cell]`), WAIT)
      .toBe('1');
    await admin.click(`#survey-results-${surveyId}`);
    await expect.poll(() => admin.textContent('[data-testid=survey-answer-count]'), WAIT).toBe('1');
    for (const q of ['q1', 'q2']) await admin.locator(`[data-testid=survey-chart-${q}] svg, [data-testid=survey-chart-${q}] canvas`).first().waitFor(WAIT);
    const choiceChart = admin.locator('[data-testid=survey-chart-q1] svg').first();
    await expect.poll(() => choiceChart.textContent(), WAIT).toContain('1 人（100%）');
    for (const option of OPTIONS) expect(await choiceChart.textContent()).toContain(option);
    const ratingChart = admin.locator('[data-testid=survey-chart-q2] svg').first();
    await expect.poll(() => ratingChart.textContent(), WAIT).toContain('1 人（100%）');

    // ---- staff withdraw the notice; the app no longer lists it ----
    await menu(admin, '巡察管理', '巡察公示');
    await admin.click(`#notice-withdraw-${noticeId}`, WAIT);
    await admin.fill('#withdraw_reason', '公示信息有误，更正后重新发布。');
    await admin.click('#notice-withdraw-confirm');
    await expect.poll(() => admin.locator(`[data-testid=notice-status-${noticeId}]`).getAttribute('data-status'), WAIT).toBe('withdrawn');

    await h5.goto(`${env.product.baseUrl}/h5/#/pages/notices/index`);
    await h5.reload();
    await h5.waitForSelector('#notice-list [id^=notice-item-]', WAIT);
    expect(await h5.locator(`#notice-item-${noticeId}`).count()).toBe(0);
    expect(await h5.textContent('#notice-list')).not.toContain(NOTICE_TITLE);
    // a link kept from before (a shared detail page) says it is no longer public
    await h5.goto(`${env.product.baseUrl}/h5/#/pages/notices/detail?id=${noticeId}`);
    await h5.reload();
    await expect.poll(() => h5.textContent('#notice-error'), WAIT).toBe('该公示已撤回或不存在');

    expect(adminErrors).toEqual([]);
    expect(h5Errors).toEqual([]);
    await admin.context().close();
    await h5.context().close();
  }, 300_000); // two apps, two contexts, four round trips through the UI: well past the default on a loaded machine
});
