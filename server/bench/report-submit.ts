// report-submit: citizens submitting JSON reports (no photos) through the real app over real HTTP, 50 at a time,
// beside a bare Fastify route that does one plain pg INSERT of a similar row, both on the same PostgreSQL.
// The load comes from a worker thread (load-worker.mjs) so the clients do not share the server's event loop.
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { Database } from '../src/db/database';

export interface LoadResult {
  elapsedMs: number;
  latencies: number[];
  failures: Record<string, number>;
}
type Line = (name: string, figure: string, unit: string, ratio: number, baseline: string) => void;

const CONCURRENCY = 50;
/** BENCH_SUBMITS measured submissions after BENCH_SUBMIT_WARMUP unmeasured ones; BENCH_LOG=1 logs the app's errors */
const requests = Number(process.env.BENCH_SUBMITS ?? 1000);
const warmup = Number(process.env.BENCH_SUBMIT_WARMUP ?? 100);

const CONTENT = [
  '村委会在发放困难群众临时救助金时，未按规定公示名单，部分村干部亲属领取了救助金，群众意见较大。',
  '县政务服务中心不动产登记窗口工作人员上班时间长时间离岗，群众排队两个多小时无人办理，多次反映未果。',
  '镇里在农村人居环境整治项目中，施工方偷工减料，道路修好不到一个月就出现大面积开裂，质量堪忧。',
];

function bodiesFor(category: string) {
  return CONTENT.flatMap((content, i) => [
    { category, content, reportedPerson: `某村干部${i}`, occurredAt: '2026年11月中旬', location: '某镇某村村委会', confidential: true },
    {
      category,
      content,
      reportedPerson: `某科长${i}`,
      occurredAt: '2026年11月下旬',
      location: '县政务服务中心二楼',
      confidential: false,
      reporterName: '张三',
      reporterPhone: `1390000${String(1000 + i).slice(-4)}`,
    },
  ]);
}

function load(port: number, path: string, tokens: string[], bodies: object[]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { port, path, concurrency: CONCURRENCY, warmup, requests, tokens, bodies, runId: Date.now().toString(36) },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

/** The statements sent while `fn` runs (alone: nothing else may use the database meanwhile). */
async function countStatements(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    seen.push((typeof q === 'string' ? q : (q?.text ?? '?')).replace(/\s+/g, ' ').slice(0, 120));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}

const p99 = (sorted: number[]) => sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)];

function summary(r: LoadResult) {
  const failed = Object.values(r.failures).reduce((s, n) => s + n, 0);
  if (failed) throw new Error(`${failed} of ${requests} submissions failed: ${JSON.stringify(r.failures)}`);
  return { perSecond: requests / (r.elapsedMs / 1000), p99: p99(r.latencies), p50: r.latencies[Math.floor(r.latencies.length / 2)] };
}

export async function benchReportSubmit(db: Database & { kind: 'postgres' }, url: string, dataDir: string, line: Line) {
  // baseline: the bare route, its own pool of the app's size, one INSERT of the same fields unsealed
  await db.pool.query(`CREATE TABLE bench_report (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), category text NOT NULL,
    content text NOT NULL, reported_person text, occurred_at text, location text, confidential boolean NOT NULL,
    reporter_name text, reporter_phone text, submitted_at timestamptz NOT NULL DEFAULT now(), status text NOT NULL DEFAULT 'submitted')`);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // an idle connection ended by the server (the bench database is dropped WITH (FORCE) at the end) must not crash the run
  pool.on('error', (err) => console.error(`  baseline pool: ${err.message}`));
  const bare = Fastify({ logger: false });
  bare.post('/reports', async (request, reply) => {
    const b = request.body as Record<string, string | boolean | undefined>;
    const { rows } = await pool.query(
      `INSERT INTO bench_report (category, content, reported_person, occurred_at, location, confidential, reporter_name, reporter_phone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [b.category, b.content, b.reportedPerson ?? null, b.occurredAt ?? null, b.location ?? null, !!b.confidential, b.reporterName ?? null, b.reporterPhone ?? null],
    );
    return reply.status(201).send({ id: rows[0].id });
  });
  await bare.listen({ host: '127.0.0.1', port: 0 });

  // the load worker gives each request its own X-Forwarded-For (a citizen's phone), believed from the local proxy
  const config = loadConfig({}, { NODE_ENV: 'development', DATA_DIR: dataDir, SERVE_STATIC: 'false', DATABASE_URL: url, TRUST_PROXY: '127.0.0.1' });
  const app = await buildApp({ config, db, logger: process.env.BENCH_LOG ? { level: 'error' } : false });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const category = (await app.db.prisma.reportCategory.findFirstOrThrow({ where: { active: true }, orderBy: { sort: 'asc' } })).code;
    const bodies = bodiesFor(category);
    const citizens = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) => app.db.prisma.citizen.create({ data: { subjectHash: app.sealer.keyedHash(`bench:${Date.now()}:${i}`), via: 'device' } })),
    );
    const tokens = citizens.map((c) => app.signCitizenToken(c.id));

    // statements one submission sends to PostgreSQL (every pg query call), the bare route's 1;
    // the second of the day is counted (the first also creates the day's serial counter row)
    const once = async (n: number) => {
      const res = await app.inject({
        method: 'POST', url: '/api/public/reports', payload: bodies[1],
        headers: { authorization: `Bearer ${tokens[0]}`, 'idempotency-key': `bench-trips-${Date.now()}-${n}`, 'x-forwarded-for': `10.255.0.${n}` },
      });
      if (res.statusCode !== 201) throw new Error(`round-trip count: ${res.statusCode} ${res.body}`);
    };
    await once(1);
    await app.chainAudit();
    // the submission's own statements, and apart from them the chaining step's, which runs after the reply
    const seen = await countStatements(async () => {
      await once(2);
      await app.chainAudit();
    });
    const chaining = (s: string) => /^(BEGIN|COMMIT)|pg_advisory_xact_lock|chain_seq|audit\.purge/.test(s);
    const trips = seen.filter((s) => !chaining(s));
    const chainTrips = seen.filter(chaining);
    const base = summary(await load((bare.server.address() as { port: number }).port, '/reports', [], bodies));
    const real = summary(await load((app.server.address() as { port: number }).port, '/api/public/reports', tokens, bodies));
    const stored = await app.db.prisma.report.count();
    if (stored !== requests + warmup + 2) throw new Error(`${stored} reports stored, ${requests + warmup + 2} expected`);

    line('report-submit', real.perSecond.toFixed(0), 'reports/s', real.perSecond / base.perSecond, 'bare Fastify + pg INSERT');
    line('report-submit-p99', real.p99.toFixed(1), 'ms', real.p99 / base.p99, 'bare Fastify + pg INSERT p99');
    line('report-submit-round-trips', String(trips.length), 'statements', trips.length, 'the bare route\'s 1 INSERT');
    if (process.env.BENCH_LOG) for (const t of trips) console.error(`    ${t}`);
    console.error(`  after the reply the audit chaining step linked the row in ${chainTrips.length} statements of its own (one transaction, shared by every row pending then)`);
    if (process.env.BENCH_LOG) for (const t of chainTrips) console.error(`    ${t}`);
    console.error(
      `  ${CONCURRENCY} concurrent clients, ${requests} measured submissions after ${warmup} warm-up; ` +
        `app p50 ${real.p50.toFixed(1)} ms; baseline ${base.perSecond.toFixed(0)} inserts/s, p50 ${base.p50.toFixed(1)} ms, p99 ${base.p99.toFixed(1)} ms`,
    );
  } finally {
    await app.close();
    await bare.close();
    await pool.end();
  }
}
