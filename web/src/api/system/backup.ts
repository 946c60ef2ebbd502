import { requestFile, type DownloadedFile } from '../request'

/**
 * The whole database as one checked SQLite file (`POST /backup`, system:backup:export), named
 * by the server `双联数据库备份-YYYYMMDD-HHMMSS.db`. A POST, so it carries the CSRF token: every
 * download is written to the audit log. 409 backup_unsupported on PostgreSQL.
 */
export function downloadBackup(): Promise<DownloadedFile> {
  return requestFile('/backup', { method: 'POST' }, '双联数据库备份.db')
}
