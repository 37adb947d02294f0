/** WeChat's limit for the `scene` of an unlimited mini-program code, and the charset it allows. */
export const SCENE_MAX_LENGTH = 32
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/

export type SceneSource = 'scene' | 's' | 'q'
export type SceneReading =
  | { kind: 'none' }
  | { kind: 'ok'; scene: string; source: SceneSource }
  | { kind: 'invalid'; raw: string; source: SceneSource }

function decodeOnce(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * The `s` parameter of the link a 普通链接二维码 carries (WeChat hands the whole scanned URL over as `q`, encoded).
 * The H5 link puts it in the hash route (`…/#/pages/scene/index?s=…`); a plain query (`…?s=…`) is read too.
 */
export function sceneFromLink(q: string): string | null {
  const link = decodeOnce(q).trim()
  const hash = link.indexOf('#')
  const parts = hash >= 0 ? [link.slice(hash + 1), link.slice(0, hash)] : [link]
  for (const part of parts) {
    const query = part.indexOf('?')
    if (query < 0) continue
    for (const pair of part.slice(query + 1).split('&')) {
      const eq = pair.indexOf('=')
      if (eq > 0 && pair.slice(0, eq) === 's') return pair.slice(eq + 1)
    }
  }
  return null
}

/**
 * Reads the QR scene from page params: weapp passes `scene` URL-encoded for a mini-program code (WeChat's documented
 * behaviour) and `q` (the scanned link, encoded) for a 普通链接二维码; the H5 link carries it as `s`. Only the shape
 * is checked here — whether the scene is genuine (its signature, the tour round or monitoring point it names) is
 * the server's job.
 */
export function readScene(params: Readonly<Record<string, string | undefined>>): SceneReading {
  if (!params.scene && !params.s && params.q) {
    const fromLink = sceneFromLink(params.q)
    if (fromLink === null) return { kind: 'invalid', raw: params.q, source: 'q' }
    return check(fromLink, 'q')
  }
  const source = params.scene ? 'scene' : params.s ? 's' : null
  if (source === null) return { kind: 'none' }
  return check(params[source] as string, source)
}

function check(raw: string, source: SceneSource): SceneReading {
  // None of the allowed characters is `%`, so decoding once is safe whether or not the platform already did.
  const scene = decodeOnce(raw).trim()
  if (scene.length === 0 || scene.length > SCENE_MAX_LENGTH || !SCENE_PATTERN.test(scene)) {
    return { kind: 'invalid', raw, source }
  }
  return { kind: 'ok', scene, source }
}
