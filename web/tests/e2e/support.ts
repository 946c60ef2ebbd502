import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { inject } from 'vitest'
import { DEMO_ACCOUNTS, type Account, type ServerInfo } from './accounts'

export const CHROMIUM = process.env.SHUANGLIAN_CHROMIUM ?? '/usr/bin/chromium'

// The flags keep Chromium off the closed network (no update checks, no sync, no QUIC)
// and working as root in a container (no sandbox, no GPU).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 375, height: 812 }

export function server(): ServerInfo {
  return inject('server')
}

/** A demo account with the password the demo printed for it in this run. */
export function demoAccount(key: keyof typeof DEMO_ACCOUNTS): Account {
  const account = DEMO_ACCOUNTS[key]
  const password = server().demoAccounts[account.username]
  if (!password) throw new Error(`the demo printed no password for ${account.username}`)
  return { ...account, password }
}

export interface Session {
  context: BrowserContext
  page: Page
  close: () => Promise<void>
}

/** A browser with its own fresh profile (so its own cookies): one per signed-in user. */
export async function openBrowser(viewport = DESKTOP): Promise<Session> {
  // Playwright passes the profile as --user-data-dir itself when given one.
  const profile = mkdtempSync(join(tmpdir(), 'shuanglian-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  context.setDefaultTimeout(15_000)
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto(`${server().base}/login`)
  await page.fill('input[name="username"]', account.username)
  await page.fill('input[name="password"]', account.password)
  await page.click('[data-testid="login-submit"]')
  // Also called from beforeAll, where expect.poll is not allowed: wait on the locator.
  await page.locator('[data-testid="user-name"]', { hasText: account.displayName }).waitFor()
}

export async function go(page: Page, path: string): Promise<void> {
  await page.goto(`${server().base}${path}`)
}

/** The shuanglian command line on the test database, its stdout as JSON. */
export function cliJson<T>(args: string[]): T {
  const { binary, db } = server()
  const result = spawnSync(binary, [...args, '--db', db], { encoding: 'utf8', timeout: 60_000 })
  if (result.status !== 0) throw new Error(`shuanglian ${args.join(' ')}: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Let charts and transitions settle so the picture shows what a user sees.
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(server().artifacts, `${name}.png`), fullPage: true })
}

/** An API call with the page's own cookie, as the signed-in user. */
export async function apiGet(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  const response = await page.request.get(`${server().base}/api/v1${path}`)
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    body = await response.text()
  }
  return { status: response.status(), body }
}

/** A bearer token for setting up data without a browser. */
export async function token(account: Account): Promise<string> {
  const response = await fetch(`${server().base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  })
  if (!response.ok) throw new Error(`token for ${account.username}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}

export async function apiAs<T>(account: Account, path: string): Promise<T> {
  const response = await fetch(`${server().base}/api/v1${path}`, { headers: { Authorization: `Bearer ${await token(account)}` } })
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** A valid 18-digit ID number (GB 11643 check digit) for made-up test people. */
export function idNumber(region6: string, birth8: string, sequence3: string): string {
  const body = `${region6}${birth8}${sequence3}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index], 0)
  return body + '10X98765432'[sum % 11]
}

/** A small CSV reader: quoted fields, doubled quotes, a UTF-8 BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const input = text.replace(/^\uFEFF/, '')
  for (let index = 0; index < input.length; index += 1) {
    const char = input[index]
    if (quoted) {
      if (char === '"' && input[index + 1] === '"') {
        field += '"'
        index += 1
      } else if (char === '"') {
        quoted = false
      } else {
        field += char
      }
    } else if (char === '"') {
      quoted = true
    } else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[index + 1] === '\n') index += 1
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else {
      field += char
    }
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((cells) => cells.some((cell) => cell !== ''))
}

export function toCsv(rows: string[][]): string {
  return rows.map((cells) => cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\n') + '\n'
}

/** A write through the API as `account` (a bearer token needs no CSRF token), for setting up data. */
export async function apiWriteAs<T>(account: Account, method: 'POST' | 'PUT', path: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server().base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${await token(account)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as T }
}

/** Says yes to the confirmation box the app shows before a change. */
export async function confirm(page: Page): Promise<void> {
  await page.locator('.el-message-box .el-message-box__btns .el-button--primary').click()
}
