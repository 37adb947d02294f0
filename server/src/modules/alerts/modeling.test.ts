// The staff routes of 自主建模 and data sets, the tour-group view of warnings (靶向) and the schedule route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { DEMO_DATASETS } from './demo';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ env: { ALERTS_DAILY_AT: '02:00' }, clock: { now: () => new Date('2026-04-30T20:00:00Z') } });
  admin = await staffHeader(t, 'admin');
}, 60_000);
afterAll(() => t?.close());

function multipart(filename: string, content: string) {
  const boundary = '----msjd' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const cadres = DEMO_DATASETS.find((d) => d.name === 'village_cadres')!;
const certs = DEMO_DATASETS.find((d) => d.name === 'disability_certificates')!;

describe('data set routes', () => {
  it('declare (field errors in Chinese), import, list, rows', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/staff/alerts/datasets/village_cadres',
      headers: admin,
      payload: { ...cadres.declaration, keyColumn: 'nope', residentIdColumn: 'name' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([
      { path: 'keyColumn', code: 'custom', message: '主键列 nope 不在已声明的列中' },
      { path: 'residentIdColumn', code: 'custom', message: '身份证号码列的类型应为 id_number' },
    ]);
    const liaison = await staffHeader(t, 'unit_liaison');
    expect((await t.app.inject({ method: 'PUT', url: '/api/staff/alerts/datasets/village_cadres', headers: liaison, payload: cadres.declaration })).statusCode).toBe(403);
    for (const d of [cadres, certs]) {
      const ok = await t.app.inject({ method: 'PUT', url: `/api/staff/alerts/datasets/${d.name}`, headers: admin, payload: d.declaration });
      expect(ok.statusCode).toBe(200);
    }
    const up = multipart(
      'cadres.csv',
      '身份证号码,姓名,乡镇编码,任职申报残疾等级\n41072519680312041X,王建军,T001,0\n41072519750621123x,李秀芳,T003,0\n41072519750621123,某,T003,0\n',
    );
    const imp = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/datasets/village_cadres/import', headers: { ...admin, ...up.headers }, payload: up.payload });
    expect(imp.statusCode).toBe(200);
    expect(imp.json()).toEqual({
      imported: 2, updated: 0, unchanged: 0, rejected: 1, duplicates: 0, unknownUnits: 0, notices: [],
      errors: [{ line: 4, field: 'id_number', reason: '身份证号码应为18位，实际17位' }],
    });
    const up2 = multipart('certs.csv', '残疾证号,身份证号码,残疾等级\n41072519680312041X42,41072519680312041X,2\n41072519750621123X14,41072519750621123X,4\n');
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/datasets/disability_certificates/import', headers: { ...admin, ...up2.headers }, payload: up2.payload })).json()).toMatchObject({ imported: 2 });
    const missing = multipart('x.csv', 'a\n1\n');
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/datasets/nothing_here/import', headers: { ...admin, ...missing.headers }, payload: missing.payload })).statusCode).toBe(404);

    const list = (await t.app.inject({ url: '/api/staff/alerts/datasets', headers: admin })).json();
    expect(list.items.map((d: { name: string; rowCount: number }) => [d.name, d.rowCount])).toEqual([
      ['disability_certificates', 2],
      ['village_cadres', 2],
    ]);
    const rows = (await t.app.inject({ url: '/api/staff/alerts/datasets/village_cadres/rows?pageSize=1', headers: admin })).json();
    // columns the file did not have are absent (null when read), not invented; resident IDs read masked
    expect(rows).toEqual({
      total: 2,
      items: [
        {
          key: '410725********041X',
          residentId: '410725********041X',
          values: { id_number: '410725********041X', name: '王建军', township_code: 'T001', declared_disability_level: '0' },
        },
      ],
    });
  });
});

describe('自主建模', () => {
  const collision = {
    name: 'cadre_cert',
    title: '村干部持残疾证',
    kind: 'collision',
    params: {
      left: 'disability_certificates',
      right: 'village_cadres',
      on: [{ left: 'id_number', right: 'id_number' }],
      conditions: [{ a: { side: 'left', column: 'level' }, op: '<>', b: { side: 'right', column: 'declared_disability_level' } }],
      unit: { side: 'right', column: 'township_code' },
    },
  };

  it('create with field errors, dry-run that writes nothing, enable/disable, and every enabled model in the run', async () => {
    const zodBad = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/models', headers: admin, payload: { name: 'strict', title: '', kind: 'dissatisfied', params: { maxRating: 9 } } });
    expect(zodBad.statusCode).toBe(400);
    expect(zodBad.json().issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'title', message: '请填写模型名称' }),
        expect.objectContaining({ path: 'params.maxRating', message: '评价阈值不大于 5' }),
      ]),
    );
    const refBad = await t.app.inject({
      method: 'POST',
      url: '/api/staff/alerts/models',
      headers: admin,
      payload: { ...collision, params: { ...collision.params, unit: { side: 'right', column: 'township' } } },
    });
    expect(refBad.statusCode).toBe(400);
    expect(refBad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'params.unit.column', message: '数据集 村（社区）干部名册（组织部）（village_cadres）没有列 township' }] },
    });

    const dry = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/models/dry-run', headers: admin, payload: { definition: collision, asOf: '2026-04-30' } });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ asOf: '2026-04-30', hits: 2, newHits: 2 });
    expect(dry.json().samples.map((s: { unitCode: string }) => s.unitCode)).toEqual(['T001', 'T003']);
    expect(await t.db.prisma.alertModel.count({ where: { name: 'cadre_cert' } })).toBe(0);
    expect(await t.db.prisma.alertRun.count()).toBe(0);

    const created = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/models', headers: admin, payload: collision });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'cadre_cert', kind: 'collision', startStage: 'verify', enabled: true });
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/models', headers: admin, payload: collision })).statusCode).toBe(409);
    const strict = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/models', headers: admin, payload: { name: 'strict_rating', title: '不满意（含基本满意）', kind: 'dissatisfied', params: { maxRating: 3 } } });
    expect(strict.statusCode).toBe(201);

    const run1 = (await t.app.inject({ method: 'POST', url: '/api/staff/alerts/runs', headers: admin, payload: { asOf: '2026-04-30' } })).json();
    expect(run1.models).toMatchObject({ cadre_cert: { new: 2, total: 2 }, strict_rating: { new: 0, total: 0 } });

    const edited = await t.app.inject({ method: 'PUT', url: '/api/staff/alerts/models/cadre_cert', headers: admin, payload: { ...collision, name: undefined, title: '村干部持残疾证（改）' } });
    expect(edited.json()).toMatchObject({ name: 'cadre_cert', title: '村干部持残疾证（改）' });

    const off = await t.app.inject({ method: 'PATCH', url: '/api/staff/alerts/models/cadre_cert', headers: admin, payload: { enabled: false } });
    expect(off.json()).toMatchObject({ enabled: false });
    const run2 = (await t.app.inject({ method: 'POST', url: '/api/staff/alerts/runs', headers: admin, payload: { asOf: '2026-05-01' } })).json();
    expect(run2.models.cadre_cert).toBeUndefined();
    // its history stays
    const ws = (await t.app.inject({ url: '/api/staff/alerts/warnings?model=cadre_cert', headers: admin })).json();
    expect(ws.total).toBe(2);
    expect((await t.app.inject({ url: '/api/staff/alerts/models', headers: admin })).json().items.find((m: { name: string }) => m.name === 'cadre_cert')).toMatchObject({ enabled: false });
    await t.app.inject({ method: 'PATCH', url: '/api/staff/alerts/models/cadre_cert', headers: admin, payload: { enabled: true } });
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/runs', headers: admin, payload: { asOf: '2026-05-02' } })).json().models.cadre_cert).toEqual({ new: 0, total: 2 });
    expect((await t.app.inject({ method: 'PATCH', url: '/api/staff/alerts/models/nobody', headers: admin, payload: { enabled: true } })).statusCode).toBe(404);

    const runs = (await t.app.inject({ url: '/api/staff/alerts/runs', headers: admin })).json();
    expect(runs.items[0]).toMatchObject({ trigger: 'manual', asOf: '2026-05-02' });
    expect(typeof runs.items[0].durationMs).toBe('number');
  });

  it('the schedule route names the next daily run (02:00 Beijing time)', async () => {
    const s = (await t.app.inject({ url: '/api/staff/alerts/schedule', headers: admin })).json();
    // clock 2026-04-30T20:00Z = 05-01 04:00 in Shanghai -> next 05-02 02:00 Shanghai = 05-01T18:00Z
    expect(s).toEqual({ dailyAt: '02:00', timeZone: 'Asia/Shanghai', nextRunAt: '2026-05-01T18:00:00.000Z' });
  });
});

describe('靶向: warnings of inspected units reach the tour group', () => {
  it('a tour group sees the warnings of the units it inspects in an active round, and only those', async () => {
    const prisma = t.db.prisma;
    const [u1, u2, u3] = await Promise.all(
      ['T001', 'T003', 'D900'].map((code) => prisma.unit.upsert({ where: { code }, update: {}, create: { code, name: `单位${code}`, kind: 'township' } })),
    );
    const g1 = await prisma.tourGroup.create({ data: { name: '测试巡察一组' } });
    const g2 = await prisma.tourGroup.create({ data: { name: '测试巡察二组' } });
    const active = await prisma.tourRound.create({ data: { code: 'T-2026-1', name: '进行中', startsOn: new Date('2026-04-01'), endsOn: new Date('2026-06-30'), status: 'active' } });
    const done = await prisma.tourRound.create({ data: { code: 'T-2025-2', name: '已结束', startsOn: new Date('2025-09-01'), endsOn: new Date('2025-11-30'), status: 'finished' } });
    await prisma.inspectedUnit.create({ data: { tourRoundId: active.id, unitId: u1.id, tourGroupId: g1.id } });
    await prisma.inspectedUnit.create({ data: { tourRoundId: done.id, unitId: u2.id, tourGroupId: g1.id } });
    await prisma.inspectedUnit.create({ data: { tourRoundId: active.id, unitId: u2.id, tourGroupId: g2.id } });
    void u3;

    const all = (await t.app.inject({ url: '/api/staff/alerts/warnings?model=cadre_cert', headers: admin })).json();
    expect(all.items.map((w: { unitCode: string }) => w.unitCode).sort()).toEqual(['T001', 'T003']);
    const tour1 = await staffHeader(t, 'tour_group', { tourGroupId: g1.id });
    const seen1 = (await t.app.inject({ url: '/api/staff/alerts/warnings', headers: tour1 })).json();
    expect(seen1.items.map((w: { unitCode: string }) => w.unitCode)).toEqual(['T001']);
    expect(seen1.total).toBe(1);
    const tour2 = await staffHeader(t, 'tour_group', { tourGroupId: g2.id });
    expect((await t.app.inject({ url: '/api/staff/alerts/warnings', headers: tour2 })).json().items.map((w: { unitCode: string }) => w.unitCode)).toEqual(['T003']);
    // a tour-group account without a group sees nothing; finishing the round ends the view
    const lone = await staffHeader(t, 'tour_group');
    expect((await t.app.inject({ url: '/api/staff/alerts/warnings', headers: lone })).json()).toEqual({ items: [], total: 0, totalExact: true });
    await prisma.tourRound.update({ where: { id: active.id }, data: { status: 'finished' } });
    expect((await t.app.inject({ url: '/api/staff/alerts/warnings', headers: tour1 })).json().total).toBe(0);
  });
});
