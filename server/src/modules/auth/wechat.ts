// WeChat code2session: exchanges the code from wx.login() for the user's openid.
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
import { AppError } from '../../errors';

export interface WechatConfig {
  appId: string;
  secret: string;
  apiBase: string;
}

export async function code2session(cfg: WechatConfig, code: string): Promise<{ openid: string; unionid?: string }> {
  const url = new URL('/sns/jscode2session', cfg.apiBase);
  url.search = new URLSearchParams({ appid: cfg.appId, secret: cfg.secret, js_code: code, grant_type: 'authorization_code' }).toString();
  let body: { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    body = (await res.json()) as typeof body;
  } catch {
    throw new AppError('upstream', 'WECHAT_UNAVAILABLE', '微信登录服务暂不可用，请稍后再试');
  }
  if (body.errcode || !body.openid) {
    // 40029 invalid code, 40163 code used, 45011 frequency limit
    throw new AppError('unauthenticated', 'WECHAT_LOGIN_FAILED', '微信登录失败，请重新进入小程序', { errcode: body.errcode ?? null });
  }
  return { openid: body.openid, unionid: body.unionid };
}
