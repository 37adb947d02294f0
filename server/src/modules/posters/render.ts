// QR codes (PNG) and printable A4 posters (PDF, CJK font embedded and subset) for QR scenes; ZIP for a batch.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import archiver from 'archiver';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);
/** Noto Sans Hans from @embedpdf/fonts-sc (OTF, usable by pdfkit; no system font needed). */
export const CJK_FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function cjkFonts() {
  fonts ??= {
    regular: readFileSync(path.join(CJK_FONT_DIR, 'NotoSansHans-Regular.otf')),
    bold: readFileSync(path.join(CJK_FONT_DIR, 'NotoSansHans-Bold.otf')),
  };
  return fonts;
}

export function qrPng(text: string, width = 600): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width });
}

export interface PosterContent {
  heading: string;
  subtitle?: string | null;
  lines: { label: string; value: string | null | undefined }[];
  paragraphs: { label: string; text: string }[];
  qrText: string;
  sceneCaption: string;
  footer: string;
}

export async function posterPdf(c: PosterContent): Promise<Buffer> {
  const { regular, bold } = cjkFonts();
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: c.heading, Producer: '码上监督' } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('cjk', regular);
  doc.registerFont('cjk-bold', bold);
  const width = doc.page.width - 112;

  doc.font('cjk-bold').fontSize(30).fillColor('#b71c1c').text(c.heading, { align: 'center', width });
  if (c.subtitle) doc.moveDown(0.3).font('cjk').fontSize(15).fillColor('#333').text(c.subtitle, { align: 'center', width });
  doc.moveDown(0.6).moveTo(56, doc.y).lineTo(56 + width, doc.y).lineWidth(2).strokeColor('#b71c1c').stroke().moveDown(0.8);

  doc.fillColor('#000').fontSize(13);
  for (const l of c.lines) {
    if (!l.value) continue;
    doc.font('cjk-bold').text(`${l.label}：`, { continued: true }).font('cjk').text(l.value);
    doc.moveDown(0.2);
  }
  for (const p of c.paragraphs) {
    doc.moveDown(0.4).font('cjk-bold').fontSize(13).text(`${p.label}：`);
    doc.font('cjk').fontSize(12).text(p.text, { width, lineGap: 3 });
  }

  const qr = await qrPng(c.qrText, 480);
  const size = 200;
  // the QR code sits at the foot of the page; a very long notice pushes it onto a second page rather than off the paper
  if (doc.y + 24 + size + 60 > doc.page.height - 56) doc.addPage();
  const y = Math.max(doc.y + 24, doc.page.height - 56 - size - 80);
  doc.image(qr, (doc.page.width - size) / 2, y, { width: size, height: size });
  doc.font('cjk').fontSize(13).fillColor('#000').text(c.sceneCaption, 56, y + size + 8, { align: 'center', width });
  doc.fontSize(10).fillColor('#666').text(c.footer, 56, y + size + 32, { align: 'center', width });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/**
 * A ZIP streamed while its entries are produced (a round's 88 posters take about a minute to render: the download
 * starts at once instead of the client waiting on a silent connection). Entries are rendered one at a time.
 */
export function zipStream(entries: AsyncIterable<{ name: string; data: Buffer }>, onError: (err: unknown) => void) {
  const archive = archiver('zip', { zlib: { level: 6 } });
  (async () => {
    for await (const e of entries) archive.append(e.data, { name: e.name });
    await archive.finalize();
  })().catch((err) => {
    onError(err);
    archive.destroy(err as Error);
  });
  return archive;
}

/** A file name safe in a ZIP and in Content-Disposition (keeps CJK). */
export const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
export const contentDisposition = (name: string) => `attachment; filename="${encodeURIComponent(name).replace(/%/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
