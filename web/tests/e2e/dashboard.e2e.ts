import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Stats } from '@/api/types'
import { ACCOUNTS, GANCAO, QUANHU } from './accounts'
import { cliJson, go, openBrowser, signIn, type Session } from './support'

const CARD_FIGURES = [
  'villages',
  'groups',
  'households',
  'persons',
  'labour',
  'poor_households',
  'poor_persons',
  'arable_land_mu',
  'per_capita_income_yuan',
] as const

/** Every figure the dashboard shows, read from the page: the number and the text a user reads. */
async function figuresOnPage(page: Page) {
  return page.evaluate(() => {
    const cards: Record<string, { value: number; text: string }> = {}
    for (const card of document.querySelectorAll<HTMLElement>('[data-testid="stat-cards"] [data-figure]')) {
      cards[card.dataset.figure ?? ''] = {
        value: Number(card.dataset.value),
        text: card.querySelector('.stat-card__value')?.childNodes[0]?.textContent ?? '',
      }
    }
    const categories: Record<string, { households: number; persons: number; text: string }> = {}
    for (const item of document.querySelectorAll<HTMLElement>('[data-category]')) {
      categories[item.dataset.category ?? ''] = {
        households: Number(item.dataset.households),
        persons: Number(item.dataset.persons),
        text: item.textContent ?? '',
      }
    }
    const mismatches = [...document.querySelectorAll<HTMLElement>('[data-testid="mismatches"] [data-figure]')].map((item) => ({
      figure: item.dataset.figure,
      declared: Number(item.dataset.declared),
      computed: Number(item.dataset.computed),
      text: item.textContent ?? '',
    }))
    return { cards, categories, mismatches }
  })
}

function expectSameAsCli(shown: Awaited<ReturnType<typeof figuresOnPage>>, stats: Stats): void {
  for (const figure of CARD_FIGURES) {
    expect(shown.cards[figure]?.value, figure).toBe(stats[figure])
    // The grouped text (19,834) must read as the same number.
    expect(Number(shown.cards[figure]?.text.replace(/[,\s]/g, '')), `${figure} as text`).toBe(stats[figure])
  }
  for (const category of stats.by_category) {
    expect(shown.categories[category.code]?.households, category.code).toBe(category.households)
    expect(shown.categories[category.code]?.persons, category.code).toBe(category.persons)
    expect(shown.categories[category.code]?.text).toContain(category.label)
  }
  expect(shown.mismatches.map(({ figure, declared, computed }) => ({ figure, declared, computed }))).toEqual(
    stats.mismatches.map(({ figure, declared, computed }) => ({ figure, declared, computed })),
  )
}

describe('dashboard', () => {
  let session: Session
  beforeAll(async () => {
    session = await openBrowser()
  })
  afterAll(async () => session?.close())

  it('shows exactly the figures of `shuanglian stats` for 泉湖 to its office', async () => {
    const { page } = session
    await signIn(page, ACCOUNTS.quanhu)
    await go(page, '/dashboard')
    await page.locator(`[data-testid="dashboard-region"][data-code="${QUANHU}"]`).waitFor()
    await page.locator('[data-testid="stat-cards"] [data-figure="households"]').waitFor()
    const shown = await figuresOnPage(page)
    const stats = cliJson<Stats>(['stats', '--region', QUANHU, '--json'])
    expect(stats.households).toBeGreaterThan(5000)
    expectSameAsCli(shown, stats)
    expect(shown.mismatches).toEqual([])
    // The bar chart by village and the pie by category are drawn.
    await page.locator('[data-testid="chart-children"] canvas').waitFor()
    await page.locator('[data-testid="chart-category"] canvas').waitFor()
  })

  it('lets the administrator pick 泉湖 in the region tree and shows the same figures', async () => {
    const { page } = session
    await page.click('[data-testid="sign-out"]')
    await signIn(page, ACCOUNTS.admin)
    await go(page, '/dashboard')
    await page.click('[data-testid="region-picker"]')
    const node = (name: string) => page.locator('.el-tree-select__popper .el-tree-node__content', { hasText: name }).first()
    for (const name of ['甘肃省', '酒泉市', '肃州区']) {
      await node(name).locator('.el-tree-node__expand-icon').click()
    }
    await node('泉湖镇').click()
    await page.locator(`[data-testid="dashboard-region"][data-code="${QUANHU}"]`).waitFor()
    await expect.poll(() => page.url()).toContain(`region=${QUANHU}`)
    await page.waitForLoadState('networkidle')
    expectSameAsCli(await figuresOnPage(page), cliJson<Stats>(['stats', '--region', QUANHU, '--json']))
  })

  it('warns about the declared figures of 甘草店镇 that disagree with the records', async () => {
    const { page } = session
    await go(page, `/dashboard?region=${GANCAO}`)
    await page.locator(`[data-testid="dashboard-region"][data-code="${GANCAO}"]`).waitFor()
    await page.locator('[data-testid="mismatches"]').waitFor()
    const shown = await figuresOnPage(page)
    const stats = cliJson<Stats>(['stats', '--region', GANCAO, '--json'])
    expect(stats.mismatches.length).toBe(2)
    expectSameAsCli(shown, stats)
    expect(shown.mismatches[0].text).toContain('填报 2323')
    expect(shown.mismatches[0].text).toContain('记录计算 2331')
  })
})
