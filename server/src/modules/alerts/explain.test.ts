import { describe, expect, it } from 'vitest';
import { type ExplainableWarning, explainWarning, subjectText } from './explain';

// working-day numbers of March 2026 (Mon 2 .. Fri 13; the weekend keeps Friday's number)
const seq = new Map(
  Object.entries({ '2026-03-02': 1, '2026-03-03': 2, '2026-03-04': 3, '2026-03-05': 4, '2026-03-06': 5, '2026-03-07': 5, '2026-03-08': 5, '2026-03-09': 6, '2026-03-10': 7, '2026-03-11': 8, '2026-03-12': 9, '2026-03-13': 10, '2026-03-20': 15 }),
);
const ctx = { datasetLabel: (n: string) => ({ disability_certificates: '残疾人证登记（残联）', village_cadres: '村（社区）干部名册（组织部）' })[n] ?? n, workdaySeq: seq };
const w = (over: Partial<ExplainableWarning>): ExplainableWarning => ({
  kind: 'overdue',
  subject: 'BJ1',
  caseNo: 'BJ1',
  itemCode: 'SC001',
  itemName: '营业执照设立登记',
  unitCode: 'D001',
  unitName: '县市场监督管理局',
  applicantId: '410725196803120419',
  asOf: '2026-03-20',
  values: {},
  params: {},
  ...over,
});

describe('explainWarning', () => {
  it('overdue: by how many working days, promised and actual', () => {
    const finished = w({ values: { accepted_on: '2026-03-02', promised_days: 5, deadline: '2026-03-09', finished_on: '2026-03-12' } });
    expect(explainWarning(finished, ctx)).toBe('办件 BJ1（事项「营业执照设立登记」（SC001））超出承诺时限 3 个工作日（承诺 5 个工作日，实际 8 个工作日）');
    const open = w({ values: { accepted_on: '2026-03-02', promised_days: 5, deadline: '2026-03-09', finished_on: null } });
    expect(explainWarning(open, ctx)).toBe('办件 BJ1（事项「营业执照设立登记」（SC001））截至 2026-03-20 仍未办结，已超出承诺时限 9 个工作日（承诺 5 个工作日，已用 14 个工作日）');
    // outside the calendar: the dates instead of the counts
    const far = w({ values: { accepted_on: '2030-01-02', promised_days: 1, deadline: '2030-01-03', finished_on: '2030-01-09' }, itemName: null });
    expect(explainWarning(far, ctx)).toBe('办件 BJ1（事项 SC001）超出承诺时限（承诺 1 个工作日，期限 2030-01-03，2030-01-09 办结）');
  });

  it('the other business models quote their values and the thresholds of the version that raised them', () => {
    expect(
      explainWarning(w({ kind: 'low_pass_rate', caseNo: null, values: { finished: 25, approved: 12, pass_rate: 0.48, window_days: 90 }, params: { maxPassRate: 0.6 } }), ctx),
    ).toBe('县市场监督管理局的事项「营业执照设立登记」（SC001）近 90 天办结 25 件，通过 12 件，通过率 48.0%，低于 60.0%');
    expect(explainWarning(w({ kind: 'not_one_time', values: { supplement_count: 3 }, params: { minSupplements: 2 } }), ctx)).toBe(
      '办件 BJ1（事项「营业执照设立登记」（SC001））补正 3 次（达到 2 次即预警），未做到一次性告知',
    );
    expect(
      explainWarning(w({ kind: 'unequal_treatment', values: { duration: 12, median: 2.5, finished: 15, factor: 3 }, params: { windowDays: 90, minMedian: 1 } }), ctx),
    ).toBe('办件 BJ1（事项「营业执照设立登记」（SC001））办理用时 12 个工作日，同事项近 90 天 15 件办结办件用时中位数为 2.5 个工作日，是中位数的 4.8 倍，超过 3 倍');
    expect(explainWarning(w({ kind: 'dissatisfied', values: { rating: 2 } }), ctx)).toBe('办件 BJ1（事项「营业执照设立登记」（SC001））的办事评价为「不满意」（2 分）');
    expect(
      explainWarning(
        w({ kind: 'obstruction', caseNo: null, values: { count: 3, cases: ['A1', 'A2', 'A3'], window_days: 30 }, params: { results: ['rejected', 'returned'] } }),
        ctx,
      ),
    ).toBe('同一申请人办理事项「营业执照设立登记」（SC001），近 30 天内 3 次被不予许可或退回（办件 A1、A2、A3）');
  });

  it('collision: the two matched rows by their data sets’ names, ID numbers masked', () => {
    const c = w({
      kind: 'collision',
      caseNo: null,
      itemCode: null,
      unitName: '城关镇',
      subject: '41072519680312041X42|41072519680312041X',
      values: { left: { dataset: 'disability_certificates', key: '41072519680312041X42', values: {} }, right: { dataset: 'village_cadres', key: '41072519680312041X', values: {} } },
    });
    expect(explainWarning(c, ctx)).toBe('残疾人证登记（残联）中的 410725********041X42 与村（社区）干部名册（组织部）中的 410725********041X 比对命中模型条件，责任单位 城关镇');
    expect(subjectText(c, ctx)).toBe('残疾人证登记（残联） 410725********041X42 × 村（社区）干部名册（组织部） 410725********041X');
  });

  it('names the subject without its raw key', () => {
    expect(subjectText(w({}), ctx)).toBe('办件 BJ1');
    expect(subjectText(w({ kind: 'obstruction', caseNo: null, subject: '410725196803120419|SC001' }), ctx)).toBe('申请人 410725********0419 · 事项「营业执照设立登记」（SC001）');
    expect(subjectText(w({ kind: 'low_pass_rate', caseNo: null, subject: 'D001|SC001' }), ctx)).toBe('县市场监督管理局 · 事项「营业执照设立登记」（SC001）');
  });
});
