// Collision models (数据碰撞): two declared data sets joined on columns, filtered by comparisons between their columns
// (or against constants) — one warning per matching pair, a group warning identified by (model, left key|right key).
// Pure: a validated definition + the data sets' declarations -> the `hits` CTE and its bind values. Identifiers come
// only from the validated declarations (they match ^[a-z][a-z0-9_]*$ and are quoted anyway); data set names and
// constants are bind parameters.
import type { CollisionParams, DatasetColumnType } from '@msjd/shared/alerts';
import type { DatasetDeclaration } from '../datasets/declaration';

export type CollisionIssue = { path: string; code: string; message: string };

type Family = 'text' | 'number' | 'date';
const FAMILY: Record<DatasetColumnType, Family> = { text: 'text', id_number: 'text', integer: 'number', decimal: 'number', date: 'date' };
const CAST: Record<DatasetColumnType, string> = { text: 'text', id_number: 'text', integer: 'bigint', decimal: 'numeric', date: 'date' };
const FAMILY_ZH: Record<Family, string> = { text: '文本', number: '数值', date: '日期' };

function columnOf(decl: DatasetDeclaration | undefined, column: string) {
  return decl?.columns.find((c) => c.name === column);
}

/** Checks a collision definition against the declared data sets; [] when it can be compiled. Chinese messages. */
export function collisionIssues(p: CollisionParams, datasets: Map<string, DatasetDeclaration>): CollisionIssue[] {
  const issues: CollisionIssue[] = [];
  const add = (path: string, message: string, code = 'invalid_reference') => issues.push({ path: `params.${path}`, code, message });
  const sides = { left: datasets.get(p.left), right: datasets.get(p.right) };
  if (!sides.left) add('left', `数据集 ${p.left} 不存在`);
  if (!sides.right) add('right', `数据集 ${p.right} 不存在`);
  if (!sides.left || !sides.right) return issues;
  const col = (side: 'left' | 'right', column: string, path: string) => {
    const c = columnOf(sides[side], column);
    if (!c) add(path, `数据集 ${sides[side]!.label}（${sides[side]!.name}）没有列 ${column}`);
    return c;
  };
  p.on.forEach((pair, i) => {
    const a = col('left', pair.left, `on.${i}.left`);
    const b = col('right', pair.right, `on.${i}.right`);
    if (a && b && FAMILY[a.type] !== FAMILY[b.type]) {
      add(`on.${i}.right`, `关联列类型不一致：${a.name} 为${FAMILY_ZH[FAMILY[a.type]]}，${b.name} 为${FAMILY_ZH[FAMILY[b.type]]}`, 'type_mismatch');
    }
  });
  p.conditions.forEach((cond, i) => {
    const a = col(cond.a.side, cond.a.column, `conditions.${i}.a.column`);
    if ('side' in cond.b) {
      const b = col(cond.b.side, cond.b.column, `conditions.${i}.b.column`);
      if (a && b && FAMILY[a.type] !== FAMILY[b.type]) {
        add(`conditions.${i}.b.column`, `比较的两列类型不一致：${a.name} 为${FAMILY_ZH[FAMILY[a.type]]}，${b.name} 为${FAMILY_ZH[FAMILY[b.type]]}`, 'type_mismatch');
      }
    } else if (a) {
      const v = cond.b.value;
      const ok =
        a.type === 'integer'
          ? /^[+-]?\d{1,15}$/.test(String(v))
          : a.type === 'decimal'
            ? /^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(String(v))
            : a.type === 'date'
              ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
              : true;
      if (!ok) add(`conditions.${i}.b.value`, `常量 ${v} 不是有效的${{ integer: '整数', decimal: '数字', date: '日期（YYYY-MM-DD）' }[a.type as 'integer'] ?? '值'}`, 'invalid_value');
    }
  });
  if (p.unit) col(p.unit.side, p.unit.column, 'unit.column');
  return issues;
}

const ALIAS = { left: 'l', right: 'r' } as const;
const ident = (s: string) => {
  if (!/^[a-z][a-z0-9_]*$/.test(s)) throw new Error(`invalid identifier ${s}`);
  return s;
};

/** A column of one side as a typed SQL expression: the typed key / resident_id columns where they apply. */
function expr(decl: DatasetDeclaration, side: 'left' | 'right', column: string): { sql: string; type: DatasetColumnType } {
  const c = columnOf(decl, column);
  if (!c) throw new Error(`unknown column ${column}`);
  const a = ALIAS[side];
  const raw =
    column === decl.keyColumn ? `${a}."key"` : column === decl.residentIdColumn ? `${a}."resident_id"` : `(${a}."values" ->> '${ident(column)}')`;
  return { sql: CAST[c.type] === 'text' ? raw : `${raw}::${CAST[c.type]}`, type: c.type };
}

/**
 * The `hits` CTE of a collision model; bind values start at $`first`. Columns: subject, unit_code, item_code, case_no,
 * applicant_id, vals — as for the business models.
 */
export function collisionHits(p: CollisionParams, datasets: Map<string, DatasetDeclaration>, first: number): { ctes: string; values: unknown[] } {
  const issues = collisionIssues(p, datasets);
  if (issues.length) throw new Error(`collision model does not fit its data sets: ${issues.map((i) => i.message).join('; ')}`);
  const L = datasets.get(p.left)!;
  const R = datasets.get(p.right)!;
  const decl = { left: L, right: R };
  const values: unknown[] = [p.left, p.right];
  const bind = (v: unknown) => {
    values.push(v);
    return `$${first + values.length - 1}`;
  };
  const lName = `$${first}`;
  const rName = `$${first + 1}`;
  const on = p.on.map((pair) => `${expr(L, 'left', pair.left).sql} = ${expr(R, 'right', pair.right).sql}`);
  const where = p.conditions.map((cond) => {
    const a = expr(decl[cond.a.side], cond.a.side, cond.a.column);
    const b = 'side' in cond.b ? expr(decl[cond.b.side], cond.b.side, cond.b.column).sql : `${bind(String(cond.b.value))}::${CAST[a.type]}`;
    return `${a.sql} ${cond.op} ${b}`;
  });
  const unit = p.unit ? expr(decl[p.unit.side], p.unit.side, p.unit.column).sql : 'NULL::text';
  const applicant = [L.residentIdColumn && 'l."resident_id"', R.residentIdColumn && 'r."resident_id"'].filter(Boolean);
  const ctes = `hits AS (
  SELECT l."key" || '|' || r."key" AS subject, ${unit} AS unit_code, NULL::text AS item_code, NULL::text AS case_no,
         ${applicant.length ? `coalesce(${applicant.join(', ')})` : 'NULL::text'} AS applicant_id,
         jsonb_build_object('left', jsonb_build_object('dataset', l.dataset, 'key', l."key", 'values', l."values"),
                            'right', jsonb_build_object('dataset', r.dataset, 'key', r."key", 'values', r."values")) AS vals
    FROM alert_dataset_row l
    JOIN alert_dataset_row r ON r.dataset = ${rName}::text AND ${on.join(' AND ')}
   WHERE l.dataset = ${lName}::text${where.map((w) => `\n     AND ${w}`).join('')})`;
  return { ctes, values };
}
