import { request, requestFile, type DownloadedFile } from '../request'
import type { FieldBody, FieldKind, FieldRecordOf, Page } from '../types'

// The six kinds of field record share one shape of endpoint (src/api/fieldwork_handlers.cpp):
// GET list, POST create, GET/PUT one by its client UUID, GET export. Named functions per
// kind below; the generic ones take the kind.

export interface FieldQuery {
  region?: string
  from?: string
  to?: string
  helper_id?: number
  household?: string
  /** problems only */
  status?: string
  category?: string
  page?: number
  size?: number
}

export function listFieldRecord<K extends FieldKind>(kind: K, query: FieldQuery = {}): Promise<Page<FieldRecordOf[K]>> {
  return request<Page<FieldRecordOf[K]>>(`/${kind}`, { query: { ...query } })
}

export function getFieldRecord<K extends FieldKind>(kind: K, uuid: string): Promise<FieldRecordOf[K]> {
  return request<FieldRecordOf[K]>(`/${kind}/${encodeURIComponent(uuid)}`)
}

/** Creates (201) or, for a UUID already stored with the same content, answers it again (200). */
export function addFieldRecord<K extends FieldKind>(kind: K, body: FieldBody): Promise<FieldRecordOf[K]> {
  return request<FieldRecordOf[K]>(`/${kind}`, { method: 'POST', body })
}

/** Changes the record of `version`; 409 version_conflict (details.server) when it moved on. */
export function updateFieldRecord<K extends FieldKind>(kind: K, uuid: string, version: number, body: FieldBody): Promise<FieldRecordOf[K]> {
  return request<FieldRecordOf[K]>(`/${kind}/${encodeURIComponent(uuid)}`, { method: 'PUT', body: { ...body, version } })
}

/** The ledger as XLSX (or CSV), in the import's columns. */
export function exportFieldRecord(kind: FieldKind, query: FieldQuery, format: 'xlsx' | 'csv' = 'xlsx'): Promise<DownloadedFile> {
  const { page: _page, size: _size, ...filters } = query
  return requestFile(`/${kind}/export`, { query: { ...filters, format } }, `${kind}.${format}`)
}

export const listVisit = (query: FieldQuery = {}) => listFieldRecord('visits', query)
export const getVisit = (uuid: string) => getFieldRecord('visits', uuid)
export const listDiary = (query: FieldQuery = {}) => listFieldRecord('diary', query)
export const getDiary = (uuid: string) => getFieldRecord('diary', uuid)
export const listProblem = (query: FieldQuery = {}) => listFieldRecord('problems', query)
export const getProblem = (uuid: string) => getFieldRecord('problems', uuid)
export const listAid = (query: FieldQuery = {}) => listFieldRecord('aid', query)
export const listStationedDay = (query: FieldQuery = {}) => listFieldRecord('stationed-days', query)
export const listSuggestion = (query: FieldQuery = {}) => listFieldRecord('suggestions', query)
