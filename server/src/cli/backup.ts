// `pnpm cli backup <dir>` / `pnpm cli restore <dir>`: the database (pg_dump custom format, restored by pg_restore)
// and every object of the bucket, with a manifest of files, sizes and sha256 that restore verifies before it
// changes anything. Restore only fills an empty database and an empty bucket: merging a backup into live data
// would silently mix two histories. PostgreSQL only: the embedded PGlite is a development default, and its data
// directory (with DATA_DIR/s3) is copied with the server stopped instead.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as Minio from 'minio';
import pg from 'pg';
import type { Config } from '../config';
import { CliUsageError } from './users';

export const MANIFEST = 'manifest.json';
const DUMP = 'database.dump';

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}
export interface Manifest {
  format: 'msjd-backup/1';
  createdAt: string;
  database: ManifestFile & { migrations: string[] };
  bucket: string;
  objects: (ManifestFile & { key: string; contentType: string })[];
}

type Progress = (line: string) => void;

function s3Client(config: Config) {
  if (!config.s3.endpoint) throw new CliUsageError('备份与恢复需要 S3_ENDPOINT（生产对象存储）；内置 s3rver 的文件在 DATA_DIR/s3，停机后直接复制该目录');
  const endpoint = new URL(config.s3.endpoint);
  return new Minio.Client({
    endPoint: endpoint.hostname,
    port: Number(endpoint.port) || (endpoint.protocol === 'https:' ? 443 : 80),
    useSSL: endpoint.protocol === 'https:',
    accessKey: config.s3.accessKey,
    secretKey: config.s3.secretKey,
    region: config.s3.region,
    pathStyle: true,
  });
}

function databaseUrl(config: Config) {
  if (!config.databaseUrl) {
    throw new CliUsageError('备份与恢复需要 DATABASE_URL（PostgreSQL）；内置 PGlite 不支持：停止服务后复制 DATA_DIR 目录即可');
  }
  return config.databaseUrl;
}

async function fileDigest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return { bytes: (await stat(file)).size, sha256: hash.digest('hex') };
}

function runTool(cmd: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.on('error', (e) => reject(new Error(`${cmd} 无法运行（需安装 PostgreSQL 客户端）: ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} 失败（退出码 ${code}）: ${err.trim().slice(0, 2000)}`))));
  });
}

/** Object keys become files under objects/; a key never escapes that folder. */
function objectFile(key: string) {
  const normal = path.posix.normalize(key);
  if (normal.startsWith('..') || path.posix.isAbsolute(normal)) throw new Error(`对象键不合法: ${key}`);
  return path.posix.join('objects', normal);
}

export async function backup(config: Config, dir: string, progress: Progress = () => {}): Promise<Manifest> {
  const url = databaseUrl(config);
  const client = s3Client(config);
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length) throw new CliUsageError(`备份目录 ${dir} 非空：请指定新的目录`);
  const createdAt = new Date().toISOString();

  await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(dir, DUMP)}`, url]);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const migrations = await db
    .query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`)
    .then((r) => r.rows.map((m) => m.migration_name))
    .finally(() => db.end());
  const database = { path: DUMP, migrations, ...(await fileDigest(path.join(dir, DUMP))) };
  progress(`数据库 ${(database.bytes / 1024 / 1024).toFixed(1)} MiB`);

  // the database first, then the objects: a photo is stored before the row naming it commits, so every photo a
  // dumped row names is in the bucket when it is listed; an upload in between only adds an unreferenced object
  const objects: Manifest['objects'] = [];
  const bucket = config.s3.bucket;
  for await (const item of client.listObjectsV2(bucket, '', true) as AsyncIterable<Minio.BucketItem>) {
    if (!item.name) continue;
    const rel = objectFile(item.name);
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    const statInfo = await client.statObject(bucket, item.name);
    await pipeline(await client.getObject(bucket, item.name), createWriteStream(file));
    objects.push({ key: item.name, path: rel, contentType: String(statInfo.metaData?.['content-type'] ?? 'application/octet-stream'), ...(await fileDigest(file)) });
  }
  progress(`对象 ${objects.length} 个`);

  const manifest: Manifest = { format: 'msjd-backup/1', createdAt, database, bucket, objects };
  await writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Checks every file of the backup against the manifest; throws naming the first that differs. */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) throw new CliUsageError(`${dir} 中没有 ${MANIFEST}：不是本系统的备份`);
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  if (manifest.format !== 'msjd-backup/1') throw new CliUsageError(`不支持的备份格式: ${manifest.format}`);
  for (const f of [manifest.database, ...manifest.objects]) {
    const p = path.join(dir, f.path);
    if (!existsSync(p)) throw new CliUsageError(`备份不完整：缺少 ${f.path}`);
    const d = await fileDigest(p);
    if (d.bytes !== f.bytes || d.sha256 !== f.sha256) throw new CliUsageError(`备份已损坏：${f.path} 的大小或校验和与清单不符`);
  }
  return manifest;
}

export async function restore(config: Config, dir: string, progress: Progress = () => {}) {
  const manifest = await verifyBackup(dir);
  progress(`清单校验通过：数据库与 ${manifest.objects.length} 个对象`);
  const url = databaseUrl(config);
  const client = s3Client(config);
  const bucket = config.s3.bucket;

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg_toast%'`,
    );
    if (rows[0]!.n > 0) throw new CliUsageError('目标数据库非空：恢复只写入新建的空数据库（CREATE DATABASE …）');
  } finally {
    await db.end();
  }
  if (await client.bucketExists(bucket)) {
    for await (const _ of client.listObjectsV2(bucket, '', true) as AsyncIterable<unknown>) {
      throw new CliUsageError(`目标存储桶 ${bucket} 非空：恢复只写入空的存储桶`);
    }
  } else {
    await client.makeBucket(bucket, config.s3.region);
  }

  await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`, path.join(dir, manifest.database.path)]);
  progress('数据库已恢复');
  for (const o of manifest.objects) {
    const body = await readFile(path.join(dir, o.path));
    await client.putObject(bucket, o.key, body, body.length, { 'Content-Type': o.contentType });
  }
  progress(`对象已恢复 ${manifest.objects.length} 个`);
  return { database: manifest.database.bytes, objects: manifest.objects.length, migrations: manifest.database.migrations.length };
}

export async function runBackupCli(config: Config, argv: string[]): Promise<number> {
  const [command, dir] = argv;
  if (!dir) throw new CliUsageError(`用法: pnpm cli ${command} <目录>`);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const target = path.resolve(dir);
  const result =
    command === 'backup'
      ? await backup(config, target, progress).then((m) => ({ dir: target, database: m.database.bytes, objects: m.objects.length }))
      : await restore(config, target, progress);
  process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}
