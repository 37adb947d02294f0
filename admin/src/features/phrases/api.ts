import {
  handlingPhraseListResponse,
  handlingPhraseView,
  type HandlingPhrase,
  type HandlingPhraseCreateBody,
  type HandlingPhraseKind,
  type HandlingPhraseUpdateBody,
} from '@msjd/shared/phrases'
import { apiRequest } from '../../api/client'

export type { HandlingPhrase, HandlingPhraseKind }

const path = (id: string) => `/staff/handling-phrases/${encodeURIComponent(id)}`

/** The enabled phrases of a kind (the pickers), or every phrase with `all` (the keepers' page). */
export const listPhrases = (query: { kind?: HandlingPhraseKind; all?: boolean }, signal?: AbortSignal) =>
  apiRequest('/staff/handling-phrases', {
    query: { kind: query.kind, all: query.all ? 'true' : undefined },
    schema: handlingPhraseListResponse,
    signal,
  })

export const createPhrase = (body: HandlingPhraseCreateBody) =>
  apiRequest('/staff/handling-phrases', { method: 'POST', body, schema: handlingPhraseView })

export const updatePhrase = (id: string, body: HandlingPhraseUpdateBody) => apiRequest(path(id), { method: 'PUT', body, schema: handlingPhraseView })

export const deletePhrase = (id: string): Promise<unknown> => apiRequest(path(id), { method: 'DELETE' })
