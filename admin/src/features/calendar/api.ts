import { calendarOverrideBody, calendarYearResponse } from '@msjd/shared/calendar'
import { apiRequest } from '../../api/client'

export type CalendarYear = ReturnType<typeof calendarYearResponse.parse>
export type CalendarOverride = ReturnType<typeof calendarOverrideBody.parse>

export const getCalendarYear = (year: number, signal?: AbortSignal) =>
  apiRequest('/staff/calendar', { query: { year }, schema: calendarYearResponse, signal })

export const putOverride = (day: string, body: CalendarOverride) =>
  apiRequest(`/staff/calendar/overrides/${day}`, { method: 'PUT', body })

export const removeOverride = (day: string) => apiRequest(`/staff/calendar/overrides/${day}`, { method: 'DELETE' })
