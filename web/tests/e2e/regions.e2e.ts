import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Profile } from '@/api/types'
import { ACCOUNTS, QUANHU } from './accounts'
import { cliJson, go, openBrowser, signIn, type Session } from './support'

// 泉湖's office opens 四坝村 in the tree and records a difficulty of the five (五难).
const VILLAGE = '620902108200'

describe('regions and village profiles', () => {
  let session: Session
  beforeAll(async () => {
    session = await openBrowser()
    await signIn(session.page, ACCOUNTS.quanhu)
  })
  afterAll(async () => session?.close())

  it('shows the tree from the user’s scope and a village’s profile with the five difficulties', async () => {
    const { page } = session
    await go(page, '/regions')
    const township = page.locator(`[data-testid="region-tree"] .el-tree-node__content:has([data-code="${QUANHU}"])`)
    await township.locator('.el-tree-node__expand-icon').click()
    await page.locator(`[data-testid="region-tree"] [data-code="${VILLAGE}"]`).click()
    await page.locator('[data-testid="region-profile"]').waitFor()
    const rows = await page.locator('[data-testid="difficulties"] .el-table__body tr').allTextContents()
    expect(rows.map((row) => row.slice(0, 3))).toEqual(['行路难', '住房难', '饮水难', '读书难', '就医难'])
  })

  it('saves an edited profile: the CLI reads the same', async () => {
    const { page } = session
    await page.click('[data-testid="profile-edit"]')
    await page.locator('[data-testid="region-profile"] [data-field="main_industries"]').fill('制种玉米、设施蔬菜')
    await page.locator('[data-testid="difficulties"] [data-difficulty="water"]').click()
    await page.locator('[data-testid="difficulties"] .el-table__body tr').nth(2).locator('input.el-input__inner').fill('三组饮水管道老化')
    await page.click('[data-testid="profile-save"]')
    await page.locator('[data-testid="profile-edit"]').waitFor()
    const profile = cliJson<Profile>(['profile', 'show', '--region', VILLAGE, '--json'])
    expect(profile.main_industries).toBe('制种玉米、设施蔬菜')
    const water = profile.difficulties.find((item) => item.code === 'water')
    expect(water).toMatchObject({ present: true, note: '三组饮水管道老化' })
    expect(profile.difficulties.filter((item) => item.present).map((item) => item.code)).toEqual(['water'])
  })
})
