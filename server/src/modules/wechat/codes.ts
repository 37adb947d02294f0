// Mini-program codes for QR scenes: generated once per signed scene through getwxacodeunlimit and kept in object
// storage, so printing 88 posters again costs no WeChat quota. A revoked scene gets a new signed id, hence a new
// code; the old cached image is removed with the revocation.
import { WEAPP_SCENE_PAGE } from '@msjd/shared';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { createWechatClient, WechatApiError, type WechatClient, type WechatCredentials } from './client';

const clients = new Map<string, WechatClient>();

/** One client (one token cache) per WeChat app and API base for the process. */
export function wechatClient(cfg: WechatCredentials): WechatClient {
  const key = `${cfg.apiBase}|${cfg.appId}`;
  let c = clients.get(key);
  if (!c) {
    c = createWechatClient(cfg);
    clients.set(key, c);
  }
  return c;
}

export const codeKey = (signedScene: string) => `wxacode/${signedScene}.png`;

/** The mini-program code of a signed scene, or null when WeChat is not configured (the H5 link QR is used then). */
export async function miniProgramCode(app: FastifyInstance, config: Config, signedScene: string): Promise<Buffer | null> {
  if (!config.wechat) return null;
  const key = codeKey(signedScene);
  try {
    return await app.storage.get(key);
  } catch {
    // not generated yet
  }
  let image: Buffer;
  try {
    image = await wechatClient(config.wechat).unlimitedCode({ scene: signedScene, page: WEAPP_SCENE_PAGE, checkPath: false });
  } catch (err) {
    app.log.warn({ err: (err as Error).message }, 'mini-program code generation failed');
    const detail = err instanceof WechatApiError ? { errcode: err.errcode } : {};
    throw new AppError('upstream', 'WECHAT_CODE_FAILED', '生成小程序码失败，请稍后重试，或下载 H5 链接二维码', detail);
  }
  // WeChat answers JPEG unless asked otherwise: kept as PNG, so every code download is one type
  const png = image[0] === 0x89 ? image : await sharp(image).png().toBuffer();
  await app.storage.put(key, png, 'image/png');
  return png;
}

export async function forgetMiniProgramCode(app: FastifyInstance, signedScene: string): Promise<void> {
  try {
    await app.storage.remove(codeKey(signedScene));
  } catch {
    // never generated
  }
}
