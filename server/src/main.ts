// Starts the server: config, app, listen, graceful shutdown. Every start-up failure ends in one clear line.
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { DatabaseUnavailableError } from './db/database';
import { MigrationError } from './db/migrate';
import { StorageUnavailableError } from './plugins/storage';
import { startReportWorker } from './modules/reports/outbox';
import { seedDemoUrgeNotice } from './modules/alerts/demo';
import { seedDemoBusiness } from './modules/business/seed';
import { seedDemoReports } from './modules/reports/seed';
import { DEMO_TOTP_SECRET, enrolDemoTotp, seedDemoData } from './seed/demo';

const expected = [ConfigError, DatabaseUnavailableError, MigrationError, StorageUnavailableError];

async function main() {
  const config = loadConfig();
  const app = await buildApp({
    config,
    logger: { level: config.logLevel, ...(config.env === 'development' && process.stdout.isTTY ? { transport: { target: 'pino-pretty' } } : {}) },
  });
  // Demo data and its well-known accounts exist only outside production; production's first administrator comes
  // from `pnpm cli users create-admin` (docs/deploy.md).
  if (config.env !== 'production') {
    const seeded = await seedDemoData(app.db);
    if (seeded) app.log.info(seeded, 'demo data loaded');
    const urged = await seedDemoUrgeNotice(app);
    if (urged) app.log.info(urged, 'demo 督办通知书 issued');
    const enrolled = await enrolDemoTotp(app.db, app.sealer, app.clock.now());
    if (enrolled.length) app.log.info({ enrolled }, 'demo accounts enrolled with the published demo TOTP secret');
    const reports = await seedDemoReports(app.db, app.sealer, app.clock.now());
    if (reports) app.log.info({ reports }, 'demo reports loaded');
    const business = await seedDemoBusiness(app.db, app.sealer, app.clock.now());
    if (business) app.log.info(business, 'demo business-environment data loaded');
  }
  try {
    // the banner below prints the addresses; the log line stays free of them so it is not mistaken for one
    await app.listen({ host: config.host, port: config.port, listenTextResolver: () => 'server listening' });
  } catch (err) {
    await app.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`端口 ${config.port} 已被占用：请停止占用它的程序，或设置 PORT 使用其他端口`);
    }
    throw err;
  }
  const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${(app.server.address() as { port: number }).port}`;
  startReportWorker(app, { wechat: config.wechat, templateId: config.wechatReportTemplateId });
  process.stdout.write(startBanner(base, app.db.kind, config.dataDir, app.storage.endpoint, config.env === 'production'));
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      const timer = setTimeout(() => process.exit(1), 10_000).unref();
      await app.close();
      clearTimeout(timer);
      process.exit(0);
    });
  }
}

function startBanner(base: string, dbKind: string, dataDir: string, s3: string, production: boolean) {
  const accounts = production
    ? '生产模式：不加载演示数据；首个管理员用 pnpm cli users create-admin 创建\n'
    : `演示账号（密码均为 Demo@2026）:
  admin（系统管理员）  supervisor（纪检干部）  intake（受理员）  tour1（巡察组）  liaison（责任单位联络员）
  admin 与 supervisor 须两步验证：在验证器 App 中添加密钥 ${DEMO_TOTP_SECRET}，或运行 pnpm -s cli demo totp 查看当前验证码
`;
  return `
码上监督 已启动
  管理后台   ${base}/admin/
  H5 小程序  ${base}/h5/
  API 文档   ${base}/docs
  健康检查   ${base}/health   ${base}/ready
  运行环境   Node ${process.version}（OpenSSL ${process.versions.openssl}）
  数据库     ${dbKind === 'pglite' ? `内置 PGlite（${dataDir}/pglite）` : 'PostgreSQL（DATABASE_URL）'}；对象存储 ${s3}
${accounts}`;
}

main().catch((err) => {
  if (expected.some((E) => err instanceof E)) {
    console.error(`启动失败: ${(err as Error).message}`);
  } else {
    console.error('启动失败:', err);
  }
  process.exit(1);
});
