// Small helpers shared by the 智慧巡察 modules (scenes, notices, posters, surveys, rectification).
import type { StaffActor } from '../../plugins/auth';
import { isLeader } from '../../lib/roles';
import { forbidden } from '../../errors';
import { toShanghaiDate } from '../calendar';

/** A @db.Date column as YYYY-MM-DD. */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
/** YYYY-MM-DD -> Date for a @db.Date column. */
export const dateOnly = (s: string) => new Date(`${s}T00:00:00.000Z`);
export const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A round is current when it is active, or planned and today falls within its period. */
/**
 * A round has ended when staff marked it finished or its last day (Beijing time) is past: a round left `active` after
 * its end date must not go on showing as 进行中.
 */
export function hasRoundEnded(round: { status: string; endsOn: Date }, now: Date): boolean {
  return round.status === 'finished' || isoDate(round.endsOn) < toShanghaiDate(now);
}

export function isCurrentRound(round: { status: string; startsOn: Date; endsOn: Date }, now: Date): boolean {
  if (hasRoundEnded(round, now)) return false;
  if (round.status === 'active') return true;
  const today = toShanghaiDate(now);
  return isoDate(round.startsOn) <= today;
}

/** Managers (admin, supervisor) act on every group; a tour-group member only on the units its own group inspects. */
export function assertGroupScope(actor: StaffActor, tourGroupId: string | null | undefined) {
  if (isLeader(actor.role)) return;
  if (actor.role === 'tour_group' && actor.tourGroupId && tourGroupId && actor.tourGroupId === tourGroupId) return;
  throw forbidden('只能操作本巡察组负责的被巡察单位');
}
