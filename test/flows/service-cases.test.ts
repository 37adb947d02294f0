// 服务办理 in Chromium: intake reaches it through 预警中心 › 服务办理 on a 1440×900 screen, filters one department's late
// cases (the filters land in the address), opens a case and reads its warnings with the applicant's ID masked and
// its item's 申报材料. The browser runs in UTC, so the dates shown must be Beijing's: the demo's online cases are
// accepted at 07:20 Beijing time, the day before in UTC. The table must fit the screen without squeezing a column.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { staffLogin } from '../support/admin';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();
const WAIT = { timeout: 20_000 };

const beijingDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const beijingTime = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Widths measured in the page: the table's scroll box, and each column's room against the text it must hold. */
async function tableFit(page: Page) {
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid=cases-table]')!;
    const box = table.querySelector<HTMLElement>('.ant-table-content') ?? table.querySelector<HTMLElement>('.ant-table-body')!;
    // the text's width on one line, laid out by the page's own fonts (a clone that may not wrap)
    const laidOut = (text: string, style: CSSStyleDeclaration) => {
      const probe = document.createElement('span');
      probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${style.font};letter-spacing:${style.letterSpacing}`;
      probe.textContent = text;
      document.body.appendChild(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width;
    };
    // A CJK glyph is one em wide in every CJK font; a Chromium without one (as in CI) draws Chinese narrower, which
    // would hide a column too narrow for its title on the users' screens. So Chinese counts at least one em a character.
    const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/g;
    const textWidth = (el: Element) => {
      const style = getComputedStyle(el);
      const text = el.textContent ?? '';
      const cjk = text.match(CJK)?.length ?? 0;
      return Math.max(laidOut(text, style), laidOut(text.replace(CJK, ''), style) + cjk * parseFloat(style.fontSize));
    };
    const room = (cell: Element) => {
      const style = getComputedStyle(cell);
      return cell.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    };
    const headers = [...table.querySelectorAll('thead th')].filter((th) => th.textContent).map((th) => ({ title: th.textContent!, room: room(th), text: textWidth(th) }));
    const caseCells = [...table.querySelectorAll('[data-testid=case-open]')].map((link) => ({ no: link.textContent!, room: room(link.closest('td')!), text: textWidth(link) }));
    return {
      scrollWidth: box.scrollWidth,
      clientWidth: box.clientWidth,
      pageScrollWidth: document.documentElement.scrollWidth,
      pageClientWidth: document.documentElement.clientWidth,
      headers,
      caseCells,
    };
  });
}

describe('服务办理 in the admin', () => {
  it('intake filters a department’s late cases, opens one with its masked warnings and 申报材料, Beijing dates in a UTC browser, the table fitting 1440 px', async () => {
    const prisma = env.product.app.db.prisma;
    // a late online case of the demo with warnings: accepted before 08:00 Beijing, so its UTC date is the day before
    const lateCases = await prisma.alertWarning.findMany({ where: { model: 'overdue', caseNo: { not: null } }, select: { caseNo: true } });
    const late = await prisma.serviceCase.findFirstOrThrow({ where: { caseNo: { in: lateCases.map((w) => w.caseNo!) }, channel: 'online' }, orderBy: { caseNo: 'asc' } });
    expect(beijingDate(late.acceptedAt)).not.toBe(late.acceptedAt.toISOString().slice(0, 10));
    const unit = await prisma.unit.findUniqueOrThrow({ where: { code: late.unitCode } });
    const warnings = await prisma.alertWarning.count({ where: { caseNo: late.caseNo } });
    // the item in the 事项目录 with its 申报材料 (the demo's directory comes from the business demo, loaded by pnpm start)
    const materials = ['食品经营许可申请书', '营业执照复印件', '法定代表人身份证明', '食品安全管理制度文本'];
    await prisma.serviceItem.upsert({
      where: { code: late.itemCode },
      create: { code: late.itemCode, name: late.itemName ?? late.itemCode, unitId: unit.id, promisedDays: late.promisedDays, materials },
      update: { materials },
    });

    const context = await env.chrome.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'UTC' });
    const page = await context.newPage();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    await staffLogin(page, env.product.baseUrl, 'intake');

    // 预警中心 › 服务办理 from the menu
    await page.locator('.ant-menu-submenu-title', { hasText: /^预警中心$/ }).click(WAIT);
    await page.locator('.ant-menu-item', { hasText: /^服务办理$/ }).click(WAIT);
    await page.waitForURL(/\/admin\/alerts\/service-cases/, WAIT);
    const table = page.locator('[data-testid=cases-table]');
    await table.locator('tr.ant-table-row').first().waitFor(WAIT);

    // the department, then 超期: both in the address, every row that department's and late
    await page.locator('.ant-select-selector', { has: page.locator('#cases-unit-filter') }).click();
    await page.fill('#cases-unit-filter', unit.name);
    await page.locator('.ant-select-item-option', { hasText: `${unit.name}（${unit.code}）` }).click(WAIT);
    await page.waitForURL(new RegExp(`unitCode=${unit.code}`), WAIT);
    await page.locator('.ant-select-selector', { has: page.locator('#cases-overdue') }).click();
    await page.locator('.ant-select-item-option', { hasText: /^超期$/ }).click(WAIT);
    await page.waitForURL(/overdue=true/, WAIT);
    const row = table.locator(`tr.ant-table-row[data-row-key="${late.caseNo}"]`);
    await row.waitFor(WAIT);
    await expect.poll(async () => (await table.locator('tr.ant-table-row').allTextContents()).every((r) => r.includes(unit.name) && r.includes('超期')), WAIT).toBe(true);
    expect(await page.textContent('[data-testid=cases-total]')).toMatch(/^共 \d+ 件/);

    // Beijing dates although the browser is in UTC
    const cells = row.locator('td');
    expect(await cells.nth(4).textContent()).toBe(beijingDate(late.acceptedAt));
    expect(await cells.nth(5).textContent()).toBe(late.finishedAt ? beijingDate(late.finishedAt) : '—');

    // fits 1440 px: nothing scrolls sideways, no column narrower than its title, case numbers on one line
    const fit = await tableFit(page);
    expect(fit.scrollWidth, JSON.stringify(fit)).toBeLessThanOrEqual(fit.clientWidth);
    expect(fit.pageScrollWidth).toBeLessThanOrEqual(fit.pageClientWidth);
    for (const h of fit.headers) expect(h.room, `列「${h.title}」`).toBeGreaterThanOrEqual(h.text);
    expect(fit.caseCells.length).toBeGreaterThan(0);
    for (const c of fit.caseCells) expect(c.room, `办件编号 ${c.no}`).toBeGreaterThanOrEqual(c.text);

    // the case: its warnings explained with the ID masked, its item's 申报材料, times in Beijing
    await row.locator('[data-testid=case-open]').click();
    await page.waitForURL(new RegExp(`case=${late.caseNo}`), WAIT);
    const drawer = page.locator('[data-testid=case-drawer]');
    await drawer.locator('[data-testid=case-timeline]').waitFor(WAIT);
    const masked = `${late.applicantId.slice(0, 6)}********${late.applicantId.slice(14)}`;
    expect(await drawer.locator('[data-testid=case-applicant]').textContent()).toBe(masked);
    expect(await drawer.locator('[data-testid=case-timeline]').textContent()).toContain(`受理：${beijingTime(late.acceptedAt)}`);
    expect(beijingTime(late.acceptedAt).endsWith('07:20')).toBe(true);
    const listed = drawer.locator('[data-testid=case-warnings] .ant-list-item');
    await expect.poll(() => listed.count(), WAIT).toBe(warnings);
    expect(await drawer.locator('[data-testid=case-warnings]').textContent()).toContain('办件超期');
    const drawerText = (await drawer.textContent()) ?? '';
    expect(drawerText).not.toContain(late.applicantId);
    expect(drawerText).not.toMatch(/\d{17}[\dX]/);
    const shown = await drawer.locator('[data-testid=case-materials] .ant-list-item').allTextContents();
    expect(shown).toEqual(materials.map((m, i) => `${i + 1}. ${m}`));
    await context.close();
  });
});
