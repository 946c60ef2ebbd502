import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HouseholdSummary, Page as ApiPage, Stats } from '@/api/types'
import { ACCOUNTS, QUANHU } from './accounts'
import { apiAs, apiGet, cliJson, go, openBrowser, signIn, type Session } from './support'

describe('household page and the audit log', () => {
  let session: Session
  let householdNo = ''
  const newPhone = '13912345678'

  beforeAll(async () => {
    const list = await apiAs<ApiPage<HouseholdSummary>>(ACCOUNTS.admin, `/households?region=${QUANHU}&size=1&sort=household_no`)
    householdNo = list.items[0].household_no
    session = await openBrowser()
    await signIn(session.page, ACCOUNTS.quanhu)
  })
  afterAll(async () => session?.close())

  const field = (name: string) => session.page.locator(`[data-testid="household-form"] [data-field="${name}"]`)

  it('finds the household by its number and opens its page with members', async () => {
    const { page } = session
    await go(page, `/households?q=${householdNo}`)
    await page.locator(`[data-testid="household-table"] a[data-household="${householdNo}"]`).click()
    await page.waitForURL(new RegExp(`/households/${householdNo}$`))
    await page.locator('[data-testid="members"] .el-table__row').first().waitFor()
    expect(await field('household_no').locator('input').inputValue()).toBe(householdNo)
  })

  it('filters by 户属性 and sorts: the count equals the statistics, the order the API’s', async () => {
    const { page } = session
    const stats = cliJson<Stats>(['stats', '--region', QUANHU, '--json'])
    const subsistence = stats.by_category.find((item) => item.code === 'subsistence')?.households
    await go(page, `/households?region=${QUANHU}&category=subsistence`)
    await expect.poll(() => page.getAttribute('[data-testid="total"]', 'data-total')).toBe(String(subsistence))
    await page.locator('[data-testid="household-table"] th', { hasText: '成员数' }).locator('.caret-wrapper .descending').click()
    await expect.poll(() => page.url()).toContain('sort=-member_count')
    await page.locator('[data-testid="household-table"] a[data-household]').first().waitFor()
    const shown = await page.locator('[data-testid="household-table"] a[data-household]').allTextContents()
    const api = await apiGet(page, `/households?region=${QUANHU}&category=subsistence&sort=-member_count`)
    expect(shown).toEqual((api.body as ApiPage<HouseholdSummary>).items.map((item) => item.household_no))
  })

  it('exports the filtered list to XLSX', async () => {
    const { page } = session
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export"]')])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    expect(readFileSync(await download.path()).subarray(0, 2).toString()).toBe('PK')
    await go(page, `/households/${householdNo}`)
    await page.locator('[data-testid="household-edit"]').waitFor()
  })

  it('shows the server’s validation message at the field and keeps what was typed', async () => {
    const { page } = session
    await page.click('[data-testid="household-edit"]')
    const idInput = field('head_id_number').locator('input')
    const good = await idInput.inputValue()
    const last = good.slice(-1)
    const bad = good.slice(0, -1) + (last === '0' ? '1' : '0')
    await idInput.fill(bad)
    await page.click('[data-testid="household-save"]')
    const message = field('head_id_number').locator('.el-form-item__error')
    await message.waitFor()
    expect(await message.textContent()).toMatch(/校验位/)
    expect(await idInput.inputValue()).toBe(bad)
    await idInput.fill(good)
  })

  it('keeps a form typed while the connection is lost, says so, and saves once it is back', async () => {
    const { page, context } = session
    await field('phone').locator('input').fill(newPhone)
    await context.setOffline(true)
    await page.locator('[data-testid="offline-banner"]').waitFor()
    expect(await page.textContent('[data-testid="offline-banner"]')).toContain('网络连接已断开')
    await page.click('[data-testid="household-save"]')
    await expect.poll(() => page.locator('[data-testid="api-error"]').first().textContent()).toContain('网络连接已断开')
    expect(await field('phone').locator('input').inputValue()).toBe(newPhone)
    await context.setOffline(false)
    await page.locator('[data-testid="offline-banner"]').waitFor({ state: 'detached' })
  })

  it('brings the draft back after a reload of the page', async () => {
    const { page } = session
    await page.reload()
    await page.locator('[data-testid="household-save"]').waitFor()
    expect(await field('phone').locator('input').inputValue()).toBe(newPhone)
  })

  it('saves the edit', async () => {
    const { page } = session
    await page.click('[data-testid="household-save"]')
    await page.locator('[data-testid="household-edit"]').waitFor()
    const { status, body } = await apiGet(page, `/households/${householdNo}`)
    expect(status).toBe(200)
    expect((body as { phone: string }).phone).toBe(newPhone)
    // Saved: no draft comes back on reload.
    await page.reload()
    await page.locator('[data-testid="household-edit"]').waitFor()
    expect(await field('phone').locator('input').inputValue()).toBe(newPhone)
  })

  it('shows the change in the audit log screen', async () => {
    const { page } = session
    await go(page, '/system/audit')
    await page.fill('input[data-testid="audit-entity-key"]', householdNo)
    await page.click('[data-testid="audit-search"]')
    const row = page.locator('[data-testid="audit-table"] .audit-row', { hasText: newPhone }).first()
    await row.waitFor()
    const text = await row.textContent()
    expect(text).toContain(ACCOUNTS.quanhu.username)
    expect(text).toContain(householdNo)
  })
})
