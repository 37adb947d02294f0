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
export function cjkFonts() {
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
  /** the mini-program code (PNG) when WeChat is configured; otherwise a QR code of `qrText` is drawn */
  qrImage?: Buffer;
  sceneCaption: string;
  footer: string;
}

/** Type sizes of one poster layout; `fit` picks the largest that keeps the whole poster on one A4 page. */
interface PosterScale {
  heading: number;
  subtitle: number;
  line: number;
  body: number;
  qr: number;
}
const SCALES: PosterScale[] = [
  { heading: 30, subtitle: 15, line: 13, body: 12, qr: 200 },
  { heading: 26, subtitle: 14, line: 12, body: 11, qr: 180 },
  { heading: 24, subtitle: 13, line: 11, body: 10, qr: 170 },
  { heading: 22, subtitle: 12, line: 10.5, body: 9.5, qr: 160 },
  { heading: 20, subtitle: 12, line: 10, body: 9, qr: 150 },
];
const MARGIN = 56;
/** caption and footer under the code */
const QR_FOOT = 80;

function newDoc(c: PosterContent) {
  const { regular, bold } = cjkFonts();
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: c.heading, Producer: '码上监督' } });
  doc.registerFont('cjk', regular);
  doc.registerFont('cjk-bold', bold);
  return doc;
}

/** Draws everything above the code; returns where the text ends. */
function drawText(doc: PDFKit.PDFDocument, c: PosterContent, s: PosterScale): number {
  const width = doc.page.width - 2 * MARGIN;
  doc.font('cjk-bold').fontSize(s.heading).fillColor('#b71c1c').text(c.heading, { align: 'center', width });
  if (c.subtitle) doc.moveDown(0.3).font('cjk').fontSize(s.subtitle).fillColor('#333').text(c.subtitle, { align: 'center', width });
  doc.moveDown(0.6).moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(2).strokeColor('#b71c1c').stroke().moveDown(0.8);
  doc.fillColor('#000').fontSize(s.line);
  for (const l of c.lines) {
    if (!l.value) continue;
    doc.font('cjk-bold').fontSize(s.line).text(`${l.label}：`, { continued: true }).font('cjk').text(l.value);
    doc.moveDown(0.2);
  }
  for (const p of c.paragraphs) {
    doc.moveDown(0.4).font('cjk-bold').fontSize(s.line).text(`${p.label}：`);
    doc.font('cjk').fontSize(s.body).text(p.text, { width, lineGap: 3 });
  }
  return doc.bufferedPageRange().count > 1 ? Infinity : doc.y;
}

/** The largest type that keeps text and code on one page, tried on a scratch document (never ended). */
function fit(c: PosterContent): PosterScale {
  for (const s of SCALES) {
    const scratch = newDoc(c);
    const y = drawText(scratch, c, s);
    if (y + 24 + s.qr + QR_FOOT <= scratch.page.height - MARGIN) return s;
  }
  return SCALES.at(-1)!;
}

export async function posterPdf(c: PosterContent): Promise<Buffer> {
  // a poster is one sheet: the type shrinks until the notice and the code fit; only a notice too long even at the
  // smallest size spills the code onto a second page (rather than off the paper)
  const s = fit(c);
  const doc = newDoc(c);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  drawText(doc, c, s);

  const qr = c.qrImage ?? (await qrPng(c.qrText, 480));
  const size = s.qr;
  if (doc.y + 24 + size + QR_FOOT > doc.page.height - MARGIN) doc.addPage();
  const y = Math.max(doc.y + 24, doc.page.height - MARGIN - size - QR_FOOT);
  doc.image(qr, (doc.page.width - size) / 2, y, { width: size, height: size });
  // lineBreak off: a caption or footer that reaches the bottom margin must not open a page of its own
  doc.font('cjk').fontSize(13).fillColor('#000').text(c.sceneCaption, MARGIN, y + size + 8, { align: 'center', width, lineBreak: false });
  doc.fontSize(10).fillColor('#666').text(c.footer, MARGIN, y + size + 32, { align: 'center', width, lineBreak: false });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** Pages of a PDF this module wrote (pdfkit writes one uncompressed `/Type /Page` object per page). */
export const pdfPageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

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
