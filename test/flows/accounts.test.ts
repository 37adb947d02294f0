// Staff accounts end to end: an administrator creates a liaison account; the liaison logs in with the temporary
// password, must change it, and works in its own unit; the administrator disables the account and the liaison's
// open tab is logged out on its next click.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { staffLogin } from '../support/admin';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();

/** Opens an antd Select of a form field and picks the option whose label starts with `label`. */
async function choose(page: Page, fieldId: string, label: string) {
  await page.locator(`.ant-form-item:has(#${fieldId}) .ant-select-selector`).click();
  await page.locator(`#${fieldId}`).fill(label).catch(() => undefined);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${label}"]`).first().click();
}

describe('staff accounts', () => {
  it('create a liaison, forced password change, own unit only, disabled -> logged out on the next click', async () => {
    // Separate contexts: two people at two computers, each with their own stored token.
    const adminCtx = await env.chrome.browser.newContext();
    const liaisonCtx = await env.chrome.browser.newContext();
    const admin = await adminCtx.newPage();
    const liaison = await liaisonCtx.newPage();

    await staffLogin(admin, env.product.baseUrl, 'admin');
    await admin.click('[data-testid=nav-section-system]');
    await admin.click('[data-testid=nav-system-users]');
    await admin.waitForSelector('[data-testid=users-table] .ant-table-row');

    await admin.click('#users-create');
    await admin.fill('#account_username', 'chengguan2');
    await admin.fill('#account_displayName', '城关镇联络员 孙悦');
    await choose(admin, 'account_role', '责任单位联络员');
    await choose(admin, 'account_unitId', '城关镇');
    await admin.fill('#account_phone', '13800001234');
    await admin.click('#account-submit');
    const temporary = (await admin.textContent('[data-testid=temporary-password]', { timeout: 15_000 }))!.trim();
    expect(temporary).toMatch(/^\S{12}$/);
    await admin.click('#temporary-password-done');
    await expect.poll(() => admin.textContent('[data-testid=users-table]')).toContain('chengguan2');
    expect(await admin.textContent('[data-testid=users-table]')).toContain('****1234');

    // The liaison's first login: only the password change is offered.
    await liaison.goto(`${env.product.baseUrl}/admin/`);
    await liaison.fill('#username', 'chengguan2');
    await liaison.fill('#password', temporary);
    await liaison.click('#login-submit');
    await liaison.waitForSelector('[data-testid=pending-step]');
    expect(await liaison.textContent('[data-testid=pending-step]')).toContain('请先修改密码');
    await liaison.fill('#password_currentPassword', temporary);
    await liaison.fill('#password_newPassword', 'chengguan2#A1');
    await liaison.fill('#password_confirmPassword', 'chengguan2#A1');
    await liaison.click('#password-submit');
    await expect.poll(() => liaison.textContent('[data-testid=password-error], .ant-form-item-explain-error')).toContain('密码不能包含用户名');
    await liaison.fill('#password_newPassword', 'Chengguan#2026');
    await liaison.fill('#password_confirmPassword', 'Chengguan#2026');
    await liaison.click('#password-submit');
    await liaison.waitForSelector('[data-testid=current-user]');
    expect(await liaison.textContent('[data-testid=current-role]')).toContain('责任单位联络员');

    // Its own unit: shown in the header; the system pages are neither offered nor opened by address.
    expect(await liaison.textContent('.ant-layout-header')).toContain('城关镇');
    expect(await liaison.locator('[data-testid=nav-section-system]').count()).toBe(0);
    await liaison.goto(`${env.product.baseUrl}/admin/system/users`);
    await liaison.waitForSelector('[data-testid=forbidden-page]');
    // and the server refuses it the account routes, whatever the panel shows
    const scoped = await liaison.evaluate(async () => {
      const token = localStorage.getItem('msjd.admin.token');
      const res = await fetch('/api/staff/users', { headers: { authorization: `Bearer ${token}` } });
      return res.status;
    });
    expect(scoped).toBe(403);

    // The administrator disables the account while the liaison's tab is open.
    await admin.click('#user-disable-chengguan2');
    await admin.click('#user-action-confirm');
    await expect.poll(() => admin.textContent('[data-testid=users-table]')).toContain('已停用');

    await liaison.click('[data-testid=nav-reports]');
    await liaison.waitForSelector('#login-submit', { timeout: 15_000 });
    expect(await liaison.textContent('[data-testid=login-expired]')).toContain('账号已停用');
    // and the account cannot log in again
    await liaison.fill('#username', 'chengguan2');
    await liaison.fill('#password', 'Chengguan#2026');
    await liaison.click('#login-submit');
    await expect.poll(() => liaison.textContent('[data-testid=login-error]')).toContain('用户名或密码错误');

    await adminCtx.close();
    await liaisonCtx.close();
  });
});
