import fp from 'fastify-plugin';
import { ConfigError, type Config } from '../config';
import type { SqlExecutor } from '../db/migrate';
import { createSealer, keyedHashAlgorithms, keyedHashOfSuite, suiteAvailable, type KeyedHashAlgorithm, type Sealer } from '../lib/sealing';

declare module 'fastify' {
  interface FastifyInstance {
    sealer: Sealer;
  }
}

/**
 * The deployment's keyed-hash algorithm. Keyed hashes are compared to stored values (a citizen's subject hash, query
 * codes) and printed (QR scene signatures), so the algorithm is fixed the first time a database is used and read back
 * ever after: a database that held data before suites existed was recorded as HMAC-SHA-256 by its migration, a new
 * one takes the suite's (HMAC-SM3 under 国密). KEYED_HASH may name it, but never change it: that stops the start.
 */
export async function deploymentKeyedHash(sql: Pick<SqlExecutor, 'query'>, config: Pick<Config, 'sealSuite' | 'keyedHash'>): Promise<KeyedHashAlgorithm> {
  const read = async () => (await sql.query<{ value: string }>(`SELECT value FROM crypto_setting WHERE name = 'keyed_hash'`))[0]?.value;
  let recorded = await read();
  if (!recorded) {
    await sql.query(`INSERT INTO crypto_setting (name, value) VALUES ('keyed_hash', $1) ON CONFLICT (name) DO NOTHING`, [
      config.keyedHash ?? keyedHashOfSuite(config.sealSuite),
    ]);
    recorded = await read();
  }
  if (!(keyedHashAlgorithms as readonly string[]).includes(recorded ?? '')) {
    throw new ConfigError(`数据库记录的关键字哈希算法「${recorded}」无法识别`);
  }
  if (config.keyedHash && config.keyedHash !== recorded) {
    throw new ConfigError(
      `KEYED_HASH=${config.keyedHash} 与本部署已使用的 ${recorded} 不一致：已存的查询码、群众账号和二维码签名都按 ${recorded} 计算，更换会使它们全部失效`,
    );
  }
  return recorded as KeyedHashAlgorithm;
}

/** The sealer of a deployment, for the app and the CLI alike. */
export async function deploymentSealer(sql: Pick<SqlExecutor, 'query'>, config: Config): Promise<Sealer> {
  if (!suiteAvailable(config.sealSuite)) {
    throw new ConfigError(`SEAL_SUITE=${config.sealSuite}：当前 Node.js（OpenSSL ${process.versions.openssl}）不支持，请使用项目自带的 Node 24`);
  }
  const keyedHash = await deploymentKeyedHash(sql, config);
  return createSealer(config.identityKeys, config.hashKey, { suite: config.sealSuite, keyedHash });
}

export default fp<{ config: Config }>(
  async (app, opts) => {
    app.decorate('sealer', await deploymentSealer(app.db.sql, opts.config));
  },
  { name: 'sealer', dependencies: ['database'] },
);
