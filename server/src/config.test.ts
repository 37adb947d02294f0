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
  });
  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ S3_ENDPOINT: 'http://minio:9000' }, /S3_ACCESS_KEY/],
    [{ WECHAT_APPID: 'wx123' }, /WECHAT_SECRET/],
    [{ NODE_ENV: 'production' }, /JWT_SECRET 生产环境必须设置/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET/],
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
});
