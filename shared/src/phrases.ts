// 办理常用语: preset 不予受理 reasons, reply templates and the other free-text steps of handling a report, kept by
// supervisors. A template may hold placeholders ({编号} …) that the picker fills from the report before staff edit
// and send the text: what is sent is what staff saw, and the server stores it as written.
import { z } from 'zod';

export const handlingPhraseKinds = ['reject_reason', 'reply', 'return_reason', 'notice_requirement', 'close_note', 'urge_requirement'] as const;
export const handlingPhraseKindSchema = z.enum(handlingPhraseKinds, { message: '请选择用语类别' });
export type HandlingPhraseKind = z.infer<typeof handlingPhraseKindSchema>;
export const handlingPhraseKindLabels: Record<HandlingPhraseKind, string> = {
  reject_reason: '不予受理理由',
  reply: '答复模板',
  return_reason: '退回理由',
  notice_requirement: '立行立改整改要求',
  close_note: '提前办结说明',
  urge_requirement: '督办要求',
};
/** The longest text the step that uses a phrase accepts (the transition and notice bodies' limits). */
export const handlingPhraseMaxLength: Record<HandlingPhraseKind, number> = {
  reject_reason: 2000,
  reply: 5000,
  return_reason: 2000,
  notice_requirement: 5000,
  close_note: 2000,
  urge_requirement: 5000,
};

/** What a placeholder stands for; filled from the report the phrase is used on. */
export const handlingPhrasePlaceholders = {
  编号: '举报编号',
  类别: '问题类别',
  单位: '被反映单位',
  承办单位: '承办巡察组或单位',
  日期: '今天的日期（如 2026年12月6日）',
} as const;
export type HandlingPhrasePlaceholder = keyof typeof handlingPhrasePlaceholders;
const PLACEHOLDER = /\{([^{}\s]{1,10})\}/g;

/** Placeholders in a text that are not among handlingPhrasePlaceholders. */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !Object.hasOwn(handlingPhrasePlaceholders, name)))];
}

/**
 * Fills a phrase's placeholders. A value the report does not have (no reported unit, say) leaves its placeholder in
 * the text, so the person sending it sees what is still to be written instead of a sentence with a hole.
 */
export function fillHandlingPhrase(body: string, values: Partial<Record<HandlingPhrasePlaceholder, string | null | undefined>>): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => {
    const v = Object.hasOwn(values, name) ? values[name as HandlingPhrasePlaceholder] : undefined;
    return v ? v : whole;
  });
}

/** Placeholders still in a filled text (known ones only: braces may be part of what was written). */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => Object.hasOwn(handlingPhrasePlaceholders, name)))];
}

/** 2026年12月6日 for a YYYY-MM-DD day. */
export const chineseDate = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const title = z.string().trim().min(2, '请填写标题（至少 2 个字）').max(40, '标题不能超过 40 个字');
const body = z.string().trim().min(2, '请填写内容（至少 2 个字）').max(5000, '内容不能超过 5000 个字');
const sort = z.number({ error: '排序须为数字' }).int('排序须为整数').min(0, '排序不能小于 0').max(9999, '排序不能超过 9999');

function checkBody(kind: HandlingPhraseKind | undefined, text: string | undefined, ctx: z.RefinementCtx) {
  if (text === undefined) return;
  const unknown = unknownPlaceholders(text);
  if (unknown.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['body'],
      message: `占位符 ${unknown.map((n) => `{${n}}`).join('、')} 不可用，可用的有 ${Object.keys(handlingPhrasePlaceholders).map((n) => `{${n}}`).join('、')}`,
    });
  }
  if (kind && text.length > handlingPhraseMaxLength[kind]) {
    ctx.addIssue({ code: 'custom', path: ['body'], message: `${handlingPhraseKindLabels[kind]}不能超过 ${handlingPhraseMaxLength[kind]} 个字` });
  }
}

export const handlingPhraseCreateBody = z
  .object({ kind: handlingPhraseKindSchema, title, body, sort: sort.default(100), enabled: z.boolean().default(true) })
  .superRefine((b, ctx) => checkBody(b.kind, b.body, ctx));
export type HandlingPhraseCreateBody = z.input<typeof handlingPhraseCreateBody>;
/** A change to a phrase; its kind stays (a reason is not a reply). The kind's length limit is checked by the server. */
export const handlingPhraseUpdateBody = z
  .object({ title: title.optional(), body: body.optional(), sort: sort.optional(), enabled: z.boolean().optional() })
  .superRefine((b, ctx) => checkBody(undefined, b.body, ctx))
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容', path: ['title'] });
export type HandlingPhraseUpdateBody = z.input<typeof handlingPhraseUpdateBody>;

export const handlingPhraseListQuery = z.object({
  kind: handlingPhraseKindSchema.optional(),
  /** the keepers' page lists the disabled ones too; the pickers never offer them */
  all: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export const handlingPhraseView = z.object({
  id: z.string(),
  kind: handlingPhraseKindSchema,
  title: z.string(),
  body: z.string(),
  sort: z.number().int(),
  enabled: z.boolean(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});
export type HandlingPhrase = z.infer<typeof handlingPhraseView>;
export const handlingPhraseListResponse = z.object({ items: z.array(handlingPhraseView) });
