import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNTS, GANCAO } from './accounts'
import { go, openBrowser, server, signIn, type Session } from './support'

async function canSignIn(username: string, password: string): Promise<boolean> {
  const response = await fetch(`${server().base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  return response.ok
}

describe('user administration', () => {
  let session: Session
  let firstPassword = ''
  beforeAll(async () => {
    session = await openBrowser()
    await signIn(session.page, ACCOUNTS.admin)
    await go(session.page, '/system/users')
  })
  afterAll(async () => session?.close())

  it('creates a user and shows the generated password once', async () => {
    const { page } = session
    await page.click('[data-testid="user-add"]')
    const dialog = page.locator('[data-testid="user-dialog"]')
    await dialog.locator('input[data-field="username"]').fill('e2e-new-office')
    await dialog.locator('input[data-field="display_name"]').fill('新来的双联办')
    await dialog.locator('input[data-field="region_code"]').fill(GANCAO)
    await page.click('[data-testid="user-save"]')
    const shown = page.locator('[data-testid="shown-password"]')
    await shown.waitFor()
    firstPassword = (await shown.textContent())?.trim() ?? ''
    expect(firstPassword.length).toBeGreaterThanOrEqual(8)
    expect(await canSignIn('e2e-new-office', firstPassword)).toBe(true)
    await page.locator('.el-dialog__footer button', { hasText: '关闭' }).click()
    await page.locator('[data-testid="user-table"] .el-table__row', { hasText: 'e2e-new-office' }).waitFor()
  })

  it('shows a duplicate user name as the server’s message in the dialog', async () => {
    const { page } = session
    await page.click('[data-testid="user-add"]')
    const dialog = page.locator('[data-testid="user-dialog"]')
    await dialog.locator('input[data-field="username"]').fill('e2e-new-office')
    await dialog.locator('input[data-field="display_name"]').fill('重复的人')
    await dialog.locator('input[data-field="region_code"]').fill(GANCAO)
    await page.click('[data-testid="user-save"]')
    const error = dialog.locator('.el-form-item.is-error, [data-testid="api-error"]').first()
    await error.waitFor()
    expect((await error.textContent())?.trim()).toMatch(/[\u4e00-\u9fff]/)
    await dialog.locator('.el-dialog__footer button', { hasText: '取消' }).click()
  })

  it('resets a password: the new one works, the old one no longer does', async () => {
    const { page } = session
    const row = page.locator('[data-testid="user-table"] .el-table__row', { hasText: 'e2e-new-office' })
    await row.locator('button', { hasText: '重置密码' }).click()
    await page.locator('.el-message-box__btns button', { hasText: '确定' }).click()
    const shown = page.locator('[data-testid="shown-password"]')
    await expect.poll(async () => (await shown.textContent())?.trim() ?? '').not.toBe('')
    const second = (await shown.textContent())?.trim() ?? ''
    expect(second).not.toBe(firstPassword)
    expect(await canSignIn('e2e-new-office', second)).toBe(true)
    expect(await canSignIn('e2e-new-office', firstPassword)).toBe(false)
  })
})
