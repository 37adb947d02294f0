// Steps in the real admin panel that several flows take: logging in with a demo account, acting on a report.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Logs in at `<baseUrl>/admin/` with a demo account (password `Demo@2026`) and waits for the panel. */
export async function staffLogin(page: Page, baseUrl: string, username: string, timeout = 30_000) {
  await page.goto(`${baseUrl}/admin/`);
  await page.fill('#username', username);
  await page.fill('#password', 'Demo@2026');
  await page.click('#login-submit');
  await page.waitForSelector('[data-testid=current-user]', { timeout });
}

/** On a report's detail page: opens an action's form, lets `fill` answer it, submits, and waits for the new state. */
export async function reportAction(page: Page, action: string, status: string, fill?: () => Promise<void>) {
  await page.click(`#action-${action}`);
  await page.waitForSelector('#action-submit');
  await fill?.();
  await page.click('#action-submit');
  await expect.poll(() => page.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe(status);
}
