import { describe, expect, it } from 'vitest'
import type { Dataset } from './api'
import { collisionHitLabel } from './collisionLabel'

const sets: Dataset[] = [
  {
    name: 'disability_certs',
    label: '残疾证',
    columns: [
      { name: 'cert_no', label: '残疾证号', type: 'text', required: true },
      { name: 'id_no', label: '身份证号码', type: 'id_number', required: true },
      { name: 'holder', label: '持证人姓名', type: 'text', required: true },
      { name: 'level', label: '残疾等级', type: 'integer', required: true },
    ],
    keyColumn: 'cert_no',
    residentIdColumn: 'id_no',
    rowCount: 2,
    updatedAt: '2026-11-20T02:00:00.000Z',
  },
  {
    name: 'village_cadres',
    label: '村干部',
    columns: [
      { name: 'id_no', label: '身份证号码', type: 'id_number', required: true },
      { name: 'name', label: '姓名', type: 'text', required: true },
      { name: 'village', label: '所在村', type: 'text', required: true },
      { name: 'unit_code', label: '单位编码', type: 'text', required: true },
    ],
    keyColumn: 'id_no',
    residentIdColumn: 'id_no',
    rowCount: 2,
    updatedAt: '2026-11-20T02:00:00.000Z',
  },
]

describe('collisionHitLabel', () => {
  it('names both matched rows by their data sets and naming columns, never by the masked keys', () => {
    const values = {
      left: { dataset: 'disability_certs', key: '41072519800101041X01', values: { cert_no: '41072519800101041X01', id_no: '410725********041X', holder: '张三', level: '2' } },
      right: { dataset: 'village_cadres', key: '410725********041X', values: { id_no: '410725********041X', name: '张三', village: '城关镇东街村', unit_code: 'XZ001' } },
    }
    expect(collisionHitLabel(values, sets)).toBe('残疾证「张三」 × 村干部「张三 · 城关镇东街村」')
  })

  it('falls back to the masked key when a set declares no naming column, and ignores other kinds', () => {
    const values = { left: { dataset: 'unknown_set', key: '410725********041X', values: { x: '1' } }, right: { dataset: 'village_cadres', key: 'k', values: {} } }
    expect(collisionHitLabel(values, sets)).toBe('unknown_set「410725********041X」 × 村干部「k」')
    expect(collisionHitLabel({ rating: 1 }, sets)).toBeNull()
  })
})
