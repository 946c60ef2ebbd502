import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { HouseholdSummary, Page as ApiPage } from '@/api/types'
import { ACCOUNTS, GANCAO, QUANHU } from './accounts'
import { DESKTOP, PHONE, apiAs, demoAccount, go, openBrowser, screenshot, signIn, type Session } from './support'

// The main screens at an office's 1280 px and a cadre's 375 px phone, saved as test
// artifacts; at 375 px the household list and page, and every pairing screen, must fit
// without sideways scrolling (wide tables scroll inside themselves).
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
}

for (const [label, viewport] of [
  ['1280', DESKTOP],
  ['375', PHONE],
] as const) {
  describe(`screens at ${label} px`, () => {
    let session: Session | undefined
    afterAll(async () => session?.close())

    it('sign-in, dashboard, regions, households, household, import, audit, users', async () => {
      session = await openBrowser(viewport)
      const { page } = session
      const household = (await apiAs<ApiPage<HouseholdSummary>>(ACCOUNTS.admin, `/households?region=${QUANHU}&category=subsistence&size=1`))
        .items[0].household_no

      await go(page, '/login')
      await page.locator('[data-testid="login-form"]').waitFor()
      await screenshot(page, `${label}-01-login`)

      await signIn(page, ACCOUNTS.quanhu)
      await go(page, '/dashboard')
      await page.locator('[data-testid="chart-category"] canvas').waitFor()
      await screenshot(page, `${label}-02-dashboard`)

      await go(page, '/regions')
      await page.locator('[data-testid="region-tree"] [data-code]').first().click()
      await page.locator('[data-testid="region-profile"]').waitFor()
      await screenshot(page, `${label}-03-regions`)

      await go(page, `/households?region=${QUANHU}`)
      if (viewport === PHONE) {
        await page.locator('[data-testid="household-cards"] [data-household]').first().waitFor()
        expect(await page.locator('[data-testid="household-table"]').count()).toBe(0)
      } else {
        await page.locator('[data-testid="household-table"] a[data-household]').first().waitFor()
      }
      expect(await fitsWidth(page), 'household list fits the width').toBe(true)
      await screenshot(page, `${label}-04-households`)

      if (viewport === PHONE) {
        // A cadre opens a household from the card list with a tap.
        await page.locator('[data-testid="household-cards"] [data-household]').first().click()
        await page.waitForURL(/\/households\/[^/?]+$/)
      }
      await go(page, `/households/${household}`)
      await page.locator('[data-testid="members"]').waitFor()
      expect(await fitsWidth(page), 'household page fits the width').toBe(true)
      await screenshot(page, `${label}-05-household`)

      await go(page, '/import')
      await page.locator('[data-testid="import-view"]').waitFor()
      await screenshot(page, `${label}-06-import`)

      await go(page, '/system/audit')
      await page.locator('[data-testid="audit-table"]').waitFor()
      await screenshot(page, `${label}-07-audit`)

      await page.click('[data-testid="sign-out"]')
      await signIn(page, ACCOUNTS.admin)
      await go(page, '/system/users')
      await page.locator('[data-testid="user-table"] .el-table__row').first().waitFor()
      await screenshot(page, `${label}-08-users`)
    })

    it('the pairing screens: board, coverage, assignment, units, helpers, helper, rules, organisation; a cadre’s board', async () => {
      const pairing = await openBrowser(viewport)
      try {
        const { page } = pairing
        await signIn(page, ACCOUNTS.quanhu)
        const village = `${QUANHU}200`
        const screens: [string, string, string][] = [
          ['09-board', `/pairing/board?village=${village}`, '[data-testid="board-group"] [data-household]'],
          ['10-coverage', `/pairing/coverage?region=${QUANHU}`, '[data-testid="coverage-rates"] .el-progress'],
          ['11-assignment', `/pairing/assignment?region=${QUANHU}`, '[data-testid="assignment-counts"]'],
          ['12-units', '/pairing/units', '[data-testid="unit-table"] .el-table__row'],
          ['13-helpers', '/pairing/helpers', '[data-testid="helper-table"] a[data-helper]'],
          ['14-helper', '/pairing/helpers/1', '[data-testid="helper-pairings"]'],
          ['15-rules', `/pairing/rules?region=${QUANHU}`, '[data-testid="rule-source"]'],
          ['16-organisation', `/pairing/organisation?region=${QUANHU}`, '[data-body="office"]'],
          ['16b-unit', '/pairing/units/1', '[data-testid="unit-helpers"]'],
        ]
        for (const [name, path, ready] of screens) {
          await go(page, path)
          await page.locator(ready).first().waitFor()
          expect(await fitsWidth(page), `${name} fits the width`).toBe(true)
          await screenshot(page, `${label}-${name}`)
        }
        await go(page, `/pairing/board?village=${village}`)
        await page.locator('[data-testid="board-group"] [data-add]').first().click()
        await page.locator('[data-testid="pairing-dialog"]').waitFor()
        expect(await fitsWidth(page), 'the pairing dialog fits the width').toBe(true)
        await screenshot(page, `${label}-17-pairing-dialog`)
        await page.keyboard.press('Escape')
        await page.locator('[data-testid="pairing-dialog"]').waitFor({ state: 'hidden' })

        await page.click('[data-testid="sign-out"]')
        await signIn(page, demoAccount('gancaodianOffice'))
        await go(page, `/pairing/coverage?region=${GANCAO}`)
        await page.locator('[data-testid="gap-table"] .el-table__row').first().waitFor()
        expect(await fitsWidth(page), 'coverage with gaps fits the width').toBe(true)
        await screenshot(page, `${label}-18-coverage-gaps`)

        await page.click('[data-testid="sign-out"]')
        await signIn(page, demoAccount('cadre'))
        await go(page, '/pairing/board')
        await page.locator('[data-testid="board-group"] [data-household]').first().waitFor()
        expect(await fitsWidth(page), 'a cadre’s board fits the width').toBe(true)
        await screenshot(page, `${label}-19-cadre-board`)
      } finally {
        await pairing.close()
      }
    })
  })
}
