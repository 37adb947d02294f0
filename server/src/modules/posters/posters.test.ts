import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { seedTour } from '../tours/test-fixtures';
import { seedDemoData } from '../../seed/demo';
import { pdfPageCount, posterPdf, qrPng } from './render';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_H5_URL: 'https://h5.example.gov.cn' } });
});
afterAll(async () => t?.close());

describe('QR posters', () => {
  it('serves the PNG of the signed scene link, an A4 PDF with the CJK font embedded, and a ZIP per round', async () => {
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const link = (await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: admin, payload: { kind: 'tour_unit', inspectedUnitId: s.inspected.id } })).json();

    const png = await t.app.inject({ method: 'GET', url: `/api/staff/posters/inspected-units/${s.inspected.id}/qr.png`, headers: admin });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const meta = await sharp(png.rawPayload).metadata();
    expect(meta.format).toBe('png');
    // the code encodes exactly the H5 link of the signed scene (no raw data)
    expect(png.rawPayload.equals(await qrPng(link.h5Url))).toBe(true);
    expect(link.h5Url).toBe(`https://h5.example.gov.cn/#/pages/scene/index?s=${link.scene}`);

    const pdf = await t.app.inject({ method: 'GET', url: `/api/staff/posters/inspected-units/${s.inspected.id}/poster.pdf`, headers: admin });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdf.rawPayload.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toMatch(/NotoSansHans/);
    expect(text).toMatch(/\/FontFile3/);

    const second = await seedTour(t);
    await t.db.prisma.inspectedUnit.update({ where: { id: second.inspected.id }, data: { tourRoundId: s.round.id } });
    const zip = await t.app.inject({ method: 'GET', url: `/api/staff/posters/rounds/${s.round.id}/posters.zip`, headers: admin });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.rawPayload.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true);
    const eocd = zip.rawPayload.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(zip.rawPayload.readUInt16LE(eocd + 10)).toBe(4); // entries in the central directory: a PNG and a PDF per unit
    for (const u of [s.unit, second.unit]) {
      for (const ext of ['png', 'pdf']) expect(zip.rawPayload.includes(Buffer.from(`${s.round.code}_${u.name}.${ext}`))).toBe(true);
    }
  });

  it("limits a tour-group member to its own group's units", async () => {
    const mine = await seedTour(t);
    const theirs = await seedTour(t);
    const member = await staffHeader(t, 'tour_group', { tourGroupId: mine.group.id });
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/posters/inspected-units/${mine.inspected.id}/qr.png`, headers: member })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/posters/inspected-units/${theirs.inspected.id}/poster.pdf`, headers: member })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/posters/rounds/${theirs.round.id}/posters.zip`, headers: member })).statusCode).toBe(404);
  });

  it('moves the QR code to a second page when the notice is very long', async () => {
    const content = { heading: '巡察公示', lines: [], paragraphs: [{ label: '受理范围', text: '主要受理反映被巡察单位领导班子及其成员问题。'.repeat(80) }], qrText: 'https://x', sceneCaption: '扫码', footer: 'f' };
    const pages = pdfPageCount;
    expect(pages(await posterPdf(content))).toBe(2);
    expect(pages(await posterPdf({ ...content, paragraphs: [{ label: '受理范围', text: '短' }] }))).toBe(1);
  });

  it('makes monitoring-point posters', async () => {
    const mp = await t.db.prisma.monitoringPoint.create({ data: { code: `JC${Date.now()}`, name: '县不动产登记中心', address: '新城路8号' } });
    const admin = await staffHeader(t, 'admin');
    const pdf = await t.app.inject({ method: 'GET', url: `/api/staff/posters/monitoring-points/${mp.id}/poster.pdf`, headers: admin });
    expect(pdf.statusCode).toBe(200);
    const zip = await t.app.inject({ method: 'GET', url: '/api/staff/posters/monitoring-points/posters.zip', headers: admin });
    expect(zip.statusCode).toBe(200);
    expect(zip.rawPayload.includes(Buffer.from(`${mp.code}_县不动产登记中心.pdf`))).toBe(true);
  });

  it('prints every demo poster (each inspected unit with its published notice, each monitoring point) on one A4 page', async () => {
    const demo = await createTestApp({ env: { PUBLIC_H5_URL: 'https://h5.example.gov.cn' } });
    try {
      await seedDemoData(demo.db);
      const admin = await staffHeader(demo, 'admin');
      const units = await demo.db.prisma.inspectedUnit.findMany({ where: { notices: { some: { status: 'published' } } }, select: { id: true } });
      const points = await demo.db.prisma.monitoringPoint.findMany({ where: { active: true }, select: { id: true } });
      expect(units.length).toBeGreaterThan(10);
      expect(points.length).toBeGreaterThan(10);
      const urls = [
        ...units.map((u) => `/api/staff/posters/inspected-units/${u.id}/poster.pdf`),
        ...points.map((p) => `/api/staff/posters/monitoring-points/${p.id}/poster.pdf`),
      ];
      const twoPages: string[] = [];
      for (const url of urls) {
        const r = await demo.app.inject({ method: 'GET', url, headers: admin });
        expect(r.statusCode).toBe(200);
        if (pdfPageCount(r.rawPayload) !== 1) twoPages.push(url);
      }
      expect(twoPages).toEqual([]);
    } finally {
      await demo.close();
    }
  }, 240_000);
});
