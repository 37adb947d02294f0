// 事项管理 and 申报材料: the service items of the units on board, edited one by one or imported from XLSX.
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type serviceItemListQuery,
  serviceItemBody,
  serviceItemImportHeaders,
  type ServiceItemImportRejection,
  type ServiceItemImportResult,
  type ServiceItemView,
} from '@msjd/shared';
import type { z } from 'zod';
import type { Prisma, ServiceItem, Unit } from '../../../generated/prisma/client';
import { type Db, pageArgs } from '../common';
import { conflict, AppError, notFound } from '../../../errors';
import type { StaffActor } from '../../../plugins/auth';
import { isUniqueViolation } from '../../../lib/retry';

type Body = z.infer<typeof serviceItemBody>;

export function materialsOf(json: unknown): string[] {
  return Array.isArray(json) ? json.filter((m): m is string => typeof m === 'string') : [];
}

export function toItemView(i: ServiceItem & { unit: Pick<Unit, 'code' | 'name'> }): ServiceItemView {
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    unitId: i.unitId,
    unitCode: i.unit.code,
    unitName: i.unit.name,
    promisedDays: i.promisedDays,
    materials: materialsOf(i.materials),
    updatedAt: i.updatedAt.toISOString(),
  };
}

const codeTaken = (code: string) => conflict('SERVICE_ITEM_CODE_TAKEN', `事项编码 ${code} 已存在`, { field: 'code' });

async function checkUnit(app: FastifyInstance, unitId: string) {
  if (!(await app.db.prisma.unit.findUnique({ where: { id: unitId } }))) {
    throw new AppError('invalid', 'INVALID_REFERENCE', '所属单位不存在', { field: 'unitId' });
  }
}

export async function createItem(app: FastifyInstance, request: FastifyRequest, body: Body) {
  await checkUnit(app, body.unitId);
  try {
    return await app.db.prisma.$transaction(async (tx) => {
      const item = await tx.serviceItem.create({ data: { ...body, materials: body.materials }, include: { unit: true } });
      await app.audit(request, { action: 'business.item.create', entity: 'service_item', entityId: item.id, detail: { code: item.code } }, tx);
      return toItemView(item);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken(body.code);
    throw err;
  }
}

export async function updateItem(app: FastifyInstance, request: FastifyRequest, id: string, body: Body) {
  await checkUnit(app, body.unitId);
  try {
    return await app.db.prisma.$transaction(async (tx) => {
      const old = await tx.serviceItem.findUnique({ where: { id } });
      if (!old) throw notFound('事项');
      const item = await tx.serviceItem.update({ where: { id }, data: { ...body, materials: body.materials }, include: { unit: true } });
      await app.audit(request, { action: 'business.item.update', entity: 'service_item', entityId: id, detail: { code: item.code, before: { code: old.code, promisedDays: old.promisedDays, unitId: old.unitId } } }, tx);
      return toItemView(item);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken(body.code);
    throw err;
  }
}

export async function deleteItem(app: FastifyInstance, request: FastifyRequest, id: string) {
  await app.db.prisma.$transaction(async (tx) => {
    const item = await tx.serviceItem.findUnique({ where: { id } });
    if (!item) throw notFound('事项');
    const [evaluations, complaints, campaigns] = await Promise.all([
      tx.evaluation.count({ where: { serviceItemId: id } }),
      tx.businessComplaint.count({ where: { targetType: 'service_item', targetId: id } }),
      tx.campaignItem.count({ where: { serviceItemId: id } }),
    ]);
    if (evaluations || complaints || campaigns) {
      throw conflict('SERVICE_ITEM_IN_USE', '该事项已被评议、评价或投诉，不能删除（可修改名称或材料）', { evaluations, complaints, campaigns });
    }
    await tx.serviceItem.delete({ where: { id } });
    await app.audit(request, { action: 'business.item.delete', entity: 'service_item', entityId: id, detail: { code: item.code, name: item.name } }, tx);
  });
}

/** A liaison reads only their own unit's items. */
export function itemVisible(actor: StaffActor, item: Pick<ServiceItem, 'unitId'>) {
  return actor.role !== 'unit_liaison' || actor.unitId === item.unitId;
}

// ---- XLSX import ----
export const IMPORT_MAX_ROWS = 20_000;

/** 申报材料 cell: materials separated by full- or half-width semicolons or line breaks. */
export function splitMaterials(cell: string): string[] {
  return cell
    .split(/[；;\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return '';
  }
  return String(v);
}

interface ParsedRow {
  line: number;
  code: string;
  name: string;
  unitCode: string;
  promisedDays: number;
  materials: string[];
}

/** Reads the sheet and checks each row on its own; cross-row and database checks follow in importItems. */
export async function parseItemsWorkbook(buffer: Buffer): Promise<{ rows: ParsedRow[]; rejected: ServiceItemImportRejection[]; total: number }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid', 'IMPORT_UNREADABLE', '无法读取该文件：请上传 Excel 2007 及以上格式（.xlsx）的文件');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('invalid', 'IMPORT_EMPTY', '文件中没有工作表');
  const header = ws.getRow(1);
  const col = new Map<string, number>();
  header.eachCell((cell, n) => col.set(cellText(cell.value).trim(), n));
  const missing = serviceItemImportHeaders.filter((h) => !col.has(h));
  if (missing.length) {
    throw new AppError('invalid', 'IMPORT_HEADERS', `表头缺少：${missing.join('、')}（应为 ${serviceItemImportHeaders.join('、')}）`, { missing });
  }
  const rows: ParsedRow[] = [];
  const rejected: ServiceItemImportRejection[] = [];
  let total = 0;
  for (let line = 2; line <= ws.rowCount; line++) {
    const r = ws.getRow(line);
    const get = (h: (typeof serviceItemImportHeaders)[number]) => cellText(r.getCell(col.get(h)!).value).trim();
    const raw = { code: get('事项编码'), name: get('事项名称'), unitCode: get('单位编码'), days: get('承诺时限'), materials: get('申报材料') };
    if (!Object.values(raw).some(Boolean)) continue; // blank line
    total++;
    if (total > IMPORT_MAX_ROWS) throw new AppError('invalid', 'IMPORT_TOO_LARGE', `一次最多导入 ${IMPORT_MAX_ROWS} 行，请分批导入`);
    const reasons: ServiceItemImportRejection[] = [];
    const reject = (field: string, value: string, reason: string) => reasons.push({ line, field, value: value || null, reason });
    if (!raw.unitCode) reject('单位编码', raw.unitCode, '单位编码不能为空');
    const days = raw.days.replace(/个?工作日|天|日$/g, '').trim();
    if (!/^\d+$/.test(days)) reject('承诺时限', raw.days, '承诺时限应为工作日数（整数）');
    const parsed = serviceItemBody.safeParse({
      code: raw.code,
      name: raw.name,
      unitId: '00000000-0000-4000-8000-000000000000', // checked against 单位编码 later
      promisedDays: /^\d+$/.test(days) ? Number(days) : 0,
      materials: splitMaterials(raw.materials),
    });
    if (!parsed.success) {
      const headerOf: Record<string, string> = { code: '事项编码', name: '事项名称', promisedDays: '承诺时限', materials: '申报材料' };
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        const field = headerOf[key] ?? '';
        reject(field, key === 'materials' ? raw.materials : (raw as Record<string, string>)[key === 'promisedDays' ? 'days' : key] ?? '', issue.message);
      }
    }
    if (reasons.length) {
      rejected.push(...reasons);
      continue;
    }
    rows.push({ line, code: parsed.data!.code, name: parsed.data!.name, unitCode: raw.unitCode, promisedDays: parsed.data!.promisedDays, materials: parsed.data!.materials });
  }
  return { rows, rejected, total };
}

/**
 * Upserts by 事项编码 in one transaction. Without `partial`, any rejected row means nothing is written; importing the
 * same file again changes nothing (every row counts as unchanged).
 */
export async function importItems(app: FastifyInstance, request: FastifyRequest, buffer: Buffer, partial: boolean): Promise<ServiceItemImportResult> {
  const { rows, rejected, total } = await parseItemsWorkbook(buffer);
  const units = new Map((await app.db.prisma.unit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
  const seen = new Map<string, number>();
  const good: (ParsedRow & { unitId: string })[] = [];
  for (const r of rows) {
    const unitId = units.get(r.unitCode);
    const firstLine = seen.get(r.code);
    if (!unitId) rejected.push({ line: r.line, field: '单位编码', value: r.unitCode, reason: `单位编码 ${r.unitCode} 不存在` });
    else if (firstLine) rejected.push({ line: r.line, field: '事项编码', value: r.code, reason: `与第 ${firstLine} 行的事项编码重复` });
    else good.push({ ...r, unitId });
    if (!firstLine) seen.set(r.code, r.line);
  }
  rejected.sort((a, b) => a.line - b.line);
  const result: ServiceItemImportResult = { committed: false, rows: total, created: 0, updated: 0, unchanged: 0, rejected };
  if ((rejected.length && !partial) || !good.length) return result;

  await app.db.prisma.$transaction(
    async (tx) => {
      const existing = new Map((await tx.serviceItem.findMany({ where: { code: { in: good.map((g) => g.code) } } })).map((i) => [i.code, i]));
      for (const g of good) {
        const old = existing.get(g.code);
        const data = { name: g.name, unitId: g.unitId, promisedDays: g.promisedDays, materials: g.materials };
        if (!old) {
          await tx.serviceItem.create({ data: { code: g.code, ...data } });
          result.created++;
        } else if (
          old.name === g.name &&
          old.unitId === g.unitId &&
          old.promisedDays === g.promisedDays &&
          JSON.stringify(materialsOf(old.materials)) === JSON.stringify(g.materials)
        ) {
          result.unchanged++;
        } else {
          await tx.serviceItem.update({ where: { id: old.id }, data });
          result.updated++;
        }
      }
      await app.audit(
        request,
        { action: 'business.item.import', entity: 'service_item', detail: { rows: total, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: rejected.length } },
        tx,
      );
    },
    { timeout: 120_000 },
  );
  result.committed = true;
  return result;
}

export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('事项');
  ws.columns = serviceItemImportHeaders.map((h) => ({ header: h, key: h, width: h === '申报材料' ? 60 : h === '事项名称' ? 30 : 14 }));
  ws.addRow(['D001-001', '企业投资项目备案', 'D001', 5, '项目备案申请表；企业营业执照复印件；法定代表人身份证明']);
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- reading ----
/** `scope`: the liaison's own unit (they see only its items), null for every unit. */
export async function listItems(db: Db, scope: string | null, q: z.infer<typeof serviceItemListQuery>) {
  const where: Prisma.ServiceItemWhereInput = {
    AND: [
      scope ? { unitId: scope } : {},
      q.unitId ? { unitId: q.unitId } : {},
      q.q ? { OR: [{ code: { contains: q.q } }, { name: { contains: q.q } }] } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.serviceItem.findMany({ where, include: { unit: true }, orderBy: { code: 'asc' }, ...pageArgs(q) }),
    db.serviceItem.count({ where }),
  ]);
  return { items: rows.map(toItemView), total, page: q.page, pageSize: q.pageSize };
}

export async function getItem(db: Db, actor: StaffActor, id: string) {
  const i = await db.serviceItem.findUnique({ where: { id }, include: { unit: true } });
  if (!i || !itemVisible(actor, i)) throw notFound('事项');
  return toItemView(i);
}
