import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNTS } from './accounts'
import { go, idNumber, openBrowser, parseCsv, server, signIn, toCsv, type Session } from './support'

// 甘草店镇's office imports four households into 三墩营村: one good, one with a wrong
// check digit, one in a village that does not exist, one in 泉湖 (outside its scope).
const VILLAGE = '620123105201'
const HEADER = ['户编号', '户主姓名', '户主证件号码', '所属村代码', '村民小组', '家庭人口数', '户属性']
const goodId = idNumber('620123', '19991231', '901')
const fixedId = idNumber('620123', '19991231', '913')
const badId = fixedId.slice(0, -1) + (fixedId.endsWith('0') ? '1' : '0')
const ROWS = [
  ['E2E-0001', '测试甲', goodId, VILLAGE, '一组', '3', '一般农户'],
  ['E2E-0002', '测试乙', badId, VILLAGE, '一组', '2', '低保户'],
  ['E2E-0003', '测试丙', idNumber('620123', '19991231', '925'), '620123105999', '一组', '2', '低保户'],
  ['E2E-0004', '测试丁', idNumber('620902', '19991231', '937'), '620902108200', '一组', '2', '低保户'],
]

describe('import', () => {
  let session: Session
  let reportRows: string[][] = []

  beforeAll(async () => {
    session = await openBrowser()
    await signIn(session.page, ACCOUNTS.gancao)
    await go(session.page, '/import')
  })
  afterAll(async () => session?.close())

  async function upload(name: string, csv: string) {
    const { page } = session
    await page.setInputFiles('[data-testid="import-file"]', { name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
    await page.click('[data-testid="import-upload"]')
    const job = page.locator(`[data-testid="import-job"]`)
    await job.waitFor()
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 30_000 }).not.toBe('running')
    const summary = async (key: string) => Number(await page.textContent(`[data-summary="${key}"]`))
    return {
      status: await job.getAttribute('data-status'),
      rows: await summary('rows'),
      imported: await summary('imported'),
      rejected: await summary('rejected'),
    }
  }

  it('downloads the template', async () => {
    const { page } = session
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="template-xlsx"]')])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const path = await download.path()
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK') // a zip: an XLSX workbook
  })

  it('imports a file with bad rows and shows the summary and each error', async () => {
    const result = await upload('户表-有错误.csv', toCsv([HEADER, ...ROWS]))
    expect(result).toEqual({ status: 'completed', rows: 4, imported: 1, rejected: 3 })
    const errors = await session.page.locator('[data-testid="import-errors"] .el-table__body tr').allTextContents()
    expect(errors.length).toBeGreaterThanOrEqual(3)
    expect(errors.join('\n')).toMatch(/校验位/)
  })

  it('downloads the error report with the rejected rows and their reasons', async () => {
    const { page } = session
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="import-report"]')])
    const path = join(server().artifacts, `import-report-${download.suggestedFilename()}`)
    await download.saveAs(path)
    const rows = parseCsv(readFileSync(path, 'utf8'))
    const header = rows[0]
    expect(header).toContain('错误原因')
    reportRows = rows.slice(1)
    const numbers = reportRows.map((row) => row[header.indexOf('户编号')]).sort()
    expect(numbers).toEqual(['E2E-0002', 'E2E-0003', 'E2E-0004'])
    const reason = (number: string) => reportRows.find((row) => row[header.indexOf('户编号')] === number)?.[header.indexOf('错误原因')] ?? ''
    expect(reason('E2E-0002')).toMatch(/校验位/)
    expect(reason('E2E-0003')).not.toBe('')
    expect(reason('E2E-0004')).not.toBe('')
    reportRows = [header, ...reportRows]
  })

  it('re-imports the fixed rows from the report file', async () => {
    const [header, ...rows] = reportRows
    const idColumn = header.indexOf('户主证件号码')
    const numberColumn = header.indexOf('户编号')
    // The office fixes what it can: the check digit. The other two are not its rows.
    const fixed = rows.filter((row) => row[numberColumn] === 'E2E-0002').map((row) => row.map((cell, index) => (index === idColumn ? fixedId : cell)))
    const result = await upload('户表-已改正.csv', toCsv([header, ...fixed]))
    expect(result).toEqual({ status: 'completed', rows: 1, imported: 1, rejected: 0 })
  })
})
