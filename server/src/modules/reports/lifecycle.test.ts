import { describe, expect, it } from 'vitest';
import { reportActions, reportStatuses } from '@msjd/shared';
import type { StaffActor } from '../../plugins/auth';
import { actionsFrom, allowedActions, canView, mayAct } from './lifecycle';

const G = '11111111-1111-1111-1111-111111111111';
const U = '22222222-2222-2222-2222-222222222222';
const staff = (role: StaffActor['role'], extra: Partial<StaffActor> = {}): StaffActor => ({ kind: 'staff', id: 'x', role, unitId: null, tourGroupId: null, ...extra });
const toGroup = { assigneeTourGroupId: G, assigneeUnitId: null };
const toUnit = { assigneeTourGroupId: null, assigneeUnitId: U };

describe('lifecycle table', () => {
  it.each([
    ['submitted', ['accept', 'reject', 'merge']],
    ['accepted', ['assign']],
    ['assigned', ['start', 'return', 'reassign']],
    ['in_progress', ['reply', 'return', 'reassign']],
    ['replied', ['close']],
    ['not_accepted', []],
    ['merged', []],
    ['closed', []],
  ] as const)('from %s: %j', (status, want) => expect(actionsFrom(status)).toEqual(want));

  it('every status and action is covered', () => {
    const reachable = new Set(reportStatuses.flatMap((s) => actionsFrom(s)));
    expect([...reachable].sort()).toEqual([...reportActions].sort());
  });

  it('intake triages but does not handle', () => {
    const a = staff('intake');
    for (const act of ['accept', 'reject', 'merge', 'assign', 'close', 'reassign'] as const) expect(mayAct(a, act, toGroup)).toBe(true);
    for (const act of ['start', 'reply', 'return'] as const) expect(mayAct(a, act, toGroup)).toBe(false);
  });

  it('a tour group handles only its own reports', () => {
    const mine = staff('tour_group', { tourGroupId: G });
    const other = staff('tour_group', { tourGroupId: '33333333-3333-3333-3333-333333333333' });
    expect(mayAct(mine, 'reply', toGroup)).toBe(true);
    expect(mayAct(other, 'reply', toGroup)).toBe(false);
    expect(mayAct(mine, 'accept', toGroup)).toBe(false);
    expect(canView(mine, toGroup)).toBe(true);
    expect(canView(other, toGroup)).toBe(false);
    expect(canView(mine, toUnit)).toBe(false);
  });

  it('a unit liaison is scoped to its own unit', () => {
    const mine = staff('unit_liaison', { unitId: U });
    const noUnit = staff('unit_liaison');
    // it starts the case or returns it, but never moves it elsewhere itself
    expect(allowedActions(mine, { status: 'assigned', ...toUnit })).toEqual(['start', 'return']);
    expect(allowedActions(mine, { status: 'in_progress', ...toUnit })).toEqual(['reply', 'return']);
    expect(allowedActions(mine, { status: 'assigned', ...toGroup })).toEqual([]);
    expect(canView(noUnit, { assigneeTourGroupId: null, assigneeUnitId: null })).toBe(false);
  });

  it('supervisor and admin may do everything', () => {
    for (const role of ['supervisor', 'admin'] as const) {
      for (const act of reportActions) expect(mayAct(staff(role), act, toGroup)).toBe(true);
    }
  });
});
