// One statistics table as an XLSX worksheet: the same rows the page shows, with the previous period beside them.
import ExcelJS from 'exceljs';
import { statisticsRateKeys, statisticsRateLabels, statisticsTableLabels, type StatisticsResponse, type StatisticsTable } from '@msjd/shared';

type Col = { header: string; key: string; width: number; numFmt?: string };
const P = '0.00%';
const cell = (x: number | null) => (x === null ? '' : x);

export function workbookRows(stats: StatisticsResponse, table: StatisticsTable): { cols: Col[]; rows: Record<string, unknown>[] } {
  const period = `${stats.period.from}至${stats.period.to}`;
  const before = `上期（${stats.previousPeriod.from}至${stats.previousPeriod.to}）`;
  const counts = (name: string, rows: StatisticsResponse['status'], previousHeader = before) => ({
    cols: [
      { header: name, key: 'label', width: 28 },
      { header: `本期（${period}）`, key: 'count', width: 26 },
      { header: previousHeader, key: 'previous', width: 30 },
    ],
    rows: rows.map((r) => ({ label: r.label, count: r.count, previous: r.previous })),
  });
  switch (table) {
    case 'status':
      return counts('状态', stats.status);
    case 'category':
      return counts('类别', stats.category);
    case 'channel':
      return counts('来源渠道', stats.channel);
    case 'unit':
      return counts('被反映单位', stats.unit);
    case 'township':
      return counts('乡镇', stats.township);
    case 'month':
      return counts('月份', stats.month, '上年同月');
    case 'rates':
      return {
        cols: [
          { header: '指标', key: 'label', width: 16 },
          { header: '本期', key: 'rate', width: 12, numFmt: P },
          { header: '本期分子', key: 'numerator', width: 10 },
          { header: '本期分母', key: 'denominator', width: 10 },
          { header: '上期', key: 'previousRate', width: 12, numFmt: P },
          { header: '上期分子', key: 'previousNumerator', width: 10 },
          { header: '上期分母', key: 'previousDenominator', width: 10 },
        ],
        rows: statisticsRateKeys.map((k) => ({
          label: statisticsRateLabels[k],
          rate: cell(stats.rates.current[k].rate),
          numerator: stats.rates.current[k].numerator,
          denominator: stats.rates.current[k].denominator,
          previousRate: cell(stats.rates.previous[k].rate),
          previousNumerator: stats.rates.previous[k].numerator,
          previousDenominator: stats.rates.previous[k].denominator,
        })),
      };
    case 'warnings':
      return {
        cols: [
          { header: '模型', key: 'modelTitle', width: 24 },
          { header: '阶段', key: 'stageLabel', width: 12 },
          { header: '本期预警', key: 'count', width: 10 },
          { header: '上期预警', key: 'previous', width: 10 },
        ],
        rows: stats.warnings,
      };
    case 'verification':
      return {
        cols: [
          { header: '模型', key: 'modelTitle', width: 24 },
          { header: '预警关闭为属实', key: 'warningConfirmed', width: 14 },
          { header: '预警关闭（有原因）', key: 'warningClosed', width: 16 },
          { header: '预警查实率', key: 'warningRate', width: 12, numFmt: P },
          { header: '上期预警查实率', key: 'warningPreviousRate', width: 14, numFmt: P },
          { header: '未记录原因', key: 'warningUnrecorded', width: 12 },
          { header: '核查查实（问责）', key: 'confirmed', width: 14 },
          { header: '查无实据', key: 'unfounded', width: 10 },
          { header: '核查查实率', key: 'rate', width: 12, numFmt: P },
          { header: '上期核查查实率', key: 'previousRate', width: 14, numFmt: P },
        ],
        rows: stats.verification.map((v) => ({
          ...v,
          warningRate: cell(v.warningRate),
          warningPreviousRate: cell(v.warningPreviousRate),
          rate: cell(v.rate),
          previousRate: cell(v.previousRate),
        })),
      };
    case 'accountability':
      return {
        cols: [
          { header: '期间', key: 'label', width: 30 },
          { header: '问责案件', key: 'cases', width: 10 },
          { header: '问责人数', key: 'people', width: 10 },
          { header: '追回资金（元）', key: 'money', width: 16, numFmt: '#,##0.00' },
        ],
        rows: [
          { label: `本期（${period}）`, ...stats.accountability.current, money: Number(stats.accountability.current.moneyRecovered) },
          { label: before, ...stats.accountability.previous, money: Number(stats.accountability.previous.moneyRecovered) },
        ],
      };
  }
}

export async function statisticsWorkbook(stats: StatisticsResponse, table: StatisticsTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(statisticsTableLabels[table]);
  const { cols, rows } = workbookRows(stats, table);
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
