// Helpers for driving the Taro H5 build in a browser flow.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

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

/** 我要反映 opened in H5 on a fresh device: 举报须知 agreed, and the categories arrived (so one can be picked). */
export async function openReportFormInH5(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/h5/#/pages/report/index`);
  await agreeToReportNotice(page);
  await expect.poll(() => page.textContent('#report-category'), { timeout: 15_000 }).not.toContain('正在加载');
}

/** Picks the first 问题类别 in Taro's H5 picker. */
export async function chooseFirstCategory(page: Page): Promise<void> {
  await page.click('#report-category');
  await page.getByText('确定', { exact: true }).click();
}

export interface ConfidentialReportInH5 {
  content: string;
  person?: string;
  place?: string;
  photo?: { name: string; mimeType: string; buffer: Buffer };
  /** how long the receipt may take (a video is uploaded and transcoded before it opens) */
  receiptTimeoutMs?: number;
}

/** What the receipt of a 保密 report shows once: its serial, and the query code and secret to follow it with. */
export interface ConfidentialReceipt {
  serial: string;
  code: string;
  secret: string;
}

/**
 * Files a 保密 report from the open form (openReportFormInH5; anything else, such as a video, chosen before): the
 * first category, the text fields and photo given, 保密 chosen (no name field left), 提交; returns what the receipt
 * shows. The receipt stays open, unconfirmed.
 */
export async function fileConfidentialReportInH5(page: Page, report: ConfidentialReportInH5): Promise<ConfidentialReceipt> {
  await chooseFirstCategory(page);
  if (report.person) await fillTaro(page, 'report-person', report.person);
  await fillTaro(page, 'report-content', report.content);
  if (report.place) await fillTaro(page, 'report-place', report.place);
  if (report.photo) {
    const chooser = page.waitForEvent('filechooser');
    await page.click('#report-photo-add');
    await (await chooser).setFiles(report.photo);
    await page.getByText('照片（1/9）').waitFor();
  }
  await page.click('#report-confidential');
  expect(await page.getAttribute('#report-confidential', 'aria-checked')).toBe('true');
  expect(await page.locator('#report-name').count()).toBe(0);
  await page.click('#report-submit');
  await page.waitForSelector('#receipt-code', { timeout: report.receiptTimeoutMs ?? 30_000 });
  const read = async (id: string) => (await page.textContent(`#${id}`))!.trim();
  return { serial: await read('receipt-serial'), code: await read('receipt-code'), secret: await read('receipt-secret') };
}
