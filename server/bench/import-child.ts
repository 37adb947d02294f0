// Runs one service-cases import in its own process, so the benchmark can read the import's peak RSS (the kernel's
// high-water mark for this process: node + the import, nothing of the parent's generated data or baselines).
// argv: <database url> <csv file>; prints one JSON line.
import { openPostgres } from '../src/db/database';
import { importServiceCases, type ImportTimings } from '../src/modules/alerts/import/service-cases';

const [url, file] = process.argv.slice(2);
const db = await openPostgres(url);
const rssBefore = process.memoryUsage().rss;
let timings: ImportTimings = { readValidateStageMs: 0, upsertMs: 0 };
const t = performance.now();
const r = await importServiceCases(db, file, { onTimings: (x) => (timings = x) });
const ms = performance.now() - t;
await db.close();
console.log(
  JSON.stringify({
    ms,
    imported: r.imported,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    timings,
    rssBeforeBytes: rssBefore,
    // resourceUsage().maxRSS is in kilobytes
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
