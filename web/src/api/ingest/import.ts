import { request, requestFile, type DownloadedFile } from '../request'
import type { ImportJob, ImportKind, Items } from '../types'

export interface ImportOptions {
  strict?: boolean
  dryRun?: boolean
}

/** Uploads the file's bytes as they are; the server detects the format and encoding. */
export function addImport(kind: ImportKind, fileName: string, bytes: ArrayBuffer, options: ImportOptions = {}): Promise<ImportJob> {
  return request<ImportJob>('/imports', {
    method: 'POST',
    query: {
      kind,
      file_name: fileName,
      strict: options.strict ? 1 : undefined,
      dry_run: options.dryRun ? 1 : undefined,
    },
    raw: bytes,
    // A province's file is large; the server answers 202 once it has the bytes.
    timeoutMs: 600_000,
  })
}

export function getImport(id: number): Promise<ImportJob> {
  return request<ImportJob>(`/imports/${id}`)
}

export function listImport(): Promise<Items<ImportJob>> {
  return request<Items<ImportJob>>('/imports')
}

export function downloadImportReport(job: ImportJob): Promise<DownloadedFile> {
  return requestFile(`/imports/${job.id}/report`, {}, `错误行-${job.file_name}`)
}

export function downloadTemplate(kind: ImportKind, format: 'xlsx' | 'csv' = 'xlsx'): Promise<DownloadedFile> {
  const name = kind === 'households' ? '家庭导入模板' : '成员导入模板'
  return requestFile(`/templates/${kind}`, { query: { format } }, `${name}.${format}`)
}
