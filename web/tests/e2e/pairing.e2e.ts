import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AssignmentPlan, Coverage, CoverageRule, Helper, HouseholdSummary, Organisation, Page as ApiPage, Pairing, PairingBoard } from '@/api/types'
import { ACCOUNTS, GANCAO, QUANHU } from './accounts'
import { apiAs, apiGet, apiWriteAs, cliJson, confirm, demoAccount, go, openBrowser, server, signIn, type Session } from './support'

// The pairing screens (issue 6) against the real server on the demo database: 泉湖 fully
// covered, 甘草店镇 with its real 2012 gap closed by the reviewed assignment, the rules'
// refusals named on the board, and a cadre who sees only their own households.

const SIBA = '620902108200' // 四坝村, 泉湖
const RATES = ['households', 'village_leader', 'village_unit', 'group_cadre'] as const

/** What the coverage screen shows, read from its data attributes. */
async function coverageOnPage(page: Page) {
  const rates = page.locator('[data-testid="coverage-rates"]')
  await rates.waitFor()
  const number = async (name: string) => Number(await rates.getAttribute(name))
  const byRate: Record<string, { value: number; text: string }> = {}
  for (const rate of RATES) {
    const gauge = rates.locator(`[data-rate="${rate}"]`)
    byRate[rate] = { value: Number(await gauge.getAttribute('data-value')), text: (await gauge.locator('.coverage__percent').textContent()) ?? '' }
  }
  return {
    required: await number('data-households-required'),
    covered: await number('data-households-covered'),
    coverage: await number('data-coverage'),
    gapsTotal: await number('data-gaps-total'),
    complete: (await page.getAttribute('[data-testid="coverage-verdict"]', 'data-complete')) === '1',
    rates: byRate,
  }
}

function expectCoverageLikeCli(shown: Awaited<ReturnType<typeof coverageOnPage>>, cli: Coverage): void {
  expect(shown.required).toBe(cli.households_required)
  expect(shown.covered).toBe(cli.households_covered)
  expect(shown.coverage).toBe(cli.coverage)
  expect(shown.gapsTotal).toBe(cli.gaps_total)
  expect(shown.complete).toBe(cli.complete)
  for (const rate of RATES) expect(shown.rates[rate].value, rate).toBe(cli.rates[rate])
}

async function openCoverage(page: Page, region: string): Promise<void> {
  await go(page, `/pairing/coverage?region=${region}`)
  await page.locator(`[data-testid="coverage-region"][data-code="${region}"]`).waitFor()
}

async function openBoard(page: Page, village: string): Promise<void> {
  await go(page, `/pairing/board?village=${village}`)
  await page.locator(`[data-testid="board-village"][data-code="${village}"]`).waitFor()
  await page.locator('[data-testid="board-summary"]').waitFor()
}

/** Opens an Element Plus remote select, types `option` (GET /helpers?q=) and picks it. */
async function pickListed(page: Page, select: string, option: string): Promise<void> {
  await page.click(select)
  await page.keyboard.type(option)
  // The search has answered when the list holds only the match (a phone is unique).
  await expect.poll(() => page.locator('.el-select-dropdown__item:visible').count()).toBe(1)
  const item = page.locator('.el-select-dropdown__item:visible', { hasText: option }).first()
  await item.click()
  // The choice shows in the select (its label carries the phone) and the list closes.
  await expect.poll(() => page.locator(select).textContent()).toContain(option)
  await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' })
}

describe('pairing in 泉湖 (the office)', () => {
  let session: Session
  beforeAll(async () => {
    session = await openBrowser()
    await signIn(session.page, ACCOUNTS.quanhu)
  })
  afterAll(async () => session?.close())

  it('shows 泉湖 covered 100%, every figure as `shuanglian check coverage` gives it', async () => {
    const { page } = session
    await openCoverage(page, QUANHU)
    const cli = cliJson<Coverage>(['check', 'coverage', '--region', QUANHU, '--json'])
    expect(cli.coverage).toBe(1)
    expect(cli.complete).toBe(true)
    expect(cli.households_required).toBe(5304)
    const shown = await coverageOnPage(page)
    expectCoverageLikeCli(shown, cli)
    for (const rate of RATES) expect(shown.rates[rate].text, rate).toBe('100%')
    expect(await page.locator('[data-testid="gap-table"]').count()).toBe(0)
    expect(await page.locator('[data-testid="violation-table"]').count()).toBe(0)
  })

  it('shows the household coverage on the dashboard too', async () => {
    const { page } = session
    await go(page, `/dashboard?region=${QUANHU}`)
    const card = page.locator('[data-testid="dashboard-coverage"]')
    await card.waitFor()
    const cli = cliJson<Coverage>(['check', 'coverage', '--region', QUANHU, '--json'])
    expect(Number(await card.getAttribute('data-value'))).toBe(cli.coverage)
    expect(Number(await card.getAttribute('data-covered'))).toBe(cli.households_covered)
    expect(await card.textContent()).toContain('100%')
  })

  it('refuses to end the only pairing of a poor household and names the rule', async () => {
    const { page } = session
    const board = (await apiAs<PairingBoard>(ACCOUNTS.quanhu, `/pairing-board?village=${SIBA}`))
    const target = board.groups
      .flatMap((group) => group.households)
      .find((household) => household.category !== 'general' && household.pairings.length === 1)
    expect(target, 'a poor household of 四坝村 with one helper').toBeDefined()
    const only = target?.pairings[0] as Pairing

    await openBoard(page, SIBA)
    const row = page.locator(`[data-testid="board-group"] [data-household="${target?.household_no}"]`)
    expect(await row.getAttribute('data-covered')).toBe('1')
    await row.locator(`[data-pairing="${only.id}"] .el-tag__close`).click()
    await confirm(page)
    const refused = page.locator('[data-testid="refused-rule"]')
    await refused.waitFor()
    expect(await refused.textContent()).toContain('household_coverage')
    expect(await page.getAttribute('[data-testid="pairing-error"]', 'data-rule')).toBe('household_coverage')
    expect(await page.locator('[data-testid="pairing-error"]').textContent()).toContain(target?.household_no ?? '-')
    // Nothing ended: the household keeps its helper.
    const history = await apiAs<ApiPage<Pairing>>(ACCOUNTS.quanhu, `/pairings?household=${target?.household_no}`)
    expect(history.items.map((item) => item.id)).toContain(only.id)
  })

  it('refuses a household to a cadre at the limit (max_households_per_cadre), then gives it to one with room', async () => {
    const { page } = session
    const helpers = (await apiAs<ApiPage<Helper>>(ACCOUNTS.quanhu, '/helpers?kind=cadre&size=30')).items
    const full = helpers.find((helper) => helper.households >= 100)
    const roomy = helpers.find((helper) => helper.households < 90 && helper.unit)
    expect(full, 'a 泉湖 cadre holding 100 households').toBeDefined()
    expect(roomy).toBeDefined()
    const board = await apiAs<PairingBoard>(ACCOUNTS.quanhu, `/pairing-board?village=${SIBA}`)
    const household = board.groups[1].households.find((item) => item.pairings.every((pairing) => pairing.helper?.id !== roomy?.id)) as PairingBoard['groups'][0]['households'][0]
    const before = household.pairings.find((pairing) => pairing.kind === 'cadre_household') as Pairing

    await openBoard(page, SIBA)
    const dialog = page.locator('[data-testid="pairing-dialog"]')
    await page.click(`[data-add="${household.household_no}"]`)
    await dialog.waitFor()
    expect(await dialog.locator('[data-testid="pairing-household"]').textContent()).toContain(household.household_no)
    // Found by typing the phone into the select: the server searches helpers by name or phone.
    await pickListed(page, '[data-testid="pairing-helper"]', full?.phone ?? '')
    await page.click('[data-testid="pairing-save"]')
    const refused = dialog.locator('[data-testid="refused-rule"]')
    await refused.waitFor()
    expect(await refused.textContent()).toContain('max_households_per_cadre')

    await pickListed(page, '[data-testid="pairing-helper"]', roomy?.phone ?? '')
    await page.click('[data-testid="pairing-save"]')
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`the dialog stayed open: ${await dialog.textContent()}`, { cause: error })
    })
    const row = page.locator(`[data-testid="board-group"] [data-household="${household.household_no}"]`)
    await expect.poll(() => row.locator(`[data-helper="${roomy?.id}"]`).count()).toBe(1)
    // The old pairing ended today and is kept in the household's history; coverage unchanged.
    const history = await apiAs<ApiPage<Pairing>>(ACCOUNTS.quanhu, `/pairings?household=${household.household_no}&history=1`)
    const old = history.items.find((item) => item.id === before.id)
    expect(old?.active).toBe(false)
    expect(history.items.some((item) => item.active && item.helper?.id === roomy?.id)).toBe(true)
    expect(cliJson<Coverage>(['check', 'coverage', '--region', QUANHU, '--json']).complete).toBe(true)
  })

  it('shows a bad or taken phone number and a duplicate unit name at their fields', async () => {
    const { page } = session
    const taken = (await apiAs<ApiPage<Helper>>(ACCOUNTS.quanhu, '/helpers?size=1')).items[0]
    await go(page, '/pairing/helpers')
    await page.locator('[data-testid="helper-table"] a[data-helper]').first().waitFor()
    await page.click('[data-testid="helper-add"]')
    const dialog = page.locator('[data-testid="helper-dialog"]')
    await dialog.waitFor()
    await dialog.locator('[data-field="name"] input').fill('测试帮扶人')
    await dialog.locator('[data-field="unit"] input').fill(taken.unit?.name ?? '')
    await dialog.locator('[data-field="phone"] input').fill('123')
    await page.click('[data-testid="helper-save"]')
    const phoneError = dialog.locator('[data-field="phone"] .el-form-item__error')
    await phoneError.waitFor()
    expect(await phoneError.textContent()).toMatch(/电话号码/)

    await dialog.locator('[data-field="phone"] input').fill(taken.phone)
    await page.click('[data-testid="helper-save"]')
    await expect.poll(() => phoneError.textContent()).toContain(taken.name) // 409 phone_taken names the owner
    expect(await dialog.locator('[data-field="name"] input').inputValue()).toBe('测试帮扶人')
    await page.keyboard.press('Escape')

    const unit = (await apiAs<ApiPage<{ name: string }>>(ACCOUNTS.quanhu, '/units?size=1')).items[0]
    await go(page, '/pairing/units')
    await page.click('[data-testid="unit-add"]')
    const unitDialog = page.locator('[data-testid="unit-dialog"]')
    await unitDialog.waitFor()
    await unitDialog.locator('[data-field="name"] input').fill(unit.name)
    for (const [field, label] of [
      ['unit_type', '国家机关'],
      ['affiliation', '乡镇'],
    ]) {
      await unitDialog.locator(`[data-field="${field}"] .el-select`).click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
    }
    await page.click('[data-testid="unit-save"]')
    const nameError = unitDialog.locator('[data-field="name"] .el-form-item__error')
    await nameError.waitFor()
    expect(await nameError.textContent()).toContain(unit.name) // 409 duplicate
  })

  it('lets the office register a helper of a unit in its own township', async () => {
    const { page } = session
    const unit = (await apiAs<ApiPage<{ name: string }>>(ACCOUNTS.quanhu, '/units?size=1')).items[0]
    await go(page, '/pairing/helpers')
    await page.click('[data-testid="helper-add"]')
    const dialog = page.locator('[data-testid="helper-dialog"]')
    await dialog.waitFor()
    await dialog.locator('[data-field="name"] input').fill('泉湖新干部')
    await dialog.locator('[data-field="unit"] input').fill(unit.name)
    await dialog.locator('[data-field="phone"] input').fill('13800009998')
    await page.click('[data-testid="helper-save"]')
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`the dialog stayed open: ${await dialog.textContent()}`, { cause: error })
    })
    const found = await apiAs<ApiPage<Helper>>(ACCOUNTS.quanhu, '/helpers?q=13800009998')
    expect(found.items.map((helper) => [helper.name, helper.unit?.name])).toEqual([['泉湖新干部', unit.name]])
  })

  it('finds a helper by phone in the list’s search box', async () => {
    const { page } = session
    const helper = (await apiAs<ApiPage<Helper>>(ACCOUNTS.quanhu, '/helpers?size=1')).items[0]
    await go(page, `/pairing/helpers?q=${helper.phone}`)
    await expect.poll(() => page.getAttribute('[data-testid="total"]', 'data-total'), { timeout: 5000 }).toBe('1')
    expect(await page.locator(`[data-testid="helper-table"] a[data-helper="${helper.id}"]`).count()).toBe(1)
  })

  it('registers a helper (as the administrator) and shows their page', async () => {
    const admin = await openBrowser()
    try {
      const { page } = admin
      await signIn(page, ACCOUNTS.admin)
      await go(page, '/pairing/helpers')
      await page.click('[data-testid="helper-add"]')
      const dialog = page.locator('[data-testid="helper-dialog"]')
      await dialog.waitFor()
      await dialog.locator('[data-field="name"] input').fill('测试帮扶人')
      await dialog.locator('[data-field="unit"] input').fill('泉湖镇党政办')
      await dialog.locator('[data-field="title"] input').fill('科员')
      await dialog.locator('[data-field="phone"] input').fill('13800009999')
      await page.click('[data-testid="helper-save"]')
      await dialog.waitFor({ state: 'hidden' })
      // The newest helper: the last by id (the list's order), one per page.
      const { total } = await apiAs<ApiPage<Helper>>(ACCOUNTS.admin, '/helpers?size=1')
      const created = (await apiAs<ApiPage<Helper>>(ACCOUNTS.admin, `/helpers?size=1&page=${total}`)).items
      expect(created.map((helper) => [helper.name, helper.unit?.name, helper.title, helper.phone])).toEqual([['测试帮扶人', '泉湖镇党政办', '科员', '13800009999']])
      await go(page, `/pairing/helpers?page=${Math.ceil(total / 20)}`)
      await page.locator(`[data-testid="helper-table"] a[data-helper="${created[0].id}"]`).click()
      await page.waitForURL(new RegExp(`/pairing/helpers/${created[0].id}$`))
      await page.locator('[data-testid="helper-info"]').waitFor()
      expect(await page.textContent('[data-testid="helper-info"]')).toContain('13800009999')
      expect(await page.textContent('[data-testid="helper-pairings"]')).toContain('没有结对')
    } finally {
      await admin.close()
    }
  })

  it('opens a unit’s page from the list: its people and the villages it is paired with', async () => {
    const { page } = session
    const unit = (await apiAs<ApiPage<{ id: number; name: string; helpers: number }>>(ACCOUNTS.quanhu, '/units?size=1')).items[0]
    const villages = (await apiAs<ApiPage<Pairing>>(ACCOUNTS.quanhu, `/pairings?unit_id=${unit.id}&kind=unit_village`)).items
    await go(page, '/pairing/units')
    await page.locator(`[data-testid="unit-table"] a[data-unit-link="${unit.id}"]`).click()
    await page.waitForURL(new RegExp(`/pairing/units/${unit.id}$`))
    await page.locator('[data-testid="unit-helpers"]').waitFor()
    expect(await page.locator('[data-testid="unit-helpers"] a[data-helper]').count()).toBe(unit.helpers)
    const shown = await page.locator('[data-testid="unit-villages"] a[data-village]').evaluateAll((links) => links.map((link) => link.getAttribute('data-village')))
    expect(shown.sort()).toEqual(villages.map((pairing) => pairing.village_code).sort())
  })

  it('sets the rules for one village and shows the others still following 泉湖', async () => {
    const { page } = session
    await go(page, `/pairing/rules?region=${SIBA}`)
    const source = page.locator('[data-testid="rule-source"]')
    await expect.poll(() => source.getAttribute('data-source')).toBe('inherited')
    expect(await source.getAttribute('data-set-at')).toBe(QUANHU)
    await page.click('[data-testid="rule-edit"]')
    await page.locator('[data-testid="rule-max"] input').fill('120')
    await page.click('[data-testid="rule-save"]')
    await expect.poll(() => source.getAttribute('data-source')).toBe('own')
    const rule = await apiAs<CoverageRule>(ACCOUNTS.quanhu, `/rules?region=${SIBA}`)
    expect(rule.max_households_per_cadre).toBe(120)
    expect(rule.set_at).toBe(SIBA)
    const township = await apiAs<CoverageRule>(ACCOUNTS.quanhu, `/rules?region=${QUANHU}`)
    expect(township.max_households_per_cadre).toBe(100)
    await go(page, `/pairing/rules?region=${QUANHU}`)
    await expect.poll(() => source.getAttribute('data-source')).toBe('own')
  })

  it('edits the leadership group and office of 泉湖', async () => {
    const { page } = session
    await go(page, `/pairing/organisation?region=${QUANHU}`)
    await page.locator(`[data-testid="organisation-region"][data-code="${QUANHU}"]`).waitFor()
    const before = await apiAs<Organisation>(ACCOUNTS.quanhu, `/organisation?region=${QUANHU}`)
    await page.click('[data-testid="organisation-edit"]')
    await page.click('[data-add="office"]')
    const row = page.locator('[data-body="office"] [data-member]').last()
    await row.locator('[data-input="name"] input, input[data-input="name"]').first().fill('测试联络员')
    await row.locator('[data-input="phone"] input, input[data-input="phone"]').first().fill('0937-1234567')
    await page.click('[data-testid="organisation-save"]')
    await page.locator('[data-testid="organisation-edit"]').waitFor()
    const after = await apiAs<Organisation>(ACCOUNTS.quanhu, `/organisation?region=${QUANHU}`)
    expect(after.members).toHaveLength(before.members.length + 1)
    expect(after.members.find((member) => member.name === '测试联络员')).toMatchObject({ role: 'liaison', phone: '0937-1234567' })
    expect(await page.textContent('[data-body="office"]')).toContain('测试联络员')
  })

  it('opens the contact cards in a new tab and downloads them', async () => {
    const { page, context } = session
    await openCoverage(page, QUANHU)
    const [tab] = await Promise.all([context.waitForEvent('page'), page.click('[data-testid="cards-open"]')])
    await tab.waitForLoadState()
    expect(tab.url()).toContain(`/api/v1/cards?region=${QUANHU}`)
    expect(await tab.textContent('body')).toContain('连心卡')
    await tab.close()
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="cards-download"]')])
    expect(download.suggestedFilename()).toMatch(/^连心卡-泉湖镇\.html$/)
  })
})

describe('the gap of 甘草店镇 closed by the assignment (gancaodian-office)', () => {
  let session: Session
  beforeAll(async () => {
    session = await openBrowser()
    await signIn(session.page, demoAccount('gancaodianOffice'))
  })
  afterAll(async () => session?.close())

  it('shows the real 2012 gap: 235 of 2,331 poor households covered', async () => {
    const { page } = session
    await openCoverage(page, GANCAO)
    const cli = cliJson<Coverage>(['check', 'coverage', '--region', GANCAO, '--json'])
    // 2,331 in the demo, plus any poor household the import test added to 三墩营村 first.
    const imported = (await apiAs<ApiPage<HouseholdSummary>>(ACCOUNTS.gancao, `/households?region=${GANCAO}&q=E2E-&size=50`)).items
    const importedPoor = imported.filter((item) => item.category !== 'general').length
    expect(cli.households_required).toBe(2331 + importedPoor)
    expect(cli.households_covered).toBe(235)
    const shown = await coverageOnPage(page)
    expectCoverageLikeCli(shown, cli)
    expect(shown.complete).toBe(false)
    expect(shown.rates.households.text).toBe('10%')
    // Village and group gaps come first in the server's list, so all of them are listed
    // (the households fill the rest of its 1000); the rule filter shows the household gaps.
    const listed = (rule: string) => cli.gaps.filter((gap) => gap.rule === rule).length
    expect(listed('village_needs_leader') + listed('group_needs_cadre')).toBe(8 + 84)
    const table = page.locator('[data-testid="gap-table"]')
    expect(await table.locator('[data-rule="village_needs_leader"]').count()).toBeGreaterThan(0)
    await page.click('[data-testid="gap-rule-filter"]')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '须覆盖的户属性' }).first().click()
    await expect.poll(() => page.getAttribute('[data-testid="gap-count"]', 'data-count')).toBe(String(listed('household_coverage')))
    expect(await table.locator('[data-rule="household_coverage"]').count()).toBe(20)
    expect(await table.locator('[data-rule="village_needs_leader"]').count()).toBe(0)
  })

  it('reviews the proposal, is told when the data changed meanwhile, and applies it', async () => {
    const { page } = session
    await page.click('[data-testid="to-assignment"]')
    const counts = page.locator('[data-testid="assignment-counts"]')
    await counts.waitFor()
    const read = async () => ({
      uncovered: Number(await counts.getAttribute('data-uncovered')),
      proposed: Number(await counts.getAttribute('data-proposed')),
      unplaced: Number(await counts.getAttribute('data-unplaced')),
      cadres: Number(await counts.getAttribute('data-cadres')),
      plan: await counts.getAttribute('data-plan'),
    })
    const dry = cliJson<AssignmentPlan>(['assign', '--region', GANCAO, '--dry-run', '--json'])
    expect(await read()).toEqual({ uncovered: dry.uncovered, proposed: dry.proposed, unplaced: dry.unplaced, cadres: dry.cadres, plan: dry.plan_id })
    expect(dry.uncovered).toBeGreaterThanOrEqual(2096)
    const firstRow = page.locator('[data-testid="proposal-table"] a[data-household]').first()
    expect(await firstRow.getAttribute('data-household')).toBe(dry.proposals[0].household_no)

    // Someone pairs one of the proposed households by hand while the office reviews.
    const taken = dry.proposals[dry.proposals.length - 1]
    const office = demoAccount('gancaodianOffice')
    const made = await apiWriteAs<Pairing>(office, 'POST', '/pairings', {
      kind: 'cadre_household',
      helper_id: taken.helper.id,
      household_no: taken.household_no,
    })
    expect(made.status).toBe(201)
    const changed = cliJson<AssignmentPlan>(['assign', '--region', GANCAO, '--dry-run', '--json'])
    expect(changed.uncovered).toBe(dry.uncovered - 1)

    await page.click('[data-testid="assignment-apply"]')
    await confirm(page)
    await page.locator('[data-testid="plan-changed"]').waitFor()
    expect(await page.textContent('[data-testid="assignment-apply-error"]')).toContain('数据已变化')
    await expect.poll(async () => (await read()).plan).toBe(changed.plan_id)
    expect(await read()).toEqual({ uncovered: changed.uncovered, proposed: changed.proposed, unplaced: changed.unplaced, cadres: changed.cadres, plan: changed.plan_id })
    // Nothing was written by the refused confirmation.
    expect(cliJson<Coverage>(['check', 'coverage', '--region', GANCAO, '--json']).households_covered).toBe(236)

    await page.click('[data-testid="assignment-apply"]')
    await confirm(page)
    const applied = page.locator('[data-testid="assignment-applied"]')
    await applied.waitFor()
    expect(Number(await applied.getAttribute('data-proposed'))).toBe(changed.proposed)
    // The proposal after: nothing left to place but what capacity could not take.
    await expect.poll(async () => (await read()).uncovered).toBe(changed.unplaced)
  })

  it('shows 甘草店镇 covered as far as capacity allows, as `check coverage` says', async () => {
    const { page } = session
    await openCoverage(page, GANCAO)
    const cli = cliJson<Coverage>(['check', 'coverage', '--region', GANCAO, '--json'])
    const after = cliJson<AssignmentPlan>(['assign', '--region', GANCAO, '--dry-run', '--json'])
    expect(cli.households_covered).toBe(cli.households_required - after.unplaced)
    const shown = await coverageOnPage(page)
    expectCoverageLikeCli(shown, cli)
    if (after.unplaced === 0) {
      expect(shown.rates.households.text).toBe('100%')
      expect(cli.gaps.some((gap) => gap.rule === 'household_coverage')).toBe(false)
    }
  })
})

describe('a cadre on the board (cadre-demo)', () => {
  let session: Session
  beforeAll(async () => {
    session = await openBrowser()
    await signIn(session.page, demoAccount('cadre'))
  })
  afterAll(async () => session?.close())

  it('sees exactly their own households, village by village, and nothing to change', async () => {
    const { page } = session
    const cadre = demoAccount('cadre')
    const mine = (await apiAs<ApiPage<HouseholdSummary>>(cadre, '/households?size=200')).items.map((item) => item.household_no).sort()
    expect(mine.length).toBeGreaterThan(0)
    const villages = [...new Set((await apiAs<ApiPage<HouseholdSummary>>(cadre, '/households?size=200')).items.map((item) => item.village.code))].sort()

    await go(page, '/pairing/board')
    await page.locator('[data-testid="my-villages"]').waitFor()
    expect(await page.locator('[data-testid="region-picker"]').count()).toBe(0)
    const seen: string[] = []
    for (const village of villages) {
      await go(page, `/pairing/board?village=${village}`)
      await page.locator(`[data-testid="board-village"][data-code="${village}"]`).waitFor()
      await page.locator('[data-testid="board-summary"]').waitFor()
      const shown = await page.locator('[data-testid="board-group"] [data-household]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-household') ?? ''))
      seen.push(...shown)
      // Every household shown is theirs, with them as its helper.
      expect(await page.locator('[data-testid="board-group"] [data-household][data-covered="0"]').count()).toBe(0)
    }
    expect(seen.sort()).toEqual(mine)
    expect(await page.locator('.el-tag__close').count()).toBe(0)
    expect(await page.locator('[data-add]').count()).toBe(0)

    // Another township's village shows none of its households to them.
    await go(page, `/pairing/board?village=${SIBA}`)
    await page.locator(`[data-testid="board-village"][data-code="${SIBA}"]`).waitFor()
    expect(await page.locator('[data-household]').count()).toBe(0)
    expect((await apiGet(page, '/coverage?region=620123105')).status).toBe(403)
  })

  it('prints the cards of their own households only', async () => {
    const { page } = session
    const cadre = demoAccount('cadre')
    const mine = (await apiAs<ApiPage<HouseholdSummary>>(cadre, '/households?size=200')).items
    const first = mine[0].village.code
    await go(page, `/pairing/board?village=${first}`)
    const href = await page.locator('[data-testid="cards-open"]').getAttribute('href')
    expect(href).toBe(`/api/v1/cards?region=${first}`)
    const response = await page.request.get(`${server().base}${href}`)
    expect(response.status()).toBe(200)
    expect(Number(response.headers()['x-cards'])).toBe(mine.filter((item) => item.village.code === first).length)
  })
})
