import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

// Serials are per day (JB<date>-<n>); concurrent submissions used to read the same last serial and, at this many
// at once, most ran out of retries with 503 BUSY.
it('30 citizens submitting at the same moment all get a report, with 30 distinct consecutive serials', async () => {
  // citizens made directly: thirty device logins from one test would meet the login rate limit first
  const citizens = await Promise.all(
    Array.from({ length: 30 }, (_, i) => t.db.prisma.citizen.create({ data: { subjectHash: t.app.sealer.keyedHash(`device:concurrent-${i}`), via: 'device' } })),
  );
  const headers = citizens.map((c) => ({ authorization: `Bearer ${t.app.signCitizenToken(c.id)}` }));
  const answers = await Promise.all(
    headers.map((h, i) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/reports',
        headers: { ...h, 'x-forwarded-for': `10.7.0.${i + 1}`, 'idempotency-key': `concurrent-${i}-abcdef` },
        payload: { category: 'work_style', content: `第 ${i} 位群众反映：窗口工作人员上班时间玩手机。`, confidential: i % 2 === 0, ...(i % 2 ? { reporterPhone: '13900001111' } : {}) },
      }),
    ),
  );
  expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 201));
  const serials = answers.map((a) => a.json().serial as string).sort();
  expect(new Set(serials).size).toBe(30);
  const numbers = serials.map((s) => Number(s.split('-')[1]));
  expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => numbers[0] + i));
});
