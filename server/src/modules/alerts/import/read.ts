// Streaming readers for imported tables: CSV (UTF-8 with/without BOM or GB18030, detected) and XLSX (first sheet).
// Both yield the header row first, then the data rows, each with the 1-based line (CSV: the line where the record
// starts; XLSX: the sheet's row number).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../../errors';

export type Cell = string | number | Date | null;
export type RawRow = { line: number; cells: Cell[] };

/** The file cannot be read at all: nothing is imported. `reason` says why, without the message's lead-in. */
export class ImportFileError extends AppError {
  constructor(readonly reason: string) {
    super('unprocessable', 'IMPORT_UNREADABLE', `导入失败，未写入任何数据: ${reason}`);
  }
}

const SAMPLE_BYTES = 256 * 1024;

async function readSample(file: string): Promise<Buffer> {
  const fh = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new ImportFileError(err.code === 'ENOENT' ? `文件不存在: ${file}` : `无法打开文件 ${file}: ${err.message}`);
  });
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/;

/** 'utf8' (with or without BOM) or 'gb18030'; throws ImportFileError for anything else. */
export function detectEncoding(sample: Buffer): 'utf8' | 'gb18030' {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  if (sample.length >= 2 && ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))) {
    throw new ImportFileError('不支持的文件编码（UTF-16），请另存为 UTF-8 或 GB18030 编码的 CSV');
  }
  if (sample.includes(0)) throw new ImportFileError('无法识别的文件编码（文件含二进制内容），请使用 UTF-8 或 GB18030 编码的 CSV 或 XLSX');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    if (!CONTROL.test(text)) return 'utf8';
  } catch {
    /* not UTF-8 */
  }
  const text = iconv.getDecoder('gb18030').write(sample);
  if (CONTROL.test(text)) throw new ImportFileError('无法识别的文件编码，请使用 UTF-8 或 GB18030 编码');
  return 'gb18030';
}

function isXlsx(file: string, sample: Buffer) {
  return path.extname(file).toLowerCase() === '.xlsx' || (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04);
}

/** Comma unless the header line has more tabs (or semicolons) than commas. */
export function detectDelimiter(firstLine: string): ',' | '\t' | ';' {
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const commas = count(',');
  if (count('\t') > commas) return '\t';
  if (count(';') > commas) return ';';
  return ',';
}

export async function* readTable(file: string): AsyncGenerator<RawRow> {
  const sample = await readSample(file);
  if (sample.length === 0) throw new ImportFileError('文件为空，缺少表头行');
  if (path.extname(file).toLowerCase() === '.xls' || (sample[0] === 0xd0 && sample[1] === 0xcf && sample[2] === 0x11 && sample[3] === 0xe0)) {
    throw new ImportFileError('不支持旧版 Excel（.xls）格式，请另存为 .xlsx 或 CSV');
  }
  if (isXlsx(file, sample)) yield* readXlsx(file);
  else {
    const encoding = detectEncoding(sample);
    const text = iconv.getDecoder(encoding).write(sample);
    yield* readCsv(file, encoding, detectDelimiter(text.split(/\r?\n/, 1)[0]));
  }
}

async function* readCsv(file: string, encoding: 'utf8' | 'gb18030', delimiter: string): AsyncGenerator<RawRow> {
  const parser = createReadStream(file)
    .pipe(iconv.decodeStream(encoding))
    .pipe(parse({ bom: true, relax_column_count: true, delimiter }));
  // Line numbers are counted here (csv-parse's own count is off for CRLF inside quoted fields): a record spans
  // 1 + the line breaks inside its (quoted) values; unquoted values cannot hold line breaks. Blank lines arrive as
  // records of one empty value and are skipped.
  let next = 1;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const line = next;
      let inner = 0;
      for (const c of cells) inner += c.match(/\r\n|\n|\r/g)?.length ?? 0;
      next += 1 + inner;
      if (cells.every((c) => c.trim() === '')) continue;
      yield { line, cells };
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const e = err as Error & { code?: string; lines?: number };
    if (e.code?.startsWith('CSV_')) throw new ImportFileError(`CSV 格式错误（第 ${e.lines ?? '?'} 行附近）: ${e.message}`);
    throw new ImportFileError(`无法读取文件: ${e.message}`);
  }
}

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in o) return cellValue(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return cellValue(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

async function* readXlsx(file: string): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
        yield { line: row.number, cells };
      }
      return; // first sheet only
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(`无法读取 XLSX 文件: ${(err as Error).message}`);
  }
  throw new ImportFileError('XLSX 文件中没有工作表');
}
