// Object storage through the minio client. With S3_ENDPOINT it talks to that server (MinIO in production);
// otherwise it runs a local S3-protocol server (s3rver) with its files under DATA_DIR, so the same code path —
// real HTTP, real signatures — is used everywhere. Report photos arrive here already encrypted with their report's
// key (the bucket never holds a plaintext report photo); rectification evidence and QR codes are stored as they are.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import fp from 'fastify-plugin';
import * as Minio from 'minio';
import type { Config } from '../config';

export interface Storage {
  bucket: string;
  endpoint: string;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** The first `length` bytes of an object (whether it is one of our encrypted objects shows there). */
  head(key: string, length: number): Promise<Buffer>;
  presignGet(key: string, expirySeconds?: number): Promise<string>;
  remove(key: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
  }
}

export class StorageUnavailableError extends Error {}

export async function openStorage(config: Config): Promise<Storage> {
  let local: { close(): Promise<void> } | undefined;
  let endpoint: URL;
  if (config.s3.endpoint) {
    endpoint = new URL(config.s3.endpoint);
  } else {
    const directory = path.join(config.dataDir, 's3');
    mkdirSync(directory, { recursive: true });
    const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, vhostBuckets: false });
    const addr = (await server.run()) as AddressInfo;
    local = { close: () => server.close() as unknown as Promise<void> };
    endpoint = new URL(`http://127.0.0.1:${addr.port}`);
  }
  const client = new Minio.Client({
    endPoint: endpoint.hostname,
    port: Number(endpoint.port) || (endpoint.protocol === 'https:' ? 443 : 80),
    useSSL: endpoint.protocol === 'https:',
    accessKey: config.s3.accessKey,
    secretKey: config.s3.secretKey,
    region: config.s3.region,
    pathStyle: true,
  });
  const bucket = config.s3.bucket;
  try {
    if (!(await client.bucketExists(bucket))) await client.makeBucket(bucket, config.s3.region);
  } catch (err) {
    await local?.close();
    throw new StorageUnavailableError(`无法连接对象存储 ${endpoint.origin}: ${(err as Error).message}`);
  }
  return {
    bucket,
    endpoint: endpoint.origin,
    // Buffers of known size go up in one PUT: s3rver does not implement the multipart listing the client would try.
    async put(key, body, contentType) {
      await client.putObject(bucket, key, body, body.length, { 'Content-Type': contentType });
    },
    async get(key) {
      const stream = await client.getObject(bucket, key);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    async head(key, length) {
      const stream = await client.getPartialObject(bucket, key, 0, length);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks).subarray(0, length);
    },
    presignGet: (key, expiry = 300) => client.presignedGetObject(bucket, key, expiry),
    remove: (key) => client.removeObject(bucket, key),
    async ping() {
      try {
        return await client.bucketExists(bucket);
      } catch {
        return false;
      }
    },
    async close() {
      await local?.close();
    },
  };
}

export default fp<{ config: Config; storage?: Storage }>(
  async (app, opts) => {
    const owned = !opts.storage;
    const storage = opts.storage ?? (await openStorage(opts.config));
    app.decorate('storage', storage);
    app.addHook('onClose', async () => {
      if (owned) await storage.close();
    });
  },
  { name: 'storage' },
);
