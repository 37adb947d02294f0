// Photo rules shared by the server (which enforces them) and the app (which checks them when a photo is picked,
// so a citizen learns at once, not after submitting).

/** 单张图片上限 */
export const REPORT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const REPORT_IMAGE_MAX_MB = REPORT_IMAGE_MAX_BYTES / 1024 / 1024;
export const REPORT_IMAGES_MAX = 9;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image type from the first bytes (16 are enough); never from a file name or a client's claim. */
export function sniffImage(b: Uint8Array): ImageType | 'heic' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && PNG.every((x, i) => b[i] === x)) return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    if (['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'avif'].includes(ascii(b, 8, 12))) return 'heic';
  }
  return null;
}
