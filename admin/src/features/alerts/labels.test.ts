import { describe, expect, it } from 'vitest'
import { datasets } from './fixtures.test-util'
import { formatValue, subjectText, valuesSummary } from './labels'

describe('valuesSummary', () => {
  it('reads a collision match as each data set’s name and its columns under their Chinese headers', () => {
    const values = {
      left: { dataset: 'disability_certs', key: '110101199003074514', values: { id_no: '110101199003074514', level: '2' } },
      right: { dataset: 'village_cadres', key: '110101199003074514', values: { id_no: '110101199003074514', unit_code: 'XZ001' } },
    }
    expect(valuesSummary(values, datasets)).toBe(
      '数据集一 残疾证：身份证号码 110101199003074514，残疾等级 2；数据集二 村干部：身份证号码 110101199003074514，单位编码 XZ001',
    )
    // Before the data sets load (or for a role that may not read them) the column names stand in.
    expect(formatValue('left', values.left)).toBe('disability_certs：id_no 110101199003074514，level 2')
  })

  it('shows rates as percentages and lists as lists', () => {
    expect(valuesSummary({ finished: 25, approved: 12, pass_rate: '0.4800', window_days: 90 })).toBe('办结件数 25；通过件数 12；通过率 48.0%；统计窗口（天） 90')
    expect(formatValue('cases', ['BJ1', 'BJ2', 'BJ3'])).toBe('BJ1、BJ2、BJ3')
    expect(formatValue('finished_on', null)).toBe('—')
  })
})

describe('subjectText', () => {
  it('names a case, an applicant with an item, a unit with an item, or a collision match', () => {
    expect(subjectText({ caseNo: 'BJ1', itemCode: 'SX1', applicantId: 'A', subject: 'BJ1' })).toBe('办件 BJ1')
    expect(subjectText({ caseNo: null, itemCode: 'SX1', applicantId: '91350100M000100Y43', subject: 'x' })).toBe('申请人 91350100M000100Y43 · 事项 SX1')
    expect(subjectText({ caseNo: null, itemCode: 'SX1', applicantId: null, subject: 'U|SX1' })).toBe('事项 SX1')
    expect(subjectText({ caseNo: null, itemCode: null, applicantId: null, subject: 'BT2026-0001|4107250010010001' })).toBe('比对 BT2026-0001|4107250010010001')
  })
})
