// The two example collision models of the source report with their small demo data sets (fixtures/demo/*.csv):
// 假残真证 — village cadres who declared no disability on appointment yet hold a disability certificate (or one of
// another level); 虚报面积 — land subsidy declared for more area than the contract register holds for that parcel.
import path from 'node:path';
import type { DatasetDeclarationInput, ModelDefinitionInput } from '@msjd/shared/alerts';
import { declareDataset } from './datasets/store';
import { saveModel } from './engine';
import { importWithHistory } from './import/history';
import { type EngineDb, sqlOf } from './sql';

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
