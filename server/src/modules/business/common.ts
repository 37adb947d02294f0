// Shared pieces of 营商环境监督: who may read what, date helpers, unique-violation detection.
import type { FastifyInstance } from 'fastify';
import { apiErrorSchema, type StaffRole } from '@msjd/shared';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors';
import type { StaffActor } from '../../plugins/auth';
import { toShanghaiDate } from '../calendar';
import { pageArgs, shanghaiEndExclusive, shanghaiStart } from '@msjd/shared/common';

export type Tx = Prisma.TransactionClient;
export type Db = FastifyInstance['db']['prisma'] | Tx;

const NOBODY = '00000000-0000-0000-0000-000000000000';
/** The unit a liaison is limited to, or null for staff who see every unit. */
export function unitScope(actor: StaffActor): string | null {
  return actor.role === 'unit_liaison' ? (actor.unitId ?? NOBODY) : null;
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
export const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** Shanghai midnight of a YYYY-MM-DD day as an instant. */
export { shanghaiEndExclusive, shanghaiStart };
export const today = (app: FastifyInstance) => toShanghaiDate(app.clock.now());

export function createdWithin(from?: string, to?: string): { gte?: Date; lt?: Date } | undefined {
  if (!from && !to) return undefined;
  return { ...(from ? { gte: shanghaiStart(from) } : {}), ...(to ? { lt: shanghaiEndExclusive(to) } : {}) };
}

export const fieldError = (field: string, message: string, code = 'VALIDATION_FAILED') =>
  new AppError('invalid', code, message, { field });

export { pageArgs };

/** The staff routes' tag in the API docs and the error answers they share. */
export const tags = ['营商环境监督'];
export const routeErrors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
