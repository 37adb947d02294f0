// 工作台 end to end in the real admin, in a browser whose time zone is UTC at 1440 × 900: intake lands on 工作台, a
// count opens its filtered list, accepting and assigning a report moves the counts; list times are Beijing time;
// with every menu group open 系统管理 stays above the collapse trigger; the main text column of the inbox keeps its
// room; after a session ends, another user logging in lands on 工作台, not on the previous user's page.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { staffLogin } from '../support/admin';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();

const marker = `工作台流程${Date.now().toString(36)}`;

async function submitReport(): Promise<string> {
  const login = await env.product.app.inject({ method: 'POST', url: '/api/public/auth/device', payload: { deviceId: `desk-flow-${Date.now()}-device-id` } });
  const headers = { authorization: `Bearer ${login.json().token}` };
  const category = (await env.product.app.db.prisma.reportCategory.findFirstOrThrow({ where: { active: true } })).code;
  const r = await env.product.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    headers,
    payload: { category, content: `${marker}：某村干部在低保评定中优亲厚友，群众意见很大。`, confidential: true },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().serial as string;
}

const count = async (page: Page, key: string) => Number((await page.textContent(`#desk-todo-${key} .ant-statistic-content-value`))?.replace(/\D/g, ''));

async function openDesk(page: Page) {
  await page.click('[data-testid=nav-dashboard]');
  await page.waitForSelector('#desk-todo-to_accept');
}

describe('工作台 and the admin in a UTC browser at 1440 px', () => {
  it('lands on 工作台, opens filtered lists from its counts, and moves the counts as intake works', async () => {
    const serial = await submitReport();
    const context = await env.chrome.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'UTC' });
    const page = await context.newPage();
    await staffLogin(page, env.product.baseUrl, 'intake');
    await page.waitForSelector('#desk-todo-to_accept');
    expect(new URL(page.url()).pathname).toBe('/admin/dashboard');
    const toAccept = await count(page, 'to_accept');
    const toAssign = await count(page, 'to_assign');
    expect(toAccept).toBeGreaterThanOrEqual(1);

    // the count opens the inbox filtered the same way, with the same total
    await page.click('#desk-todo-to_accept');
    await page.waitForSelector('[data-testid=report-serial]');
    expect(new URL(page.url()).searchParams.get('status')).toBe('submitted');
    const report = await env.product.app.db.prisma.report.findUniqueOrThrow({ where: { serial } });
    const row = page.locator('tr', { has: page.getByText(serial, { exact: true }) });
    // Beijing time although the browser runs in UTC
    const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(report.submittedAt);
    await expect.poll(() => row.textContent()).toContain(beijing);
    // the 反映内容 column keeps its room and the page does not overflow sideways
    const contentWidth = await page.locator('th:visible', { hasText: '反映内容' }).first().evaluate((el) => el.getBoundingClientRect().width);
    expect(contentWidth).toBeGreaterThanOrEqual(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);

    // 受理 then 交办: the counts follow
    await page.getByText(serial, { exact: true }).click();
    await page.click('#action-accept');
    await page.waitForSelector('#action-submit');
    await page.click('#action-submit');
    await expect.poll(() => page.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe('已受理');
    await openDesk(page);
    await expect.poll(() => count(page, 'to_accept')).toBe(toAccept - 1);
    expect(await count(page, 'to_assign')).toBe(toAssign + 1);
    // my recent items list the report I just accepted
    await expect.poll(() => page.textContent('[data-testid=desk-recent]')).toContain(serial);
    await context.close();
  });

  it('keeps 系统管理 above the collapse trigger with every menu group open', async () => {
    const context = await env.chrome.browser.newContext({ viewport: { width: 1440, height: 700 }, locale: 'zh-CN', timezoneId: 'UTC' });
    const page = await context.newPage();
    await staffLogin(page, env.product.baseUrl, 'admin');
    for (const key of ['tours', 'business', 'alerts', 'system']) {
      const section = page.locator(`[data-testid=nav-section-${key}]`);
      const open = await page.locator('li.ant-menu-submenu-open', { has: section }).count();
      if (!open) await section.click();
    }
    // the groups open with an animation: measure once the menu has stopped growing
    await expect
      .poll(async () => {
        const before = await page.locator('[data-testid=sider-scroll]').evaluate((el) => el.scrollHeight);
        await page.waitForTimeout(250);
        return before === (await page.locator('[data-testid=sider-scroll]').evaluate((el) => el.scrollHeight));
      })
      .toBe(true);
    // the administrator's last entry (审计日志 is the auditor's alone)
    const last = page.locator('[data-testid=nav-system-calendar]');
    // scrolled fully into view (scrollIntoViewIfNeeded leaves a partly visible entry where it is)
    await last.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const trigger = await page.locator('.ant-layout-sider-trigger').boundingBox();
    const entry = await last.boundingBox();
    expect(trigger && entry).toBeTruthy();
    expect(entry!.y + entry!.height).toBeLessThanOrEqual(trigger!.y);
    // what is visible is what a click reaches
    await last.click();
    await page.waitForURL(/\/admin\/system\/calendar$/);
    await context.close();
  });

  it('after a session ends, another user logging in lands on 工作台 rather than the previous user’s page', async () => {
    const context = await env.chrome.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await staffLogin(page, env.product.baseUrl, 'admin');
    await page.goto(`${env.product.baseUrl}/admin/system/calendar`);
    await page.waitForSelector('[data-testid=current-user]');
    // the session ends (token gone); the login page remembers where admin was
    await page.evaluate(() => localStorage.removeItem('msjd.admin.token'));
    await page.reload();
    await page.waitForSelector('#login-submit');
    await page.fill('#username', 'liaison');
    await page.fill('#password', 'Demo@2026');
    await page.click('#login-submit');
    await page.waitForSelector('[data-testid=desk]');
    expect(new URL(page.url()).pathname).toBe('/admin/dashboard');
    await context.close();
  });
});
