// Headless Debian Chromium through playwright-core; never downloads a browser. Playwright gives every launch a
// fresh temporary profile (it refuses --user-data-dir outside launchPersistentContext).
//
// Every page of every flow reports Content-Security-Policy violations back here, and close() fails the suite if
// there were any: the flows are the proof that the admin and the H5 really work under the server's CSP.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

declare global {
  interface Window {
    __msjdCspViolation?: (violation: string) => void;
  }
}

export async function launchBrowser(): Promise<{ browser: Browser; cspViolations: string[]; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const cspViolations: string[] = [];
  const watch = async (context: BrowserContext) => {
    await context.exposeBinding('__msjdCspViolation', ({ page }, violation: string) => {
      cspViolations.push(`${page?.url() ?? '?'}: ${violation}`);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__msjdCspViolation?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample}`.trim());
      });
    });
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watch(context);
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    // as Playwright's own newPage does: the page owns its context
    page.on('close', () => void context.close().catch(() => undefined));
    return page;
  };
  return {
    browser,
    cspViolations,
    async close() {
      await browser.close();
      if (cspViolations.length) throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`);
    },
  };
}
