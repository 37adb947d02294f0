import { WEAPP_SCENE_PAGE } from '@msjd/shared/tours'

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

/** The part of WeChat's launch options that says which page opened and with what (App onLaunch / getLaunchOptionsSync). */
export interface LaunchTarget {
  path?: string
  query?: Readonly<Record<string, string | undefined>>
}

/**
 * Where a launch from a poster's code must go when WeChat opened another page: a mini-program code made without a
 * page lands on the home page, and a 普通链接二维码 opens whichever page its rule in the mini-program console names.
 * Either way the scene page is where the code means to go, so it is opened with the same parameter, re-encoded
 * once (WeChat hands query values to the page as they are in the URL, and readScene decodes once). Null when the
 * launch already is on the scene page or carries no code: a `q` link without a scene (`s`) is some other link.
 */
export function sceneLaunchUrl(launch: LaunchTarget | null | undefined): string | null {
  const query = launch?.query
  if (!query) return null
  if ((launch.path ?? '').replace(/^\//, '') === WEAPP_SCENE_PAGE) return null
  if (query.scene) return `/${WEAPP_SCENE_PAGE}?scene=${encodeURIComponent(decodeOnce(query.scene))}`
  if (query.q && sceneFromLink(query.q) !== null) return `/${WEAPP_SCENE_PAGE}?q=${encodeURIComponent(decodeOnce(query.q))}`
  return null
}
