// 巡察调研: question validation, answer validation (issues name the question), results aggregation, XLSX export.
import ExcelJS from 'exceljs';
import { type SurveyAnswerBody, type SurveyQuestion, surveyQuestionsSchema, type SurveyResults, surveyQuestionTypeLabels } from '@msjd/shared';
import { shanghaiWallClock } from '@msjd/shared/common';

export type AnswerValue = string | string[] | number;
export type Answers = Record<string, AnswerValue>;
export interface AnswerIssue {
  path: string;
  code: string;
  message: string;
}

export function parseQuestions(json: unknown): SurveyQuestion[] {
  return surveyQuestionsSchema.parse(json);
}

const isBlank = (v: AnswerValue | undefined) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Checks a citizen's answer sheet against the questions. Returns the issues (empty = valid) and the clean sheet. */
export function validateAnswers(questions: SurveyQuestion[], body: SurveyAnswerBody): { issues: AnswerIssue[]; clean: Answers } {
  const issues: AnswerIssue[] = [];
  const clean: Answers = {};
  const byId = new Map(questions.map((q, i) => [q.id, { q, n: i + 1 }]));
  for (const key of Object.keys(body.answers)) {
    if (!byId.has(key)) issues.push({ path: `answers.${key}`, code: 'unknown_question', message: `问卷中没有编号为 ${key} 的题目` });
  }
  questions.forEach((q, i) => {
    const path = `answers.${q.id}`;
    const name = `第${i + 1}题「${q.title}」`;
    const v = body.answers[q.id];
    const bad = (code: string, message: string) => issues.push({ path, code, message: `${name}${message}` });
    if (isBlank(v)) {
      if (q.required) bad('required', '为必答题');
      return;
    }
    switch (q.type) {
      case 'single':
        if (typeof v !== 'string' || !q.options.some((o) => o.id === v)) return bad('invalid_option', '请选择一个有效选项');
        clean[q.id] = v;
        return;
      case 'multiple': {
        if (!Array.isArray(v)) return bad('invalid_type', '应选择一个或多个选项');
        if (new Set(v).size !== v.length) return bad('duplicate_option', '选项重复');
        if (v.some((x) => !q.options.some((o) => o.id === x))) return bad('invalid_option', '包含无效选项');
        if (q.maxChoices && v.length > q.maxChoices) return bad('too_many', `最多选择 ${q.maxChoices} 项`);
        clean[q.id] = q.options.filter((o) => v.includes(o.id)).map((o) => o.id);
        return;
      }
      case 'rating':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) return bad('invalid_rating', '评分应为 1 到 5 的整数');
        clean[q.id] = v;
        return;
      case 'text':
        if (typeof v !== 'string') return bad('invalid_type', '应填写文字');
        if (v.trim().length > q.maxLength) return bad('too_long', `不能超过 ${q.maxLength} 字`);
        clean[q.id] = v.trim();
        return;
    }
  });
  return { issues, clean };
}

export function aggregate(survey: { id: string; title: string }, questions: SurveyQuestion[], sheets: Answers[]): SurveyResults {
  return {
    surveyId: survey.id,
    title: survey.title,
    answerCount: sheets.length,
    questions: questions.map((q) => {
      const values = sheets.map((s) => s[q.id]).filter((v) => !isBlank(v));
      const base = { id: q.id, title: q.title, type: q.type, answered: values.length };
      switch (q.type) {
        case 'single':
        case 'multiple':
          return {
            ...base,
            options: q.options.map((o) => ({
              id: o.id,
              label: o.label,
              count: values.filter((v) => (Array.isArray(v) ? v.includes(o.id) : v === o.id)).length,
            })),
          };
        case 'rating': {
          const nums = values.filter((v): v is number => typeof v === 'number');
          return {
            ...base,
            options: [1, 2, 3, 4, 5].map((n) => ({ id: String(n), label: `${n} 分`, count: nums.filter((x) => x === n).length })),
            average: nums.length ? Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 100) / 100 : null,
          };
        }
        case 'text':
          return { ...base, texts: values.filter((v): v is string => typeof v === 'string') };
      }
    }),
  };
}

function display(q: SurveyQuestion, v: AnswerValue | undefined): string | number {
  if (v === undefined) return '';
  if (q.type === 'single' || q.type === 'multiple') {
    const ids = Array.isArray(v) ? v : [String(v)];
    return ids.map((id) => q.options.find((o) => o.id === id)?.label ?? id).join('、');
  }
  return Array.isArray(v) ? v.join('、') : v;
}

/** 统计 (per question and option) and 答卷明细 (one row per sheet, no citizen identity). */
export async function exportXlsx(
  survey: { id: string; title: string },
  questions: SurveyQuestion[],
  rows: { answers: Answers; createdAt: Date }[],
): Promise<Buffer> {
  const results = aggregate(survey, questions, rows.map((r) => r.answers));
  const wb = new ExcelJS.Workbook();
  wb.creator = '码上监督';
  const sum = wb.addWorksheet('统计');
  sum.columns = [
    { header: '题号', key: 'n', width: 6 },
    { header: '题目', key: 'title', width: 40 },
    { header: '题型', key: 'type', width: 12 },
    { header: '选项/内容', key: 'option', width: 40 },
    { header: '人数', key: 'count', width: 8 },
    { header: '占比', key: 'pct', width: 10 },
  ];
  sum.getRow(1).font = { bold: true };
  sum.addRow({ title: `${survey.title}（共 ${results.answerCount} 份答卷）` });
  results.questions.forEach((q, i) => {
    const type = surveyQuestionTypeLabels[q.type];
    if (q.options) {
      for (const o of q.options) {
        sum.addRow({ n: i + 1, title: q.title, type, option: o.label, count: o.count, pct: q.answered ? `${((o.count / q.answered) * 100).toFixed(1)}%` : '' });
      }
      if (q.type === 'rating') sum.addRow({ n: i + 1, title: q.title, type, option: '平均分', count: q.average ?? '' });
    } else {
      sum.addRow({ n: i + 1, title: q.title, type, option: `${q.answered} 条文字回答（见“答卷明细”）`, count: q.answered });
    }
  });
  const detail = wb.addWorksheet('答卷明细');
  detail.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '提交时间', key: 'at', width: 20 },
    ...questions.map((q, i) => ({ header: `${i + 1}. ${q.title}`, key: q.id, width: 24 })),
  ];
  detail.getRow(1).font = { bold: true };
  rows.forEach((r, i) => {
    const at = shanghaiWallClock(r.createdAt).toISOString().slice(0, 19).replace('T', ' ');
    detail.addRow({ n: i + 1, at, ...Object.fromEntries(questions.map((q) => [q.id, display(q, r.answers[q.id])])) });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
