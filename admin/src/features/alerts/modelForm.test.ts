import { describe, expect, it } from 'vitest'
import { formFieldOf, toFormValues, toSaveBody, validateModelForm, type ModelFormValues } from './modelForm'

const collision: ModelFormValues = {
  name: 'cadre_disability',
  kind: 'collision',
  title: '村干部持残疾证等级不符',
  startStage: 'verify',
  enabled: false,
  params: {
    left: 'disability_certs',
    right: 'village_cadres',
    on: [{ left: 'id_no', right: 'id_no' }],
    conditions: [
      { a: 'left:level', op: '<=', mode: 'value', bValue: '2' },
      { a: 'left:area', op: '>', mode: 'column', bColumn: 'right:land_area' },
      { a: 'right:post', op: '=', mode: 'value', bValue: '村支书' },
    ],
    unit: 'right:unit_code',
  },
}

describe('toSaveBody', () => {
  it('turns picked columns and typed constants into the collision definition, numbers as numbers', () => {
    expect(toSaveBody(collision)).toEqual({
      kind: 'collision',
      title: '村干部持残疾证等级不符',
      startStage: 'verify',
      enabled: false,
      params: {
        left: 'disability_certs',
        right: 'village_cadres',
        on: [{ left: 'id_no', right: 'id_no' }],
        conditions: [
          { a: { side: 'left', column: 'level' }, op: '<=', b: { value: 2 } },
          { a: { side: 'left', column: 'area' }, op: '>', b: { side: 'right', column: 'land_area' } },
          { a: { side: 'right', column: 'post' }, op: '=', b: { value: '村支书' } },
        ],
        unit: { side: 'right', column: 'unit_code' },
      },
    })
  })

  it('keeps only the parameters of the kind', () => {
    expect(toSaveBody({ kind: 'not_one_time', title: '未一次性告知', startStage: 'verify', enabled: true, params: { minSupplements: 3, windowDays: 9 } })).toEqual({
      kind: 'not_one_time',
      title: '未一次性告知',
      startStage: 'verify',
      enabled: true,
      params: { minSupplements: 3 },
    })
  })

  it('round-trips a stored collision model through the form', () => {
    const body = toSaveBody(collision) as { params: Record<string, unknown> }
    const back = toFormValues({ name: 'cadre_disability', kind: 'collision', title: collision.title!, enabled: false, startStage: 'verify', params: body.params, version: 1 })
    expect(toSaveBody(back)).toEqual(toSaveBody(collision))
  })
})

describe('validateModelForm', () => {
  it('accepts a complete definition', () => {
    const { fields, banner, body } = validateModelForm(collision)
    expect(fields).toEqual([])
    expect(banner).toEqual([])
    expect(body.kind).toBe('collision')
  })

  it('puts the shared rules’ Chinese messages under the inputs they concern', () => {
    const { fields } = validateModelForm({
      kind: 'low_pass_rate',
      title: ' ',
      startStage: 'urge',
      enabled: true,
      params: { windowDays: null, minFinished: 20.5, maxPassRate: 1.5 },
    })
    expect(fields).toEqual([
      { name: ['title'], errors: ['请填写模型名称'] },
      { name: ['params', 'windowDays'], errors: ['统计窗口天数应为数字'] },
      { name: ['params', 'minFinished'], errors: ['最少办结件数应为整数'] },
      { name: ['params', 'maxPassRate'], errors: ['通过率阈值不大于 1'] },
    ])
  })

  it('requires at least one result for 故意刁难 and a join for a collision', () => {
    expect(validateModelForm({ kind: 'obstruction', title: '刁难', startStage: 'verify', enabled: true, params: { windowDays: 30, minCount: 3, results: [] } }).fields).toEqual([
      { name: ['params', 'results'], errors: ['至少选择一种办理结果'] },
    ])
    const noJoin = validateModelForm({ ...collision, params: { ...collision.params, on: [] } })
    expect(noJoin.fields).toEqual([{ name: ['params', 'on'], errors: ['至少指定一对关联列'] }])
  })
})

describe('formFieldOf', () => {
  it('sends an operand issue to the select or input the condition shows', () => {
    expect(formFieldOf(['params', 'conditions', 0, 'b', 'value'], collision)).toEqual(['params', 'conditions', 0, 'bValue'])
    expect(formFieldOf(['params', 'conditions', 1, 'b', 'column'], collision)).toEqual(['params', 'conditions', 1, 'bColumn'])
    expect(formFieldOf(['params', 'conditions', 1, 'a', 'column'], collision)).toEqual(['params', 'conditions', 1, 'a'])
    expect(formFieldOf(['params', 'on', 0, 'left'], collision)).toEqual(['params', 'on', 0, 'left'])
    expect(formFieldOf(['params', 'unit', 'column'], collision)).toEqual(['params', 'unit'])
    expect(formFieldOf(['params'], collision)).toBeNull()
    expect(formFieldOf([], collision)).toBeNull()
  })
})
