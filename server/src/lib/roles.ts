// Role groups, named once as in product.md's table of who does what. The permission table (permissions.ts) grants
// actions to these groups with a scope; services that decide per record (who may act on this report, this task)
// ask the same groups here instead of spelling role lists of their own.
import type { StaffRole } from '@msjd/shared';

type Group = readonly StaffRole[];

/** 纪检领导与管理员: act on every record of their modules. */
export const LEADER_ROLES = ['supervisor', 'admin'] as const satisfies Group;
/** 受理: the intake desk and the leaders (accept, reject, assign, close; ask to see an identity). */
export const INTAKE_ROLES = ['intake', ...LEADER_ROLES] as const satisfies Group;
/** 承办方: the tour group or the unit a report or task is given to; they see only what is theirs. */
export const ASSIGNEE_ROLES = ['tour_group', 'unit_liaison'] as const satisfies Group;
/** 身份保管人: the second person who decides on a request to see a reporter's identity. */
export const CUSTODIAN_ROLES = ['supervisor'] as const satisfies Group;
/** 申诉: the rated unit's liaison and the leaders may appeal a bad rating. */
export const APPEAL_ROLES = ['unit_liaison', ...LEADER_ROLES] as const satisfies Group;

/** Whether a role belongs to a group (the groups are typed tuples, so `includes` alone would not take any role). */
export const inGroup = (group: Group, role: StaffRole): boolean => group.includes(role);
export const isLeader = (role: StaffRole): boolean => inGroup(LEADER_ROLES, role);
export const isAssigneeRole = (role: StaffRole): boolean => inGroup(ASSIGNEE_ROLES, role);
