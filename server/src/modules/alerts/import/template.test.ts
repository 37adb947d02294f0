// The import templates re-import as they are (no rows, no header error) and, once filled in, import their rows: for
// the service cases and for a declared data set, as CSV (UTF-8 with BOM) and XLSX; and the route that serves them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../../test-support/app';
import { importDataset } from '../datasets/import';
import { sqlOf } from '../sql';
import { importServiceCases } from './service-cases';
import { type TemplateFormat, buildTemplate, datasetTemplateColumns, serviceCaseTemplateColumns } from './template';
import { declareDataset, getDataset } from '../datasets/store';

const dir = mkdtempSync(path.join(tmpdir(), 'msjd-template-'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await declareDataset(sqlOf(t.app.db), 'people_t', {
    label: '人员名册',
    keyColumn: 'person_no',
    residentIdColumn: 'id_number',
    columns: [
      { name: 'person_no', label: '编号', type: 'text', required: true },
      { name: 'id_number', label: '身份证号码', type: 'id_number', required: true },
      { name: 'area', label: '面积', type: 'decimal' },
    ],
  });
}, 60_000);
afterAll(() => t?.close());

const save = (name: string, body: Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, body);
  return p;
};
const empty = { imported: 0, updated: 0, unchanged: 0, rejected: 0, errors: [], duplicates: 0, notices: [] };

/** The template with one row typed into it, as staff would: XLSX cells in the first sheet, or a CSV line appended. */
async function filled(format: TemplateFormat, body: Buffer, row: string[]): Promise<Buffer> {
  if (format === 'csv') return Buffer.concat([body, Buffer.from(row.join(',') + '\r\n')]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  wb.worksheets[0].addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('service-case template', () => {
  const row = ['T1', 'U1', '县市场监管局', 'I1', '营业执照', '11010519491231002X', '自然人', '窗口', '2026-03-02 09:30', '5', '2026-03-05 10:00', '通过', '0', '5'];

  it.each<TemplateFormat>(['csv', 'xlsx'])('%s: re-imports with no rows and no header error; filled in, imports its row', async (format) => {
    const tpl = await buildTemplate('办件数据', serviceCaseTemplateColumns(), format);
    expect(tpl.fileName).toBe(`办件数据导入模板.${format}`);
    if (format === 'csv') {
      expect(tpl.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(tpl.body.toString('utf8').slice(1)).toBe('办件编号,部门编码,部门名称,事项编码,事项名称,申请人证件号码,申请人类型,办理渠道,受理时间,承诺时限,办结时间,办理结果,补正次数,评价\r\n');
    }
    expect(await importServiceCases(t.app.db, save(`empty.${format}`, tpl.body))).toMatchObject(empty);
    const r = await importServiceCases(t.app.db, save(`one.${format}`, await filled(format, tpl.body, [format === 'csv' ? 'T1' : 'T2', ...row.slice(1)])));
    expect(r).toMatchObject({ imported: 1, rejected: 0, errors: [] });
    const [stored] = await sqlOf(t.app.db).query<{ applicant_id: string; applicant_type: string }>(`SELECT applicant_id, applicant_type FROM service_case WHERE case_no = $1`, [
      format === 'csv' ? 'T1' : 'T2',
    ]);
    expect(stored).toEqual({ applicant_id: '11010519491231002X', applicant_type: 'individual' });
  });

  it('the XLSX keeps IDs as text and explains every column on a second sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate('办件数据', serviceCaseTemplateColumns(), 'xlsx')).body as unknown as ArrayBuffer);
    const [cases, notes] = wb.worksheets;
    expect(cases.getColumn(6).numFmt).toBe('@');
    expect(cases.getRow(1).getCell(6).value).toBe('申请人证件号码');
    expect(notes.name).toBe('填写说明');
    expect(notes.getRow(8).values).toEqual([undefined, '申请人类型', 'applicant_type', '', '企业（法人）或 个人（自然人）']);
  });
});

describe('data set template', () => {
  it.each<TemplateFormat>(['csv', 'xlsx'])('%s: the declared Chinese headers; empty imports nothing, filled imports its row', async (format) => {
    const decl = await getDataset(sqlOf(t.app.db), 'people_t');
    const tpl = await buildTemplate(decl.label, datasetTemplateColumns(decl), format);
    if (format === 'csv') expect(tpl.body.toString('utf8')).toBe('\ufeff编号,身份证号码,面积\r\n');
    expect(await importDataset(t.app.db, 'people_t', save(`ds-empty.${format}`, tpl.body))).toMatchObject(empty);
    const r = await importDataset(t.app.db, 'people_t', save(`ds-one.${format}`, await filled(format, tpl.body, [`P-${format}`, '11010519491231002X', '12.50'])));
    expect(r).toMatchObject({ imported: 1, rejected: 0 });
  });
});

describe('template routes', () => {
  it('serve CSV and XLSX to those who import (alert.data), 404 for an unknown data set, 400 for an unknown format', async () => {
    const admin = await staffHeader(t, 'admin');
    const csv = await t.app.inject({ method: 'GET', url: '/api/staff/alerts/imports/service-cases/template?format=csv', headers: admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(csv.headers['content-disposition'])).toContain(encodeURIComponent('办件数据导入模板.csv'));
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/staff/alerts/datasets/people_t/template', headers: admin });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '编号', '身份证号码', '面积']);
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/alerts/datasets/nobody/template', headers: admin })).statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: '/api/staff/alerts/imports/service-cases/template?format=pdf', headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('模板格式应为 csv 或 xlsx');
    const intake = await staffHeader(t, 'intake');
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/alerts/imports/service-cases/template', headers: intake })).statusCode).toBe(403);
  });
});
