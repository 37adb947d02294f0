// The reporter's short video, end to end through the public and staff routes: real MP4/QuickTime files made here by
// the bundled ffmpeg (with GPS, make, model and creation time in the container), stored encrypted, opened decrypted
// through a file token with byte ranges, and shredded by the retention job.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPORT_VIDEO_MAX_BYTES, sniffVideo } from '@msjd/shared/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEncryptedObject } from '../../lib/sealing';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { rotateKeys } from '../../cli/keys';
import { runRetentionJob } from '../retention';
import { parseRange } from '../files/routes';
import { parseProbe, probeVideo, runFfmpeg } from './videos';

const GPS = '+31.2304+121.4737/';
const MAKE = 'ZhiJianPhone';
const MODEL = 'Model-X9-Pro';

let t: TestApp;
let citizen: Record<string, string>;
let intake: Record<string, string>;
let liaison: Record<string, string>;
let dir: string;
const fixtures: Record<'mp4' | 'mov' | 'long' | 'mpeg4', Buffer> = {} as never;
let now = new Date('2026-11-20T02:00:00Z');

/** A real recording: test pattern and a tone, H.264 + AAC unless told, with the metadata a phone leaves behind. */
async function makeVideo(name: string, seconds: number, extra: string[] = []) {
  const out = path.join(dir, name);
  const { code, stderr } = await runFfmpeg([
    '-y', '-loglevel', 'error',
    '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=8000',
    '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '16k',
    '-metadata', `location=${GPS}`, '-metadata', `make=${MAKE}`, '-metadata', `model=${MODEL}`,
    '-metadata', 'creation_time=2026-11-01T08:00:00Z',
    ...extra,
    out,
  ]);
  expect(code, stderr).toBe(0);
  return readFile(out);
}

function multipart(file: Buffer, filename = 'v.mp4', contentType = 'video/mp4') {
  const boundary = '----msjdvideo' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function newReport(headers = citizen, body: Record<string, unknown> = { reporterPhone: '13900002222' }) {
  const res = await t.app.inject({ method: 'POST', url: '/api/public/reports', headers, payload: { category: 'other', content: '视频测试：现场情况见视频。', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; queryCode?: string; querySecret?: string };
}

const uploadVideo = (reportId: string, file: Buffer, name = 'v.mp4', headers = citizen, url = `/api/public/reports/${reportId}/video`) => {
  const m = multipart(file, name);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, ...m.headers }, payload: m.payload });
};

/** The top-level and moov boxes of an MP4, to look for metadata boxes by name, not only by their text. */
function boxes(buf: Buffer, from = 0, to = buf.length, depth = 0): string[] {
  const found: string[] = [];
  for (let at = from; at + 8 <= to; ) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (size === 1) size = Number(buf.readBigUInt64BE(at + 8));
    if (size === 0) size = to - at;
    if (size < 8) break;
    found.push('  '.repeat(depth) + type);
    if (['moov', 'trak', 'mdia', 'udta'].includes(type)) found.push(...boxes(buf, at + 8, at + size, depth + 1));
    if (type === 'meta') found.push(...boxes(buf, at + 12, at + size, depth + 1));
    at += size;
  }
  return found;
}

/** mvhd's creation time (seconds since 1904), whatever the box version. */
function movieCreationTime(buf: Buffer): number {
  const at = buf.indexOf('mvhd', 0, 'latin1');
  return buf[at + 4] === 1 ? Number(buf.readBigUInt64BE(at + 8)) : buf.readUInt32BE(at + 8);
}

async function openedVideo(reportId: string, headers = intake) {
  const detail = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${reportId}`, headers });
  expect(detail.statusCode, detail.body).toBe(200);
  return detail.json().attachments.find((a: { kind: string }) => a.kind === 'video') as { id: string; url: string; mime: string; size: number } | undefined;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'msjd-video-test-'));
  fixtures.mp4 = await makeVideo('phone.mp4', 3, ['-movflags', '+use_metadata_tags']);
  fixtures.mov = await makeVideo('phone.mov', 2, ['-f', 'mov']);
  fixtures.long = await makeVideo('long.mp4', 61);
  fixtures.mpeg4 = await makeVideo('mpeg4.mp4', 1, ['-c:v', 'mpeg4']);
  t = await createTestApp({ clock: { now: () => now } });
  citizen = await citizenHeader(t);
  intake = await staffHeader(t, 'intake');
  const unit = await t.db.prisma.unit.create({ data: { code: 'V9', name: '视频测试局', kind: 'department' } });
  liaison = await staffHeader(t, 'unit_liaison', { unitId: unit.id });
}, 120_000);
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the reporter’s video', () => {
  it('the fixtures carry what a phone leaves behind', () => {
    expect(sniffVideo(fixtures.mp4)).toBe('video/mp4');
    expect(sniffVideo(fixtures.mov)).toBe('video/quicktime');
    for (const text of [GPS, MAKE, MODEL]) expect(fixtures.mp4.includes(Buffer.from(text))).toBe(true);
    expect(movieCreationTime(fixtures.mp4)).toBeGreaterThan(0);
  });

  it('is stored encrypted without GPS, make, model or creation time, still an MP4 of the same length, and plays with byte ranges', async () => {
    const { id } = await newReport();
    const res = await uploadVideo(id, fixtures.mp4);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mime: 'video/mp4' });
    expect(res.json().durationSeconds).toBeGreaterThan(2.9);
    expect(res.json().durationSeconds).toBeLessThan(3.3);

    const row = await t.db.prisma.reportAttachment.findUniqueOrThrow({ where: { id: res.json().id } });
    expect(row).toMatchObject({ kind: 'video', mime: 'video/mp4', addedBy: 'citizen' });
    const raw = await t.storage.get(row.storageKey);
    expect(isEncryptedObject(raw)).toBe(true);
    expect(sniffVideo(raw)).toBeNull();

    const video = await openedVideo(id);
    expect(video).toBeDefined();
    const whole = await t.app.inject({ method: 'GET', url: video!.url });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers).toMatchObject({ 'content-type': 'video/mp4', 'cache-control': 'private, no-store', 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff' });
    const plain = whole.rawPayload;
    expect(plain.length).toBe(row.size);
    for (const text of [GPS, MAKE, MODEL, 'Lavf']) expect(plain.includes(Buffer.from(text)), text).toBe(false);
    const names = boxes(plain);
    // ffmpeg leaves an empty iTunes list (udta/meta/ilst of 8 bytes): no keys, no items
    expect(plain.includes(Buffer.from('keys'))).toBe(false);
    expect(names.map((n) => n.trim()).filter((n) => n.startsWith('©'))).toEqual([]);
    const ilst = plain.indexOf('ilst', 0, 'latin1');
    if (ilst >= 0) expect(plain.readUInt32BE(ilst - 4)).toBe(8);
    expect(movieCreationTime(plain)).toBe(0);
    // faststart: the index before the media
    expect(names.indexOf('moov')).toBeLessThan(names.indexOf('mdat'));

    // still a real MP4 of the same length: ffmpeg reads it back
    const file = path.join(dir, 'opened.mp4');
    await (await import('node:fs/promises')).writeFile(file, plain);
    const probe = await probeVideo(file);
    expect(probe).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac' });
    expect(Math.abs(probe!.durationSeconds - res.json().durationSeconds)).toBeLessThan(0.05);

    const part = await t.app.inject({ method: 'GET', url: video!.url, headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${plain.length}`);
    expect(part.rawPayload.equals(plain.subarray(100, 200))).toBe(true);
    const tail = await t.app.inject({ method: 'GET', url: video!.url, headers: { range: 'bytes=-10' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(plain.subarray(plain.length - 10))).toBe(true);
    const beyond = await t.app.inject({ method: 'GET', url: video!.url, headers: { range: `bytes=${plain.length}-` } });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${plain.length}`);

    // opening it is audited under the staff member the link was made for; seeking is not audited again
    const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'report.video_view', entityId: id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: 'staff', detail: { attachmentId: row.id } });
    expect(audits[0]!.actorId).toBeTruthy();
    const timeline = await t.db.prisma.reportEvent.findMany({ where: { reportId: id, kind: 'video_attached' } });
    expect(timeline).toHaveLength(1);
  });

  it('a second video is refused, and a photo still goes through the photo route', async () => {
    const { id } = await newReport();
    expect((await uploadVideo(id, fixtures.mp4)).statusCode).toBe(201);
    const again = await uploadVideo(id, fixtures.mov, 'b.mov');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'TOO_MANY_VIDEOS' });
    expect(again.json().message).toContain('1 段视频');
    expect(await t.db.prisma.reportAttachment.count({ where: { reportId: id, kind: 'video' } })).toBe(1);
  });

  it('a QuickTime recording is accepted and stored as MP4 without its metadata', async () => {
    const { id } = await newReport();
    const res = await uploadVideo(id, fixtures.mov, 'IMG_0001.MOV');
    expect(res.statusCode, res.body).toBe(201);
    const video = await openedVideo(id);
    const plain = (await t.app.inject({ method: 'GET', url: video!.url })).rawPayload;
    expect(sniffVideo(plain)).toBe('video/mp4');
    for (const text of [GPS, MAKE, MODEL]) expect(plain.includes(Buffer.from(text))).toBe(false);
  });

  it('refuses a video over 60 seconds, one over 50 MB, a non-video and an unplayable codec, storing nothing', async () => {
    const { id } = await newReport();
    const before = await t.db.prisma.reportAttachment.count();
    const long = await uploadVideo(id, fixtures.long);
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'VIDEO_TOO_LONG', details: { max: 60 } });
    expect(long.json().message).toMatch(/不能超过 60 秒/);

    const big = Buffer.concat([fixtures.mp4, Buffer.alloc(REPORT_VIDEO_MAX_BYTES + 1 - fixtures.mp4.length)]);
    const oversize = await uploadVideo(id, big);
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json()).toMatchObject({ code: 'VIDEO_TOO_LARGE' });
    expect(oversize.json().message).toContain('50 MB');

    const text = await uploadVideo(id, Buffer.from('这不是视频，只是改了扩展名的文本文件。'.repeat(10)), 'fake.mp4');
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'VIDEO_UNSUPPORTED_TYPE' });
    expect(text.json().message).toMatch(/MP4、MOV/);

    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
    expect((await uploadVideo(id, heic, 'a.mp4')).json()).toMatchObject({ code: 'VIDEO_UNSUPPORTED_TYPE' });

    const truncated = await uploadVideo(id, fixtures.mp4.subarray(0, 200));
    expect(truncated.statusCode).toBe(415);
    expect(truncated.json()).toMatchObject({ code: 'VIDEO_UNREADABLE' });

    const mpeg4 = await uploadVideo(id, fixtures.mpeg4);
    expect(mpeg4.statusCode).toBe(415);
    expect(mpeg4.json()).toMatchObject({ code: 'VIDEO_CODEC_UNSUPPORTED' });

    expect(await t.db.prisma.reportAttachment.count()).toBe(before);
    expect((await readdirSafe(tmpdir())).filter((n) => n.startsWith('msjd-video-') && !n.startsWith('msjd-video-test-'))).toEqual([]);
  });

  it('a 保密 reporter adds the video with the query code, unlinkably; the 交办单 reader sees it once the handler hands it over', async () => {
    const other = await citizenHeader(t);
    const { id, queryCode, querySecret } = await newReport(other, { confidential: true });
    const wrong = await uploadVideo(id, fixtures.mp4, 'v.mp4', { 'x-report-code': queryCode!, 'x-report-secret': 'ABCDEFGH' }, '/api/public/reports/lookup/video');
    expect(wrong.statusCode).toBe(404);
    const res = await uploadVideo(id, fixtures.mp4, 'v.mp4', { 'x-report-code': queryCode!, 'x-report-secret': querySecret! }, '/api/public/reports/lookup/video');
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db.prisma.reportAttachment.findUniqueOrThrow({ where: { id: res.json().id } });
    expect(row.addedById).toBeNull();
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'report.video', entityId: id } });
    expect(audit).toMatchObject({ actorId: null, ip: null, requestId: null });

    const unit = await t.db.prisma.unit.findFirstOrThrow({ where: { code: 'V9' } });
    await t.db.prisma.report.update({ where: { id }, data: { status: 'assigned', assigneeUnitId: unit.id } });
    // a video may show who filmed it: it goes with the 交办单 only when the handler chooses it
    expect(await openedVideo(id, liaison)).toBeUndefined();
    const chosen = await t.app.inject({ method: 'PUT', url: `/api/staff/reports/${id}/handover-attachments`, headers: intake, payload: { attachmentIds: [res.json().id] } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    const forLiaison = await openedVideo(id, liaison);
    expect(forLiaison).toMatchObject({ mime: 'video/mp4' });
    expect((await t.app.inject({ method: 'GET', url: forLiaison!.url, headers: { range: 'bytes=0-' } })).statusCode).toBe(206);
  });

  it('keys rotate checks the video with the photos and leaves it readable', async () => {
    const { id } = await newReport();
    const res = await uploadVideo(id, fixtures.mp4);
    expect(res.statusCode).toBe(201);
    const stored = await t.storage.get((await t.db.prisma.reportAttachment.findUniqueOrThrow({ where: { id: res.json().id } })).storageKey);
    const result = await rotateKeys(t.db, t.app.sealer, t.storage, { hashKey: t.config.hashKey });
    expect(result.problems).toEqual([]);
    expect(result.photosChecked).toBeGreaterThanOrEqual(await t.db.prisma.reportAttachment.count({ where: { kind: 'video' } }));
    // the object stays as it was (its data key is re-wrapped, not the video re-encrypted), and still opens
    const row = await t.db.prisma.reportAttachment.findUniqueOrThrow({ where: { id: res.json().id } });
    expect((await t.storage.get(row.storageKey)).equals(stored)).toBe(true);
    const video = await openedVideo(id);
    expect(sniffVideo((await t.app.inject({ method: 'GET', url: video!.url })).rawPayload)).toBe('video/mp4');
  });

  it('retention shredding destroys the video’s key and deletes its object', async () => {
    const { id } = await newReport();
    const res = await uploadVideo(id, fixtures.mp4);
    expect(res.statusCode).toBe(201);
    const row = await t.db.prisma.reportAttachment.findUniqueOrThrow({ where: { id: res.json().id } });
    const video = await openedVideo(id);
    await t.db.prisma.report.update({ where: { id }, data: { status: 'closed', closedAt: new Date('2021-11-01T02:00:00Z') } });
    const result = await runRetentionJob(t.app);
    expect(result.shredded).toBeGreaterThanOrEqual(1);
    expect(await t.db.prisma.reportAttachment.findUnique({ where: { id: row.id } })).toBeNull();
    await expect(t.storage.get(row.storageKey)).rejects.toMatchObject({ code: 'NoSuchKey' });
    expect((await t.app.inject({ method: 'GET', url: video!.url })).statusCode).toBe(404);
  });
});

describe('pieces', () => {
  it('reads duration and codecs from what ffmpeg says of its input', () => {
    const stderr = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'in':\n  Duration: 00:01:00.87, start: 0.000000, bitrate: 64 kb/s\n    Stream #0:0(und): Video: hevc (Main) (hvc1 / 0x31637668), yuv420p\n    Stream #0:1(und): Audio: aac (LC)`;
    expect(parseProbe(stderr)).toEqual({ durationSeconds: 60.87, videoCodec: 'hevc', audioCodec: 'aac' });
    expect(parseProbe('in: Invalid data found when processing input')).toBeNull();
  });

  it('resolves byte ranges as RFC 9110 says', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-2000', 100)).toEqual({ start: 10, end: 99 });
    expect(parseRange('bytes=-30', 100)).toEqual({ start: 70, end: 99 });
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 100)).toBe('unsatisfiable');
  });
});

async function readdirSafe(d: string) {
  return (await import('node:fs/promises')).readdir(d).catch(() => [] as string[]);
}
