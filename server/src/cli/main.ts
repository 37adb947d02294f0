// `pnpm cli <command>`: JSON results on stdout, progress and messages on stderr, non-zero exit on failure.
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { applyMigrations } from '../db/migrate';

const usage = `用法: pnpm cli <命令>
  migrate                                   应用未执行的数据库迁移
  db citus-layout                           在 Citus 协调节点上分布预警数据表（办件、预警按事项分布，其余为复制表）
  import service-cases <文件>               导入办件数据（CSV/XLSX）
  import dataset <数据集名称> <文件>        导入比对数据集（CSV/XLSX，须先在后台声明数据集）
  alerts run --as-of YYYY-MM-DD             运行预警模型
  warnings list [--model 名称] [--json] [--reveal --reason 理由]
                                            列出预警（身份证号码遮盖；--reveal 显示完整号码，须说明理由，记入审计日志）
  backup <目录>                             备份数据库（pg_dump）与存储桶全部对象，附清单与 sha256
  restore <目录>                            校验清单后恢复到空数据库与空存储桶
  users create-admin --username 用户名 --name 姓名
                                            创建管理员（密码在终端提示输入，或从标准输入读取首行）
  keys rotate [--batch 200]                 将举报数据密钥改由 IDENTITY_KEYS 的第一个主密钥封装，旧数据一并迁移（可重复运行）
  retention run                             按保存期限销毁已办结举报期满的举报人身份信息与图片（法律保全除外；服务端每日自动运行）
  audit verify                              校验审计日志链，指出第一条被改动、插入或删除的记录
  audit purge [--before YYYY-MM-DD]         清理保留期（AUDIT_RETENTION_DAYS，至少 180 天）之前的审计日志（本身记入审计）
  demo totp                                 演示账号 admin/supervisor 当前的两步验证码（仅开发环境）
  demo --scale report [--fraction 0.001]    向新建的空 PostgreSQL 数据库装入报告规模的演示数据（215 万件办件、30 万条预警、
                                            10 万件举报及其时间线；--fraction 按比例缩小），用于测量工作人员列表的速度`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stderr.write(usage + '\n');
    return command ? 0 : 2;
  }
  const config = loadConfig();
  // before the database is opened and migrated: restore needs the target empty, backup copies it as it is
  if (command === 'backup' || command === 'restore') {
    const { runBackupCli } = await import('./backup');
    return runBackupCli(config, argv);
  }
  if (command === 'demo' && argv[1] === 'totp') {
    if (config.env === 'production') throw new Error('生产环境没有演示账号');
    const [{ totpCode }, { DEMO_TOTP_SECRET }] = await Promise.all([import('../modules/auth/totp'), import('../seed/demo')]);
    process.stdout.write(JSON.stringify({ code: await totpCode(DEMO_TOTP_SECRET, new Date()), users: ['admin', 'supervisor'] }) + '\n');
    return 0;
  }
  // refused before the embedded database is even opened
  if (command === 'demo' && argv[1] === '--scale') {
    if (config.env === 'production') throw new Error('生产环境不能装入规模测试数据');
    if (!config.databaseUrl) throw new Error('规模测试数据只能装入 PostgreSQL：请设置 DATABASE_URL 指向一个新建的空数据库（嵌入式 PGlite 装不下 215 万件办件，也测不准）');
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, owner: 'cli' });
  try {
    if (command === 'migrate') {
      const applied = await applyMigrations(db.sql);
      process.stdout.write(JSON.stringify({ applied }) + '\n');
      return 0;
    }
    await applyMigrations(db.sql);
    if (command === 'db' && argv[1] === 'citus-layout') {
      if (db.kind !== 'postgres') throw new Error('Citus 布局只能用于 PostgreSQL（请设置 DATABASE_URL 指向 Citus 协调节点）');
      const { applyCitusLayout } = await import('../db/citus');
      process.stdout.write(JSON.stringify({ tables: await applyCitusLayout(db.sql) }) + '\n');
      return 0;
    }
    if (command === 'audit') {
      const { runAuditCli } = await import('./audit');
      return await runAuditCli(db, config, argv);
    }
    if (command === 'keys') {
      const [{ runKeysCli }, { deploymentSealer }, { openStorage }] = await Promise.all([import('./keys'), import('../plugins/sealer'), import('../plugins/storage')]);
      const storage = await openStorage(config);
      try {
        return await runKeysCli(db, config, await deploymentSealer(db.sql, config), storage, argv);
      } finally {
        await storage.close();
      }
    }
    if (command === 'retention') {
      const [{ runRetentionCli }, { openStorage }] = await Promise.all([import('./retention'), import('../plugins/storage')]);
      const storage = await openStorage(config);
      try {
        return await runRetentionCli(db, config, storage, argv);
      } finally {
        await storage.close();
      }
    }
    if (command === 'users') {
      const { runUsersCli } = await import('./users');
      return await runUsersCli(db, argv, process.stdin, config.hashKey);
    }
    if (command === 'demo' && argv[1] === '--scale') {
      if (argv[2] !== 'report') {
        process.stderr.write('用法: pnpm cli demo --scale report [--fraction 0.001]\n');
        return 2;
      }
      const at = argv.indexOf('--fraction');
      const fraction = at > 0 ? Number(argv[at + 1]) : 1;
      const [{ seedScale }, { deploymentSealer }] = await Promise.all([import('../seed/scale'), import('../plugins/sealer')]);
      const counts = await seedScale(db, {
        env: config.env,
        sealer: await deploymentSealer(db.sql, config),
        hashKey: config.hashKey,
        fraction,
        log: (m) => process.stderr.write(`${m}\n`),
      });
      process.stdout.write(JSON.stringify(counts) + '\n');
      return 0;
    }
    if (['import', 'alerts', 'warnings'].includes(command)) {
      const [{ runAlertsCli }, { appendAudit, chainKey }, { auditRow }] = await Promise.all([
        import('../modules/alerts/cli'),
        import('../lib/audit-chain'),
        import('../plugins/audit'),
      ]);
      const key = chainKey(config.hashKey);
      return await runAlertsCli(db, argv, undefined, { audit: (entry) => db.prisma.$transaction((t) => appendAudit(t, key, auditRow(null, entry))) });
    }
    process.stderr.write(`未知命令: ${command}\n${usage}\n`);
    return 2;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`错误: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
