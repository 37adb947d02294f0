// The reporter's short video in a real browser: a 61-second recording is refused when it is picked (the limits are on
// the form before anything is chosen), a 3-second one with GPS and device metadata goes with a 保密 report, and intake
// plays it in the admin — loaded decrypted from /api/files/<token> under the CSP, seeking by byte ranges — without the
// metadata the phone left in it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffLogin } from '../support/admin';
import { fileConfidentialReportInH5, openReportFormInH5 } from '../support/h5';
import { productAndBrowser } from '../support/product-and-browser';
import { runFfmpeg } from '../../server/src/modules/reports/videos';

const env = productAndBrowser();
const GPS = '+30.2741+120.1551/';
const marker = `视频流程${Date.now().toString(36)}`;
let dir: string;

async function recording(name: string, seconds: number): Promise<Buffer> {
  const out = path.join(dir, name);
  const { code, stderr } = await runFfmpeg([
    '-y', '-loglevel', 'error',
    '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=8000',
    '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '16k',
    '-metadata', `location=${GPS}`, '-metadata', 'make=FlowPhone', '-metadata', 'model=FP-1',
    out,
  ]);
  expect(code, stderr).toBe(0);
  return readFile(out);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'msjd-video-flow-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('short video, end to end', () => {
  it('refused when too long, sent with a 保密 report, played and seekable in the admin without its metadata', async () => {
    const prisma = env.product.app.db.prisma;
    const [longVideo, shortVideo] = await Promise.all([recording('long.mp4', 61), recording('short.mp4', 3)]);

    const context = await env.chrome.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const h5 = await context.newPage();
    const pageErrors: string[] = [];
    h5.on('pageerror', (e) => pageErrors.push(String(e)));
    await openReportFormInH5(h5, env.product.baseUrl);
    expect(await h5.textContent('#report-video-limit')).toContain('不超过 60 秒、50 MB');

    // a 61-second video: refused at once, with its length
    let chooser = h5.waitForEvent('filechooser');
    await h5.click('#report-video-add');
    await (await chooser).setFiles({ name: 'long.mp4', mimeType: 'video/mp4', buffer: longVideo });
    await expect.poll(() => h5.textContent('#report-video-error').catch(() => null), { timeout: 15_000 }).toContain('超过 60 秒');
    expect(await h5.locator('#report-video-chosen').count()).toBe(0);

    chooser = h5.waitForEvent('filechooser');
    await h5.click('#report-video-add');
    await (await chooser).setFiles({ name: 'short.mp4', mimeType: 'video/mp4', buffer: shortVideo });
    await expect.poll(() => h5.textContent('#report-video-chosen').catch(() => null), { timeout: 15_000 }).toContain('0:03');

    const { serial } = await fileConfidentialReportInH5(h5, { content: `${marker}：窗口工作人员上班时间长时间玩手机，群众排队无人办理。`, receiptTimeoutMs: 60_000 });

    const stored = await prisma.report.findUniqueOrThrow({ where: { serial }, include: { attachments: true } });
    expect(stored.attachments.map((a) => [a.kind, a.mime])).toEqual([['video', 'video/mp4']]);

    // ---- intake plays it ----
    const staffContext = await env.chrome.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const admin = await staffContext.newPage();
    const ranges: string[] = [];
    admin.on('request', (r) => {
      if (r.url().includes('/api/files/')) ranges.push(r.headers().range ?? '');
    });
    await staffLogin(admin, env.product.baseUrl, 'intake');
    await admin.goto(`${env.product.baseUrl}/admin/reports/${stored.id}`);
    const player = admin.locator('[data-testid=report-video]');
    await player.waitFor({ timeout: 15_000 });
    expect(await player.getAttribute('src')).toMatch(/^\/api\/files\/[\w-]+\.[\w-]+$/);
    // HAVE_METADATA or better: the browser read the decrypted MP4 and knows its length
    await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(await player.evaluate((v: HTMLVideoElement) => Math.round(v.duration))).toBe(3);
    const seeked = await player.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
          v.currentTime = 2;
        }),
    );
    expect(seeked).toBeGreaterThan(1.5);
    expect(ranges.some((r) => r.startsWith('bytes='))).toBe(true);
    expect(await admin.locator('[data-testid=report-video-error]').count()).toBe(0);

    // what the browser was served carries nothing of the phone's metadata
    const bytes = Buffer.from(await admin.evaluate(async (src) => Array.from(new Uint8Array(await (await fetch(src)).arrayBuffer())), (await player.getAttribute('src'))!));
    expect(bytes.includes(Buffer.from(GPS))).toBe(false);
    expect(bytes.includes(Buffer.from('FlowPhone'))).toBe(false);
    expect(await prisma.auditLog.count({ where: { action: 'report.video_view', entityId: stored.id, actorType: 'staff' } })).toBeGreaterThanOrEqual(1);

    expect(pageErrors).toEqual([]);
    await staffContext.close();
    await context.close();
  });
});
