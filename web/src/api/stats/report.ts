import { request, requestFile, type DownloadedFile } from '../request'
import type { ProgressReportDocument } from '../types'

export interface ProgressReportQuery {
  /** A region the user sees whole (unit administrators and cadres see none). */
  region: string
  /** Default: the year of `as_of`. */
  year?: number
  /** YYYY-MM-DD, default today; the server stops at the end of `year`. */
  as_of?: string
}

/** The files the server writes the same report as. */
export const REPORT_FORMATS = ['docx', 'html', 'md'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

// A province's report counts every household and record of the year: more than the usual 30 s.
const REPORT_TIMEOUT_MS = 120_000

/**
 * The progress report (进展情况汇报) of a region, computed from the records (`GET
 * /reports/progress`, stats:report:export): sections of paragraphs, flagged figures,
 * parts left for the author, and tables.
 */
export function fetchProgressReport(query: ProgressReportQuery): Promise<ProgressReportDocument> {
  return request<ProgressReportDocument>('/reports/progress', { query: { ...query }, timeoutMs: REPORT_TIMEOUT_MS })
}

/**
 * The same report as a file: Word (to edit), an HTML page (to print) or Markdown, named by the
 * server `<区划>双联行动进展情况汇报-<as_of>.<format>`.
 */
export function downloadProgressReport(query: ProgressReportQuery, format: ReportFormat): Promise<DownloadedFile> {
  return requestFile('/reports/progress', { query: { ...query, format } }, `双联行动进展情况汇报.${format}`)
}
