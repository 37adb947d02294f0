// The one permission table: which staff role may perform which action, and over what (its scope). Every route names
// its action in `config.permission`; the staff scope checks it in one hook (see plugins/permissions.ts), and a test
// walks every registered route against every role. The README's role × capability table is generated from the same
// data (permissionTableMarkdown; a test fails when the README differs).
//
// Scopes: `all` = every record; `unit` = the records of the actor's own unit (责任单位联络员); `tourGroup` = the
// records of the units the actor's tour group inspects (巡察组); `own` = the actor's own account only. The hook
// enforces the role; routes whose records are scoped apply `scopeOf()` in their queries.
import { staffRoleLabels, staffRoles, type StaffRole } from '@msjd/shared';

export type Scope = 'all' | 'unit' | 'tourGroup' | 'own';
type Grant = Partial<Record<StaffRole, Scope>>;

// Role groups, named as in product.md's table of who does what.
const LEADERS = { supervisor: 'all', admin: 'all' } as const satisfies Grant;
const TOUR_STAFF = { ...LEADERS, tour_group: 'tourGroup' } as const satisfies Grant;
const CASE_STAFF = { intake: 'all', tour_group: 'tourGroup', unit_liaison: 'unit', ...LEADERS } as const satisfies Grant;
const BUSINESS_READERS = { intake: 'all', unit_liaison: 'unit', ...LEADERS } as const satisfies Grant;
const EVERY_STAFF = { intake: 'own', tour_group: 'own', unit_liaison: 'own', supervisor: 'own', admin: 'own', auditor: 'own' } as const satisfies Grant;

/** action -> [Chinese description, roles with their scope]. Order is the README table's order. */
export const permissionTable = {
  // ---- own account (every staff role, the auditor included) ----
  'session.self': ['本人登录信息、修改密码、两步验证、退出', EVERY_STAFF],
  // ---- accounts and settings (三员分立: the administrator; never the audit log, never a reporter's identity) ----
  'account.read': ['查看用户账号', { admin: 'all' }],
  'account.manage': ['新建、修改、停用、解锁用户账号，重置密码', { admin: 'all' }],
  'calendar.read': ['查看工作日历、计算期限', { intake: 'all', tour_group: 'all', unit_liaison: 'all', ...LEADERS }],
  'calendar.manage': ['修改工作日历', LEADERS],
  'unit.read': ['查看单位目录', { intake: 'all', tour_group: 'all', unit_liaison: 'all', ...LEADERS }],
  // ---- audit log (三员分立: the auditor alone) ----
  'audit.read': ['查看审计日志', { auditor: 'all' }],
  'audit.export': ['导出审计日志', { auditor: 'all' }],
  // ---- reports (码上监督) ----
  'report.read': ['查看举报（巡察组、联络员仅交办给本组/本单位的）', CASE_STAFF],
  'report.register': ['登记来信、来电、来访、12388、上级转办的反映', { intake: 'all', supervisor: 'all' }],
  'report.export': ['导出举报列表', CASE_STAFF],
  'report.act': ['办理举报（受理、交办、回复、办结等；每步角色由办理流程规定）', CASE_STAFF],
  'report.extension.request': ['申请延期答复（巡察组、联络员仅本组/本单位承办的）', { intake: 'all', tour_group: 'tourGroup', unit_liaison: 'unit', supervisor: 'all' }],
  'report.extension.approve': ['审批延期申请（不能审批本人的申请）', { supervisor: 'all' }],
  'report.attach': ['上传办理附件', CASE_STAFF],
  'report.file': ['打开举报图片或视频（凭查看举报时签发的 10 分钟令牌，令牌即授权）', CASE_STAFF],
  'report.reveal': ['查看举报人身份（逐次审计）', { intake: 'all', supervisor: 'all' }],
  'report.reveal.approve': ['批准他人查看举报人身份的申请（双人审批，不能批准本人的申请）', { supervisor: 'all' }],
  'report.message.read': ['查看与举报人的往来消息', { intake: 'all', supervisor: 'all' }],
  'report.message.ask': ['向举报人询问情况', { intake: 'all', supervisor: 'all' }],
  'report.redact': ['标注交办单中需遮盖的可识别信息', { intake: 'all', ...LEADERS }],
  'report.handover': ['选择随交办单移交给承办单位的图片、视频和材料（默认不移交，图片可能识别出举报人）', { intake: 'all', ...LEADERS }],
  'report.category.manage': ['设置举报类别与期限', LEADERS],
  // the unit answers a notice in 整改跟踪 (rectification.submit); its tour group or a supervisor accepts it there
  'report.notice.issue': ['下发立行立改通知书（承办巡察组或纪检干部）', TOUR_STAFF],
  'report.notice.print': ['打印立行立改通知书（联络员：致本单位或本单位承办的）', CASE_STAFF],
  // the words of a 不予受理 reason or a reply are the commission's: supervisors keep them, case staff pick from them
  'handling.phrase.read': ['查看办理常用语（不予受理理由、答复模板等）', CASE_STAFF],
  'handling.phrase.manage': ['维护办理常用语', LEADERS],
  // ---- tours (智慧巡察) ----
  'tour.read': ['查看巡察轮次、巡察组、被巡察单位', { intake: 'all', ...TOUR_STAFF }],
  'tour.manage': ['管理巡察轮次、巡察组、被巡察单位', LEADERS],
  'tour.notice': ['起草、发布、撤回巡察公示', TOUR_STAFF],
  'tour.survey': ['管理巡察调研问卷与结果', TOUR_STAFF],
  'tour.poster': ['被巡察单位二维码与海报', TOUR_STAFF],
  'scene.create': ['生成二维码场景', TOUR_STAFF],
  'scene.revoke': ['作废二维码场景', LEADERS],
  'rectification.read': ['查看整改任务', { tour_group: 'tourGroup', unit_liaison: 'unit', ...LEADERS }],
  'rectification.manage': ['下发、验收整改任务', TOUR_STAFF],
  'rectification.submit': ['上传整改材料、提交整改', { unit_liaison: 'unit' }],
  // ---- business environment (营商环境) ----
  'business.read': ['查看进驻单位、事项、评议、评价、涉诉案件', BUSINESS_READERS],
  'business.manage': ['管理进驻单位、事项、评议，复核申诉', LEADERS],
  'business.point.read': ['查看监测点与企业（含邀请码；联络员仅本单位）', BUSINESS_READERS],
  'business.point.manage': ['管理监测点、企业、邀请码与海报', LEADERS],
  'business.contact.reveal': ['查看企业联系人（逐次审计）', { intake: 'all', supervisor: 'all' }],
  'business.appeal': ['对差评提出申诉', { unit_liaison: 'unit', ...LEADERS }],
  // 保存期限 is a setting (the administrator's); holding a report's material against it is a case decision (supervisors)
  'retention.read': ['查看保存期限与待销毁、保全、已销毁统计', LEADERS],
  'retention.update': ['设置保存期限（逐次审计）', { admin: 'all' }],
  'report.legal_hold.read': ['查看举报的法律保全记录与销毁期限', { intake: 'all', ...LEADERS }],
  'report.legal_hold': ['对举报施加或解除法律保全（须填写原因，逐次审计）', { supervisor: 'all' }],
  'desk.read': ['工作台：本人待办与考核指标（范围同各列表）', CASE_STAFF],
  // reminders are one's own; what they announce was already in the caller's lists (the auditor has no case work)
  'notification.own': ['提醒中心：本人的提醒（新交办、即将到期、超期、整改、预警、审批、每日待办）与已读', { intake: 'own', tour_group: 'own', unit_liaison: 'own', supervisor: 'own', admin: 'own' }],
  'statistics.overview': ['统计分析总览（举报、预警、问责）与导出', LEADERS],
  'statistics.read': ['统计分析与导出', { intake: 'all', ...LEADERS }],
  // ---- alert engine (预警) ----
  'alert.warning.read': ['查看预警（巡察组：本组巡察单位；联络员：本单位）', { intake: 'all', tour_group: 'tourGroup', unit_liaison: 'unit', ...LEADERS }],
  // the cases behind the warnings, read by the warnings' readers (a warning's detail already shows its cases)
  'service_case.read': ['服务办理：查看办件、相关预警与申报材料（证件号码遮盖；巡察组：本组巡察单位；联络员：本单位）', { intake: 'all', tour_group: 'tourGroup', unit_liaison: 'unit', ...LEADERS }],
  'alert.escalation.read': ['查看督办、核查、问责案件（联络员：本单位）', { unit_liaison: 'unit', ...LEADERS }],
  'alert.handle': ['关闭预警、办结督办核查问责', LEADERS],
  // the unit answers a 督办通知书 in 整改跟踪 (rectification.submit); supervisors accept it there, closing the 督办
  'alert.urge.issue': ['下发督办通知书（督办阶段的案件；致案件所属单位，改送其他单位须说明理由）', LEADERS],
  'alert.urge.print': ['打印督办通知书（联络员：致本单位的）', { unit_liaison: 'unit', ...LEADERS }],
  'alert.reveal': ['查看预警依据与数据集中完整的身份证号码（逐次审计）', { supervisor: 'all' }],
  'alert.data': ['数据集与数据行、导入', LEADERS],
  'alert.model': ['监督模型、运行记录、运行计划', LEADERS],
} as const satisfies Record<string, readonly [string, Grant]>;

export type StaffAction = keyof typeof permissionTable;
/** `public`: anyone, no token; `citizen`: a citizen token (the citizen scope). */
export type RoutePolicy = StaffAction | 'public' | 'citizen';

export const staffActions = Object.keys(permissionTable) as StaffAction[];

/**
 * Actions exercised through a capability: a short-lived token the server signs only on a route that has already
 * checked the caller (report.file: minted by the report detail under report.read). Their routes take no bearer token —
 * a browser loads them from an <img> — so they live outside the staff scope and the token is the authorisation; the
 * table says who can be handed one.
 */
export const capabilityActions: readonly StaffAction[] = ['report.file'];

export function isPolicy(value: unknown): value is RoutePolicy {
  return value === 'public' || value === 'citizen' || (typeof value === 'string' && Object.hasOwn(permissionTable, value));
}

/** The scope a role holds for an action, or null when the role may not perform it. */
export function scopeFor(role: StaffRole, action: StaffAction): Scope | null {
  const grant: Grant = permissionTable[action][1];
  return grant[role] ?? null;
}

export function rolesFor(action: StaffAction): StaffRole[] {
  return Object.keys(permissionTable[action][1]) as StaffRole[];
}

const scopeLabels: Record<Scope, string> = { all: '全部', unit: '本单位', tourGroup: '本组', own: '本人' };

/** The role × capability table as Markdown, for the README (a test keeps the README equal to it). */
export function permissionTableMarkdown(): string {
  const head = `| 操作 | ${staffRoles.map((r) => staffRoleLabels[r]).join(' | ')} |`;
  const rule = `|---|${staffRoles.map(() => '---').join('|')}|`;
  const rows = staffActions.map((action) => {
    const cells = staffRoles.map((role) => {
      const scope = scopeFor(role, action);
      return scope ? scopeLabels[scope] : '—';
    });
    return `| ${permissionTable[action][0]} (\`${action}\`) | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}
