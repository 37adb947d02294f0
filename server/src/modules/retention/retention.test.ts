import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { runRetentionJob } from './schedule';

// Today: 2026-11-20 (Beijing). The default rule keeps a finished report's sealed material 5 years.
const now = new Date('2026-11-20T02:00:00Z');
let t: TestApp;
let citizen: Record<string, string>;
let intake: Record<string, string>;
let supervisor: Record<string, string>;
let admin: Record<string, string>;

function multipart(file: Buffer) {
  const boundary = '----msjdret' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A real-name report with one photo, filed through the public routes, then finished at `closedAt`. */
async function finishedReport(phone: string, closedAt: string | null) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    headers: citizen,
    payload: { category: 'other', content: `保存期限测试：反映内容 ${phone}`, reporterName: '张三', reporterPhone: phone },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ff0000' } }).jpeg().toBuffer();
  const m = multipart(photo);
  const up = await t.app.inject({ method: 'POST', url: `/api/public/reports/${id}/attachments`, headers: { ...citizen, ...m.headers }, payload: m.payload });
  expect(up.statusCode, up.body).toBe(201);
  if (closedAt) await t.db.prisma.report.update({ where: { id }, data: { status: 'closed', closedAt: new Date(closedAt) } });
  return id;
}

const attachmentKeys = async (reportId: string) =>
  (await t.db.prisma.reportAttachment.findMany({ where: { reportId }, select: { storageKey: true } })).map((a) => a.storageKey);
const holds = (id: string, h = supervisor) => t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}/legal-holds`, headers: h });

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  citizen = await citizenHeader(t);
  intake = await staffHeader(t, 'intake');
  supervisor = await staffHeader(t, 'supervisor');
  admin = await staffHeader(t, 'admin');
}, 120_000);
afterAll(async () => t?.close());

describe('保存期限', () => {
  it('destroys the sealed material of a report finished more than 5 years ago, deletes its photos and audits each step; facts stay', async () => {
    const expired = await finishedReport('13900000001', '2021-11-19T02:00:00Z');
    const recent = await finishedReport('13900000002', '2021-11-21T02:00:00Z'); // 5 years minus a day
    const open = await finishedReport('13900000003', null);
    const keys = await attachmentKeys(expired);
    expect(keys).toHaveLength(1);
    await t.app.storage.get(keys[0]!); // there before the run

    const overview = await t.app.inject({ method: 'GET', url: '/api/staff/retention', headers: admin });
    expect(overview.statusCode, overview.body).toBe(200);
    expect(overview.json()).toMatchObject({ due: 1, held: 0, rules: [{ key: 'report_sealed_material', years: 5, defaultYears: 5 }] });

    const result = await runRetentionJob(t.app);
    expect(result).toEqual({ shredded: 1, objectsDeleted: 1, held: 0 });

    // the key is destroyed (reading the identity now meets 410 DATA_DESTROYED: reports/data-keys)
    const key = await t.db.prisma.reportDataKey.findUniqueOrThrow({ where: { reportId: expired } });
    expect(key.wrappedKey).toBeNull();
    expect(key.destroyedAt).toEqual(now);
    // the object is gone from the bucket, and its row with it
    await expect(t.app.storage.get(keys[0]!)).rejects.toThrow();
    expect(await attachmentKeys(expired)).toEqual([]);
    // the report's facts remain
    const report = await t.db.prisma.report.findUniqueOrThrow({ where: { id: expired } });
    expect(report).toMatchObject({ status: 'closed', content: '保存期限测试：反映内容 13900000001' });
    const detail = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${expired}`, headers: intake });
    expect(detail.statusCode, detail.body).toBe(200);
    // the other reports are untouched
    for (const id of [recent, open]) {
      expect((await t.db.prisma.reportDataKey.findUniqueOrThrow({ where: { reportId: id } })).wrappedKey).not.toBeNull();
      expect(await attachmentKeys(id)).toHaveLength(1);
    }
    // each destruction and each deletion is in the audit log, as the system
    const audit = await t.db.prisma.auditLog.findMany({ where: { entityId: expired, action: { startsWith: 'retention.' } }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorType])).toEqual([
      ['retention.material_destroyed', 'system'],
      ['retention.object_deleted', 'system'],
    ]);
    // a second run has nothing left to do
    expect(await runRetentionJob(t.app)).toEqual({ shredded: 0, objectsDeleted: 0, held: 0 });
    const after = (await t.app.inject({ method: 'GET', url: `/api/staff/reports/${expired}/legal-holds`, headers: supervisor })).json();
    expect(after.destroyedAt).toBe(now.toISOString());
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/retention', headers: supervisor })).json()).toMatchObject({ due: 0, destroyed: 1 });
  });

  it('a legal hold keeps the material past its time until released; placing and releasing need a reason and a supervisor', async () => {
    const id = await finishedReport('13900000004', '2020-01-10T02:00:00Z');
    // intake may read the holds, not place one; the reason is checked in Chinese
    expect((await t.app.inject({ method: 'POST', url: `/api/staff/reports/${id}/legal-holds`, headers: intake, payload: { reason: '案件尚在审查' } })).statusCode).toBe(403);
    const short = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${id}/legal-holds`, headers: supervisor, payload: { reason: '短' } });
    expect(short.statusCode).toBe(400);
    expect(JSON.stringify(short.json())).toContain('保全原因至少 5 个字');
    const placed = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${id}/legal-holds`, headers: supervisor, payload: { reason: '该线索已移送审查调查，需保留证据' } });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ active: true, dueOn: '2025-01-10', destroyedAt: null });
    const twice = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${id}/legal-holds`, headers: supervisor, payload: { reason: '重复施加保全的测试' } });
    expect(twice.json().code).toBe('HOLD_ACTIVE');

    expect(await runRetentionJob(t.app)).toEqual({ shredded: 0, objectsDeleted: 0, held: 1 });
    expect((await t.db.prisma.reportDataKey.findUniqueOrThrow({ where: { reportId: id } })).wrappedKey).not.toBeNull();
    expect((await holds(id, intake)).json().active).toBe(true);

    const holdId = placed.json().items[0].id as string;
    const released = await t.app.inject({
      method: 'POST',
      url: `/api/staff/reports/${id}/legal-holds/${holdId}/release`,
      headers: supervisor,
      payload: { reason: '审查调查已结束，按规定处理' },
    });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().active).toBe(false);
    expect(released.json().items[0]).toMatchObject({ releaseReason: '审查调查已结束，按规定处理' });
    const again = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${id}/legal-holds/${holdId}/release`, headers: supervisor, payload: { reason: '再次解除的测试' } });
    expect(again.json().code).toBe('HOLD_RELEASED');

    expect(await runRetentionJob(t.app)).toEqual({ shredded: 1, objectsDeleted: 1, held: 0 });
    const trail = await t.db.prisma.auditLog.findMany({ where: { entityId: id, action: { startsWith: 'retention.' } }, orderBy: { at: 'asc' } });
    expect(trail.map((a) => a.action)).toEqual(['retention.hold_placed', 'retention.hold_released', 'retention.material_destroyed', 'retention.object_deleted']);
    const late = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${id}/legal-holds`, headers: supervisor, payload: { reason: '销毁之后再保全的测试' } });
    expect(late.json().code).toBe('DATA_DESTROYED');
  });

  it('the administrator sets the years (1–30, audited); nobody else may', async () => {
    const put = (h: Record<string, string>, years: unknown) =>
      t.app.inject({ method: 'PUT', url: '/api/staff/retention/rules/report_sealed_material', headers: h, payload: { years } });
    expect((await put(supervisor, 3)).statusCode).toBe(403);
    const bad = await put(admin, 0);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('保存年限至少 1 年');
    expect((await put(admin, 2.5)).statusCode).toBe(400);
    const ok = await put(admin, 10);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rules[0]).toMatchObject({ years: 10, updatedAt: now.toISOString() });
    expect(ok.json().rules[0].updatedByName).toBeTruthy();
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'retention.rule_changed' } });
    expect(audit.detail).toEqual({ from: 5, to: 10 });
    expect((await t.app.inject({ method: 'PUT', url: '/api/staff/retention/rules/nothing', headers: admin, payload: { years: 3 } })).statusCode).toBe(400);
    await put(admin, 5);
  });

  it('tells anyone, without a login, the years the privacy guide states, as staff set them', async () => {
    const years = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/public/retention' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect(await years()).toEqual({ reportSealedMaterialYears: 5 });
    await t.app.inject({ method: 'PUT', url: '/api/staff/retention/rules/report_sealed_material', headers: admin, payload: { years: 8 } });
    expect(await years()).toEqual({ reportSealedMaterialYears: 8 });
    await t.app.inject({ method: 'PUT', url: '/api/staff/retention/rules/report_sealed_material', headers: admin, payload: { years: 5 } });
  });
});
