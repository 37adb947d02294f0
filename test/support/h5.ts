// Helpers for driving the Taro H5 build in a browser flow.
import type { Page } from 'playwright-core';

/**
 * Types into a Taro Input/Textarea. In H5 the element id sits on Taro's host element (taro-input-core,
 * taro-textarea-core), so the value goes into the native field inside it.
 */
export async function fillTaro(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id} input, #${id} textarea, input#${id}, textarea#${id}`).first().fill(value);
}

/** Confirms Taro's own H5 modal (showModal renders a dialog of its own, not a browser dialog). */
export async function confirmTaroModal(page: Page, confirmText = '确定'): Promise<void> {
  await page.getByText(confirmText, { exact: true }).last().click();
}

/** A real JPEG drawn by the browser's canvas, for upload flows that need an image file. */
export async function canvasJpeg(page: Page, width = 320, height = 240): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([w, h]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#c0392b';
      ctx.fillRect(0, 0, w, h);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(w / 4, h / 4, w / 2, h / 2);
      return canvas.toDataURL('image/jpeg', 0.9);
    },
    [width, height] as const,
  );
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** A fresh device meets 举报须知 before its first report: tick the box and 同意并继续, then the form is there. */
export async function agreeToReportNotice(page: Page): Promise<void> {
  await page.waitForSelector('#consent-agree');
  await page.click('#consent-agree');
  await page.click('#consent-continue');
  await page.waitForSelector('#report-submit');
}
