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

// Video rules (one short video per report), shared the same way: the app refuses a long or large video when it is
// picked, the server enforces the same limits on the bytes it receives.

/** 视频上限：WeChat's compressed 60-second recordings are 10–40 MB, so 50 MB leaves room without inviting films. */
export const REPORT_VIDEO_MAX_BYTES = 50 * 1024 * 1024;
export const REPORT_VIDEO_MAX_MB = REPORT_VIDEO_MAX_BYTES / 1024 / 1024;
export const REPORT_VIDEO_MAX_SECONDS = 60;
/** A phone stops a 60-second recording a few frames late and containers round up: what the server still accepts. */
export const REPORT_VIDEO_TOLERANCE_SECONDS = 0.5;
export const REPORTS_VIDEOS_MAX = 1;

export type VideoType = 'video/mp4' | 'video/quicktime';

/** ISO base media brands of MP4/M4V/3GP files as phones and WeChat write them (`qt  ` is QuickTime). */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VP', 'MSNV', 'dash', '3gp4', '3gp5', '3gp6', '3g2a', 'XAVC', 'mmp4']);
/** QuickTime files without an ftyp box start with one of these atoms. */
const QUICKTIME_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/**
 * The video container from the first bytes (12 are enough); never from a file name or a client's claim. HEIC/AVIF
 * stills share the ftyp box with videos and are not videos.
 */
export function sniffVideo(b: Uint8Array): VideoType | null {
  if (b.length < 12) return null;
  const box = ascii(b, 4, 8);
  if (box === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (brand === 'qt  ') return 'video/quicktime';
    return MP4_BRANDS.has(brand) ? 'video/mp4' : null;
  }
  return QUICKTIME_ATOMS.has(box) ? 'video/quicktime' : null;
}
