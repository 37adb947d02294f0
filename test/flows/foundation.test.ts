// A newcomer's first look: staff log into the real admin and see the units; a citizen opens the real H5 home.
import { describe, expect, it } from 'vitest';
import { answerTotpIfAsked } from '../support/admin';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();

describe('admin', () => {
  it('refuses a wrong password, logs in with the demo account, lists units, logs out', async () => {
    const page = await env.chrome.browser.newPage();
    await page.goto(`${env.product.baseUrl}/admin/`);
    await page.fill('#username', 'admin');
    await page.fill('#password', 'wrong-password');
    await page.click('#login-submit');
    await expect.poll(() => page.textContent('[data-testid=login-error]')).toContain('用户名或密码错误');

    await page.fill('#password', 'Demo@2026');
    await page.click('#login-submit');
    // the administrator signs in with a second factor
    await page.waitForSelector('#totp-login-code');
    await answerTotpIfAsked(page, 'admin');
    expect(await page.textContent('[data-testid=current-role]')).toContain('系统管理员');

    await page.goto(`${env.product.baseUrl}/admin/system/units`);
    await page.waitForSelector('[data-testid=units-table] .ant-table-row');
    expect(await page.textContent('[data-testid=units-table]')).toContain('县发展和改革局');
    await page.fill('#units-search', '城关');
    await page.press('#units-search', 'Enter');
    await expect.poll(async () => page.locator('[data-testid=units-table] .ant-table-row').count()).toBe(1);

    await page.click('#logout');
    await page.waitForSelector('#login-submit');
    await page.close();
  });
});

describe('H5 mini-program', () => {
  it('opens the home page with its entry points and logs the device in', async () => {
    const page = await env.chrome.browser.newPage();
    const logins: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/public/auth/device')) logins.push(r.status());
    });
    await page.goto(`${env.product.baseUrl}/h5/#/pages/index/index`);
    await page.waitForSelector('#home-title');
    expect(await page.textContent('#home-title')).toContain('码上监督');
    for (const id of ['entry-report', 'entry-track', 'entry-tour-notices', 'entry-surveys', 'entry-business']) {
      expect(await page.isVisible(`#${id}`)).toBe(true);
    }
    await page.goto(`${env.product.baseUrl}/h5/#/pages/mine/index`);
    await expect.poll(() => logins).toContain(200);
    await page.close();
  });
});
