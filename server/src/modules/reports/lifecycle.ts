// The report lifecycle of product.md A as data: which action moves which status where, and who may do it.
// Pure (no I/O), so the table is tested on its own.
import type { ReportAction, ReportStatus, StaffRole } from '@msjd/shared';
import type { StaffActor } from '../../plugins/auth';
import { INTAKE_ROLES, LEADER_ROLES, inGroup, isAssigneeRole, isLeader } from '../../lib/roles';

export const transitions: Record<ReportAction, { from: readonly ReportStatus[]; to: ReportStatus; event: string }> = {
  accept: { from: ['submitted'], to: 'accepted', event: 'accepted' },
  reject: { from: ['submitted'], to: 'not_accepted', event: 'not_accepted' },
  merge: { from: ['submitted'], to: 'merged', event: 'merged' },
  assign: { from: ['accepted'], to: 'assigned', event: 'assigned' },
  start: { from: ['assigned'], to: 'in_progress', event: 'started' },
  reply: { from: ['in_progress'], to: 'replied', event: 'replied' },
  close: { from: ['replied'], to: 'closed', event: 'closed' },
  // the assignee hands back a case that is not theirs to handle; intake assigns it again (the reply clock runs on)
  return: { from: ['assigned', 'in_progress'], to: 'accepted', event: 'returned' },
  // intake moves a case to another assignee while it is being handled
  reassign: { from: ['assigned', 'in_progress'], to: 'assigned', event: 'reassigned' },
};

/** Roles that act on any report; `assignee` = a tour group / unit liaison acting on a report assigned to them. */
const INTAKE: readonly StaffRole[] = INTAKE_ROLES;
const HANDLER: readonly StaffRole[] = LEADER_ROLES;
export const actionRoles: Record<ReportAction, { roles: readonly StaffRole[]; assignee: boolean }> = {
  accept: { roles: INTAKE, assignee: false },
  reject: { roles: INTAKE, assignee: false },
  merge: { roles: INTAKE, assignee: false },
  assign: { roles: INTAKE, assignee: false },
  start: { roles: HANDLER, assignee: true },
  reply: { roles: HANDLER, assignee: true },
  close: { roles: INTAKE, assignee: true },
  return: { roles: HANDLER, assignee: true },
  reassign: { roles: INTAKE, assignee: false },
};

/** Statuses in which the report is still open for the citizen's supplementary information. */
export const OPEN_STATUSES: readonly ReportStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied'];
/** Statuses counted against the reply deadline. */
export const REPLY_CLOCK_STATUSES: readonly ReportStatus[] = ['accepted', 'assigned', 'in_progress'];

export interface AssigneeRef {
  assigneeTourGroupId: string | null;
  assigneeUnitId: string | null;
}

export function isAssignee(actor: StaffActor, r: AssigneeRef): boolean {
  if (actor.role === 'tour_group') return !!actor.tourGroupId && actor.tourGroupId === r.assigneeTourGroupId;
  if (actor.role === 'unit_liaison') return !!actor.unitId && actor.unitId === r.assigneeUnitId;
  return false;
}

/** Can this staff member see the report at all? Tour groups and liaisons see only what is assigned to them. */
export function canView(actor: StaffActor, r: AssigneeRef): boolean {
  if (isAssigneeRole(actor.role)) return isAssignee(actor, r);
  return true;
}

export function mayAct(actor: StaffActor, action: ReportAction, r: AssigneeRef): boolean {
  const rule = actionRoles[action];
  return inGroup(rule.roles, actor.role) || (rule.assignee && isAssignee(actor, r));
}

/** Actions valid from this status (whoever the actor is). */
export function actionsFrom(status: ReportStatus): ReportAction[] {
  return (Object.keys(transitions) as ReportAction[]).filter((a) => transitions[a].from.includes(status));
}

/** Actions this actor may take on this report now. */
export function allowedActions(actor: StaffActor, r: AssigneeRef & { status: ReportStatus }): ReportAction[] {
  return actionsFrom(r.status).filter((a) => mayAct(actor, a, r));
}

/** 立行立改通知书: issued while a report is handled, by supervisors or the tour group handling it. */
export const NOTICE_STATUS: ReportStatus = 'in_progress';
export function mayIssueNotice(actor: StaffActor, r: AssigneeRef): boolean {
  return isLeader(actor.role) || (actor.role === 'tour_group' && isAssignee(actor, r));
}
