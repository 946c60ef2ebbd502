import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inflateRawSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProgressReportDocument } from '@/api/types'
import { ACCOUNTS, GANCAO } from './accounts'
import { apiGet, demoAccount, go, openBrowser, PHONE, screenshot, server, signIn, token, type Session } from './support'

// 进展汇报 (docs/web.md): a township office opens it from the menu, generates its township's
// report for 2012 up to 31 May (the demo's records are of spring 2012), reads on the page what
// the API and the command line compute, downloads it as Word and as a web page, and prints
// it with the app's menu and header left out. A cadre has neither the menu entry, nor the
// screen, nor the endpoint.
const YEAR = 2012
const AS_OF = '2012-05-31'
const TITLE = '甘草店镇双联行动进展情况汇报'
const QUERY = `region=${GANCAO}&year=${YEAR}&as_of=${AS_OF}`

/** One member of a zip file (stored or deflated), read from its local header. */
function zipEntry(bytes: Buffer, name: string): Buffer | null {
  let offset = 0
  while (offset + 30 <= bytes.length && bytes.readUInt32LE(offset) === 0x04034b50) {
    const flags = bytes.readUInt16LE(offset + 6)
    const method = bytes.readUInt16LE(offset + 8)
    const size = bytes.readUInt32LE(offset + 18)
    const nameLength = bytes.readUInt16LE(offset + 26)
    const extraLength = bytes.readUInt16LE(offset + 28)
    if (flags & 0x08) throw new Error('a zip member with a data descriptor: its size is not in the local header')
    const entry = bytes.subarray(offset + 30, offset + 30 + nameLength).toString('utf8')
    const start = offset + 30 + nameLength + extraLength
    const data = bytes.subarray(start, start + size)
    if (entry === name) return method === 0 ? data : inflateRawSync(data)
    offset = start + size
  }
  return null
}

/** The texts of the blocks of one kind, in order, as the API answered them. */
function textsOf(report: ProgressReportDocument, kind: 'paragraph' | 'warning' | 'to_fill'): string[] {
  return report.sections.flatMap((section) => section.blocks.flatMap((block) => (block.kind === kind ? [block.text] : [])))
}

async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
}

/** Clicks a download button; a refusal shown on the page fails at once instead of waiting. */
async function downloadFrom(page: Page, button: string) {
  const downloaded = page.waitForEvent('download', { timeout: 60_000 })
  const refused = page
    .locator('[data-testid="api-error"]')
    .waitFor({ timeout: 60_000 })
    .then(async () => new Error(`the page shows an error: ${await page.locator('[data-testid="api-error"]').textContent()}`))
  downloaded.catch(() => undefined)
  refused.catch(() => undefined)
  await page.click(button)
  const download = await Promise.race([downloaded, refused])
  if (download instanceof Error) throw download
  return download
}

describe('progress report (进展汇报)', () => {
  describe('the office of 甘草店镇', () => {
    let session: Session
    let api: ProgressReportDocument
    beforeAll(async () => {
      session = await openBrowser()
      await signIn(session.page, ACCOUNTS.gancao)
    })
    afterAll(async () => session?.close())

    it('opens 进展汇报 from the menu and generates its township’s report as the API and the CLI compute it', async () => {
      const { page } = session
      const menu = page.locator('[data-testid="side-menu"]')
      await menu.locator('.el-menu-item', { hasText: '进展汇报' }).click()
      await page.waitForURL(/\/reports\/progress$/)
      await page.locator('[data-testid="progress-report-view"]').waitFor()
      expect(await page.locator('[data-testid="report-doc"]').count()).toBe(0)

      // The picker starts at the user's own township; the year and the day are chosen.
      await expect.poll(() => page.locator('[data-testid="progress-report-view"] [data-testid="region-picker"]').first().textContent()).toContain('甘草店镇')
      await page.click('[data-testid="report-year"]')
      await page.locator('.el-select-dropdown__item:visible', { hasText: String(YEAR) }).first().click()
      const day = page.locator('[data-field="as_of"] input')
      await day.fill(AS_OF)
      await day.press('Enter')
      await page.keyboard.press('Escape')
      await page.click('[data-testid="report-generate"]')

      const doc = page.locator('[data-testid="report-doc"]')
      await doc.waitFor()
      await page.waitForURL((url) => url.searchParams.get('as_of') === AS_OF)
      expect(await doc.getAttribute('data-region')).toBe(GANCAO)
      expect(await doc.getAttribute('data-year')).toBe(String(YEAR))
      expect(await doc.getAttribute('data-as-of')).toBe(AS_OF)
      expect(new URL(page.url()).searchParams.get('region')).toBe(GANCAO)

      const answer = await apiGet(page, `/reports/progress?${QUERY}`)
      expect(answer.status).toBe(200)
      api = answer.body as ProgressReportDocument
      expect(api.title).toBe(TITLE)
      expect(await page.locator('[data-testid="report-title"]').textContent()).toBe(TITLE)
      expect(await page.locator('[data-testid="report-subtitle"]').textContent()).toBe('（2012年1月1日至2012年5月31日）')
      expect(await page.locator('[data-testid="report-note"]').textContent()).toBe(api.note)
      expect(await page.locator('[data-testid="report-section"] h2').allTextContents()).toEqual(api.sections.map((section) => section.title))

      // Every paragraph as computed, the poor households' sentence among them.
      const paragraphs = await page.locator('[data-kind="paragraph"]').allTextContents()
      expect(paragraphs).toEqual(textsOf(api, 'paragraph'))
      const poor = paragraphs.find((text) => text.startsWith('现有贫困户'))
      expect(poor).toMatch(/^现有贫困户\d+户\d+人，占全镇总人口的[\d.]+%/)

      // The declared figure that disagrees with the records, flagged.
      const warnings = page.locator('[data-kind="warning"]')
      expect((await warnings.allTextContents()).map((text) => text.replace(/^⚠/, '').trim())).toEqual(textsOf(api, 'warning'))
      const declared = warnings.filter({ hasText: '贫困户数：填报' }).first()
      expect(await declared.textContent()).toMatch(/^⚠甘草店镇贫困户数：填报\d+户，按记录计算为\d+户/)
      expect(await declared.isVisible()).toBe(true)
      // What the records cannot tell, left for the author.
      expect(await page.locator('[data-kind="to_fill"]').allTextContents()).toEqual(textsOf(api, 'to_fill').map((text) => `（待填写）${text}`))

      // Laid out as a document: the body indented, the figures of a table right-aligned.
      expect(await page.locator('[data-kind="paragraph"]').first().evaluate((element) => getComputedStyle(element).textIndent)).toBe('32px')
      expect(await page.locator('[data-testid="report-title"]').evaluate((element) => getComputedStyle(element).textAlign)).toBe('center')
      const firstTable = page.locator('[data-kind="table"]').first()
      expect(await firstTable.locator('tbody td').first().evaluate((element) => getComputedStyle(element).textAlign)).toBe('left')
      expect(await firstTable.locator('tbody td.is-numeric').first().evaluate((element) => getComputedStyle(element).textAlign)).toBe('right')
      const tables = api.sections.flatMap((section) => section.blocks.flatMap((block) => (block.kind === 'table' ? [block.table] : [])))
      expect(await page.locator('[data-kind="table"]').count()).toBe(tables.length)
      expect(await firstTable.locator('tbody tr').count()).toBe(tables[0].rows.length)

      // The command line writes the same report (Markdown when no file is given).
      const cli = spawnSync(server().binary, ['report', '--region', GANCAO, '--year', String(YEAR), '--as-of', AS_OF, '--db', server().db], { encoding: 'utf8', timeout: 60_000 })
      expect(cli.status, cli.stderr).toBe(0)
      expect(cli.stdout).toContain(TITLE)
      expect(cli.stdout).toContain(poor)
      await screenshot(page, '1280-30-progress-report')
    })

    it('downloads the report as a Word file and as a web page', async () => {
      const { page } = session
      const word = await downloadFrom(page, '[data-testid="report-download-docx"]')
      expect(word.suggestedFilename()).toBe(`${TITLE}-${AS_OF}.docx`)
      const bytes = readFileSync(await word.path())
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
      expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true)
      const xml = zipEntry(bytes, 'word/document.xml')?.toString('utf8') ?? ''
      expect(xml).toContain(TITLE)
      expect(xml).toContain(textsOf(api, 'paragraph').find((text) => text.startsWith('现有贫困户')))

      const html = await downloadFrom(page, '[data-testid="report-download-html"]')
      expect(html.suggestedFilename()).toBe(`${TITLE}-${AS_OF}.html`)
      const text = readFileSync(await html.path(), 'utf8')
      expect(text).toContain(`<h1>${TITLE}</h1>`)
      expect(text).toContain('<p class="warning">⚠ ')
      expect(await page.locator('[data-testid="api-error"]').count()).toBe(0)
    })

    it('prints the document alone, without the menu, the header and the buttons', async () => {
      const { page } = session
      await page.evaluate(() => {
        const counted = window as unknown as { printed: number }
        counted.printed = 0
        window.print = () => {
          counted.printed += 1
        }
      })
      await page.click('[data-testid="report-print"]')
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)

      await page.emulateMedia({ media: 'print' })
      try {
        expect(await page.locator('[data-testid="report-doc"]').isVisible()).toBe(true)
        expect(await page.locator('[data-kind="warning"]').first().isVisible()).toBe(true)
        for (const chrome of ['[data-testid="side-menu"]', '[data-testid="user-name"]', '[data-testid="report-generate"]', '[data-testid="report-download-docx"]', '[data-testid="report-print"]']) {
          expect(await page.locator(chrome).isVisible(), `${chrome} is printed`).toBe(false)
        }
        await page.pdf({ path: join(server().artifacts, 'progress-report.pdf'), format: 'A4' })
      } finally {
        await page.emulateMedia({ media: 'screen' })
      }
    })

    it('opens a bookmarked report generated, and shows the server’s reason for a day before the year', async () => {
      const { page } = session
      await go(page, `/reports/progress?${QUERY}`)
      await page.locator('[data-testid="report-doc"]').waitFor()
      expect(await page.locator('[data-testid="report-title"]').textContent()).toBe(TITLE)

      await go(page, `/reports/progress?region=${GANCAO}&year=${YEAR}&as_of=2011-12-31`)
      const error = page.locator('[data-testid="api-error"]')
      await error.waitFor()
      expect(await error.textContent()).toContain('早于 2012 年')
      expect(await page.locator('[data-field="as_of"] .el-form-item__error').textContent()).toContain('截至日期')
      expect(await page.locator('[data-testid="report-doc"]').count()).toBe(0)
    })

    it('fits a 375 px phone: wide tables scroll inside themselves', async () => {
      const phone = await openBrowser(PHONE)
      try {
        const { page } = phone
        await signIn(page, ACCOUNTS.gancao)
        await go(page, `/reports/progress?${QUERY}`)
        await page.locator('[data-testid="report-doc"]').waitFor()
        expect(await fitsWidth(page)).toBe(true)
        await screenshot(page, '375-30-progress-report')
      } finally {
        await phone.close()
      }
    })
  })

  // A unit's administrator and a cadre see their own part of a region, never a whole one.
  for (const who of ['unitAdmin', 'cadre'] as const) {
    describe(`${who}: no stats:report:export`, () => {
      let session: Session
      beforeAll(async () => {
        session = await openBrowser()
        await signIn(session.page, demoAccount(who))
      })
      afterAll(async () => session?.close())

      it('has no menu entry, gets the forbidden page at /reports/progress, and 403 from the endpoint', async () => {
        const { page } = session
        const menu = page.locator('[data-testid="side-menu"]')
        await menu.waitFor()
        expect(await menu.textContent()).not.toContain('进展汇报')

        await go(page, '/reports/progress')
        await page.locator('[data-testid="error-page"]').waitFor()
        expect(await page.locator('[data-testid="progress-report-view"]').count()).toBe(0)

        for (const format of ['json', 'docx']) {
          const response = await fetch(`${server().base}/api/v1/reports/progress?${QUERY}&format=${format}`, {
            headers: { Authorization: `Bearer ${await token(demoAccount(who))}` },
          })
          expect(response.status).toBe(403)
          expect(response.headers.get('Content-Type') ?? '').not.toContain('wordprocessingml')
        }
      })
    })
  }
})
