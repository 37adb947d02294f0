// The photo limits of 我要反映 in the real H5 build (#14): the 10 MB rule is on the form before anything is picked; a
// 20 MB JPEG is refused the moment it is picked, with its size, and a text file named .jpg with a sentence of its own
// (Taro's H5 picker used to drop a file the browser cannot decode without a word); neither is added, so nothing can
// fail after submission. A normal photo is then accepted and goes with a 保密 report whose receipt reports no upload
// failure.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPORT_IMAGE_MAX_BYTES } from '@msjd/shared/media';
import { canvasJpeg, fileConfidentialReportInH5, openReportFormInH5 } from '../support/h5';
import { productAndBrowser } from '../support/product-and-browser';

// sharp is the server's image library; the flows package borrows it to draw a real photo of a given size
const sharp = createRequire(new URL('../../server/package.json', import.meta.url))('sharp') as typeof import('../../server/node_modules/sharp');

const env = productAndBrowser();
const marker = `照片上限流程${Date.now().toString(36)}`;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'msjd-photo-limits-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A real 20 MB JPEG: camera-like noise at quality 100 barely compresses (2 800 × 2 600 comes to about 20 MB). */
async function oversizePhoto(): Promise<Buffer> {
  const [width, height] = [2800, 2600];
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
    .toBuffer();
}

/**
 * Picks one file in the form's photo picker, as the citizen's file dialog would hand it over (from a file on disk, so
 * 20 MB is not pushed through the DevTools protocol), and returns when the page has it.
 */
async function pickPhoto(page: Page, name: string, bytes: Buffer): Promise<number> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  const chooser = page.waitForEvent('filechooser');
  await page.click('#report-photo-add');
  await (await chooser).setFiles(file);
  return Date.now();
}

const errorLine = (page: Page) => page.textContent('#report-photos-error').catch(() => null);

describe('photo limits in H5', () => {
  it('shows 10 MB before picking, refuses a 20 MB JPEG and a fake .jpg at once, then files a 保密 report with a normal photo', async () => {
    const big = await oversizePhoto();
    const meta = await sharp(big).metadata();
    expect(meta.format).toBe('jpeg');
    expect(big.length).toBeGreaterThan(19 * 1024 * 1024);
    expect(big.length).toBeGreaterThan(REPORT_IMAGE_MAX_BYTES * 1.9);

    const context = await env.chrome.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const h5 = await context.newPage();
    const pageErrors: string[] = [];
    h5.on('pageerror', (e) => pageErrors.push(String(e)));
    await openReportFormInH5(h5, env.product.baseUrl);

    // the rule is there before anything is picked
    expect(await h5.textContent('#report-photo-limit')).toContain('单张不超过 10 MB，支持 JPG、PNG、WebP');
    expect(await h5.isVisible('#report-photo-limit')).toBe(true);
    expect(await h5.locator('#report-photos-error').count()).toBe(0);

    // 20 MB: refused at once, saying its size and the limit, and not added
    let picked = await pickPhoto(h5, 'IMG_2026.jpg', big);
    const said = `这张图片有 ${(big.length / 1024 / 1024).toFixed(1)} MB，超过 10 MB，未添加。`;
    await expect.poll(() => errorLine(h5), { timeout: 5_000 }).toBe(said);
    const bigRefusedMs = Date.now() - picked;
    expect(bigRefusedMs).toBeLessThan(3_000);
    await h5.getByText('照片（0/9）').waitFor();
    expect(await h5.locator('.photo-picker__img').count()).toBe(0);

    // a text file named .jpg: refused by its bytes with its own sentence, not dropped silently
    picked = await pickPhoto(h5, '证据.jpg', Buffer.from('这只是一段文字，扩展名被改成了 jpg。\n'.repeat(40)));
    await expect.poll(() => errorLine(h5), { timeout: 5_000 }).toBe('所选文件不是图片（只支持 JPG、PNG、WebP），未添加。');
    expect(Date.now() - picked).toBeLessThan(3_000);
    await h5.getByText('照片（0/9）').waitFor();
    expect(await h5.locator('.photo-picker__img').count()).toBe(0);

    // a normal photo: added, and the refusal line goes away
    await pickPhoto(h5, 'evidence.jpg', await canvasJpeg(h5));
    await h5.getByText('照片（1/9）').waitFor();
    expect(await h5.locator('.photo-picker__img').count()).toBe(1);
    expect(await h5.locator('#report-photos-error').count()).toBe(0);

    const { serial } = await fileConfidentialReportInH5(h5, { content: `${marker}：窗口工作人员多次以系统故障为由拒绝受理群众的低保申请。` });
    expect(await h5.locator('#receipt-uploads-failed').count()).toBe(0);

    // the server holds the one photo that was accepted, and nothing of the refused files
    const stored = await env.product.app.db.prisma.report.findUniqueOrThrow({ where: { serial }, include: { attachments: true } });
    expect(stored.attachments.map((a) => [a.kind, a.mime])).toEqual([['image', 'image/jpeg']]);
    expect(pageErrors).toEqual([]);
    console.info(`photo-limits: a ${(big.length / 1024 / 1024).toFixed(1)} MB JPEG refused ${bigRefusedMs} ms after it was picked`);
    await context.close();
  });
});
