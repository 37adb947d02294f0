/** WeChat's limit for the `scene` of an unlimited mini-program code, and the charset it allows. */
export const SCENE_MAX_LENGTH = 32
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/

export type SceneReading =
  | { kind: 'none' }
  | { kind: 'ok'; scene: string; source: 'scene' | 's' }
  | { kind: 'invalid'; raw: string; source: 'scene' | 's' }

function decodeOnce(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * Reads the QR scene from page params: weapp passes `scene` URL-encoded (WeChat's documented behaviour);
 * the H5 link carries it as `s`. Only the shape is checked here — whether the scene is genuine (its signature,
 * the tour round or monitoring point it names) is the server's job.
 */
export function readScene(params: Readonly<Record<string, string | undefined>>): SceneReading {
  const source = params.scene ? 'scene' : params.s ? 's' : null
  if (source === null) return { kind: 'none' }
  const raw = params[source] as string
  // None of the allowed characters is `%`, so decoding once is safe whether or not the platform already did.
  const scene = decodeOnce(raw).trim()
  if (scene.length === 0 || scene.length > SCENE_MAX_LENGTH || !SCENE_PATTERN.test(scene)) {
    return { kind: 'invalid', raw, source }
  }
  return { kind: 'ok', scene, source }
}
