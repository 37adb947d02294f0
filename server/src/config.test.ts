import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('runs on embedded defaults in development', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.s3.endpoint).toBeUndefined();
    expect(c.deviceLogin).toBe(true);
    // no SMS provider: H5 offers 保密 only
    expect(c.sms).toBeUndefined();
    // 国密 unless told otherwise; the keyed hash is left to what the database recorded
    expect([c.sealSuite, c.keyedHash]).toEqual(['sm', undefined]);
    expect(loadConfig({ SEAL_SUITE: 'aes', KEYED_HASH: 'hmac-sha256' })).toMatchObject({ sealSuite: 'aes', keyedHash: 'hmac-sha256' });
  });
  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ S3_ENDPOINT: 'http://minio:9000' }, /S3_ACCESS_KEY/],
    [{ WECHAT_APPID: 'wx123' }, /WECHAT_SECRET/],
    [{ NODE_ENV: 'production' }, /JWT_SECRET 生产环境必须设置/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET/],
    [{ SEAL_SUITE: 'des' }, /SEAL_SUITE 须为 sm（国密 SM4-GCM）或 aes/],
    [{ KEYED_HASH: 'md5' }, /KEYED_HASH 须为 hmac-sm3 或 hmac-sha256/],
    [{ SMS_PROVIDER: 'aliyun' }, /SMS_PROVIDER 须为 tencent/],
    [{ SMS_PROVIDER: 'tencent', SMS_SECRET_ID: 'id', SMS_SECRET_KEY: 'key', SMS_SDK_APP_ID: '1400000001', SMS_SIGN_NAME: '某县纪委监委' }, /SMS_TEMPLATE_ID 设置了 SMS_PROVIDER 时必须设置/],
  ])('stops on %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
  it('switches device login off in production unless asked', () => {
    const prod = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      IDENTITY_KEYS: 'k1:' + Buffer.alloc(32).toString('base64'),
      HASH_KEY: Buffer.alloc(32).toString('base64'),
      DATABASE_URL: 'postgres://u@h/db',
      S3_ENDPOINT: 'https://minio.example:9000',
      S3_ACCESS_KEY: 'a',
      S3_SECRET_KEY: 'b',
    };
    expect(loadConfig(prod).deviceLogin).toBe(false);
    expect(loadConfig({ ...prod, DEVICE_LOGIN: 'true' }).deviceLogin).toBe(true);
  });
  it.each([
    [{ JWT_SECRET: 'dev-only-jwt-secret-change-me-in-production-0000' }, /JWT_SECRET 不得使用开发环境的默认值/],
    [{ HASH_KEY: Buffer.alloc(32, 9).toString('base64') }, /HASH_KEY 不得使用开发环境的默认值/],
    [{ HASH_KEY: Buffer.alloc(16, 3).toString('base64') }, /HASH_KEY 须为至少 32 字节/],
    [{ IDENTITY_KEYS: 'dev1:' + Buffer.alloc(32, 7).toString('base64') }, /IDENTITY_KEYS 不得使用开发环境的默认密钥/],
    [{ IDENTITY_KEYS: 'k2:' + Buffer.alloc(32, 1).toString('base64') + ',prod:' + Buffer.alloc(32, 7).toString('base64') }, /IDENTITY_KEYS 不得使用开发环境的默认密钥/],
    [{ IDENTITY_KEYS: 'k1:' + Buffer.alloc(24, 1).toString('base64') }, /IDENTITY_KEYS 每项须为 keyId:base64\(32 字节\)/],
  ])('production refuses the development secrets and short keys: %j', (bad, message) => {
    const prod = {
      NODE_ENV: 'production',
      JWT_SECRET: 'p'.repeat(20) + 'q'.repeat(20),
      IDENTITY_KEYS: 'k1:' + Buffer.alloc(32, 1).toString('base64'),
      HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
      DATABASE_URL: 'postgres://u@h/db',
      S3_ENDPOINT: 'https://minio.example:9000',
      S3_ACCESS_KEY: 'a',
      S3_SECRET_KEY: 'b',
    };
    expect(() => loadConfig(prod)).not.toThrow();
    expect(() => loadConfig({ ...prod, ...bad })).toThrow(message);
    // development keeps its fallbacks and accepts the same values
    expect(() => loadConfig({ ...bad })).not.toThrow();
  });
  it('takes the static client folders and Redis from the environment', () => {
    const c = loadConfig({ ADMIN_DIST_DIR: '/srv/msjd/admin', H5_DIST_DIR: '/srv/msjd/h5', REDIS_URL: 'redis://10.0.0.5:6379/2' });
    expect([c.adminDistDir, c.h5DistDir, c.redisUrl]).toEqual(['/srv/msjd/admin', '/srv/msjd/h5', 'redis://10.0.0.5:6379/2']);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });
});
