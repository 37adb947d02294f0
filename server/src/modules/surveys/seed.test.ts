import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicSurveySchema } from '@msjd/shared';
import { seedDemoData } from '../../seed/demo';
import { citizenHeader, createTestApp, type TestApp } from '../../test-support/app';
import { seedDemoSurveys } from './seed';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('demo 巡察调研', () => {
  it('one open survey with every question type, answerable once', async () => {
    expect(await seedDemoData(t.db)).toMatchObject({ surveys: 1 });
    expect(await t.db.prisma.$transaction((tx) => seedDemoSurveys(tx))).toBe(0);

    const citizen = await citizenHeader(t);
    const list = await t.app.inject({ method: 'GET', url: '/api/public/surveys', headers: citizen });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(1);
    const survey = publicSurveySchema.parse(list.json().items[0]);
    expect(survey).toMatchObject({ status: 'published', answered: false, roundName: '县委第八轮巡察' });
    expect(new Set(survey.questions.map((q) => q.type))).toEqual(new Set(['single', 'multiple', 'rating', 'text']));

    const url = `/api/public/surveys/${survey.id}/answers`;
    const answers = { aware: 'yes', problems: ['slow', 'fees'], integrity: 4 };
    const first = await t.app.inject({ method: 'POST', url, headers: citizen, payload: { answers } });
    expect(first.statusCode, first.body).toBe(201);
    const again = await t.app.inject({ method: 'POST', url, headers: citizen, payload: { answers } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_ANSWERED');
  });
});
