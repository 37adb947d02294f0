// The reporter's one short video. Its container is sniffed from the bytes (MP4 or QuickTime), its duration read from
// the container by ffmpeg, and it is remuxed by ffmpeg — streams copied untouched, container metadata dropped (GPS
// ©xyz and Apple's location keys, make/model, creation times, chapters, data tracks) — before it is encrypted with
// the report's data key and stored like a photo (a report_attachment of kind `video`), so retention shredding and
// `keys rotate` cover it with the photos. ffmpeg is the static binary inside the npm package @ffmpeg-installer/ffmpeg.
//
// The upload is streamed to a private temp directory (ffmpeg needs a seekable file: phones write the index at the
// end), and that directory is removed whatever happens: plaintext lives there only while ffmpeg reads it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  REPORT_VIDEO_MAX_BYTES,
  REPORT_VIDEO_MAX_MB,
  REPORT_VIDEO_MAX_SECONDS,
  REPORT_VIDEO_TOLERANCE_SECONDS,
  sniffVideo,
  type VideoType,
} from '@msjd/shared/media';
import type { Report } from '../../generated/prisma/client';
import { conflict, AppError } from '../../errors';
import { ensureReportDataKey } from './data-keys';

export const VIDEO_KIND = 'video';
/** What is stored: always MP4 (QuickTime input is remuxed into it), which every browser's <video> opens. */
export const STORED_VIDEO_MIME = 'video/mp4';
/** Video codecs a browser can play from MP4: H.264 everywhere, HEVC (iPhone's default) where the platform decodes it. */
const PLAYABLE_CODECS = new Set(['h264', 'hevc']);
const FFMPEG_TIMEOUT_MS = 60_000;

export const videoUnsupported = () => new AppError('unsupported_media', 'VIDEO_UNSUPPORTED_TYPE', '只支持 MP4、MOV 格式的视频（手机拍摄的视频即可）');
export const videoTooLarge = () => new AppError('too_large', 'VIDEO_TOO_LARGE', `视频不能超过 ${REPORT_VIDEO_MAX_MB} MB，请缩短后重新拍摄`);
export const videoTooLong = (seconds: number) =>
  new AppError('invalid', 'VIDEO_TOO_LONG', `视频长 ${Math.round(seconds)} 秒，不能超过 ${REPORT_VIDEO_MAX_SECONDS} 秒`, { seconds, max: REPORT_VIDEO_MAX_SECONDS });
export const videoUnreadable = () => new AppError('unsupported_media', 'VIDEO_UNREADABLE', '视频已损坏或无法识别，请重新拍摄或选择');
export const videoCodecUnsupported = (codec: string) =>
  new AppError('unsupported_media', 'VIDEO_CODEC_UNSUPPORTED', '视频编码格式不受支持（只支持 H.264、H.265），请用手机相机重新拍摄', { codec });
export const videoAlreadyAdded = () => conflict('TOO_MANY_VIDEOS', '每件反映只能上传 1 段视频', { max: 1 });

let ffmpegBinary: string | undefined;
/** The bundled static ffmpeg; on a platform the package has no binary for, the system's `ffmpeg` (Debian: apt). */
export function ffmpegPath(): string {
  if (ffmpegBinary) return ffmpegBinary;
  try {
    ffmpegBinary = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  } catch {
    ffmpegBinary = 'ffmpeg';
  }
  return ffmpegBinary;
}

/** Runs ffmpeg; resolves with its exit code and stderr (where it describes its input), killed after a minute. */
export function runFfmpeg(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', 'ignore', 'pipe'], timeout: FFMPEG_TIMEOUT_MS, killSignal: 'SIGKILL' });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 64_000) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

export interface VideoProbe {
  durationSeconds: number;
  videoCodec: string;
  audioCodec: string | null;
}

/** What ffmpeg says of its first input: `Duration: 00:00:59.87`, `Stream #0:0…: Video: h264 …`, `Audio: aac`. */
export function parseProbe(stderr: string): VideoProbe | null {
  const duration = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr);
  const video = /Stream #0:\d+[^:]*: Video: ([a-z0-9_]+)/.exec(stderr);
  if (!duration || !video) return null;
  const audio = /Stream #0:\d+[^:]*: Audio: ([a-z0-9_]+)/.exec(stderr);
  return {
    durationSeconds: Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]),
    videoCodec: video[1]!,
    audioCodec: audio?.[1] ?? null,
  };
}

export async function probeVideo(file: string): Promise<VideoProbe | null> {
  // without an output ffmpeg exits 1 after describing the input, which is all this asks of it
  const { stderr } = await runFfmpeg(['-i', file]);
  return parseProbe(stderr);
}

/**
 * Checks a video file and writes its cleaned copy: the first video and first audio stream, copied bit for bit, in a
 * new MP4 without any container metadata (global, per stream, chapters), without ffmpeg's own encoder tag
 * (bitexact), index first (faststart) so the admin can play it before it has all of it. The display rotation of a
 * portrait recording is kept: it is the track matrix, not metadata.
 */
export async function cleanVideoFile(input: string, output: string): Promise<VideoProbe> {
  const probe = await probeVideo(input);
  if (!probe) throw videoUnreadable();
  if (probe.durationSeconds > REPORT_VIDEO_MAX_SECONDS + REPORT_VIDEO_TOLERANCE_SECONDS) throw videoTooLong(probe.durationSeconds);
  if (!PLAYABLE_CODECS.has(probe.videoCodec)) throw videoCodecUnsupported(probe.videoCodec);
  const { code } = await runFfmpeg([
    '-y',
    '-i', input,
    '-map', '0:v:0', '-map', '0:a:0?',
    '-c', 'copy',
    // HEVC in MP4 plays in Safari and Chrome only when tagged hvc1 (ffmpeg's default tag is hev1)
    ...(probe.videoCodec === 'hevc' ? ['-tag:v', 'hvc1'] : []),
    '-map_metadata', '-1', '-map_chapters', '-1',
    '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact',
    '-movflags', '+faststart',
    '-f', 'mp4', output,
  ]);
  if (code !== 0) throw videoUnreadable();
  return probe;
}

async function headOf(file: string, length: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Whether the report already has its one video (the reporter's; staff evidence is photos). */
export async function hasVideo(app: FastifyInstance, reportId: string): Promise<boolean> {
  return (await app.db.prisma.reportAttachment.count({ where: { reportId, kind: VIDEO_KIND } })) > 0;
}

/**
 * `POST …/video` (multipart, field `file`): the reporter's video, checked, cleaned, encrypted and stored. One per
 * report: a second is refused before its bytes are processed, and two racing uploads are settled under the report's
 * row lock (the loser's object is removed).
 */
export async function storeVideo(
  app: FastifyInstance,
  request: FastifyRequest,
  report: Report,
  by: { addedById: string | null; messageId?: string | null },
): Promise<{ id: string; mime: string; size: number; durationSeconds: number }> {
  if (!request.isMultipart()) throw videoUnsupported();
  if (await hasVideo(app, report.id)) throw videoAlreadyAdded();
  const dir = await mkdtemp(path.join(tmpdir(), 'msjd-video-'));
  try {
    const input = path.join(dir, 'in');
    const output = path.join(dir, 'out.mp4');
    let truncated = false;
    try {
      const part = await request.file({ limits: { fileSize: REPORT_VIDEO_MAX_BYTES, files: 1 } });
      if (!part) throw new AppError('invalid', 'FILE_MISSING', '请选择要上传的视频');
      await pipeline(part.file, createWriteStream(input, { mode: 0o600 }));
      truncated = part.file.truncated;
    } catch (err) {
      if (err instanceof AppError) throw err;
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw videoTooLarge();
      throw err;
    }
    if (truncated) throw videoTooLarge();
    const type: VideoType | null = sniffVideo(await headOf(input, 16));
    if (!type) throw videoUnsupported();
    const probe = await cleanVideoFile(input, output);
    const body = await readFile(output);
    await rm(input, { force: true });

    const now = app.clock.now();
    const key = await ensureReportDataKey(app.sealer, app.db.prisma, report.id, now);
    const id = randomUUID();
    const storageKey = `reports/${report.id}/${id}.mp4`;
    await app.storage.put(storageKey, key.encryptObject(body, storageKey), 'application/octet-stream');
    const unlinkable = report.confidential;
    try {
      await app.db.prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM report WHERE id = ${report.id}::uuid FOR UPDATE`;
        if (await tx.reportAttachment.count({ where: { reportId: report.id, kind: VIDEO_KIND } })) throw videoAlreadyAdded();
        await tx.reportAttachment.create({
          data: {
            id,
            reportId: report.id,
            storageKey,
            mime: STORED_VIDEO_MIME,
            size: body.length,
            kind: VIDEO_KIND,
            addedBy: 'citizen',
            addedById: unlinkable ? null : by.addedById,
            messageId: by.messageId ?? null,
            createdAt: now,
          },
        });
        await tx.reportEvent.create({
          data: { reportId: report.id, kind: 'video_attached', actorType: 'citizen', actorId: unlinkable ? null : by.addedById, at: now },
        });
        await app.audit(
          request,
          {
            action: 'report.video',
            entity: 'report',
            entityId: report.id,
            detail: { attachmentId: id, received: type, size: body.length, durationSeconds: probe.durationSeconds, codec: probe.videoCodec },
            unlinkable,
          },
          tx,
        );
      });
    } catch (err) {
      await app.storage.remove(storageKey).catch(() => undefined);
      throw err;
    }
    return { id, mime: STORED_VIDEO_MIME, size: body.length, durationSeconds: probe.durationSeconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
