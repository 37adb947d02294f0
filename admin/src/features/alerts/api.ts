import {
  alertWarningDetailResponse,
  warningRevealResponse,
  type AlertWarningDetail,
  type WarningReveal,
  type WarningSourceCase,
  type WarningSourceRow,
  alertImportListResponse,
  alertSettingsSchema,
  dataFreshnessResponse,
  type AlertImport,
  type AlertSettings,
  type DataFreshness,
  alertModelListResponse,
  alertModelNamesResponse,
  alertModelSchema,
  alertModelVersionListResponse,
  modelVersionDiffResponse,
  alertRunListResponse,
  alertRunSchema,
  alertWarningListResponse,
  alertWarningSchema,
  alertScheduleResponse,
  datasetListResponse,
  datasetRowsResponse,
  datasetSchema,
  modelDryRunResponse,
  escalationListResponse,
  escalationSchema,
  importErrorSchema,
  importResultSchema,
  runResultSchema,
  unitListResponse,
  type AlertModel,
  type CloseEscalationInput,
  type CloseWarningBody,
  type EscalationSummary,
  type alertStages,
  type Dataset,
  type DatasetDeclarationInput,
  type ModelDefinitionInput,
  type ModelDryRunResponse,
  type ModelSaveBody,
} from '@msjd/shared'
import { apiRequest } from '../../api/client'
import { downloadFile, uploadWithProgress, type UploadHandle } from '../../api/files'

export type AlertWarning = ReturnType<typeof alertWarningSchema.parse>
export type Escalation = ReturnType<typeof escalationSchema.parse>
export type EscalationStage = (typeof alertStages)[number]
/** What the admin sends: money as decimal text, so the server stores exactly what was typed. */
export type EscalationCloseBody = CloseEscalationInput
export type AlertRun = ReturnType<typeof alertRunSchema.parse>
export type RunResult = ReturnType<typeof runResultSchema.parse>
export type ImportResult = ReturnType<typeof importResultSchema.parse>
export type ImportError = ReturnType<typeof importErrorSchema.parse>
export type { AlertWarningDetail, WarningReveal, WarningSourceCase, WarningSourceRow, AlertImport, AlertModel, DataFreshness, Dataset, EscalationSummary, ModelDryRunResponse }

export interface WarningQuery {
  model?: string
  unitCode?: string
  stage?: EscalationStage
  status?: 'open' | 'closed'
  /** as-of range (YYYY-MM-DD), both ends included */
  asOfFrom?: string
  asOfTo?: string
  page: number
  pageSize: number
}

export interface EscalationQuery {
  open?: 'true' | 'false'
  stage?: EscalationStage
  model?: string
  unitCode?: string
  page: number
  pageSize: number
}

import type { NamedOption } from '../../components/useDirectory'
export type { NamedOption }

const id = encodeURIComponent

export function listWarnings(query: WarningQuery, signal?: AbortSignal) {
  return apiRequest('/staff/alerts/warnings', { query: { ...query }, schema: alertWarningListResponse, signal })
}

/** One warning with the service cases or data-set rows behind it (ID numbers masked). */
export function getWarning(warningId: string, signal?: AbortSignal) {
  return apiRequest(`/staff/alerts/warnings/${id(warningId)}`, { schema: alertWarningDetailResponse, signal })
}

/** The full ID numbers of a warning and its sources; every call is audited (supervisors only). */
export function revealWarningIds(warningId: string): Promise<WarningReveal> {
  return apiRequest(`/staff/alerts/warnings/${id(warningId)}/reveal`, { method: 'POST', schema: warningRevealResponse })
}

/** A page of a data set's rows with resident IDs in full; audited (supervisors only). */
export function revealDatasetRows(name: string, query: { page: number; pageSize: number }) {
  return apiRequest(`/staff/alerts/datasets/${id(name)}/rows/reveal`, { method: 'POST', query, schema: datasetRowsResponse })
}

/** Closing needs a reason (属实 / 合理原因 / 数据错误 / 重复): it makes the model's 查实率. */
export function closeWarning(warningId: string, body: CloseWarningBody): Promise<void> {
  return apiRequest(`/staff/alerts/warnings/${id(warningId)}/close`, { method: 'POST', body })
}

export function listEscalations(query: EscalationQuery, signal?: AbortSignal) {
  return apiRequest('/staff/alerts/escalations', { query: { ...query }, schema: escalationListResponse, signal })
}

export function closeEscalation(escalationId: string, body: EscalationCloseBody): Promise<void> {
  return apiRequest(`/staff/alerts/escalations/${id(escalationId)}/close`, { method: 'POST', body })
}

export async function listModels(signal?: AbortSignal): Promise<AlertModel[]> {
  return (await apiRequest('/staff/alerts/models', { schema: alertModelListResponse, signal })).items
}

/** Every model's Chinese name (readable by whoever reads warnings). */
export async function listModelNames(signal?: AbortSignal): Promise<NamedModel[]> {
  return (await apiRequest('/staff/alerts/model-names', { schema: alertModelNamesResponse, signal })).items
}
export type NamedModel = { name: string; kind: string; title: string }

/** 自主建模: a new model (its name is part of the definition); the server refuses a name already taken. */
export function createModel(definition: ModelDefinitionInput): Promise<AlertModel> {
  return apiRequest('/staff/alerts/models', { method: 'POST', body: definition, schema: alertModelSchema })
}

export function saveModel(name: string, body: ModelSaveBody): Promise<AlertModel> {
  return apiRequest(`/staff/alerts/models/${id(name)}`, { method: 'PUT', body, schema: alertModelSchema })
}

/** Enabling or disabling keeps the model's warnings and runs. */
export function setModelEnabled(name: string, enabled: boolean): Promise<AlertModel> {
  return apiRequest(`/staff/alerts/models/${id(name)}`, { method: 'PATCH', body: { enabled }, schema: alertModelSchema })
}

/** The versions of a model, newest first (each edit adds one; none is ever rewritten). */
export async function listModelVersions(name: string, signal?: AbortSignal) {
  return (await apiRequest(`/staff/alerts/models/${id(name)}/versions`, { schema: alertModelVersionListResponse, signal })).items
}

/** What changed from version `from` to version `to` of a model. */
export function diffModelVersions(name: string, from: number, to: number, signal?: AbortSignal) {
  return apiRequest(`/staff/alerts/models/${id(name)}/versions/diff`, { query: { from, to }, schema: modelVersionDiffResponse, signal })
}

/** Runs a definition, saved or not, on the current data; the server stores nothing. */
export function dryRunModel(definition: ModelDefinitionInput, asOf: string): Promise<ModelDryRunResponse> {
  return apiRequest('/staff/alerts/models/dry-run', { method: 'POST', body: { definition, asOf }, schema: modelDryRunResponse })
}

export async function listDatasets(signal?: AbortSignal): Promise<Dataset[]> {
  return (await apiRequest('/staff/alerts/datasets', { schema: datasetListResponse, signal })).items
}

/** Declares a data set or changes its declaration (with data stored, only labels and `required` may change). */
export function declareDataset(name: string, body: DatasetDeclarationInput): Promise<Dataset> {
  return apiRequest(`/staff/alerts/datasets/${id(name)}`, { method: 'PUT', body, schema: datasetSchema })
}

export function listDatasetRows(name: string, query: { page: number; pageSize: number }, signal?: AbortSignal) {
  return apiRequest(`/staff/alerts/datasets/${id(name)}/rows`, { query, schema: datasetRowsResponse, signal })
}

export function getSchedule(signal?: AbortSignal) {
  return apiRequest('/staff/alerts/schedule', { schema: alertScheduleResponse, signal })
}

export function listRuns(query: { page: number; pageSize: number }, signal?: AbortSignal) {
  return apiRequest('/staff/alerts/runs', { query, schema: alertRunListResponse, signal })
}

export function runNow(asOf: string) {
  return apiRequest('/staff/alerts/runs', { method: 'POST', body: { asOf }, schema: runResultSchema })
}

/** The import history, newest first. */
export function listImports(query: { kind?: 'service_cases' | 'dataset'; dataset?: string; page: number; pageSize: number }, signal?: AbortSignal) {
  return apiRequest('/staff/alerts/imports', { query: { ...query }, schema: alertImportListResponse, signal })
}

/** When each source of data was last imported, and whether it is older than the stale-data setting. */
export function getFreshness(signal?: AbortSignal) {
  return apiRequest('/staff/alerts/freshness', { schema: dataFreshnessResponse, signal })
}

/** Before a run: the stale sources that enabled models read. */
export function getStaleData(signal?: AbortSignal) {
  return apiRequest('/staff/alerts/runs/stale-data', { schema: dataFreshnessResponse, signal })
}

export function getAlertSettings(signal?: AbortSignal) {
  return apiRequest('/staff/alerts/settings', { schema: alertSettingsSchema, signal })
}

export function saveAlertSettings(body: AlertSettings) {
  return apiRequest('/staff/alerts/settings', { method: 'PUT', body, schema: alertSettingsSchema })
}

/** Units by code: warnings and escalation cases name their unit by the code found in the imported data. */
export async function listUnitsByCode(signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await apiRequest('/staff/units', { query: { page: 1, pageSize: 200 }, schema: unitListResponse, signal })
  return items.map((u) => ({ value: u.code, label: u.name }))
}

export function uploadServiceCases(file: File, onProgress: (percent: number) => void): UploadHandle<ImportResult> {
  return uploadWithProgress('/staff/alerts/imports/service-cases', file, importResultSchema, onProgress)
}

export function uploadDataset(name: string, file: File, onProgress: (percent: number) => void): UploadHandle<ImportResult> {
  return uploadWithProgress(`/staff/alerts/datasets/${id(name)}/import`, file, importResultSchema, onProgress)
}

export type TemplateFormat = 'csv' | 'xlsx'

// Templates need the bearer token (no plain link): saved through the admin's one download helper. Each resolves with
// the file name used (the server's, else the fallback).
export function downloadServiceCaseTemplate(format: TemplateFormat): Promise<string> {
  return downloadFile('/staff/alerts/imports/service-cases/template', { format }, `办件数据导入模板.${format}`)
}

export function downloadDatasetTemplate(name: string, label: string, format: TemplateFormat): Promise<string> {
  return downloadFile(`/staff/alerts/datasets/${id(name)}/template`, { format }, `${label}导入模板.${format}`)
}
