// Import templates: an empty file with the header row in Chinese, for the service cases and for each declared data
// set. CSV in UTF-8 with a BOM (so Excel opens it in Chinese); XLSX with the identifying columns formatted as text, so
// Excel keeps an ID's 18 characters instead of turning it into a number, and a 填写说明 sheet written from the same
// rules the importer applies (the importer reads the first sheet only).
import { type DatasetColumn, datasetColumnTypeLabels } from '@msjd/shared/alerts';
import ExcelJS from 'exceljs';
import type { DatasetDeclaration } from '../datasets/store';
import { type FieldRule, SERVICE_CASE_RULES } from './rules';

export type TemplateFormat = 'csv' | 'xlsx';
export type TemplateColumn = { header: string; name: string; required: boolean; text: boolean; hint: string; width: number };
export type TemplateFile = { fileName: string; contentType: string; body: Buffer };

const CONTENT_TYPES: Record<TemplateFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const fromRule = (r: FieldRule): TemplateColumn => ({
  header: r.zh,
  name: r.field,
  required: r.required,
  // codes and IDs stay text: a code like 0101 or an 18-digit ID must not become a number
  text: r.check.kind === 'code' || r.check.kind === 'applicant_id',
  hint: r.hint,
  width: r.check.kind === 'applicant_id' ? 24 : r.check.kind === 'datetime' ? 20 : Math.max(12, r.zh.length * 2 + 4),
});

const DATASET_HINTS: Record<DatasetColumn['type'], string> = {
  text: '',
  integer: '整数',
  decimal: '数字，可带小数',
  date: '如 2026-03-02、2026/3/2、2026年3月2日',
  id_number: '18 位身份证号码（校验位须正确；在 Excel 中请设为文本格式）',
};

export function serviceCaseTemplateColumns(): TemplateColumn[] {
  return SERVICE_CASE_RULES.map(fromRule);
}

export function datasetTemplateColumns(decl: DatasetDeclaration): TemplateColumn[] {
  return decl.columns.map((c) => ({
    header: c.label,
    name: c.name,
    required: c.required || c.name === decl.keyColumn,
    text: c.type === 'text' || c.type === 'id_number',
    hint: [datasetColumnTypeLabels[c.type], DATASET_HINTS[c.type], c.name === decl.keyColumn ? '主键：再次导入同一主键将更新该行' : ''].filter(Boolean).join('；'),
    width: c.type === 'id_number' ? 24 : Math.max(12, c.label.length * 2 + 4),
  }));
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export async function buildTemplate(title: string, columns: TemplateColumn[], format: TemplateFormat): Promise<TemplateFile> {
  const fileName = `${title}导入模板.${format}`;
  if (format === 'csv') {
    const body = Buffer.from('\ufeff' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n', 'utf8');
    return { fileName, contentType: CONTENT_TYPES.csv, body };
  }
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.name, width: c.width, style: c.text ? { numFmt: '@' } : {} }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.numFmt = '@';
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '表头', width: 18 },
    { header: '列名（英文表头亦可）', width: 22 },
    { header: '是否必填', width: 10 },
    { header: '填写要求', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of columns) notes.addRow([c.header, c.name, c.required ? '必填' : '', c.hint]);
  notes.addRow([]);
  notes.addRow(['说明', '第一个工作表的第一行为表头，列的顺序可以调整；必填列的表头为红色。导入时逐行清洗，不合格的行列出行号、字段和全部原因，其余行照常导入；文件内同一编号出现多次时以最后一行为准。']);
  return { fileName, contentType: CONTENT_TYPES.xlsx, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}
