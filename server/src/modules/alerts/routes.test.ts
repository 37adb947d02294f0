// Needs `await staff.register(alertRoutes)` in app.ts (staff scope); skipped until it is registered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';

let t: TestApp;
let registered = false;
beforeAll(async () => {
  t = await createTestApp();
  registered = t.app.hasRoute({ method: 'GET', url: '/api/staff/alerts/models' });
}, 60_000);
afterAll(() => t?.close());

const csv = `办件编号,部门编码,事项编码,申请人证件号码,受理时间,承诺时限,办结时间,办理结果,补正次数,评价
H1,U1,I1,11010519491231002X,2026-03-02 09:30,1,2026-03-05,通过,2,非常不满意
H2,U1,I1,110105194912310021,2026-03-02,1,2026-03-03,通过,0,
`;

function multipart(filename: string, content: string) {
  const boundary = '----msjd' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('alert routes', () => {
  it('import, run, list, escalate and close', async (ctx) => {
    if (!registered) return ctx.skip();
    const admin = await staffHeader(t, 'admin');
    const intake = await staffHeader(t, 'intake');
    const up = multipart('cases.csv', csv);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/imports/service-cases', headers: { ...intake, ...up.headers }, payload: up.payload })).statusCode).toBe(403);
    const imp = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/imports/service-cases', headers: { ...admin, ...up.headers }, payload: up.payload });
    expect(imp.statusCode).toBe(200);
    expect(imp.json()).toMatchObject({ imported: 1, rejected: 1, errors: [{ line: 3, field: 'applicant_id' }] });

    const bad = multipart('x.csv', 'a,b\n1,2\n');
    const unreadable = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/imports/service-cases', headers: { ...admin, ...bad.headers }, payload: bad.payload });
    expect(unreadable.statusCode).toBe(422);
    expect(unreadable.json().message).toMatch(/缺少必需的列/);

    const badRun = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/runs', headers: admin, payload: { asOf: '2026/03/20' } });
    expect(badRun.statusCode).toBe(400);
    const run = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/runs', headers: admin, payload: { asOf: '2026-03-20' } });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ models: { overdue: { new: 1 }, dissatisfied: { new: 1 }, not_one_time: { new: 1 } }, escalations: { opened: 3 } });

    const ws = (await t.app.inject({ url: '/api/staff/alerts/warnings?model=dissatisfied', headers: intake })).json();
    expect(ws.total).toBe(1);
    expect(ws.items[0]).toMatchObject({ caseNo: 'H1', unitCode: 'U1', itemCode: 'I1', stage: 'urge', values: { rating: 1 } });

    const models = (await t.app.inject({ url: '/api/staff/alerts/models', headers: intake })).json();
    expect(models.items.map((m: { name: string }) => m.name)).toEqual(['overdue', 'low_pass_rate', 'not_one_time', 'unequal_treatment', 'dissatisfied', 'obstruction']);
    const badModel = await t.app.inject({
      method: 'PUT',
      url: '/api/staff/alerts/models/dissatisfied',
      headers: admin,
      payload: { kind: 'dissatisfied', title: '不满意', params: { maxRating: 9 } },
    });
    expect(badModel.statusCode).toBe(400);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/staff/alerts/models/dissatisfied',
      headers: admin,
      payload: { kind: 'dissatisfied', title: '不满意', params: { maxRating: 3 } },
    });
    expect(saved.json()).toMatchObject({ name: 'dissatisfied', startStage: 'urge', params: { maxRating: 3 } });

    const esc = (await t.app.inject({ url: '/api/staff/alerts/escalations?open=true&model=dissatisfied', headers: admin })).json();
    expect(esc.items).toMatchObject([{ model: 'dissatisfied', unitCode: 'U1', stage: 'urge', warnings: 1 }]);
    const id = esc.items[0].id;
    const wrong = await t.app.inject({ method: 'POST', url: `/api/staff/alerts/escalations/${id}/close`, headers: admin, payload: { stage: 'accountability' } });
    expect(wrong.statusCode).toBe(409);
    const done = await t.app.inject({ method: 'POST', url: `/api/staff/alerts/escalations/${id}/close`, headers: admin, payload: { stage: 'done', note: '已回复' } });
    expect(done.statusCode).toBe(204);
    expect(await t.db.prisma.auditLog.count({ where: { action: { startsWith: 'alerts.' } } })).toBeGreaterThanOrEqual(4);
  });
});
