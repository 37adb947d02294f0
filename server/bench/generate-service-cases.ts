// Deterministic generator of a clean service-cases CSV (canonical headers, ISO timestamps) for benchmarks.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const RID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RID_CHECK = '10X98765432';

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function residentId(n: number): string {
  const body = `330${String(100 + (n % 900)).padStart(3, '0')}19${String(50 + (n % 50)).padStart(2, '0')}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * RID_WEIGHTS[i];
  return body + RID_CHECK[sum % 11];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A service item the cases are spread over; without a list, 1,805 made-up items of 41 units (I0000…, U00…). */
export type CaseItem = { code: string; name: string; unitCode: string; unitName: string };

export async function generateServiceCases(file: string, rows: number, seed = 42, items?: CaseItem[]): Promise<void> {
  const r = rng(seed);
  const out = createWriteStream(file);
  const applicants = Array.from({ length: Math.max(1000, Math.floor(rows / 10)) }, (_, i) => residentId(i * 7919 + 13));
  out.write('case_no,unit_code,unit_name,item_code,item_name,applicant_id,applicant_type,channel,accepted_at,promised_days,finished_at,result,supplement_count,rating\n');
  const start = Date.UTC(2025, 0, 1);
  const span = 700 * 86400_000;
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const item = Math.floor(r() * (items?.length ?? 1805));
    const unit = item % 41;
    const named = items?.[item];
    const accepted = new Date(start + Math.floor(r() * span));
    accepted.setUTCHours(1 + Math.floor(r() * 8), Math.floor(r() * 60), 0, 0); // 09:00-17:00 Shanghai
    const promised = [0, 1, 3, 5, 10, 15, 20][Math.floor(r() * 7)];
    const open = r() < 0.08;
    // most cases finish within the promise (calendar days ~ working days), about 5 % run late
    const late = r() < 0.05;
    const days = late ? promised + 3 + Math.floor(r() * 10) : Math.floor(r() * (promised + 1) * 0.9);
    const finished = open ? null : new Date(accepted.getTime() + days * 86400_000 + Math.floor(r() * 4 * 3600_000));
    const roll = r();
    const result = open ? 'pending' : roll < 0.85 ? 'approved' : roll < 0.93 ? 'rejected' : 'returned';
    const rr = r();
    const rating = rr < 0.6 ? '' : rr < 0.61 ? '1' : rr < 0.62 ? '2' : rr < 0.66 ? '3' : rr < 0.76 ? '4' : '5';
    const supplement = r() < 0.9 ? 0 : r() < 0.8 ? 1 : 2 + Math.floor(r() * 2);
    const iso = (d: Date) => {
      const s = new Date(d.getTime() + 8 * 3600_000);
      return `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())} ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:00`;
    };
    const where = named ? `${named.unitCode},${named.unitName},${named.code},${named.name}` : `U${pad(unit)},单位${unit},I${String(item).padStart(4, '0')},事项${item}`;
    buf += `BJ${String(i).padStart(9, '0')},${where},${applicants[Math.floor(r() * applicants.length)]},${
      r() < 0.3 ? 'enterprise' : 'individual'
    },${r() < 0.5 ? 'window' : 'online'},${iso(accepted)},${promised},${finished ? iso(finished) : ''},${result},${supplement},${rating}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
}
