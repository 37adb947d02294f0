import { describe, expect, it } from 'vitest'
import { readScene } from './scene'

describe('readScene', () => {
  it('decodes the weapp scene, which WeChat passes URL-encoded', () => {
    expect(readScene({ scene: 't%3D3A7kQ9' })).toEqual({ kind: 'ok', scene: 't=3A7kQ9', source: 'scene' })
  })

  it('reads the H5 `s` parameter', () => {
    expect(readScene({ s: 'p.Xy12_ab' })).toEqual({ kind: 'ok', scene: 'p.Xy12_ab', source: 's' })
  })

  it('reports no scene when neither parameter is there', () => {
    expect(readScene({})).toEqual({ kind: 'none' })
    expect(readScene({ s: '' })).toEqual({ kind: 'none' })
  })

  it('rejects what WeChat could never have encoded', () => {
    expect(readScene({ s: 'a'.repeat(33) }).kind).toBe('invalid')
    expect(readScene({ s: 'a'.repeat(32) }).kind).toBe('ok')
    expect(readScene({ s: '<script>' }).kind).toBe('invalid')
    expect(readScene({ scene: '%E4%B8%AD' }).kind).toBe('invalid') // 中
    expect(readScene({ scene: '%zz' }).kind).toBe('invalid')
  })
})
