import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry, Page as ApiPage } from '@/api/types'
import { ACCOUNTS, QUANHU } from './accounts'
import { apiGet, cliJson, go, openBrowser, screenshot, server, signIn, token, type Session } from './support'

// 数据备份 (docs/backup.md): the administrator downloads the whole database from the system
// menu; it is a real SQLite file with the same figures as the live one, and the download is
// in the audit log. An office has neither the menu entry nor the screen nor the endpoint.
const SQLITE_HEADER = 'SQLite format 3\0'

describe('database backup', () => {
  describe('the administrator', () => {
    let session: Session
    beforeAll(async () => {
      session = await openBrowser()
      await signIn(session.page, ACCOUNTS.admin)
    })
    afterAll(async () => session?.close())

    it('opens 数据备份 from the system menu and downloads the whole database', async () => {
      const { page } = session
      const menu = page.locator('[data-testid="side-menu"]')
      await menu.locator('.el-sub-menu__title', { hasText: '系统管理' }).click()
      await menu.locator('.el-menu-item', { hasText: '数据备份' }).click()
      await page.waitForURL(/\/system\/backup$/)
      const view = page.locator('[data-testid="backup-view"]')
      await view.waitFor()
      const text = (await view.textContent()) ?? ''
      expect(text).toContain('操作日志')
      expect(text).toContain('数据库文件.photos')
      expect(text).toContain('shuanglian restore --from 备份.db --db 数据库文件')
      await screenshot(page, '1280-17-backup')

      // The server copies and checks the whole database before it answers; a refusal shows
      // on the page, and the test fails with it at once instead of waiting out the download.
      const downloaded = page.waitForEvent('download', { timeout: 120_000 })
      const refused = page
        .locator('[data-testid="api-error"]')
        .waitFor({ timeout: 120_000 })
        .then(async () => new Error(`the page shows an error: ${await page.locator('[data-testid="api-error"]').textContent()}`))
      downloaded.catch(() => undefined)
      refused.catch(() => undefined)
      await page.click('[data-testid="backup-download"]')
      const download = await Promise.race([downloaded, refused])
      if (download instanceof Error) throw download
      expect(download.suggestedFilename()).toMatch(/^双联数据库备份-\d{8}-\d{6}\.db$/)
      const path = await download.path()
      const bytes = readFileSync(path)
      expect(bytes.subarray(0, 16).toString('latin1')).toBe(SQLITE_HEADER)
      expect(await page.locator('[data-testid="api-error"]').count()).toBe(0)

      // The whole database: the command line reads the same figures from the copy as from the live file.
      const copy = spawnSync(server().binary, ['stats', '--region', QUANHU, '--json', '--db', path], { encoding: 'utf8', timeout: 60_000 })
      expect(copy.status, copy.stderr).toBe(0)
      expect(JSON.parse(copy.stdout)).toEqual(cliJson(['stats', '--region', QUANHU, '--json']))

      // Every download is audited, under the name the file was offered with.
      const audit = await apiGet(page, '/audit?action=backup&entity=database')
      expect(audit.status).toBe(200)
      const entries = (audit.body as ApiPage<AuditEntry>).items
      expect(entries.map((entry) => [entry.username, entry.entity_key])).toContainEqual([ACCOUNTS.admin.username, download.suggestedFilename()])
    })
  })

  describe('an office without system:backup:export', () => {
    let session: Session
    beforeAll(async () => {
      session = await openBrowser()
      await signIn(session.page, ACCOUNTS.quanhu)
    })
    afterAll(async () => session?.close())

    it('has no menu entry, gets the forbidden page at /system/backup, and 403 from the endpoint', async () => {
      const { page } = session
      const menu = page.locator('[data-testid="side-menu"]')
      await menu.waitFor()
      expect(await menu.textContent()).not.toContain('数据备份')

      await go(page, '/system/backup')
      await page.locator('[data-testid="error-page"]').waitFor()
      expect(await page.locator('[data-testid="backup-download"]').count()).toBe(0)
      expect(await page.locator('[data-testid="backup-view"]').count()).toBe(0)

      const response = await fetch(`${server().base}/api/v1/backup`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await token(ACCOUNTS.quanhu)}` },
      })
      expect(response.status).toBe(403)
      expect(response.headers.get('Content-Type') ?? '').not.toContain('sqlite')
    })
  })
})
