// Staff view of the working-day calendar, and corrections to it (a year not yet shipped, a late State Council notice).
import { invalidateReportCaches } from '../reports';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarDeadlineQuery,
  calendarDeadlineResponse,
  calendarOverrideBody,
  calendarYearQuery,
  calendarYearResponse,
  isoDateSchema,
} from '@msjd/shared';
import { addDays, addWorkdays, isWorkday, knownYears, officialExceptions } from './calendar';
import { loadOverrides, refreshWorkCalendar } from './work-calendar';


export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendar',
    { config: { permission: 'calendar.read' }, schema: { tags: ['工作日历'], summary: '某年的节假日与调休（含工作人员更正）', querystring: calendarYearQuery, response: { 200: calendarYearResponse } } },
    async (request) => {
      const { year } = request.query;
      const overrides = await loadOverrides(app.db.sql);
      const notes = new Map(
        (await app.db.prisma.calendarOverride.findMany({ where: { day: { gte: new Date(`${year}-01-01`), lte: new Date(`${year}-12-31`) } } })).map((o) => [
          o.day.toISOString().slice(0, 10),
          o.note,
        ]),
      );
      const exceptions = [];
      let workdays = 0;
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
        const w = isWorkday(d, overrides);
        if (w) workdays++;
        if (overrides.has(d)) exceptions.push({ day: d, isWorkday: w, source: 'override' as const, note: notes.get(d) ?? null });
        else if (officialExceptions.has(d)) exceptions.push({ day: d, isWorkday: w, source: 'official' as const, note: null });
      }
      return { year, official: knownYears.includes(year), exceptions, workdays };
    },
  );

  app.put(
    '/calendar/overrides/:day',
    {
      config: { permission: 'calendar.manage' },
      schema: {
        tags: ['工作日历'],
        summary: '更正某日为工作日或休息日',
        params: z.object({ day: isoDateSchema }),
        body: calendarOverrideBody,
        response: { 200: z.object({ day: isoDateSchema, isWorkday: z.boolean() }) },
      },
    },
    async (request) => {
      const { day } = request.params;
      const { isWorkday: w, note } = request.body;
      const actor = request.actor!;
      await app.db.prisma.calendarOverride.upsert({
        where: { day: new Date(day) },
        create: { day: new Date(day), isWorkday: w, note, updatedBy: actor.id },
        update: { isWorkday: w, note, updatedBy: actor.id },
      });
      await refreshWorkCalendar(app.db.sql);
      invalidateReportCaches(app.db.prisma, 'overrides');
      await app.audit(request, { action: 'calendar.override', entity: 'calendar_override', entityId: day, reason: note, detail: { isWorkday: w } });
      return { day, isWorkday: w };
    },
  );

  app.delete(
    '/calendar/overrides/:day',
    {
      config: { permission: 'calendar.manage' },
      schema: { tags: ['工作日历'], summary: '撤销某日的更正', params: z.object({ day: isoDateSchema }), response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { day } = request.params;
      await app.db.prisma.calendarOverride.deleteMany({ where: { day: new Date(day) } });
      await refreshWorkCalendar(app.db.sql);
      invalidateReportCaches(app.db.prisma, 'overrides');
      await app.audit(request, { action: 'calendar.override_removed', entity: 'calendar_override', entityId: day });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/calendar/deadline',
    {
      config: { permission: 'calendar.read' },
      schema: {
        tags: ['工作日历'],
        summary: '计算期限：某日之后第 N 个工作日（N=0 为当日）',
        querystring: calendarDeadlineQuery,
        response: { 200: calendarDeadlineResponse },
      },
    },
    async (request) => {
      const { from, days } = request.query;
      return { from, days, deadline: addWorkdays(from, days, await loadOverrides(app.db.sql)) };
    },
  );
};
