import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HouseholdSummary, Page as ApiPage, Region } from '@/api/types'
import { ACCOUNTS, GANCAO, QUANHU } from './accounts'
import { apiAs, apiGet, go, openBrowser, signIn, type Session } from './support'

// Another township's office and a cadre with no pairing see nothing of 泉湖: not in the
// tree, the lists, the dashboard, a household's page, nor straight through the API.
describe('data scope', () => {
  let quanhuHousehold = ''
  let quanhuHead = ''

  beforeAll(async () => {
    const list = await apiAs<ApiPage<HouseholdSummary>>(ACCOUNTS.admin, `/households?region=${QUANHU}&size=1`)
    quanhuHousehold = list.items[0].household_no
    quanhuHead = list.items[0].head_name
  })

  describe('甘草店镇’s office', () => {
    let session: Session
    beforeAll(async () => {
      session = await openBrowser()
      await signIn(session.page, ACCOUNTS.gancao)
    })
    afterAll(async () => session?.close())

    it('gets 404 from the API for 泉湖’s household and figures', async () => {
      const { page } = session
      expect((await apiGet(page, `/households/${quanhuHousehold}`)).status).toBe(404)
      expect((await apiGet(page, `/stats?region=${QUANHU}`)).status).toBe(404)
      expect((await apiGet(page, `/stats/children?region=${QUANHU}`)).status).toBe(404)
      expect((await apiGet(page, `/regions/${QUANHU}`)).status).toBe(404)
      const search = await apiGet(page, `/households?q=${quanhuHousehold}`)
      expect((search.body as ApiPage<HouseholdSummary>).total).toBe(0)
      const roots = (await apiGet(page, '/regions/roots')).body as { items: Region[] }
      expect(roots.items.map((region) => region.code)).toEqual([GANCAO])
    })

    it('sees only 甘草店镇 on the dashboard and nothing of 泉湖 in the UI', async () => {
      const { page } = session
      await go(page, '/dashboard')
      await page.locator(`[data-testid="dashboard-region"][data-code="${GANCAO}"]`).waitFor()
      await page.click('[data-testid="region-picker"]')
      await page.locator('.el-tree-select__popper .el-tree-node').first().waitFor()
      const tree = await page.locator('.el-tree-select__popper').first().textContent()
      expect(tree).toContain('甘草店镇')
      expect(tree).not.toContain('泉湖')
      await page.keyboard.press('Escape')

      await go(page, `/dashboard?region=${QUANHU}`)
      await page.locator('[data-testid="api-error"]').first().waitFor()
      expect(await page.locator('[data-testid="stat-cards"]').count()).toBe(0)

      await go(page, `/households?q=${quanhuHousehold}`)
      await expect.poll(() => page.getAttribute('[data-testid="total"]', 'data-total')).toBe('0')

      await go(page, `/households/${quanhuHousehold}`)
      await page.locator('[data-testid="api-error"]').first().waitFor()
      expect(await page.locator('[data-testid="household-form"]').count()).toBe(0)
      expect(await page.textContent('body')).not.toContain(quanhuHead)
    })
  })

  describe('a cadre without pairings', () => {
    let session: Session
    beforeAll(async () => {
      session = await openBrowser()
      await signIn(session.page, ACCOUNTS.cadre)
    })
    afterAll(async () => session?.close())

    it('gets nothing of 泉湖 from the API', async () => {
      const { page } = session
      expect((await apiGet(page, `/households/${quanhuHousehold}`)).status).toBe(404)
      // No statistics permission at all: refused (403) or not found (404), never figures.
      expect([403, 404]).toContain((await apiGet(page, `/stats?region=${QUANHU}`)).status)
      const list = await apiGet(page, '/households')
      expect(list.status).toBe(200)
      expect((list.body as ApiPage<HouseholdSummary>).total).toBe(0)
    })

    it('sees an empty household list, no dashboard, and no 泉湖 household page', async () => {
      const { page } = session
      await page.waitForURL(/\/households/)
      await expect.poll(() => page.getAttribute('[data-testid="total"]', 'data-total')).toBe('0')
      expect(await page.locator('[data-testid="side-menu"]').textContent()).not.toContain('统计看板')

      await go(page, `/dashboard?region=${QUANHU}`)
      await page.locator('[data-testid="error-page"]').waitFor()
      expect(await page.locator('[data-testid="stat-cards"]').count()).toBe(0)

      await go(page, `/households/${quanhuHousehold}`)
      await page.locator('[data-testid="api-error"]').first().waitFor()
      expect(await page.textContent('body')).not.toContain(quanhuHead)
    })
  })
})
