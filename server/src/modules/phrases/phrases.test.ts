// 办理常用语: everyone handling reports reads the enabled presets; supervisors and admins keep them, audited;
// bad input is refused with Chinese reasons per field and changes nothing.
import { fillHandlingPhrase } from '@msjd/shared/phrases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { demoPhrases, seedDemoPhrases } from './seed';

let t: TestApp;
let H: Record<'admin' | 'supervisor' | 'intake' | 'group' | 'liaison' | 'auditor', Record<string, string>>;
const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: keyof typeof H, payload?: object) =>
  t.app.inject({ method, url, headers: H[who], ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const unit = (await t.db.prisma.unit.create({ data: { code: 'P01', name: '城关镇人民政府', kind: 'township' } })).id;
  const group = (await t.db.prisma.tourGroup.create({ data: { name: '第九巡察组' } })).id;
  H = {
    admin: await staffHeader(t, 'admin'),
    supervisor: await staffHeader(t, 'supervisor'),
    intake: await staffHeader(t, 'intake'),
    group: await staffHeader(t, 'tour_group', { tourGroupId: group }),
    liaison: await staffHeader(t, 'unit_liaison', { unitId: unit }),
    auditor: await staffHeader(t, 'auditor'),
  };
}, 120_000);
afterAll(async () => t?.close());

describe('办理常用语', () => {
  it('supervisors keep them (create, edit, disable, delete), each change audited; case staff read the enabled ones', async () => {
    let res = await call('POST', '/api/staff/handling-phrases', 'supervisor', { kind: 'reject_reason', title: '超出管辖范围', body: '您反映的{单位}问题不属于本机关管辖。', sort: 5 });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ kind: 'reject_reason', title: '超出管辖范围', sort: 5, enabled: true, updatedByName: expect.any(String) });

    // intake, tour groups and liaisons pick from them, never keep them; the auditor has no case work
    for (const who of ['intake', 'group', 'liaison'] as const) {
      expect((await call('POST', '/api/staff/handling-phrases', who, { kind: 'reply', title: '自拟答复', body: '已办理完毕。' })).statusCode, who).toBe(403);
      expect((await call('PUT', `/api/staff/handling-phrases/${created.id}`, who, { enabled: false })).statusCode, who).toBe(403);
      expect((await call('DELETE', `/api/staff/handling-phrases/${created.id}`, who)).statusCode, who).toBe(403);
      res = await call('GET', '/api/staff/handling-phrases?kind=reject_reason', who);
      expect(res.statusCode, who).toBe(200);
      expect(res.json().items.map((p: { id: string }) => p.id), who).toContain(created.id);
    }
    expect((await call('GET', '/api/staff/handling-phrases', 'auditor')).statusCode).toBe(403);

    res = await call('PUT', `/api/staff/handling-phrases/${created.id}`, 'admin', { body: '您反映的问题不属于本机关管辖，请向{单位}反映。', enabled: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ enabled: false, body: '您反映的问题不属于本机关管辖，请向{单位}反映。' });
    // a disabled phrase is never offered, but its keepers still see it
    expect((await call('GET', '/api/staff/handling-phrases?kind=reject_reason', 'intake')).json().items.map((p: { id: string }) => p.id)).not.toContain(created.id);
    expect((await call('GET', '/api/staff/handling-phrases?kind=reject_reason&all=true', 'supervisor')).json().items.map((p: { id: string }) => p.id)).toContain(created.id);

    expect((await call('DELETE', `/api/staff/handling-phrases/${created.id}`, 'supervisor')).statusCode).toBe(204);
    expect((await call('DELETE', `/api/staff/handling-phrases/${created.id}`, 'supervisor')).statusCode).toBe(404);

    const audit = await t.db.prisma.auditLog.findMany({ where: { entity: 'handling_phrase', entityId: created.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['handling_phrase.create', 'handling_phrase.update', 'handling_phrase.delete']);
    // the replaced words stay traceable
    expect(audit[1]!.detail).toMatchObject({ changed: { enabled: { from: true, to: false }, body: { from: '您反映的{单位}问题不属于本机关管辖。' } } });
  });

  it('refuses bad input with Chinese reasons per field, and changes nothing', async () => {
    const before = await t.db.prisma.handlingPhrase.count();
    const auditBefore = await t.db.prisma.auditLog.count({ where: { entity: 'handling_phrase' } });
    let res = await call('POST', '/api/staff/handling-phrases', 'supervisor', { kind: 'praise', title: '', body: '好' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().issues.map((i: { path: string }) => i.path);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'title', 'body']));
    expect(res.json().issues.find((i: { path: string }) => i.path === 'title').message).toBe('请填写标题（至少 2 个字）');

    res = await call('POST', '/api/staff/handling-phrases', 'supervisor', { kind: 'reply', title: '带错占位符', body: '您反映的问题（{编号}）已由{经办人}答复。' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([expect.objectContaining({ path: 'body', message: expect.stringContaining('占位符 {经办人} 不可用') })]);

    // a reason longer than the 不予受理 step accepts would fail when used
    res = await call('POST', '/api/staff/handling-phrases', 'supervisor', { kind: 'reject_reason', title: '过长', body: '理'.repeat(2001) });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: 'body', message: '不予受理理由不能超过 2000 个字' });

    res = await call('POST', '/api/staff/handling-phrases', 'supervisor', { kind: 'reply', title: '基本答复', body: '已办理完毕。' });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    res = await call('POST', '/api/staff/handling-phrases', 'supervisor', { kind: 'reply', title: '基本答复', body: '另一种写法。' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DUPLICATE_TITLE', issues: [expect.objectContaining({ path: 'title' })] });
    res = await call('PUT', `/api/staff/handling-phrases/${id}`, 'supervisor', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].message).toBe('没有要修改的内容');
    res = await call('PUT', `/api/staff/handling-phrases/${id}`, 'supervisor', { sort: -1 });
    expect(res.json().issues[0]).toMatchObject({ path: 'sort', message: '排序不能小于 0' });
    res = await call('PUT', '/api/staff/handling-phrases/not-a-uuid', 'supervisor', { enabled: false });
    expect(res.statusCode).toBe(400);

    expect(await t.db.prisma.handlingPhrase.count()).toBe(before + 1);
    expect(await t.db.prisma.auditLog.count({ where: { entity: 'handling_phrase' } })).toBe(auditBefore + 1);
  });

  it('the demo presets are valid phrases, in order within their kind, seeded once', async () => {
    await t.db.prisma.handlingPhrase.deleteMany();
    expect(await t.db.prisma.$transaction((tx) => seedDemoPhrases(tx))).toBe(demoPhrases.length);
    expect(await t.db.prisma.$transaction((tx) => seedDemoPhrases(tx))).toBe(0);
    const res = await call('GET', '/api/staff/handling-phrases?kind=reject_reason', 'intake');
    expect(res.json().items.map((p: { title: string }) => p.title)).toEqual(['不属于受理范围', '反映内容不具体', '已由其他机关受理', '重复反映已答复', '属诉讼或仲裁事项']);
    // each passes the keepers' own validation
    for (const p of demoPhrases) {
      await t.db.prisma.handlingPhrase.deleteMany({ where: { kind: p.kind, title: p.title } });
      const r = await call('POST', '/api/staff/handling-phrases', 'supervisor', p);
      expect(r.statusCode, `${p.title}: ${r.body}`).toBe(201);
    }
    const reply = res.json().items[0];
    expect(fillHandlingPhrase(reply.body, { 单位: '县住建局' })).toContain('向县住建局或其上级主管部门反映');
  });
});
