// 消息: what the commission told a logged-in citizen about their real-name reports and their enterprise's cases — the
// outbox rows written at each public state change (also pushed as 订阅消息 when WeChat is configured), newest first,
// read or unread. A 保密 report has no account, so it never has a message here.
import { z } from 'zod';
import { boolQuery } from './reports';

/** What a message is about, so the app can open it: a citizen's own report, or an enterprise's case (投诉/差评). */
export const citizenMessageSubject = z.object({
  kind: z.enum(['report', 'enterprise_case']),
  /** the report's id, or for an enterprise case the complaint's id (the case page opens by it) */
  id: z.string(),
  serial: z.string(),
});
export type CitizenMessageSubject = z.infer<typeof citizenMessageSubject>;

export const citizenMessage = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  subject: citizenMessageSubject.nullable(),
});
export type CitizenMessage = z.infer<typeof citizenMessage>;

export const citizenMessageQuery = z.object({
  unread: boolQuery.optional().describe('只看未读'),
  page: z.coerce.number().int('页码应为整数').min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number().int('每页条数应为整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条').default(20),
});
export type CitizenMessageQuery = z.infer<typeof citizenMessageQuery>;

export const citizenMessageList = z.object({
  items: z.array(citizenMessage),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CitizenMessageList = z.infer<typeof citizenMessageList>;

/** The badge on 我的, and the answer to marking read. */
export const citizenMessageUnread = z.object({ unread: z.number().int() });
export type CitizenMessageUnread = z.infer<typeof citizenMessageUnread>;
