// The paper side of the notices that open rectification tasks — 立行立改通知书 on a report (reports/notices.ts) and
// 督办通知书 on an escalation case (alerts/urge-notices.ts): the per-year serial and the one-page A4 layout, so the
// two notices are numbered and printed the same way.
import PDFDocument from 'pdfkit';
import { chineseDate } from '@msjd/shared/phrases';
import type { Prisma } from '../../generated/prisma/client';
import { cjkFonts } from '../posters';

/** The word in a notice's serial: 〔2026〕立改第3号, 〔2026〕督办第3号. */
export type NoticeWord = '立改' | '督办';

/** Who signs a notice a supervisor issued (a tour group's carries the group's name). */
export const COMMISSION_NAME = '县纪委监委';

/**
 * The next serial of a kind and year: one upsert of the year's counter row (`立改2026`, `督办2026` in the serial counter
 * table the reports use), inside the issuing transaction, so a notice that fails to issue gives its number back.
 */
export async function nextNoticeSerial(tx: Prisma.TransactionClient, word: NoticeWord, year: number): Promise<string> {
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO report_serial_counter (prefix, last) VALUES (${`${word}${year}`}, 1)
    ON CONFLICT (prefix) DO UPDATE SET last = report_serial_counter.last + 1
    RETURNING last`;
  return `〔${year}〕${word}第${rows[0]!.last}号`;
}

/** The sentence every notice ends its requirements with: the date, the working days, and where to answer. */
export function deadlineParagraph(dueOn: string, deadlineDays: number, what = '完成整改'): string {
  return (
    `请于${chineseDate(dueOn)}前（${deadlineDays} 个工作日内）${what}，并在“码上监督”管理平台“整改跟踪”中上传整改材料、提交整改情况。` +
    '逾期未完成或整改不到位的，将依规依纪依法严肃处理。'
  );
}

export interface NoticePaper {
  /** 立行立改通知书 / 督办通知书 */
  title: string;
  serial: string | null;
  /** the unit addressed, printed as 「name：」 */
  addressee: string | null;
  /** the body, one indented paragraph each (requirements split by line) */
  paragraphs: string[];
  signer: string;
  /** YYYY-MM-DD, Asia/Shanghai */
  issuedOn: string;
}

/** The notice as the unit receives it on paper: A4, the serial under the red title, the signer and the date at the foot. */
export async function renderNoticePdf(p: NoticePaper): Promise<Buffer> {
  const { regular, bold } = cjkFonts();
  const margin = 72;
  const doc = new PDFDocument({ size: 'A4', margin, info: { Title: `${p.title} ${p.serial ?? ''}`.trim(), Producer: '码上监督' } });
  doc.registerFont('cjk', regular);
  doc.registerFont('cjk-bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * margin;
  const para = (text: string) => doc.font('cjk').fontSize(14).fillColor('#000').text(`　　${text}`, { width, lineGap: 8, align: 'justify' }).moveDown(0.4);

  doc.font('cjk-bold').fontSize(28).fillColor('#b71c1c').text(p.title, { align: 'center', width, characterSpacing: 4 });
  doc.moveDown(0.5).font('cjk').fontSize(14).fillColor('#000').text(p.serial ?? '', { align: 'center', width });
  doc.moveDown(0.4).moveTo(margin, doc.y).lineTo(margin + width, doc.y).lineWidth(2).strokeColor('#b71c1c').stroke().moveDown(1.2);
  doc.font('cjk-bold').fontSize(14).text(`${p.addressee ?? '（未指明单位）'}：`, { width }).moveDown(0.4);
  for (const text of p.paragraphs) para(text);
  doc.moveDown(2);
  doc.font('cjk').fontSize(14).text(p.signer, { align: 'right', width });
  doc.moveDown(0.3).text(chineseDate(p.issuedOn), { align: 'right', width });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A notice's requirements, one paragraph per non-empty line. */
export const requirementLines = (content: string) =>
  content
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
