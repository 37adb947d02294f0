// The SMS module's door: H5 实名 login by SMS code (routes) and the provider client.
export { smsRoutes, SMS_IP_LIMITS } from './routes';
export { tencentSmsSender, tc3Authorization, type SmsSender, type TencentSmsConfig } from './tencent';
export { beijingDayStart, maskPhone } from './service';
export { verifiedReporterPhone } from './reporter-phone';
