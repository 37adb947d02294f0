// The alert engine's tables on a Citus cluster (docs/scaling.md, "Citus"): which are replicated, which distributed,
// and the helpers that set a cluster database up. Every other table stays a plain table on the coordinator.
// `pnpm cli db citus-layout` applies the layout; the Citus suite (src/citus.test.ts) builds its databases with it.
import pg from 'pg';
import type { SqlExecutor } from './migrate';
import { splitStatements } from './split-statements';

/**
 * Run once on the coordinator after the migrations, in a database where `CREATE EXTENSION citus` has been run on
 * every node and the workers are added (citus_set_coordinator_host, citus_add_node). Idempotent: each step checks the
 * type its table must end with. One statement at a time (splitStatements).
 */
export const CITUS_LAYOUT = `-- Making one table a reference table turns the plain tables joined to it by foreign keys into "Citus local" tables
-- (still on the coordinator); the checks below therefore ask for the type each table must end with.

-- Reference tables: small, read by every shard's statements (the deadline joins, the models' definitions) or written
-- once per run (runs, escalation cases), replicated to every node so joins to them stay local. Referenced tables first.
SELECT create_reference_table('work_calendar') WHERE NOT EXISTS (SELECT 1 FROM citus_tables WHERE table_name = 'work_calendar'::regclass AND citus_table_type = 'reference');
SELECT create_reference_table('alert_model') WHERE NOT EXISTS (SELECT 1 FROM citus_tables WHERE table_name = 'alert_model'::regclass AND citus_table_type = 'reference');
-- its trigger refuses UPDATE (versions are never changed): Citus copies triggers to the shards only when told so
SET citus.enable_unsafe_triggers = on;
SELECT create_reference_table('alert_model_version') WHERE NOT EXISTS (SELECT 1 FROM citus_tables WHERE table_name = 'alert_model_version'::regclass AND citus_table_type = 'reference');
SELECT create_reference_table('alert_run') WHERE NOT EXISTS (SELECT 1 FROM citus_tables WHERE table_name = 'alert_run'::regclass AND citus_table_type = 'reference');
SELECT create_reference_table('escalation_case') WHERE NOT EXISTS (SELECT 1 FROM citus_tables WHERE table_name = 'escalation_case'::regclass AND citus_table_type = 'reference');
-- collision data sets: tens to thousands of rows per data set, joined on any declared column; replicated
SELECT create_reference_table('alert_dataset') WHERE NOT EXISTS (SELECT 1 FROM citus_tables WHERE table_name = 'alert_dataset'::regclass AND citus_table_type = 'reference');
SELECT create_reference_table('alert_dataset_row') WHERE NOT EXISTS (SELECT 1 FROM citus_tables WHERE table_name = 'alert_dataset_row'::regclass AND citus_table_type = 'reference');

-- Distributed by item: every grouped model groups within an item, so each model statement runs shard by shard.
-- case_no alone cannot be unique across shards: the key is (item_code, case_no).
DROP INDEX IF EXISTS service_case_case_no_key;
SELECT create_distributed_table('service_case', 'item_code', shard_count => 32)
 WHERE NOT EXISTS (SELECT 1 FROM citus_tables WHERE table_name = 'service_case'::regclass AND citus_table_type = 'distributed');
-- Warnings live beside their cases (item_key = their item, '' for collision warnings): the identity anti-join and the
-- list's join to the case stay inside each shard group.
-- A warning's run and escalation case are written by the same run transaction just before it, on the replicated
-- tables; Citus checks a shard's foreign key to them over the worker's own connection, which may not see those rows
-- yet (measured: "violates foreign key constraint alert_warning_escalation_id_fkey_…"). The engine writes all three in
-- one transaction, so the keys are dropped on the cluster and kept on one node.
ALTER TABLE alert_warning DROP CONSTRAINT IF EXISTS alert_warning_escalation_id_fkey;
ALTER TABLE alert_warning DROP CONSTRAINT IF EXISTS alert_warning_run_id_fkey;
SELECT create_distributed_table('alert_warning', 'item_key', colocate_with => 'service_case')
 WHERE NOT EXISTS (SELECT 1 FROM citus_tables WHERE table_name = 'alert_warning'::regclass AND citus_table_type = 'distributed');`;

/** Whether the database is a Citus coordinator (the extension is installed). */
export async function isCitus(sql: Pick<SqlExecutor, 'query'>): Promise<boolean> {
  const rows = await sql.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
  return rows.length > 0;
}

export class CitusLayoutError extends Error {}

/** Distributes the alert engine's tables (CITUS_LAYOUT); refuses a database without Citus. Returns the tables' types. */
export async function applyCitusLayout(executor: SqlExecutor): Promise<{ table: string; type: string; column: string | null }[]> {
  if (!(await isCitus(executor))) throw new CitusLayoutError('此数据库未安装 Citus 扩展（CREATE EXTENSION citus），无法分布数据表');
  return executor.session(async (db) => {
    for (const statement of splitStatements(CITUS_LAYOUT)) await db.exec(statement);
    return db.query<{ table: string; type: string; column: string | null }>(
      `SELECT table_name::text AS "table", citus_table_type AS type, nullif(distribution_column, '<none>') AS "column"
         FROM citus_tables ORDER BY 1`,
    );
  });
}

/**
 * Creates database `name` on the coordinator of `coordinatorUrl` and on each of its workers (Citus 12.1 does not
 * propagate CREATE DATABASE), installs Citus in each and registers the nodes, as the coordinator's own database has
 * them (pg_dist_node). Returns the new database's URL and a drop function for all nodes.
 */
export async function createCitusDatabase(coordinatorUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
  const at = (base: string, host: string | null, port: number | null, db: string) => {
    const u = new URL(base);
    if (host) u.hostname = host;
    if (port) u.port = String(port);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const run = async (url: string, ...statements: string[]) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const out = [];
      for (const s of statements) out.push((await c.query(s)).rows);
      return out;
    } finally {
      await c.end();
    }
  };
  const [nodes] = await run(coordinatorUrl, `SELECT nodename, nodeport, groupid FROM pg_dist_node WHERE noderole = 'primary' ORDER BY groupid`);
  const coordinator = nodes.find((n) => n.groupid === 0);
  const workers = nodes.filter((n) => n.groupid !== 0);
  if (!workers.length) throw new CitusLayoutError('协调节点的 pg_dist_node 中没有工作节点（citus_add_node）');
  const base = new URL(coordinatorUrl);
  const urls = [coordinatorUrl, ...workers.map((w) => at(coordinatorUrl, w.nodename, w.nodeport, base.pathname.slice(1) || 'postgres'))];
  for (const u of urls) {
    await run(u, `CREATE DATABASE "${name}"`);
    await run(at(u, null, null, name), 'CREATE EXTENSION citus');
  }
  const url = at(coordinatorUrl, null, null, name);
  await run(
    url,
    `SELECT citus_set_coordinator_host('${coordinator?.nodename ?? base.hostname}', ${coordinator?.nodeport ?? (Number(base.port) || 5432)})`,
    ...workers.map((w) => `SELECT citus_add_node('${w.nodename}', ${w.nodeport})`),
  );
  return {
    url,
    async drop() {
      for (const u of urls) await run(u, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
