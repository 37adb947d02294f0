import { statisticsResponse, type StatisticsQuery, type StatisticsResponse, type StatisticsTable } from '@msjd/shared'
import { apiRequest } from '../../api/client'
import { downloadFile } from '../../api/files'

export const getStatistics = (query: StatisticsQuery, signal?: AbortSignal): Promise<StatisticsResponse> =>
  apiRequest('/staff/statistics', { query, schema: statisticsResponse, signal })

export const downloadStatisticsTable = (query: StatisticsQuery, table: StatisticsTable, fallbackName: string) =>
  downloadFile('/staff/statistics/export', { ...query, table }, fallbackName)
