// XLSX export of the 线索受理 inbox. Rows are read in batches and streamed out, so a year of a county's reports never
// sits in memory as one workbook. The sealed identity columns are never selected, so they cannot reach the sheet.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { reportRatingLabels, reportChannelLabels, reportStatusLabels } from '@msjd/shared';
import { asHandover, redactionsOf } from './handover';
import { namesFor, overdueFlags } from './service';
import { shanghaiWallClock } from '@msjd/shared/common';

/** More rows than this is not a worksheet anyone reads: staff are asked to narrow the filters. */
export const EXPORT_MAX_ROWS = 50_000;
const BATCH = 500;

export const exportColumns = [
  { header: '编号', key: 'serial', width: 18 },
  { header: '提交时间', key: 'submittedAt', width: 17, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '问题类别', key: 'category', width: 14 },
  { header: '状态', key: 'status', width: 10 },
  { header: '超期', key: 'overdue', width: 10 },
  { header: '反映方式', key: 'mode', width: 8 },
  { header: '来源渠道', key: 'channel', width: 10 },
  { header: '被反映单位', key: 'reportedUnit', width: 20 },
  { header: '被反映人', key: 'reportedPerson', width: 14 },
  { header: '问题描述', key: 'content', width: 60 },
  { header: '发生时间', key: 'occurredAt', width: 14 },
  { header: '发生地点', key: 'location', width: 20 },
  { header: '承办巡察组/单位', key: 'assignee', width: 20 },
  { header: '受理时限', key: 'acceptDueOn', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: '受理时间', key: 'acceptedAt', width: 17, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '答复时限', key: 'replyDueOn', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: '答复时间', key: 'repliedAt', width: 17, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '答复内容', key: 'reply', width: 40 },
  { header: '办结时间', key: 'closedAt', width: 17, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '群众评价', key: 'rating', width: 10 },
] as const;

// Excel dates carry no zone: an instant is written as its Shanghai wall-clock time, so 提交时间 reads as the staff saw it.
const wallClock = (d: Date | null) => (d ? shanghaiWallClock(d) : null);

const exportSelect = {
  id: true,
  serial: true,
  category: true,
  status: true,
  confidential: true,
  channel: true,
  reportedUnitId: true,
  reportedUnitText: true,
  reportedPerson: true,
  content: true,
  occurredAt: true,
  location: true,
  assigneeTourGroupId: true,
  assigneeUnitId: true,
  reply: true,
  submittedAt: true,
  acceptedAt: true,
  repliedAt: true,
  closedAt: true,
  acceptDueOn: true,
  replyDueOn: true,
  rating: true,
} as const;

/**
 * Writes the reports with these ids, in this order, to a worksheet streamed through the returned PassThrough.
 * A failure half-way destroys the stream, so the download breaks instead of ending as a truncated but valid file.
 */
export function streamReportsXlsx(app: FastifyInstance, ids: string[], day: string, onError: (err: unknown) => void, handover = false): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '码上监督';
  const ws = wb.addWorksheet('举报线索', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = exportColumns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: 'numFmt' in c ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };

  const write = async () => {
    const categories = new Map((await app.db.prisma.reportCategory.findMany()).map((c) => [c.code, c.name]));
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const rows = await app.db.prisma.report.findMany({ where: { id: { in: batch } }, select: exportSelect });
      const byId = new Map(rows.map((r) => [r.id, r]));
      const names = await namesFor(app, rows);
      // a liaison's or tour group's export is a stack of 交办单: marked passages masked
      const masks = handover ? await redactionsOf(app, batch) : null;
      for (const id of batch) {
        const found = byId.get(id);
        if (!found) continue;
        const r = masks ? asHandover(found, masks.get(id) ?? []) : found;
        const flags = overdueFlags(r, day);
        ws.addRow({
          serial: r.serial,
          submittedAt: wallClock(r.submittedAt),
          category: categories.get(r.category) ?? r.category,
          status: reportStatusLabels[r.status],
          overdue: flags.acceptOverdue ? '受理超期' : flags.replyOverdue ? '答复超期' : '',
          mode: r.confidential ? '保密' : '实名',
          channel: reportChannelLabels[r.channel],
          reportedUnit: (r.reportedUnitId ? names.units.get(r.reportedUnitId) : undefined) ?? r.reportedUnitText ?? '',
          reportedPerson: r.reportedPerson ?? '',
          content: r.content,
          occurredAt: r.occurredAt ?? '',
          location: r.location ?? '',
          assignee: r.assigneeTourGroupId
            ? (names.groups.get(r.assigneeTourGroupId) ?? '')
            : r.assigneeUnitId
              ? (names.units.get(r.assigneeUnitId) ?? '')
              : '',
          acceptDueOn: r.acceptDueOn,
          acceptedAt: wallClock(r.acceptedAt),
          replyDueOn: r.replyDueOn,
          repliedAt: wallClock(r.repliedAt),
          reply: r.reply ?? '',
          closedAt: wallClock(r.closedAt),
          rating: r.rating ? reportRatingLabels[r.rating] : '',
        }).commit();
      }
    }
    ws.commit();
    await wb.commit();
  };
  write().catch((err) => {
    onError(err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}
