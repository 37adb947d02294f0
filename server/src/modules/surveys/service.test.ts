import { surveyQuestionsSchema } from '@msjd/shared';
import { describe, expect, it } from 'vitest';
import { aggregate, validateAnswers } from './service';

const questions = surveyQuestionsSchema.parse([
  { id: 'q1', type: 'single', title: '您对巡察工作是否了解', options: [{ id: 'a', label: '了解' }, { id: 'b', label: '不了解' }] },
  { id: 'q2', type: 'multiple', title: '您认为存在哪些问题', options: [{ id: 'x', label: '作风' }, { id: 'y', label: '乱收费' }, { id: 'z', label: '其他' }], maxChoices: 2, required: false },
  { id: 'q3', type: 'rating', title: '满意度' },
  { id: 'q4', type: 'text', title: '意见建议', required: false, maxLength: 10 },
]);

describe('survey questions', () => {
  it('rejects duplicate question ids and choice questions without options', () => {
    expect(surveyQuestionsSchema.safeParse([...questions, { id: 'q1', type: 'rating', title: 'x' }]).success).toBe(false);
    expect(surveyQuestionsSchema.safeParse([{ id: 'q9', type: 'single', title: 'x', options: [] }]).success).toBe(false);
    expect(surveyQuestionsSchema.safeParse([{ id: 'bad id', type: 'rating', title: 'x' }]).success).toBe(false);
  });
});

describe('validateAnswers', () => {
  it('accepts a complete sheet and normalises it', () => {
    const r = validateAnswers(questions, { answers: { q1: 'a', q2: ['y', 'x'], q3: 4, q4: '  很好 ' } });
    expect(r.issues).toEqual([]);
    expect(r.clean).toEqual({ q1: 'a', q2: ['x', 'y'], q3: 4, q4: '很好' });
    expect(validateAnswers(questions, { answers: { q1: 'b', q3: 1, q4: '' } }).issues).toEqual([]);
  });
  it('names the question at fault', () => {
    const paths = (answers: Record<string, string | string[] | number>) => validateAnswers(questions, { answers }).issues.map((i) => i.path);
    expect(paths({ q3: 5 })).toEqual(['answers.q1']);
    expect(validateAnswers(questions, { answers: { q3: 5 } }).issues[0]!.message).toBe('第1题「您对巡察工作是否了解」为必答题');
    expect(paths({ q1: 'c', q3: 5 })).toEqual(['answers.q1']);
    expect(paths({ q1: ['a'], q3: 5 })).toEqual(['answers.q1']);
    expect(paths({ q1: 'a', q2: ['x', 'y', 'z'], q3: 5 })).toEqual(['answers.q2']);
    expect(paths({ q1: 'a', q2: ['x', 'x'], q3: 5 })).toEqual(['answers.q2']);
    expect(paths({ q1: 'a', q2: 'x', q3: 5 })).toEqual(['answers.q2']);
    expect(paths({ q1: 'a', q3: 6 })).toEqual(['answers.q3']);
    expect(paths({ q1: 'a', q3: 2.5 })).toEqual(['answers.q3']);
    expect(paths({ q1: 'a', q3: '5' })).toEqual(['answers.q3']);
    expect(paths({ q1: 'a', q3: 5, q4: '这是一段超过十个字的很长的意见' })).toEqual(['answers.q4']);
    expect(paths({ q1: 'a', q3: 5, q9: 'x' })).toEqual(['answers.q9']);
  });
});

describe('aggregate', () => {
  it('counts options, averages ratings and collects texts', () => {
    const r = aggregate({ id: 's', title: 't' }, questions, [
      { q1: 'a', q2: ['x', 'y'], q3: 5, q4: '好' },
      { q1: 'a', q2: ['x'], q3: 4 },
      { q1: 'b', q3: 2 },
    ]);
    expect(r.answerCount).toBe(3);
    expect(r.questions[0]!.options).toEqual([{ id: 'a', label: '了解', count: 2 }, { id: 'b', label: '不了解', count: 1 }]);
    expect(r.questions[1]!.answered).toBe(2);
    expect(r.questions[1]!.options!.map((o) => o.count)).toEqual([2, 1, 0]);
    expect(r.questions[2]!.average).toBe(3.67);
    expect(r.questions[2]!.options!.map((o) => o.count)).toEqual([0, 1, 0, 1, 1]);
    expect(r.questions[3]!.texts).toEqual(['好']);
  });
});
