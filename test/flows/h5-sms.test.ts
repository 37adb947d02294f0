// H5 实名 in production's way (issue 14): a citizen in the real H5 app picks 实名, gives a mobile number, answers the
// captcha, receives the code through a local fake of 腾讯云短信 (which checks every request's TC3 signature as the
// provider does; the test reads the "SMS" from it), verifies, and files a 实名 report under that number's session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captchaHash } from '../../server/src/modules/sms/service';
import { startFakeTencentSms, type FakeTencentSms } from '../../server/src/test-support/fake-tencent-sms';
import { launchBrowser } from '../support/browser';
import { chooseFirstCategory, fillTaro, openReportFormInH5 } from '../support/h5';
import { startProduct } from '../support/server';

let fake: FakeTencentSms;
let product: Awaited<ReturnType<typeof startProduct>>;
let chrome: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  fake = await startFakeTencentSms();
  [product, chrome] = await Promise.all([startProduct(fake.env()), launchBrowser()]);
});
afterAll(async () => {
  await chrome?.close();
  await product?.stop();
  await fake?.close();
});

const PHONE = '13700001111';
const marker = `短信实名${Date.now().toString(36)}`;

describe('H5 实名 by SMS code', () => {
  it('phone -> captcha -> code from the provider -> a 实名 report under the verified number', async () => {
    const prisma = product.app.db.prisma;
    const context = await chrome.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const h5 = await context.newPage();
    const pageErrors: string[] = [];
    h5.on('pageerror', (e) => pageErrors.push(String(e)));

    await openReportFormInH5(h5, product.baseUrl);
    await chooseFirstCategory(h5);
    await fillTaro(h5, 'report-content', `${marker}：乡镇卫生院收取群众体检费不开票据，收费标准也不公示。`);

    await h5.click('#report-realname');
    await h5.waitForSelector('#sms-get-code');
    await fillTaro(h5, 'report-name', '赵某');
    await fillTaro(h5, 'report-phone', PHONE);

    // submitting before the number is verified is refused at the field
    await h5.click('#report-submit');
    await expect.poll(() => h5.textContent('#report-phone-error')).toBe('请先获取短信验证码，验证手机号码后再提交');

    // the captcha: a picture from the server; the test puts an answer it knows in its place
    await h5.click('#sms-get-code');
    await h5.waitForSelector('#sms-captcha-image');
    const captcha = await prisma.smsCaptcha.findFirstOrThrow({ where: { usedAt: null }, orderBy: { expiresAt: 'desc' } });
    await prisma.smsCaptcha.update({ where: { id: captcha.id }, data: { answerHash: captchaHash(product.app.sealer, captcha.id, 'm4xe') } });
    await fillTaro(h5, 'sms-captcha-answer', 'M4XE');
    await h5.click('#sms-send');
    await expect.poll(() => h5.textContent('#sms-message'), { timeout: 15_000 }).toBe('验证码已发送至 137****1111，5 分钟内有效');

    // the SMS as the provider would deliver it: signed request accepted, code and minutes as template parameters
    expect(fake.refusals).toEqual([]);
    const code = fake.lastCode(PHONE)!;
    expect(code).toMatch(/^\d{6}$/);
    expect(fake.sent.at(-1)!.params).toEqual([code, '5']);

    await fillTaro(h5, 'sms-code', code);
    await h5.click('#sms-confirm');
    await h5.waitForSelector('#sms-verified');

    await h5.click('#report-submit');
    await h5.waitForSelector('#receipt-serial', { timeout: 30_000 });
    const serial = (await h5.textContent('#receipt-serial'))!.trim();

    const report = await prisma.report.findUniqueOrThrow({ where: { serial } });
    expect(report.confidential).toBe(false);
    expect(report.content).toContain(marker);
    const citizen = await prisma.citizen.findUniqueOrThrow({ where: { id: report.citizenId! } });
    expect(citizen.via).toBe('sms');
    expect(product.app.sealer.open(citizen.phoneSealed!)).toBe(PHONE);
    // stored only sealed and hashed: no row of the SMS tables holds the number or the code
    expect(JSON.stringify(await prisma.smsCode.findMany())).not.toMatch(new RegExp(`${PHONE}|"${code}"`));

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
