import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { seedTour } from '../tours/test-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const questions = [
  { id: 'know', type: 'single', title: '您是否知晓本轮巡察', options: [{ id: 'y', label: '知晓' }, { id: 'n', label: '不知晓' }] },
  { id: 'issues', type: 'multiple', title: '您认为该单位存在哪些问题', required: false, options: [{ id: 'a', label: '作风不实' }, { id: 'b', label: '吃拿卡要' }] },
  { id: 'score', type: 'rating', title: '您对该单位工作作风的评价' },
  { id: 'advice', type: 'text', title: '意见建议', required: false },
];

async function publishedSurvey(admin: Record<string, string>, roundId?: string) {
  const c = await t.app.inject({ method: 'POST', url: '/api/staff/surveys', headers: admin, payload: { tourRoundId: roundId, title: '巡察调研问卷', intro: '匿名填写', questions } });
  expect(c.statusCode).toBe(201);
  const p = await t.app.inject({ method: 'POST', url: `/api/staff/surveys/${c.json().id}/publish`, headers: admin });
  expect(p.statusCode).toBe(200);
  return c.json().id as string;
}

describe('巡察调研 surveys', () => {
  it('builds, publishes and shows surveys to citizens; drafts are invisible; questions frozen after publishing', async () => {
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const citizen = await citizenHeader(t);
    const draft = await t.app.inject({ method: 'POST', url: '/api/staff/surveys', headers: admin, payload: { tourRoundId: s.round.id, title: '草稿问卷', questions } });
    expect(draft.json()).toMatchObject({ status: 'draft', roundName: s.round.name, answerCount: 0 });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/surveys/${draft.json().id}`, headers: citizen })).statusCode).toBe(404);
    // the builder validates questions
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/staff/surveys/${draft.json().id}`, headers: admin, payload: { questions: [{ id: 'q', type: 'single', title: 'x', options: [{ id: 'a', label: 'A' }] }] } });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/surveys', headers: admin, payload: { title: '空问卷' } })).statusCode).toBe(201);

    const id = await publishedSurvey(admin, s.round.id);
    const list = await t.app.inject({ method: 'GET', url: '/api/public/surveys', headers: citizen });
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((x: { id: string }) => x.id);
    expect(ids).toContain(id);
    expect(ids).not.toContain(draft.json().id);
    const detail = await t.app.inject({ method: 'GET', url: `/api/public/surveys/${id}`, headers: citizen });
    expect(detail.json()).toMatchObject({ title: '巡察调研问卷', answered: false, questions: [{ id: 'know' }, { id: 'issues' }, { id: 'score' }, { id: 'advice' }] });
    expect(detail.json()).not.toHaveProperty('answerCount');
    expect((await t.app.inject({ method: 'GET', url: '/api/public/surveys' })).statusCode).toBe(401);

    const frozen = await t.app.inject({ method: 'PATCH', url: `/api/staff/surveys/${id}`, headers: admin, payload: { questions: [] } });
    expect(frozen.statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/surveys', headers: await staffHeader(t, 'unit_liaison') })).statusCode).toBe(403);
  });

  it('rejects bad answers with 400 naming the question, and allows one answer per citizen', async () => {
    const admin = await staffHeader(t, 'admin');
    const id = await publishedSurvey(admin);
    const citizen = await citizenHeader(t);
    const url = `/api/public/surveys/${id}/answers`;

    let r = await t.app.inject({ method: 'POST', url, headers: citizen, payload: { answers: { know: 'maybe', score: 9 } } });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('VALIDATION_FAILED');
    expect(r.json().issues.map((i: { path: string }) => i.path)).toEqual(['answers.know', 'answers.score']);
    expect(r.json().issues[0].message).toContain('您是否知晓本轮巡察');
    r = await t.app.inject({ method: 'POST', url, headers: citizen, payload: { answers: { know: 'y' } } });
    expect(r.json().issues).toEqual([expect.objectContaining({ path: 'answers.score', code: 'required' })]);
    r = await t.app.inject({ method: 'POST', url, headers: citizen, payload: { answers: 'nope' } });
    expect(r.statusCode).toBe(400);
    // a rejected sheet does not use up the citizen's one answer
    r = await t.app.inject({ method: 'POST', url, headers: citizen, payload: { answers: { know: 'y', issues: ['a', 'b'], score: 4, advice: '加强公示' } } });
    expect(r.statusCode).toBe(201);
    expect(r.json().message).toContain('感谢');

    r = await t.app.inject({ method: 'POST', url, headers: citizen, payload: { answers: { know: 'n', score: 1 } } });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('ALREADY_ANSWERED');
    expect((await t.app.inject({ method: 'GET', url: `/api/public/surveys/${id}`, headers: citizen })).json().answered).toBe(true);
    expect(await t.db.prisma.surveyAnswer.count({ where: { surveyId: id } })).toBe(1);

    const other = await citizenHeader(t);
    r = await t.app.inject({ method: 'POST', url, headers: other, payload: { answers: { know: 'n', score: 2 } } });
    expect(r.statusCode).toBe(201);

    // closing stops answers
    expect((await t.app.inject({ method: 'POST', url: `/api/staff/surveys/${id}/close`, headers: admin })).statusCode).toBe(200);
    r = await t.app.inject({ method: 'POST', url, headers: await citizenHeader(t), payload: { answers: { know: 'n', score: 2 } } });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('SURVEY_CLOSED');
  });

  it('the database enforces one answer per citizen per survey', async () => {
    const admin = await staffHeader(t, 'admin');
    const id = await publishedSurvey(admin);
    const citizenId = '00000000-0000-4000-8000-000000000001';
    await t.db.prisma.surveyAnswer.create({ data: { surveyId: id, citizenId, answers: {} } });
    await expect(t.db.prisma.surveyAnswer.create({ data: { surveyId: id, citizenId, answers: {} } })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('aggregates results per question and exports XLSX', async () => {
    const admin = await staffHeader(t, 'admin');
    const id = await publishedSurvey(admin);
    const sheets = [
      { know: 'y', issues: ['a'], score: 5, advice: '多下基层' },
      { know: 'y', issues: ['a', 'b'], score: 3 },
      { know: 'n', score: 4 },
    ];
    for (const answers of sheets) {
      expect((await t.app.inject({ method: 'POST', url: `/api/public/surveys/${id}/answers`, headers: await citizenHeader(t), payload: { answers } })).statusCode).toBe(201);
    }
    const r = await t.app.inject({ method: 'GET', url: `/api/staff/surveys/${id}/results`, headers: admin });
    expect(r.statusCode).toBe(200);
    const res = r.json();
    expect(res.answerCount).toBe(3);
    expect(res.questions[0].options).toEqual([{ id: 'y', label: '知晓', count: 2 }, { id: 'n', label: '不知晓', count: 1 }]);
    expect(res.questions[1].options.map((o: { count: number }) => o.count)).toEqual([2, 1]);
    expect(res.questions[2].average).toBe(4);
    expect(res.questions[3].texts).toEqual(['多下基层']);

    const x = await t.app.inject({ method: 'GET', url: `/api/staff/surveys/${id}/export.xlsx`, headers: admin });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计', '答卷明细']);
    const detail = wb.getWorksheet('答卷明细')!;
    expect(detail.rowCount).toBe(4);
    expect(detail.getRow(1).getCell(3).value).toBe('1. 您是否知晓本轮巡察');
    expect(detail.getRow(3).getCell(4).value).toBe('作风不实、吃拿卡要');
    const summary = wb.getWorksheet('统计')!;
    const texts: string[] = [];
    summary.eachRow((row) => texts.push(row.values!.toString()));
    expect(texts.some((l) => l.includes('知晓') && l.includes('66.7%'))).toBe(true);
  });

  it('closes a published survey with its round: a round left 进行中 after its last day reads closed and takes no answers', async () => {
    const ended = await seedTour(t, { roundStatus: 'active', startsOn: '2026-10-01', endsOn: '2099-12-31' });
    const admin = await staffHeader(t, 'admin');
    const id = await publishedSurvey(admin, ended.round.id);
    // the round's last day passes (2026-11-30) while it is still marked 进行中
    await t.db.prisma.tourRound.update({ where: { id: ended.round.id }, data: { endsOn: new Date('2026-11-30T00:00:00Z') } });
    const citizen = await citizenHeader(t);
    const detail = await t.app.inject({ method: 'GET', url: `/api/public/surveys/${id}`, headers: citizen });
    expect(detail.json()).toMatchObject({ status: 'closed', closedAt: '2026-11-30T16:00:00.000Z' });
    const staff = await t.app.inject({ method: 'GET', url: `/api/staff/surveys/${id}`, headers: admin });
    expect(staff.json().status).toBe('closed');
    const answer = await t.app.inject({ method: 'POST', url: `/api/public/surveys/${id}/answers`, headers: citizen, payload: { answers: { know: 'y', score: 5 } } });
    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toMatchObject({ code: 'SURVEY_CLOSED', message: '本轮巡察已结束，问卷随之关闭，感谢关注' });
  });

  it('refuses to publish a survey whose round has already ended, changing nothing', async () => {
    const ended = await seedTour(t, { roundStatus: 'active', startsOn: '2026-01-01', endsOn: '2026-03-31' });
    const admin = await staffHeader(t, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/staff/surveys',
      headers: admin,
      payload: { title: '已结束轮次的问卷', tourRoundId: ended.round.id, questions },
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await t.app.inject({ method: 'POST', url: `/api/staff/surveys/${created.json().id}/publish`, headers: admin });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ROUND_ENDED' });
    expect((await t.db.prisma.survey.findUniqueOrThrow({ where: { id: created.json().id } })).status).toBe('draft');
  });
});
