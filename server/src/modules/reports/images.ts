// Photos: the type is sniffed from the bytes (never trusted from the client), HEIC is refused with a clear message
// (sharp's prebuilt binaries cannot decode it), and every accepted image is re-encoded so EXIF/GPS/device metadata
// never reaches storage.
import sharp from 'sharp';
import { type ImageType, REPORT_IMAGE_MAX_BYTES, REPORT_IMAGES_MAX, sniffImage } from '@msjd/shared/media';
import { AppError } from '../../errors';

export const MAX_IMAGE_BYTES = REPORT_IMAGE_MAX_BYTES;
export const MAX_IMAGES_PER_REPORT = REPORT_IMAGES_MAX;

export type { ImageType };
const EXT: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
export const extensionOf = (t: ImageType) => EXT[t];

export const sniff = (buf: Buffer) => sniffImage(buf);

export const unsupportedType = () =>
  new AppError('unsupported_media', 'UNSUPPORTED_MEDIA_TYPE', '只支持 JPG、PNG、WebP 格式的图片');
export const heicRefused = () =>
  new AppError('unsupported_media', 'HEIC_NOT_SUPPORTED', '暂不支持 HEIC/HEIF 格式的照片，请在相机设置中选择“兼容性最佳”，或截图后以 JPG 格式上传');
export const tooLarge = () => new AppError('too_large', 'FILE_TOO_LARGE', `单张图片不能超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);

/**
 * Decoding limit: a few kilobytes of PNG can declare billions of pixels (a decompression bomb). 50 million pixels is
 * above any phone camera's photo and far below what would exhaust the server's memory.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** Validates and re-encodes; the output carries no metadata (sharp drops it unless asked to keep it). */
export async function cleanImage(buf: Buffer): Promise<{ body: Buffer; mime: ImageType }> {
  const kind = sniff(buf);
  if (kind === 'heic') throw heicRefused();
  if (!kind) throw unsupportedType();
  const { width = 0, height = 0 } = await sharp(buf, { limitInputPixels: false }).metadata().catch(() => ({ width: 0, height: 0 }));
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError('too_large', 'IMAGE_TOO_MANY_PIXELS', `图片尺寸过大（不能超过 ${MAX_IMAGE_PIXELS / 1_000_000} 百万像素），请缩小后上传`);
  }
  try {
    // rotate() applies the EXIF orientation to the pixels before the metadata is dropped
    const img = sharp(buf, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    const body =
      kind === 'image/jpeg'
        ? await img.jpeg({ quality: 85, mozjpeg: true }).toBuffer()
        : kind === 'image/png'
          ? await img.png({ compressionLevel: 9 }).toBuffer()
          : await img.webp({ quality: 85 }).toBuffer();
    return { body, mime: kind };
  } catch {
    throw new AppError('unsupported_media', 'IMAGE_UNREADABLE', '图片已损坏或无法识别，请重新选择');
  }
}
