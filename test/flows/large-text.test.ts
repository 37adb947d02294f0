// 大字模式 (适老化), in the real H5 app on a 390×844 phone: 首页 and the report form are measured and photographed with
// the mode off, the mode is switched on in 我的, and the same two pages are measured again. In large mode every text
// on them is at least 18px, the primary tap targets at least 44px high, every text meets 4.5:1 against its
// background in both modes, and both pages (and their screenshots) grew. The choice survives a reload.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { agreeToReportNotice } from '../support/h5';
import { productAndBrowser } from '../support/product-and-browser';

const env = productAndBrowser();
const shots = path.resolve(__dirname, '../../.tmp/flows/large-text');

async function open(page: Page, route: string, readyId: string) {
  await page.goto(`${env.product.baseUrl}/h5/#/pages/${route}`);
  await page.reload();
  await page.waitForSelector(`#${readyId}`, { timeout: 20_000 });
}

interface Measure {
  /** the smallest computed font size of any visible text on the page */
  minFont: number;
  /** that text, to name it in a failure */
  smallest: string;
  /** the body text (the page root's own size) */
  bodyFont: number;
  /** every text whose contrast with its background is under 4.5:1 */
  lowContrast: string[];
  /** how far the page's content reaches (the page itself is at least one screen high) */
  height: number;
}

/** Reads what a citizen sees on the visible page: sizes of every text node's element and their contrast. */
function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const root = [...document.querySelectorAll<HTMLElement>('.page')].find((e) => e.checkVisibility())!;
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    // the colours behind a text: a gradient's every stop (the worst one counts), else the nearest solid colour
    const backgrounds = (e: HTMLElement | null): number[][] => {
      for (; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        const stops = style.backgroundImage.match(/rgba?\([^)]*\)/g);
        if (stops) return stops.map((s) => rgb(s).slice(0, 3));
        const c = rgb(style.backgroundColor);
        if (c.length >= 3 && (c.length === 3 || c[3] > 0.5)) return [c.slice(0, 3)];
      }
      return [[255, 255, 255]];
    };
    let minFont = Infinity;
    let smallest = '';
    const lowContrast: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent!.trim();
      const el = n.parentElement!;
      if (!text || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true } as CheckVisibilityOptions)) continue;
      const style = getComputedStyle(el);
      if (parseFloat(style.fontSize) < minFont) [minFont, smallest] = [parseFloat(style.fontSize), text.slice(0, 12)];
      const fg = luminance(rgb(style.color));
      const ratio = Math.min(
        ...backgrounds(el).map((c) => {
          const bg = luminance(c);
          return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        }),
      );
      if (ratio < 4.5) lowContrast.push(`${text.slice(0, 12)} ${style.color} ${ratio.toFixed(2)}`);
    }
    const top = root.getBoundingClientRect().top;
    const height = Math.max(...[...root.querySelectorAll('*')].map((e) => e.getBoundingClientRect().bottom)) - top;
    return { minFont, smallest, bodyFont: parseFloat(getComputedStyle(root).fontSize), lowContrast, height: Math.ceil(height) };
  });
}

/** A screenshot of the page's content, saved for people to look at; its height in pixels is read from the PNG header. */
async function screenshot(page: Page, name: string, contentHeight: number): Promise<number> {
  // the H5 page scrolls inside its own container, so the window is made as tall as the content for the picture
  await page.setViewportSize({ width: 390, height: contentHeight });
  const png = await page.screenshot();
  await page.setViewportSize({ width: 390, height: 844 });
  mkdirSync(shots, { recursive: true });
  writeFileSync(path.join(shots, `${name}.png`), png);
  return png.readUInt32BE(20);
}

/**
 * The font sizes of Taro's H5 chrome, which lives outside the page root: the toast an empty form's 提交 shows, and
 * the smallest visible tab bar label.
 */
async function chrome(page: Page): Promise<{ toast: number; tabLabel: number }> {
  await page.click('#report-submit');
  const toast = page.locator('.taro__toast p').last();
  await expect.poll(() => toast.textContent()).toBe('请按提示修改标红的内容');
  const toastFont = await toast.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  const tabFonts = await page.$$eval('.weui-tabbar__label', (els) => els.filter((e) => e.checkVisibility()).map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(tabFonts.length, 'visible tab bar labels').toBeGreaterThan(0);
  return { toast: toastFont, tabLabel: Math.min(...tabFonts) };
}

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).boundingBox();
  expect(b, selector).not.toBeNull();
  return b!;
}

describe('大字模式', () => {
  it('makes 首页 and the report form larger, legible and easy to tap, and is remembered', async () => {
    const context = await env.chrome.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const h5 = await context.newPage();
    const pageErrors: string[] = [];
    h5.on('pageerror', (e) => pageErrors.push(String(e)));

    // ---- standard ----
    await open(h5, 'index/index', 'entry-report');
    const homeStd = await measure(h5);
    const homeEntryStd = await box(h5, '#entry-report');
    const homeShotStd = await screenshot(h5, 'home-standard', homeStd.height);

    await open(h5, 'report/index', 'consent-gate');
    await agreeToReportNotice(h5);
    await expect.poll(() => h5.textContent('#report-category'), { timeout: 15_000 }).not.toContain('正在加载');
    const formStd = await measure(h5);
    const submitStd = await box(h5, '#report-submit');
    const formShotStd = await screenshot(h5, 'report-standard', formStd.height);
    expect(homeStd.lowContrast).toEqual([]);
    expect(formStd.lowContrast).toEqual([]);
    // Taro's own chrome, outside the page: a toast (the empty form's 请按提示修改…) and the tab bar
    const chromeStd = await chrome(h5);

    // ---- switched on in 我的, said in words ----
    await open(h5, 'mine/index', 'mine-large-text');
    expect(await h5.textContent('#mine-large-text-state')).toBe('已关闭');
    await h5.click('#mine-large-text');
    expect(await h5.textContent('#mine-large-text-state')).toBe('已开启');
    expect(await h5.getAttribute('#mine-large-text', 'aria-checked')).toBe('true');
    // 我的 itself grew at once
    const mine = await measure(h5);
    expect(mine.minFont, mine.smallest).toBeGreaterThanOrEqual(18);

    // ---- large, after a reload: remembered on the device ----
    await open(h5, 'index/index', 'entry-report');
    const homeLarge = await measure(h5);
    const homeEntryLarge = await box(h5, '#entry-report');
    const homeShotLarge = await screenshot(h5, 'home-large', homeLarge.height);

    await open(h5, 'report/index', 'report-submit');
    await expect.poll(() => h5.textContent('#report-category'), { timeout: 15_000 }).not.toContain('正在加载');
    const formLarge = await measure(h5);
    const submitLarge = await box(h5, '#report-submit');
    const formShotLarge = await screenshot(h5, 'report-large', formLarge.height);
    const chromeLarge = await chrome(h5);
    expect(chromeLarge.toast, 'toast').toBeGreaterThanOrEqual(18);
    expect(chromeLarge.toast).toBeGreaterThan(chromeStd.toast);
    expect(chromeLarge.tabLabel, 'tab bar').toBeGreaterThanOrEqual(18);
    expect(chromeLarge.tabLabel).toBeGreaterThan(chromeStd.tabLabel);

    for (const [name, std, large] of [
      ['首页', homeStd, homeLarge],
      ['我要反映', formStd, formLarge],
    ] as const) {
      expect(large.bodyFont, name).toBeGreaterThanOrEqual(18);
      expect(large.minFont, `${name}: ${large.smallest}`).toBeGreaterThanOrEqual(18);
      expect(large.minFont, name).toBeGreaterThan(std.minFont);
      expect(large.lowContrast, name).toEqual([]);
      expect(large.height, name).toBeGreaterThan(std.height);
    }
    expect(homeShotLarge).toBeGreaterThan(homeShotStd);
    expect(formShotLarge).toBeGreaterThan(formShotStd);
    expect(homeEntryLarge.height).toBeGreaterThan(homeEntryStd.height);
    expect(submitLarge.height).toBeGreaterThanOrEqual(44);
    expect(submitLarge.height).toBeGreaterThan(submitStd.height);

    // ---- and back off ----
    await open(h5, 'mine/index', 'mine-large-text');
    await h5.click('#mine-large-text');
    await open(h5, 'index/index', 'entry-report');
    expect((await measure(h5)).minFont).toBe(homeStd.minFont);

    // pinch-zoom stays allowed (工信部 适老化 规范): the viewport neither fixes the scale nor forbids scaling
    const viewport = (await h5.getAttribute('meta[name="viewport"]', 'content'))!;
    expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)/);
    expect(viewport).not.toMatch(/maximum-scale\s*=\s*1(\.0*)?\b/);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
