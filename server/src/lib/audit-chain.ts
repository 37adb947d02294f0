// Tamper evidence for the audit log (等保 2.0 8.1.4.3 c: integrity of audit records, no gaps), kept off the commit path.
//
// A writer inserts its row with a `seal`: a keyed hash (HASH_KEY) over the row's id and fields. It takes no lock, so
// audited transactions commit side by side. Right after commit a chaining step, one at a time under the chain lock,
// links the sealed rows that are not yet in the chain: each gets the next `chain_seq` and a keyed `hash` over the hash
// before it, its sequence number, its id and its seal. Editing a row breaks its seal; deleting, inserting or reordering
// chained rows breaks a link. The key is derived from HASH_KEY and never stored in the database, so whoever can write to
// the database but does not hold it can neither seal a forged row nor relink the chain. A trigger refuses UPDATE and
// DELETE, except the chaining step's one-time filling of chain_seq, prev_hash and hash on a sealed row.
//
// Rows chained before this design (hash with no seal) keep their inline hash (`rowHash`: the row's fields and the hash
// before it); the migration numbered them in id order, so the verifier walks one chain across both kinds.
import { createHmac } from 'node:crypto';

export type AuditRowData = {
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  reason: string | null;
  detail: unknown;
  ip: string | null;
  requestId: string | null;
};

type SqlWriter = {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
};
type ChainWriter = SqlWriter;
type ChainDb = SqlWriter & { $transaction<T>(fn: (tx: SqlWriter) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T> };

/** The chaining step's lock: one chainer at a time extends the chain. Writers never take it. */
export const AUDIT_CHAIN_LOCK_KEY = 72707370;

/** JSON with object keys sorted at every level: jsonb reorders keys, so the hash must not depend on their order. */
function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainKey(hashKeyBase64: string): Buffer {
  return createHmac('sha256', Buffer.from(hashKeyBase64, 'base64')).update('msjd/audit-chain/v1').digest();
}

// the detail as the database will give it back: what JSON can carry (dates as ISO text, no undefined)
const storedDetail = (detail: unknown) => (detail === undefined || detail === null ? null : JSON.parse(JSON.stringify(detail)));
const fieldsOf = (row: AuditRowData) => [row.at.toISOString(), row.actorType, row.actorId, row.action, row.entity, row.entityId, row.reason, storedDetail(row.detail), row.ip, row.requestId];

/** The inline hash of a row chained before seals existed (and still written by nothing else). */
export function rowHash(key: Buffer, prevHash: string | null, row: AuditRowData): string {
  return createHmac('sha256', key).update(canonical([prevHash, ...fieldsOf(row)])).digest('base64url');
}

/** A row's seal: its id and fields under the key, written with the row, so a copy under another id does not verify. */
export function rowSeal(key: Buffer, id: bigint, row: AuditRowData): string {
  return createHmac('sha256', key).update(canonical(['seal', String(id), ...fieldsOf(row)])).digest('base64url');
}

/** A chain link: the hash before it, the row's place in the chain, its id and its seal. */
export function linkHash(key: Buffer, prevHash: string | null, seq: bigint, id: bigint, seal: string): string {
  return createHmac('sha256', key).update(canonical(['link', prevHash, String(seq), String(id), seal])).digest('base64url');
}

const INSERT_SEALED = `INSERT INTO audit_log (id, at, "actorType", "actorId", action, entity, "entityId", reason, detail, ip, "requestId", seal)
  VALUES ($1::bigint, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)`;

/** Takes the row's id ahead of its insert, as the seal covers it (one round trip; a failed transaction leaves a gap). */
export const NEXT_AUDIT_ID = `nextval(pg_get_serial_sequence('audit_log', 'id'))`;

/** The sealed row of an entry, ready to insert with its id. */
export function sealedRow(key: Buffer, id: bigint, data: Omit<AuditRowData, 'at'>, at = new Date()) {
  // millisecond precision: the column is timestamptz(3), and the seal must see what is stored
  const row: AuditRowData = { ...data, at };
  return { id, ...row, seal: rowSeal(key, id, row) };
}

/** Parameters of one sealed row for an INSERT … VALUES in the order of INSERT_SEALED. */
export function sealedParams(r: ReturnType<typeof sealedRow>): unknown[] {
  return [String(r.id), r.at, r.actorType, r.actorId, r.action, r.entity, r.entityId, r.reason, r.detail === null || r.detail === undefined ? null : JSON.stringify(r.detail), r.ip, r.requestId, r.seal];
}

/**
 * Writes one sealed, not yet chained row. Call inside the transaction of the change it records (they commit together),
 * then have the chain extended after commit (AuditChainer.kick). No lock: concurrent writers do not wait for each other.
 */
export async function appendAudit(tx: ChainWriter, key: Buffer, data: Omit<AuditRowData, 'at'>): Promise<void> {
  const [{ id }] = await tx.$queryRawUnsafe<{ id: bigint }[]>(`SELECT ${NEXT_AUDIT_ID} AS id`);
  await tx.$executeRawUnsafe(INSERT_SEALED, ...sealedParams(sealedRow(key, BigInt(id), data)));
}

type StoredRow = AuditRowData & { id: bigint; seal: string | null; chainSeq: bigint | null; prevHash: string | null; hash: string | null };
const ROW_COLUMNS = `id, at, "actorType", "actorId", action, entity, "entityId", reason, detail, ip, "requestId", seal, chain_seq AS "chainSeq", prev_hash AS "prevHash", hash`;
const toRow = (r: Record<string, unknown>): StoredRow => ({
  ...(r as unknown as StoredRow),
  id: BigInt(r.id as string | bigint),
  chainSeq: r.chainSeq === null || r.chainSeq === undefined ? null : BigInt(r.chainSeq as string | bigint),
  at: r.at instanceof Date ? r.at : new Date(r.at as string),
});

/** The hash a new chain starts after: the last chained row's, or after a purge that removed them all, the purge's anchor. */
async function chainHead(tx: SqlWriter): Promise<{ seq: bigint; hash: string | null }> {
  const [last] = await tx.$queryRawUnsafe<{ seq: bigint; hash: string }[]>('SELECT chain_seq AS seq, hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1');
  if (last) return { seq: BigInt(last.seq), hash: last.hash };
  return { seq: 0n, hash: await latestAnchor(tx) };
}

/** The hash of the last row a retention purge removed, recorded by the purge; null when nothing was ever purged. */
export async function latestAnchor(tx: SqlWriter): Promise<string | null> {
  const [purge] = await tx.$queryRawUnsafe<{ anchor: string | null }[]>(
    `SELECT detail->>'anchor' AS anchor FROM audit_log WHERE action = 'audit.purge' ORDER BY id DESC LIMIT 1`,
  );
  return purge?.anchor ?? null;
}

/**
 * Links sealed rows not yet in the chain, oldest id first, inside a transaction that holds the chain lock. A row whose
 * seal does not verify (changed, or inserted by someone without the key) is left out: it stays unchained, and the
 * verifier names it. Returns how many rows were linked.
 */
export async function chainBatch(tx: SqlWriter, key: Buffer, limit = 1000): Promise<{ linked: number; refused: number; more: boolean }> {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1::bigint)', AUDIT_CHAIN_LOCK_KEY);
  const pending = (
    await tx.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${ROW_COLUMNS} FROM audit_log WHERE chain_seq IS NULL AND seal IS NOT NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      limit,
    )
  ).map(toRow);
  if (pending.length === 0) return { linked: 0, refused: 0, more: false };
  let { seq, hash: prev } = await chainHead(tx);
  const ids: string[] = [];
  const seqs: string[] = [];
  const prevs: (string | null)[] = [];
  const hashes: string[] = [];
  let refused = 0;
  for (const r of pending) {
    if (rowSeal(key, r.id, r) !== r.seal) {
      refused++;
      continue;
    }
    seq += 1n;
    const hash = linkHash(key, prev, seq, r.id, r.seal!);
    ids.push(String(r.id));
    seqs.push(String(seq));
    prevs.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  if (ids.length > 0) {
    await tx.$executeRawUnsafe(
      `UPDATE audit_log a SET chain_seq = u.seq, prev_hash = u.prev, hash = u.hash
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(id, seq, prev, hash) WHERE a.id = u.id`,
      ids, seqs, prevs, hashes,
    );
  }
  // refused rows stay pending and would come back in every batch: stop when a batch linked nothing new
  return { linked: ids.length, refused, more: pending.length === limit && ids.length > 0 };
}

/** Chains every sealed row committed so far, in batches of short transactions. */
export async function chainPending(db: ChainDb, key: Buffer, batch = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await db.$transaction((tx) => chainBatch(tx, key, batch), { maxWait: 30_000, timeout: 60_000 });
    total += r.linked;
    if (!r.more) return total;
  }
}

/**
 * One chaining step per process at a time. Writers kick it after their commit; a kick during a run is served by the
 * next run, which starts after the current one and so sees every row committed before the kick.
 */
export class AuditChainer {
  private running = false;
  private waiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];

  constructor(private readonly db: ChainDb, private readonly key: Buffer) {}

  /** Extends the chain over everything committed before the call; resolves when that is done. */
  kick(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (!this.running) this.run();
    });
  }

  private run() {
    this.running = true;
    const waiters = this.waiters;
    this.waiters = [];
    chainPending(this.db, this.key).then(
      () => waiters.forEach((w) => w.resolve()),
      (err) => waiters.forEach((w) => w.reject(err)),
    ).finally(() => {
      this.running = false;
      if (this.waiters.length > 0) this.run();
    });
  }
}

export type ChainBreak = { id: string; kind: 'altered' | 'inserted_or_deleted' | 'unchained'; message: string };

/**
 * Walks the chain in chain_seq order and returns the first break, or null; then the rows not in the chain. Run the
 * chaining step first: what is left unchained then is a row whose seal fails (altered or forged), or a row without seal
 * after the chain began (inserted). Rows written before the chain existed (no hash, no seal) may only precede the first
 * chained row. After a retention purge the first remaining row links to the purged row whose hash the purge recorded
 * (`anchor`), so a purge is not mistaken for a deletion.
 *
 * What the chain cannot show: a row deleted in the moment between its commit and its chaining (milliseconds; the
 * writer kicks the chainer right after commit), and the removal of the newest chained rows (the tail), as with any
 * hash chain whose head is not copied elsewhere.
 */
export async function verifyChain(
  readChained: (afterSeq: bigint, limit: number) => Promise<StoredRow[]>,
  readUnchained: (afterId: bigint, limit: number) => Promise<StoredRow[]>,
  key: Buffer,
  anchor: string | null,
): Promise<{ checked: number; pending: number; break: ChainBreak | null }> {
  let checked = 0;
  let prev: string | null | undefined; // undefined: no chained row seen yet
  let firstChainedId: bigint | null = null;
  let after = 0n;
  for (;;) {
    const rows = await readChained(after, 1000);
    if (rows.length === 0) break;
    for (const r of rows) {
      after = r.chainSeq!;
      checked++;
      const id = String(r.id);
      if (firstChainedId === null || r.id < firstChainedId) firstChainedId = r.id;
      const expectedPrev = prev === undefined ? (r.prevHash === anchor ? anchor : null) : prev;
      if (r.prevHash !== expectedPrev) {
        return { checked, pending: 0, break: { id, kind: 'inserted_or_deleted', message: `第 ${id} 条记录与前一条记录不衔接：其前有记录被删除，或它本身是被插入、被挪动的` } };
      }
      const valid = r.seal === null ? rowHash(key, r.prevHash, r) === r.hash : rowSeal(key, r.id, r) === r.seal && linkHash(key, r.prevHash, r.chainSeq!, r.id, r.seal) === r.hash;
      if (!valid) return { checked, pending: 0, break: { id, kind: 'altered', message: `第 ${id} 条记录的内容与其校验值不符：记录已被改动` } };
      prev = r.hash;
    }
  }
  let pending = 0;
  let afterId = -1n;
  for (;;) {
    const rows = await readUnchained(afterId, 1000);
    if (rows.length === 0) return { checked, pending, break: null };
    for (const r of rows) {
      afterId = r.id;
      checked++;
      const id = String(r.id);
      if (r.seal === null) {
        if (r.hash === null && (firstChainedId === null || r.id < firstChainedId)) continue; // written before the chain existed
        if (r.hash !== null) return { checked, pending, break: { id, kind: 'inserted_or_deleted', message: `第 ${id} 条记录带着校验值却不在链中：它是被插入的` } };
        return { checked, pending, break: { id, kind: 'unchained', message: `第 ${id} 条记录没有校验值，排在已入链记录之后（被插入或被改动）` } };
      }
      if (r.hash !== null || rowSeal(key, r.id, r) !== r.seal) {
        return { checked, pending, break: { id, kind: 'altered', message: `第 ${id} 条记录的内容与其校验值不符：记录已被改动` } };
      }
      pending++; // sealed and intact, committed after the chaining step ran
    }
  }
}

/** Reads for verifyChain from a database (prisma raw queries). */
export function chainReaders(db: SqlWriter) {
  return {
    chained: async (afterSeq: bigint, limit: number) =>
      (await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${ROW_COLUMNS} FROM audit_log WHERE chain_seq > $1::bigint ORDER BY chain_seq LIMIT $2`, String(afterSeq), limit)).map(toRow),
    unchained: async (afterId: bigint, limit: number) =>
      (await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${ROW_COLUMNS} FROM audit_log WHERE chain_seq IS NULL AND id > $1::bigint ORDER BY id LIMIT $2`, String(afterId), limit)).map(toRow),
  };
}
