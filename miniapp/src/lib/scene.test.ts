import { describe, expect, it } from 'vitest'
import { readScene, sceneFromLink, sceneLaunchUrl } from './scene'

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

describe('launch from a 普通链接二维码 (`q`)', () => {
  const h5 = 'https://jw.example.gov.cn/h5/#/pages/scene/index?s=Ab3_k.Zx9-q'
  it('reads `s` from the hash route of the H5 link, however often WeChat encoded it', () => {
    expect(readScene({ q: encodeURIComponent(h5) })).toEqual({ kind: 'ok', scene: 'Ab3_k.Zx9-q', source: 'q' })
    expect(readScene({ q: h5 })).toEqual({ kind: 'ok', scene: 'Ab3_k.Zx9-q', source: 'q' })
  })
  it('reads `s` from a plain query and among other parameters', () => {
    expect(sceneFromLink('https://jw.example.gov.cn/m?from=poster&s=Qq1.x2')).toBe('Qq1.x2')
    expect(sceneFromLink(encodeURIComponent('https://x.cn/h5/#/pages/scene/index?utm=1&s=Z.9'))).toBe('Z.9')
    expect(sceneFromLink('https://x.cn/h5/?s=QUERY#/pages/scene/index?s=HASH')).toBe('HASH')
  })
  it('a link without a scene, or with a malformed one, is invalid (not silently nothing)', () => {
    expect(readScene({ q: encodeURIComponent('https://x.cn/h5/#/pages/index/index') })).toMatchObject({ kind: 'invalid', source: 'q' })
    expect(readScene({ q: encodeURIComponent('https://x.cn/h5/#/pages/scene/index?s=' + 'a'.repeat(40)) })).toMatchObject({ kind: 'invalid', source: 'q' })
    expect(sceneFromLink('https://x.cn/h5/#/pages/scene/index?ss=abc')).toBeNull()
  })
  it('a mini-program code’s `scene` wins over anything else', () => {
    expect(readScene({ scene: 'S.1', q: encodeURIComponent(h5) })).toEqual({ kind: 'ok', scene: 'S.1', source: 'scene' })
  })
})

describe('a launch WeChat opened on another page than the scene page', () => {
  const h5 = 'https://jw.example.gov.cn/h5/#/pages/scene/index?s=Ab3_k.Zx9-q'
  /** The query a page gets from a navigateTo URL: split, not decoded (WeChat and Taro pass values as they are). */
  const queryOf = (url: string) => Object.fromEntries(url.slice(url.indexOf('?') + 1).split('&').map((p) => p.split('=', 2) as [string, string]))

  it('goes on to the scene page with the mini-program code’s scene, which then reads as the same scene', () => {
    const url = sceneLaunchUrl({ path: 'pages/index/index', query: { scene: 't%3D3A7kQ9' } })
    expect(url).toBe('/pages/scene/index?scene=t%3D3A7kQ9')
    expect(readScene(queryOf(url!))).toEqual({ kind: 'ok', scene: 't=3A7kQ9', source: 'scene' })
  })

  it('goes on with a 普通链接二维码’s `q` whose link names a scene, encoded or not as WeChat gave it', () => {
    for (const q of [encodeURIComponent(h5), h5]) {
      const url = sceneLaunchUrl({ path: 'pages/index/index', query: { q, scancode_time: '1764990000' } })
      expect(url).toBe(`/pages/scene/index?q=${encodeURIComponent(h5)}`)
      expect(readScene(queryOf(url!))).toEqual({ kind: 'ok', scene: 'Ab3_k.Zx9-q', source: 'q' })
    }
  })

  it('stays where it is on the scene page itself, without a code, or for a link that names no scene', () => {
    expect(sceneLaunchUrl({ path: 'pages/scene/index', query: { scene: 'S.1' } })).toBeNull()
    expect(sceneLaunchUrl({ path: '/pages/scene/index', query: { q: encodeURIComponent(h5) } })).toBeNull()
    expect(sceneLaunchUrl({ path: 'pages/index/index', query: {} })).toBeNull()
    expect(sceneLaunchUrl({ path: 'pages/index/index' })).toBeNull()
    expect(sceneLaunchUrl(undefined)).toBeNull()
    expect(sceneLaunchUrl({ path: 'pages/index/index', query: { q: encodeURIComponent('https://jw.example.gov.cn/h5/#/pages/track/index') } })).toBeNull()
  })
})
