// CLI commands of the alert engine (dispatched by src/cli/main.ts): JSON on stdout only, progress and messages on
// stderr, a non-zero exit code on failure.
import { userInfo } from 'node:os';
import path from 'node:path';
import { maskIdNumbers } from '@msjd/shared/alerts';
import type { AuditEntry } from '../../plugins/audit';
import type { Database } from '../../db/database';
import { AlertsInputError, assertAsOf, listWarnings, runAlerts, type WarningListItem } from './engine';
import { AppError } from '../../errors';
import { importWithHistory, staleDataForRun, staleDataText } from './import/history';
import { ImportFileError, type ImportProgress } from './import/service-cases';
import { type EngineDb, sqlOf } from './sql';

export type CliIo = { out: (s: string) => void; err: (s: string) => void };
/** `audit` writes one audit record as the command line (actor: system) before full ID numbers are printed. */
export type CliOptions = { audit?: (entry: AuditEntry) => Promise<void> };
const stdio: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

const USAGE = `用法:
  import service-cases <文件>                 导入办件数据（CSV/XLSX）
  import dataset <名称> <文件>                 导入已声明的数据集（数据碰撞用）
  alerts run --as-of YYYY-MM-DD               运行预警模型
  warnings list [--model 名称] [--json]        列出预警（申请人身份证号码遮盖）
        [--reveal --reason 理由]              显示完整证件号码（须说明理由，记入审计日志）`;

class UsageError extends Error {}

function parseFlags(args: string[], known: Record<string, 'value' | 'bool'>) {
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    const kind = known[name];
    if (!kind) throw new UsageError(`未知参数: ${a}`);
    if (kind === 'bool') flags[name] = true;
    else {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`参数 --${name} 需要一个值`);
      flags[name] = v;
    }
  }
  return { flags, positional };
}

export async function runAlertsCli(db: Database | EngineDb, argv: string[], io: CliIo = stdio, opts: CliOptions = {}): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (command === 'import') {
      if (sub !== 'service-cases' && sub !== 'dataset') throw new UsageError(`未知数据集: ${sub ?? '(缺少)'}（支持: service-cases、dataset <名称>）`);
      const { positional } = parseFlags(rest, {});
      const want = sub === 'dataset' ? 2 : 1;
      if (positional.length !== want) throw new UsageError(sub === 'dataset' ? '请给出数据集名称和一个要导入的文件' : '请给出一个要导入的文件');
      const started = Date.now();
      // `pnpm cli` runs in server/: resolve a relative path against the directory the user typed the command in
      const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positional[want - 1]);
      const onProgress = (p: ImportProgress) =>
        io.err(`${p.done ? '完成' : '已处理'} ${p.rows} 行（接受 ${p.accepted}，拒绝 ${p.rejected}）${p.done ? `，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒` : ''}\n`);
      const source = sub === 'dataset' ? ({ kind: 'dataset', dataset: positional[0] } as const) : ({ kind: 'service_cases' } as const);
      const { importId: _id, errors, duplicates, unknownUnits, notices, ...counts } = await importWithHistory(db, source, file, { fileName: path.basename(file), via: 'cli' }, { onProgress });
      // stdout is the result as datasets.md defines it (one error per rejected row, its first failing field); the rest
      // of the cleaning report — a row's further faults, repeated keys, unknown unit codes — is for the reader, on stderr
      io.out(JSON.stringify({ ...counts, errors: errors.map(({ line, field, reason }) => ({ line, field, reason })) }) + '\n');
      for (const e of errors) for (const f of e.otherFaults ?? []) io.err(`第 ${e.line} 行另有 ${f.field}: ${f.reason}\n`);
      const shown = notices.slice(0, 20);
      for (const n of shown) io.err(`提示：第 ${n.line} 行 ${n.field}: ${n.reason}\n`);
      if (duplicates + unknownUnits > shown.length) io.err(`提示：文件内重复的编号 ${duplicates} 个，部门编码不在单位目录中的行 ${unknownUnits} 行（以上仅列出前 ${shown.length} 条）\n`);
      return 0;
    }
    if (command === 'alerts') {
      if (sub !== 'run') throw new UsageError(`未知子命令: alerts ${sub ?? ''}`);
      const { flags, positional } = parseFlags(rest, { 'as-of': 'value' });
      if (positional.length) throw new UsageError(`多余的参数: ${positional.join(' ')}`);
      if (typeof flags['as-of'] !== 'string') throw new UsageError('缺少 --as-of YYYY-MM-DD');
      assertAsOf(flags['as-of']);
      // stale data does not stop a run from the command line: it is said on stderr, stdout stays the result
      const stale = await staleDataForRun(sqlOf(db), new Date());
      for (const s of stale.sources) io.err(`警告：${staleDataText(stale.staleDays, s)}\n`);
      const result = await runAlerts(db, flags['as-of'], {
        onModel: (name, r, title) => io.err(`模型 ${title}（${name}）: 新增 ${r.new}\n`),
        onRectificationsIncomplete: (n) => n && io.err(`${n} 项已验收的整改任务被标记为整改不彻底\n`),
      });
      io.out(JSON.stringify(result) + '\n');
      return 0;
    }
    if (command === 'warnings') {
      if (sub !== 'list') throw new UsageError(`未知子命令: warnings ${sub ?? ''}`);
      const { flags, positional } = parseFlags(rest, { model: 'value', json: 'bool', reveal: 'bool', reason: 'value' });
      if (positional.length) throw new UsageError(`多余的参数: ${positional.join(' ')}`);
      const reason = typeof flags.reason === 'string' ? flags.reason.trim() : '';
      if (flags.reason !== undefined && !flags.reveal) throw new UsageError('--reason 只与 --reveal 一起使用');
      if (flags.reveal && !reason) throw new UsageError('--reveal 须用 --reason 说明查看完整证件号码的理由（记入审计日志）');
      if (flags.reveal && !opts.audit) {
        io.err('无法记入审计日志，未显示完整证件号码\n');
        return 1;
      }
      const items = await listWarnings(sqlOf(db), { model: flags.model as string | undefined });
      // 等保: full resident ID numbers leave the database only when asked for, with a reason, and audited first
      // (nothing is printed if the record cannot be written); by default scripts get them masked like every list
      if (flags.reveal) {
        await opts.audit!({
          action: 'alerts.warnings.reveal',
          entity: 'alert_warning',
          reason,
          detail: { via: 'cli', osUser: osUser(), model: (flags.model as string | undefined) ?? null, warnings: items.length, format: flags.json ? 'json' : 'table' },
        });
      }
      const shown = flags.reveal ? items : items.map((w) => ({ ...w, applicant_id: maskIdNumbers(w.applicant_id) }));
      if (flags.json) for (const w of shown) io.out(JSON.stringify(w) + '\n');
      else {
        const titles = await sqlOf(db).query<{ name: string; title: string }>(`SELECT name, title FROM alert_model`);
        io.out(formatTable(shown, new Map(titles.map((m) => [m.name, m.title])), { reveal: flags.reveal === true }));
      }
      return 0;
    }
    throw new UsageError(`未知命令: ${command ?? '(缺少)'}`);
  } catch (err) {
    if (err instanceof AppError && err.kind === 'not_found' && typeof err.details?.dataset === 'string') {
      io.err(`数据集 ${err.details.dataset} 不存在（请先在管理后台声明数据集）\n`);
      return 1;
    }
    if (err instanceof UsageError || err instanceof AlertsInputError) {
      io.err(`${err.message}\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof ImportFileError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

const STAGE_ZH: Record<string, string> = { urge: '督办', verify: '核查', done: '已办结', unfounded: '查无实据', accountability: '问责' };

function width(s: string) {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uFFFF]/.test(ch) ? 2 : 1;
  return w;
}

function osUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

/** The readable table: models by their Chinese names, resident IDs masked unless revealed (audited by the caller). */
export function formatTable(items: WarningListItem[], titles: Map<string, string> = new Map(), opts: { reveal?: boolean } = {}): string {
  if (!items.length) return '（没有预警）\n';
  const head = ['模型', '部门编码', '事项编码', '办件编号', '申请人证件号码', '阶段', '预警日期'];
  const rows = items.map((w) => [titles.get(w.model) ?? w.model, w.unit_code ?? '-', w.item_code ?? '-', w.case_no ?? '-', (opts.reveal ? w.applicant_id : maskIdNumbers(w.applicant_id)) ?? '-', w.stage ? (STAGE_ZH[w.stage] ?? w.stage) : '-', w.as_of]);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), `共 ${items.length} 条预警`].join('\n') + '\n';
}
