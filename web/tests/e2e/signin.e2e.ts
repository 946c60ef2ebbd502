import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNTS } from './accounts'
import { go, openBrowser, server, signIn, type Session } from './support'

describe('sign-in', () => {
  let session: Session
  beforeAll(async () => {
    session = await openBrowser()
  })
  afterAll(async () => session?.close())

  it('sends a visitor to the sign-in page, in Chinese', async () => {
    const { page } = session
    await go(page, '/households')
    await page.waitForURL(/\/login\?redirect=/)
    await expect.poll(() => page.locator('h1').textContent()).toBe('双联帮扶管理系统')
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
  })

  it('shows the server’s reason beside the form for a wrong password', async () => {
    const { page } = session
    await page.fill('input[name="username"]', ACCOUNTS.quanhu.username)
    await page.fill('input[name="password"]', 'Wrong2026pass')
    await page.click('[data-testid="login-submit"]')
    const alert = page.locator('[data-testid="login-form"] [data-testid="api-error"]')
    await alert.waitFor()
    expect((await alert.textContent())?.trim()).toMatch(/[\u4e00-\u9fff]/) // a Chinese sentence, not a code
    expect(page.url()).toContain('/login')
  })

  it('signs in and always shows name, role and scope, then goes where it was sent', async () => {
    const { page } = session
    await page.fill('input[name="username"]', ACCOUNTS.quanhu.username)
    await page.fill('input[name="password"]', ACCOUNTS.quanhu.password)
    await page.click('[data-testid="login-submit"]')
    await page.waitForURL(/\/households/)
    expect(await page.textContent('[data-testid="user-name"]')).toBe('泉湖镇双联办')
    expect((await page.textContent('[data-testid="user-role"]'))?.trim()).toBe('双联办')
    expect((await page.textContent('[data-testid="user-scope"]'))?.trim()).toBe('泉湖镇')
  })

  it('switches to English and back, and keeps the choice on reload', async () => {
    const { page } = session
    await page.click('[data-testid="locale-switch"]')
    await expect.poll(() => page.textContent('[data-testid="sign-out"]')).toContain('Sign out')
    await page.reload()
    await expect.poll(() => page.textContent('[data-testid="sign-out"]')).toContain('Sign out')
    expect(await page.getAttribute('html', 'lang')).toBe('en-US')
    await page.click('[data-testid="locale-switch"]')
    await expect.poll(() => page.textContent('[data-testid="sign-out"]')).toContain('退出登录')
  })

  it('signs out, and the session is gone on the server too', async () => {
    const { page } = session
    await page.click('[data-testid="sign-out"]')
    await page.waitForURL(/\/login/)
    const me = await page.request.get(`${server().base}/api/v1/me`)
    expect(me.status()).toBe(401)
    await go(page, '/dashboard')
    await page.waitForURL(/\/login/)
  })

  it('lands a leader on the dashboard', async () => {
    const { page } = session
    await signIn(page, ACCOUNTS.leader)
    await page.waitForURL(/\/dashboard/)
  })
})
