// Cleaning and validation of imported values (datasets.md "Service case records"). Pure functions.

/** Full-width ASCII variants (U+FF01..U+FF5E) and the ideographic space to ASCII. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Only full-width digits and letters to ASCII (for names, where full-width punctuation is legitimate). */
export function digitsLettersToHalfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Trim ASCII and Unicode spaces (incl. U+3000, NBSP, zero-width and BOM). */
export function trimAll(s: string): string {
  // String.prototype.trim covers U+3000, NBSP and the BOM; zero-width spaces need their own pass
  const t = s.trim();
  return t.includes('\u200B') ? t.replace(/^[\s\u200B]+|[\s\u200B]+$/g, '') : t;
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export function cleanText(s: string): string {
  return PLAIN_ASCII.test(s) ? s.trim() : trimAll(toHalfWidth(s));
}

// ---- IDs ---------------------------------------------------------------------------------------------------------

const RID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RID_CHECK = '10X98765432';

/** GB 11643 resident ID: 17 digits + check character (0-9 or X). Expects upper case. */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * RID_WEIGHTS[i];
  return RID_CHECK[sum % 11] === id[17];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100 unified social credit code: 18 characters from 0-9 A-H J-N P-R T U W-Y, the last a check character. */
export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i]) * USCC_WEIGHTS[i];
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARS[c] === code[17];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };
const bad = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export function checkApplicantId(raw: string): Checked<string> {
  const id = raw.toUpperCase();
  if (id.length !== 18) return bad(`证件号码应为18位，实际${id.length}位`);
  if (/^\d{17}[\dX]$/.test(id) && isValidResidentId(id)) return { ok: true, value: id };
  if (isValidUscc(id)) return { ok: true, value: id };
  if (/^\d{17}[\dX]$/.test(id)) return bad('身份证号码校验位错误');
  if (/^[0-9A-HJ-NP-RTUW-Y]{18}$/.test(id)) return bad('统一社会信用代码校验位错误');
  return bad('证件号码格式错误（应为身份证号码或统一社会信用代码）');
}

// ---- dates -------------------------------------------------------------------------------------------------------

export type ParsedDateTime = {
  /** the instant (UTC) */
  instant: Date;
  /** calendar date in Asia/Shanghai, YYYY-MM-DD */
  date: string;
  /** whether the value carried a time of day */
  hasTime: boolean;
};

const SHANGHAI_OFFSET_MIN = 8 * 60;

function pad(n: number, w = 2) {
  return String(n).padStart(w, '0');
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysIn(y: number, mo: number) {
  return mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS_IN_MONTH[mo - 1];
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number | null, hasTime: boolean): ParsedDateTime | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const off = offsetMin ?? SHANGHAI_OFFSET_MIN;
  const instant = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - off * 60_000);
  if (offsetMin === null) return { instant, date: `${pad(y, 4)}-${pad(mo)}-${pad(d)}`, hasTime };
  const sh = new Date(instant.getTime() + SHANGHAI_OFFSET_MIN * 60_000);
  const date = `${pad(sh.getUTCFullYear(), 4)}-${pad(sh.getUTCMonth() + 1)}-${pad(sh.getUTCDate())}`;
  return { instant, date, hasTime };
}

const ISO_ZONED = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})[:时](\d{2})(?:[:分](\d{2})秒?)?分?)?$/;

function ms(frac: string | undefined) {
  return frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
}

/** Parses the accepted text formats; times without zone are Asia/Shanghai. Returns null when malformed. */
export function parseDateTime(text: string): ParsedDateTime | null {
  const s = cleanText(text);
  let m = ISO_ZONED.exec(s);
  if (m) {
    let off = 0;
    const z = m[8].toUpperCase();
    if (z !== 'Z') {
      const sign = z[0] === '-' ? -1 : 1;
      const digits = z.slice(1).replace(':', '');
      off = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    }
    return build(+m[1], +m[2], +m[3], +m[4], +m[5], Number(m[6] ?? 0), ms(m[7]), off, true);
  }
  m = LOCAL.exec(s) ?? CHINESE.exec(s);
  if (m) {
    const hasTime = m[4] !== undefined;
    return build(+m[1], +m[2], +m[3], Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms(LOCAL.test(s) ? m[7] : undefined), null, hasTime);
  }
  return null;
}

/**
 * An Excel date cell as exceljs reads it: a Date whose UTC fields are the wall-clock value typed in Excel (no zone),
 * read as Asia/Shanghai. Midnight is taken as "date only".
 */
export function fromExcelDate(d: Date): ParsedDateTime | null {
  if (Number.isNaN(d.getTime())) return null;
  const hasTime = d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0;
  return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0, null, hasTime);
}

/** finished before accepted? Compare instants when both carry a time, else the Shanghai dates. */
export function finishedBeforeAccepted(accepted: ParsedDateTime, finished: ParsedDateTime): boolean {
  if (accepted.hasTime && finished.hasTime) return finished.instant.getTime() < accepted.instant.getTime();
  return finished.date < accepted.date;
}

// ---- enumerations ------------------------------------------------------------------------------------------------

export const RESULT_VALUES: Record<string, 'approved' | 'rejected' | 'returned' | 'pending'> = {
  approved: 'approved',
  rejected: 'rejected',
  returned: 'returned',
  pending: 'pending',
  通过: 'approved',
  准予许可: 'approved',
  不予许可: 'rejected',
  不通过: 'rejected',
  退回: 'returned',
  办理中: 'pending',
};
export const APPLICANT_TYPES: Record<string, 'enterprise' | 'individual'> = {
  enterprise: 'enterprise',
  individual: 'individual',
  企业: 'enterprise',
  个人: 'individual',
};
export const CHANNELS: Record<string, 'window' | 'online'> = { window: 'window', online: 'online', 窗口: 'window', 网办: 'online' };
export const RATINGS: Record<string, number> = {
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  非常满意: 5,
  满意: 4,
  基本满意: 3,
  不满意: 2,
  非常不满意: 1,
};

export function lookup<T>(table: Record<string, T>, raw: string): T | undefined {
  const key = raw.toLowerCase();
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** A non-negative integer ("3", "03", "3.0" from a spreadsheet). */
export function parseNonNegativeInt(raw: string): number | null {
  const m = /^(\d{1,9})(?:\.0+)?$/.exec(raw);
  return m ? Number(m[1]) : null;
}
