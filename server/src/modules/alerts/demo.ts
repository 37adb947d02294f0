// The two example collision models of the source report with their small demo data sets (fixtures/demo/*.csv):
// 假残真证 — village cadres who declared no disability on appointment yet hold a disability certificate (or one of
// another level); 虚报面积 — land subsidy declared for more area than the contract register holds for that parcel.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatasetDeclarationInput, ModelDefinitionInput } from '@msjd/shared/alerts';
import { addDays, toShanghaiDate } from '../calendar';
import { declareDataset } from './datasets/store';
import { closeWarning, runAlerts, saveModel, type RunResult } from './engine';
import { importWithHistory } from './import/history';
import { type EngineDb, sqlOf } from './sql';
import { issueUrgeNotice, type UrgeNoticeApp } from './urge-notices';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/demo');

export const DEMO_DATASETS: { name: string; file: string; declaration: DatasetDeclarationInput }[] = [
  {
    name: 'disability_certificates',
    file: 'disability-certificates.csv',
    declaration: {
      label: '残疾人证登记（残联）',
      keyColumn: 'cert_no',
      residentIdColumn: 'id_number',
      columns: [
        { name: 'cert_no', label: '残疾证号', type: 'text', required: true },
        { name: 'id_number', label: '身份证号码', type: 'id_number', required: true },
        { name: 'name', label: '姓名', type: 'text' },
        { name: 'category', label: '残疾类别', type: 'text' },
        { name: 'level', label: '残疾等级', type: 'integer', required: true },
        { name: 'issued_on', label: '发证日期', type: 'date' },
        { name: 'township_code', label: '乡镇编码', type: 'text' },
      ],
    },
  },
  {
    name: 'village_cadres',
    file: 'village-cadres.csv',
    declaration: {
      label: '村（社区）干部名册（组织部）',
      keyColumn: 'id_number',
      residentIdColumn: 'id_number',
      columns: [
        { name: 'id_number', label: '身份证号码', type: 'id_number', required: true },
        { name: 'name', label: '姓名', type: 'text' },
        { name: 'township_code', label: '乡镇编码', type: 'text', required: true },
        { name: 'village', label: '村（社区）', type: 'text' },
        { name: 'post', label: '职务', type: 'text' },
        { name: 'declared_disability_level', label: '任职申报残疾等级', type: 'integer', required: true },
      ],
    },
  },
  {
    name: 'land_subsidy_declarations',
    file: 'land-subsidy-declarations.csv',
    declaration: {
      label: '耕地地力保护补贴申报（农业农村局）',
      keyColumn: 'declaration_no',
      residentIdColumn: 'id_number',
      columns: [
        { name: 'declaration_no', label: '申报编号', type: 'text', required: true },
        { name: 'id_number', label: '户主身份证号码', type: 'id_number', required: true },
        { name: 'name', label: '户主姓名', type: 'text' },
        { name: 'parcel_no', label: '地块编码', type: 'text', required: true },
        { name: 'declared_area', label: '申报面积（亩）', type: 'decimal', required: true },
        { name: 'township_code', label: '乡镇编码', type: 'text', required: true },
        { name: 'year', label: '补贴年度', type: 'integer' },
      ],
    },
  },
  {
    name: 'land_contract_register',
    file: 'land-contract-register.csv',
    declaration: {
      label: '土地承包经营权登记（自然资源局）',
      keyColumn: 'parcel_no',
      residentIdColumn: 'holder_id',
      columns: [
        { name: 'parcel_no', label: '地块编码', type: 'text', required: true },
        { name: 'holder_id', label: '承包方身份证号码', type: 'id_number' },
        { name: 'holder_name', label: '承包方姓名', type: 'text' },
        { name: 'registered_area', label: '登记面积（亩）', type: 'decimal', required: true },
        { name: 'village', label: '村', type: 'text' },
      ],
    },
  },
];

export const DEMO_COLLISION_MODELS: ModelDefinitionInput[] = [
  {
    name: 'fake_disability',
    title: '假残真证',
    kind: 'collision',
    startStage: 'verify',
    params: {
      left: 'disability_certificates',
      right: 'village_cadres',
      on: [{ left: 'id_number', right: 'id_number' }],
      conditions: [{ a: { side: 'left', column: 'level' }, op: '<>', b: { side: 'right', column: 'declared_disability_level' } }],
      unit: { side: 'right', column: 'township_code' },
    },
  },
  {
    name: 'inflated_land_area',
    title: '虚报面积',
    kind: 'collision',
    startStage: 'verify',
    params: {
      left: 'land_subsidy_declarations',
      right: 'land_contract_register',
      on: [{ left: 'parcel_no', right: 'parcel_no' }],
      conditions: [{ a: { side: 'left', column: 'declared_area' }, op: '>', b: { side: 'right', column: 'registered_area' } }],
      unit: { side: 'left', column: 'township_code' },
    },
  },
];

/** Declares and loads the demo data sets and saves the two collision models (once: an existing model is kept). */
export async function seedDemoAlertData(db: EngineDb): Promise<{ datasets: number; datasetRows: number; collisionModels: number }> {
  const sql = sqlOf(db);
  let rows = 0;
  for (const d of DEMO_DATASETS) {
    await declareDataset(sql, d.name, d.declaration);
    const r = await importWithHistory(db, { kind: 'dataset', dataset: d.name }, path.join(FIXTURES, d.file), { fileName: d.file, via: 'seed' });
    if (r.rejected) throw new Error(`demo data set ${d.name}: ${JSON.stringify(r.errors)}`);
    rows += r.imported + r.updated + r.unchanged;
  }
  let models = 0;
  for (const m of DEMO_COLLISION_MODELS) {
    const taken = await sql.query(`SELECT 1 FROM alert_model WHERE name = $1`, [m.name]);
    if (!taken.length) {
      await saveModel(sql, m);
      models++;
    }
  }
  return { datasets: DEMO_DATASETS.length, datasetRows: rows, collisionModels: models };
}

// ---- demo service cases and the first run ---------------------------------------------------------------------------

const RID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A resident ID of the demo county (410725) with a valid check character: birth date and a sequence number. */
export function demoResidentId(birth: string, seq: number): string {
  const body = `410725${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * RID_WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}

type DemoCase = {
  no: string;
  unit: [string, string];
  item: [string, string];
  applicant: string;
  /** days before as-of */
  accepted: number;
  promised: number;
  /** days before as-of, or null while open */
  finished: number | null;
  result: 'approved' | 'rejected' | 'returned' | 'pending';
  supplements?: number;
  rating?: number;
};

const U = {
  approval: ['D026', '县行政审批服务局'],
  market: ['D022', '县市场监督管理局'],
  estate: ['D028', '县不动产登记中心'],
  housing: ['D012', '县住房和城乡建设局'],
  hr: ['D009', '县人力资源和社会保障局'],
  police: ['D005', '县公安局'],
  civil: ['D006', '县民政局'],
} satisfies Record<string, [string, string]>;

/**
 * About a hundred service cases of the demo departments, dated back from `asOf`, such that each of the six models
 * has something to find: late cases (finished and still open), a low pass rate, repeated 补正, one case far slower
 * than its item's others, 不满意 ratings, and one applicant turned away three times.
 */
export function demoServiceCases(): DemoCase[] {
  const cases: DemoCase[] = [];
  let n = 0;
  const add = (c: Omit<DemoCase, 'no'>) => cases.push({ no: `YS${String(++n).padStart(5, '0')}`, ...c });
  const person = (i: number) => demoResidentId(`19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`, 100 + i);
  // 食品经营许可: a dozen done in two days, one taking weeks (区别对待, and late)
  for (let i = 0; i < 12; i++) add({ unit: U.approval, item: ['XK-0101', '食品经营许可'], applicant: person(i), accepted: 50 - i * 2, promised: 5, finished: 48 - i * 2, result: 'approved', rating: 5 });
  add({ unit: U.approval, item: ['XK-0101', '食品经营许可'], applicant: person(20), accepted: 40, promised: 5, finished: 20, result: 'approved', rating: 3 });
  // 不动产转移登记: 22 finished, 9 approved (通过率 41%)
  for (let i = 0; i < 22; i++) {
    add({ unit: U.estate, item: ['BDC-0201', '不动产转移登记'], applicant: person(30 + i), accepted: 70 - i * 2, promised: 10, finished: 66 - i * 2, result: i % 5 < 2 ? 'approved' : i % 2 ? 'rejected' : 'returned' });
  }
  // 建筑工程施工许可: one applicant refused or sent back three times in a month (故意刁难)
  const builder = person(60);
  for (const [accepted, finished, result] of [[28, 24, 'returned'], [20, 16, 'rejected'], [12, 8, 'returned']] as const) {
    add({ unit: U.housing, item: ['ZJ-0305', '建筑工程施工许可'], applicant: builder, accepted, promised: 20, finished, result });
  }
  add({ unit: U.housing, item: ['ZJ-0305', '建筑工程施工许可'], applicant: person(61), accepted: 15, promised: 20, finished: 3, result: 'approved' });
  // 社会保险关系转移: asked again and again for papers (未一次性告知)
  for (const [i, supplements] of [2, 3, 0, 1, 2].entries()) add({ unit: U.hr, item: ['RS-0102', '社会保险关系转移'], applicant: person(70 + i), accepted: 30 - i * 3, promised: 15, finished: 10 - i, result: 'approved', supplements });
  // 居民身份证换领: mostly content, two 不满意
  for (const [i, rating] of [5, 4, 1, 5, 2, 5].entries()) add({ unit: U.police, item: ['GA-0301', '居民身份证换领'], applicant: person(80 + i), accepted: 25 - i * 3, promised: 10, finished: 20 - i * 3, result: 'approved', rating });
  // 营业执照设立登记: finished days after the 3 promised; and 最低生活保障: still open long past its deadline
  add({ unit: U.market, item: ['SC-0101', '营业执照设立登记'], applicant: person(90), accepted: 21, promised: 3, finished: 6, result: 'approved', rating: 3 });
  add({ unit: U.market, item: ['SC-0101', '营业执照设立登记'], applicant: person(91), accepted: 9, promised: 3, finished: 8, result: 'approved', rating: 5 });
  add({ unit: U.civil, item: ['MZ-0201', '最低生活保障审核确认'], applicant: person(92), accepted: 45, promised: 10, finished: null, result: 'pending' });
  add({ unit: U.civil, item: ['MZ-0201', '最低生活保障审核确认'], applicant: person(93), accepted: 4, promised: 10, finished: null, result: 'pending' });
  return cases;
}

const CSV_HEADER = '办件编号,部门编码,部门名称,事项编码,事项名称,申请人证件号码,申请人类型,办理渠道,受理时间,承诺时限,办结时间,办理结果,补正次数,评价';

export function demoServiceCasesCsv(asOf: string): string {
  const resultZh = { approved: '通过', rejected: '不予许可', returned: '退回', pending: '办理中' } as const;
  const rows = demoServiceCases().map((c, i) =>
    [
      c.no,
      c.unit[0],
      c.unit[1],
      c.item[0],
      c.item[1],
      c.applicant,
      '个人',
      i % 3 ? '窗口' : '网办',
      // online applications come in before the windows open: before 08:00 Beijing is the day before in UTC, which the
      // pages must not show
      `${addDays(asOf, -c.accepted)} ${i % 3 ? '09:30' : '07:20'}`,
      c.promised,
      c.finished === null ? '' : `${addDays(asOf, -c.finished)} 16:00`,
      resultZh[c.result],
      c.supplements ?? 0,
      c.rating ?? '',
    ].join(','),
  );
  return [CSV_HEADER, ...rows].join('\n') + '\n';
}

/**
 * The alert pages are not empty on a fresh start: the demo service cases are imported (a row of the import history
 * like any other) and every enabled model runs once as of the demo day, through the same engine as 立即运行; two of the
 * warnings are closed with a reason, so 查实率 has something to show.
 */
export async function runDemoAlerts(db: EngineDb, now: Date): Promise<{ serviceCases: number; warnings: number; escalations: number }> {
  const asOf = toShanghaiDate(now);
  const dir = await mkdtemp(path.join(tmpdir(), 'msjd-demo-'));
  let imported;
  try {
    const file = path.join(dir, 'demo-service-cases.csv');
    await writeFile(file, demoServiceCasesCsv(asOf));
    imported = await importWithHistory(db, { kind: 'service_cases' }, file, { fileName: '演示办件数据.csv', via: 'seed' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (imported.rejected) throw new Error(`demo service cases: ${JSON.stringify(imported.errors)}`);
  const result: RunResult = await runAlerts(db, asOf, { now });
  const sql = sqlOf(db);
  for (const [model, reason] of [['dissatisfied', 'confirmed'], ['not_one_time', 'justified']] as const) {
    const [w] = await sql.query<{ id: string }>(`SELECT id::text AS id FROM alert_warning WHERE model = $1 AND status = 'open' ORDER BY subject LIMIT 1`, [model]);
    if (w) await closeWarning(sql, w.id, { reason, note: reason === 'confirmed' ? '经回访核实，窗口工作人员态度生硬，已督促整改' : '补正系申请人材料过期，属正常要求' }, undefined, now);
  }
  return {
    serviceCases: imported.imported,
    warnings: Object.values(result.models).reduce((sum, m) => sum + m.new, 0),
    escalations: result.escalations.opened,
  };
}

// ---- a 督办通知书 issued on the demo ------------------------------------------------------------------------------

/** Working days the demo notice gives its unit. */
export const DEMO_URGE_DEADLINE_DAYS = 10;
const DEMO_URGE_FALLBACK = '请{单位}对上述超期办件逐件核查原因，向申请人说明情况并尽快办结，并将整改情况及佐证材料按期报送。';

/**
 * 整改跟踪 and 督办核查问责 show a 督办通知书 from the first start: the demo supervisor issues one on the first 督办
 * case of late service cases whose unit is in the directory, through the route's own service (serial from the
 * per-year counter, the unit's rectification task, the case's history, the audit row as the system). Runs once: null
 * when a notice exists already, or the demo has no supervisor or no such case.
 */
export async function seedDemoUrgeNotice(app: UrgeNoticeApp): Promise<{ urgeNotice: string } | null> {
  const db = app.db.prisma;
  if ((await db.urgeNotice.count()) > 0) return null;
  const supervisor = await db.staffUser.findFirst({ where: { username: 'supervisor', role: 'supervisor' } });
  if (!supervisor) return null;
  const units = await db.unit.findMany({ select: { code: true, name: true } });
  const cases = await db.escalationCase.findMany({ where: { stage: 'urge', model: 'overdue', unitCode: { in: units.map((u) => u.code) } }, orderBy: { unitCode: 'asc' } });
  const c = cases[0];
  if (!c) return null;
  const unitName = units.find((u) => u.code === c.unitCode)!.name;
  const phrase = await db.handlingPhrase.findFirst({ where: { kind: 'urge_requirement', title: '办件超期整改' } });
  const view = await issueUrgeNotice(
    app,
    null,
    { kind: 'staff', id: supervisor.id, role: supervisor.role, unitId: supervisor.unitId, tourGroupId: supervisor.tourGroupId },
    c.id,
    { content: (phrase?.body ?? DEMO_URGE_FALLBACK).replaceAll('{单位}', unitName), deadlineDays: DEMO_URGE_DEADLINE_DAYS },
  );
  return { urgeNotice: view.serial };
}
