// One sentence per warning, in Chinese, from its model's kind and the values that triggered it (compile.ts records
// them), and what the warning is about in words — never its raw identity key, and resident IDs masked. Pure: the
// working-day counts and the names it needs come in the context.
import { evaluationLevelLabels, maskIdNumbers } from '@msjd/shared';

export type ExplainableWarning = {
  /** the model's kind (overdue, …, collision) */
  kind: string;
  subject: string;
  caseNo: string | null;
  itemCode: string | null;
  itemName: string | null;
  unitCode: string | null;
  unitName: string | null;
  applicantId: string | null;
  asOf: string;
  values: Record<string, unknown>;
  /** the parameters of the model version that raised it (thresholds quoted in the sentence) */
  params: Record<string, unknown>;
};

export type ExplainContext = {
  /** a data set's Chinese name */
  datasetLabel: (name: string) => string;
  /** working-day sequence numbers by date (work_calendar): a count of working days is a difference of two */
  workdaySeq: Map<string, number>;
};

const resultLabels: Record<string, string> = { approved: '通过', rejected: '不予许可', returned: '退回' };

const num = (v: unknown): number | null => (v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
/** 2, 2.5, 0.33 — no trailing zeros */
const plain = (n: number, digits = 2) => String(Number(n.toFixed(digits)));
const percent = (n: number) => `${(n * 100).toFixed(1)}%`;

function itemText(w: ExplainableWarning): string {
  if (w.itemName && w.itemCode) return `事项「${w.itemName}」（${w.itemCode}）`;
  return w.itemCode ? `事项 ${w.itemCode}` : '该事项';
}
const unitText = (w: ExplainableWarning) => w.unitName ?? (w.unitCode ? `单位 ${w.unitCode}` : '未指明单位');
const caseText = (w: ExplainableWarning) => `办件 ${w.caseNo ?? w.subject}（${itemText(w)}）`;

type Matched = { dataset?: unknown; key?: unknown };
const matched = (v: unknown): Matched => (typeof v === 'object' && v !== null ? (v as Matched) : {});

/** What the warning is about, in words. */
export function subjectText(w: ExplainableWarning, ctx: ExplainContext): string {
  if (w.kind === 'collision') {
    const l = matched(w.values.left);
    const r = matched(w.values.right);
    const side = (m: Matched) => `${ctx.datasetLabel(String(m.dataset ?? ''))} ${maskIdNumbers(String(m.key ?? ''))}`;
    return `${side(l)} × ${side(r)}`;
  }
  if (w.caseNo) return `办件 ${w.caseNo}`;
  if (w.kind === 'obstruction') return `申请人 ${maskIdNumbers(w.applicantId ?? '')} · ${itemText(w)}`;
  if (w.kind === 'low_pass_rate') return `${unitText(w)} · ${itemText(w)}`;
  return maskIdNumbers(w.subject);
}

function workdays(ctx: ExplainContext, from: string | null, to: string | null): number | null {
  const a = from ? ctx.workdaySeq.get(from) : undefined;
  const b = to ? ctx.workdaySeq.get(to) : undefined;
  return a === undefined || b === undefined ? null : b - a;
}

/** The one sentence that says why the warning was raised. */
export function explainWarning(w: ExplainableWarning, ctx: ExplainContext): string {
  const v = w.values;
  switch (w.kind) {
    case 'overdue': {
      const promised = num(v.promised_days);
      const finished = str(v.finished_on);
      const end = finished ?? w.asOf;
      const actual = workdays(ctx, str(v.accepted_on), end);
      const over = workdays(ctx, str(v.deadline), end);
      if (actual === null || over === null) {
        return `${caseText(w)}超出承诺时限（承诺 ${promised ?? '—'} 个工作日，期限 ${str(v.deadline) ?? '—'}，${finished ? `${finished} 办结` : `截至 ${w.asOf} 仍未办结`}）`;
      }
      return finished
        ? `${caseText(w)}超出承诺时限 ${over} 个工作日（承诺 ${promised} 个工作日，实际 ${actual} 个工作日）`
        : `${caseText(w)}截至 ${w.asOf} 仍未办结，已超出承诺时限 ${over} 个工作日（承诺 ${promised} 个工作日，已用 ${actual} 个工作日）`;
    }
    case 'low_pass_rate': {
      const rate = num(v.pass_rate);
      const threshold = num(w.params.maxPassRate);
      return `${unitText(w)}的${itemText(w)}近 ${num(v.window_days) ?? '—'} 天办结 ${num(v.finished) ?? '—'} 件，通过 ${num(v.approved) ?? '—'} 件，通过率 ${
        rate === null ? '—' : percent(rate)
      }${threshold === null ? '' : `，低于 ${percent(threshold)}`}`;
    }
    case 'not_one_time': {
      const min = num(w.params.minSupplements);
      return `${caseText(w)}补正 ${num(v.supplement_count) ?? '—'} 次${min === null ? '' : `（达到 ${min} 次即预警）`}，未做到一次性告知`;
    }
    case 'unequal_treatment': {
      const duration = num(v.duration);
      const median = num(v.median);
      const floor = num(w.params.minMedian) ?? 1;
      const base = median === null ? null : Math.max(median, floor);
      const ratio = duration !== null && base ? `，是中位数的 ${plain(duration / base, 1)} 倍` : '';
      return `${caseText(w)}办理用时 ${duration ?? '—'} 个工作日，同事项近 ${num(w.params.windowDays) ?? '—'} 天 ${num(v.finished) ?? '—'} 件办结办件用时中位数为 ${
        median === null ? '—' : plain(median)
      } 个工作日${ratio}，超过 ${num(v.factor) === null ? '—' : plain(num(v.factor)!)} 倍`;
    }
    case 'dissatisfied': {
      const rating = num(v.rating);
      const label = rating === null ? null : (evaluationLevelLabels as Record<number, string>)[rating];
      return `${caseText(w)}的办事评价为「${label ?? '—'}」（${rating ?? '—'} 分）`;
    }
    case 'obstruction': {
      const results = Array.isArray(w.params.results) ? w.params.results.map((r) => resultLabels[String(r)] ?? String(r)).join('或') : '不予许可或退回';
      const cases = Array.isArray(v.cases) ? v.cases.map(String) : [];
      return `同一申请人办理${itemText(w)}，近 ${num(v.window_days) ?? '—'} 天内 ${num(v.count) ?? cases.length} 次被${results}${cases.length ? `（办件 ${cases.join('、')}）` : ''}`;
    }
    case 'collision': {
      const l = matched(v.left);
      const r = matched(v.right);
      const ll = ctx.datasetLabel(String(l.dataset ?? ''));
      const rl = ctx.datasetLabel(String(r.dataset ?? ''));
      return `${ll}中的 ${maskIdNumbers(String(l.key ?? ''))} 与${rl}中的 ${maskIdNumbers(String(r.key ?? ''))} 比对命中模型条件${w.unitName || w.unitCode ? `，责任单位 ${unitText(w)}` : ''}`;
    }
    default:
      return `${subjectText(w, ctx)} 触发预警`;
  }
}
