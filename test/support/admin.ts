// Steps in the real admin panel that several flows take: logging in with a demo account, acting on a report.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { totpCode } from '../../server/src/modules/auth/totp';
import { DEMO_TOTP_SECRET } from '../../server/src/seed/demo';

const STEP_MS = 30_000;
const lastStep = new Map<string, number>();

/**
 * Answers the TOTP step of the login, when the page shows it, with the demo accounts' published secret. A code is
 * accepted once per 30-second step and account, so a second login of the same account waits for the next step.
 */
export async function answerTotpIfAsked(page: Page, username: string, timeout = 30_000) {
  const which = await Promise.race([
    page.waitForSelector('[data-testid=current-user]', { timeout }).then(() => 'panel' as const),
    page.waitForSelector('#totp-login-code', { timeout }).then(() => 'totp' as const),
  ]);
  if (which === 'panel') return;
  let step = Math.floor(Date.now() / STEP_MS);
  if (lastStep.get(username) === step) {
    await new Promise((r) => setTimeout(r, (step + 1) * STEP_MS - Date.now() + 200));
    step = Math.floor(Date.now() / STEP_MS);
  }
  lastStep.set(username, step);
  await page.fill('#totp-login-code', await totpCode(DEMO_TOTP_SECRET, new Date()));
  await page.click('#totp-login-submit');
  await page.waitForSelector('[data-testid=current-user]', { timeout });
}

/** Logs in at `<baseUrl>/admin/` with a demo account (password `Demo@2026`, and the TOTP step) and waits for the panel. */
export async function staffLogin(page: Page, baseUrl: string, username: string, timeout = 30_000) {
  await page.goto(`${baseUrl}/admin/`);
  await page.fill('#username', username);
  await page.fill('#password', 'Demo@2026');
  await page.click('#login-submit');
  await answerTotpIfAsked(page, username, timeout);
}

/** On a report's detail page: opens an action's form, lets `fill` answer it, submits, and waits for the new state. */
export async function reportAction(page: Page, action: string, status: string, fill?: () => Promise<void>) {
  await page.click(`#action-${action}`);
  await page.waitForSelector('#action-submit');
  await fill?.();
  await page.click('#action-submit');
  await expect.poll(() => page.textContent('[data-testid=report-status]'), { timeout: 15_000 }).toBe(status);
}
