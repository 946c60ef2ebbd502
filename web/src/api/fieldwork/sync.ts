import { request } from '../request'
import type { SyncAnswer, SyncLine } from '../types'

/**
 * What the phone recorded offline, one record a line (NDJSON). The server applies each line
 * by itself and answers per line (src/api/sync_handler.cpp); a line sent twice is `unchanged`.
 */
export function syncRecord(lines: SyncLine[]): Promise<SyncAnswer> {
  const ndjson = lines.map((line) => JSON.stringify(line)).join('\n') + '\n'
  return request<SyncAnswer>('/sync', { method: 'POST', raw: ndjson, rawType: 'application/x-ndjson', timeoutMs: 120_000 })
}
