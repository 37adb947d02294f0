// 审计日志 for the auditor: filtered reading and the XLSX export. Staff actors are shown by name, never only by id.
import ExcelJS from 'exceljs';
import type { AuditLogEntry, AuditLogFilter } from '@msjd/shared';
import type { Database } from '../../db/database';
import type { Prisma } from '../../generated/prisma/client';
import { shanghaiEndExclusive, shanghaiStart, shanghaiWallClock } from '@msjd/shared/common';

/** More rows than this is not a sheet anyone reads: the auditor is asked to narrow the filters. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

export async function auditWhere(db: Database, q: AuditLogFilter): Promise<Prisma.AuditLogWhereInput> {
  const where: Prisma.AuditLogWhereInput[] = [];
  if (q.action) where.push({ action: { contains: q.action } });
  if (q.entity) where.push({ entity: q.entity });
  if (q.entityId) where.push({ entityId: q.entityId });
  if (q.from) where.push({ at: { gte: shanghaiStart(q.from) } });
  if (q.to) where.push({ at: { lt: shanghaiEndExclusive(q.to) } });
  if (q.actor) {
    const staff = await db.prisma.staffUser.findMany({
      where: { OR: [{ username: { contains: q.actor } }, { displayName: { contains: q.actor } }] },
      select: { id: true },
    });
    where.push({ actorId: { in: staff.map((s) => s.id) } });
  }
  return { AND: where };
}

type Row = Awaited<ReturnType<Database['prisma']['auditLog']['findMany']>>[number];

async function withNames(db: Database, rows: Row[]): Promise<AuditLogEntry[]> {
  const ids = [...new Set(rows.filter((r) => r.actorType === 'staff' && r.actorId).map((r) => r.actorId!))];
  const staff = ids.length ? await db.prisma.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, username: true, displayName: true } }) : [];
  const names = new Map(staff.map((s) => [s.id, `${s.displayName}（${s.username}）`]));
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actorType: r.actorType,
    actorId: r.actorId,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    reason: r.reason,
    detail: r.detail ?? null,
    ip: r.ip,
    requestId: r.requestId,
  }));
}

export async function listAudit(db: Database, q: AuditLogFilter & { page: number; pageSize: number }) {
  const where = await auditWhere(db, q);
  const [rows, total] = await Promise.all([
    db.prisma.auditLog.findMany({ where, orderBy: { id: 'desc' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.prisma.auditLog.count({ where }),
  ]);
  return { items: await withNames(db, rows), total, page: q.page, pageSize: q.pageSize };
}

const actorTypeLabels: Record<string, string> = { staff: '工作人员', citizen: '群众', system: '系统' };

/** The filtered log as one worksheet, newest first; refuses more than AUDIT_EXPORT_MAX_ROWS. */
export async function exportAudit(db: Database, q: AuditLogFilter): Promise<{ buffer: Buffer; rows: number } | { tooMany: number }> {
  const where = await auditWhere(db, q);
  const total = await db.prisma.auditLog.count({ where });
  if (total > AUDIT_EXPORT_MAX_ROWS) return { tooMany: total };
  const wb = new ExcelJS.Workbook();
  wb.creator = '码上监督';
  const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '序号', key: 'id', width: 10 },
    { header: '时间（北京时间）', key: 'at', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
    { header: '操作人类型', key: 'actorType', width: 10 },
    { header: '操作人', key: 'actor', width: 24 },
    { header: '操作', key: 'action', width: 24 },
    { header: '对象', key: 'entity', width: 16 },
    { header: '对象编号', key: 'entityId', width: 38 },
    { header: '原因', key: 'reason', width: 30 },
    { header: '详情', key: 'detail', width: 50 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '请求号', key: 'requestId', width: 38 },
  ];
  ws.getRow(1).font = { bold: true };
  let after: bigint | undefined;
  let rows = 0;
  for (;;) {
    const batch = await db.prisma.auditLog.findMany({
      where: after === undefined ? where : { AND: [where, { id: { lt: after } }] },
      orderBy: { id: 'desc' },
      take: 1000,
    });
    if (batch.length === 0) break;
    for (const r of await withNames(db, batch)) {
      ws.addRow({
        id: r.id,
        // Excel dates carry no zone: the Shanghai wall-clock time, as the auditor reads it on screen
        at: shanghaiWallClock(new Date(r.at)),
        actorType: actorTypeLabels[r.actorType] ?? r.actorType,
        actor: r.actorName ?? r.actorId ?? '',
        action: r.action,
        entity: r.entity,
        entityId: r.entityId ?? '',
        reason: r.reason ?? '',
        detail: r.detail === null ? '' : JSON.stringify(r.detail),
        ip: r.ip ?? '',
        requestId: r.requestId ?? '',
      });
      rows++;
    }
    after = batch.at(-1)!.id;
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}
