export { createWechatClient, WechatApiError, type WechatClient, type WechatCredentials } from './client';
export { forgetMiniProgramCode, miniProgramCode, wechatClient } from './codes';
export { reportMessageData } from './template';
export { publicWechatRoutes } from './routes';
