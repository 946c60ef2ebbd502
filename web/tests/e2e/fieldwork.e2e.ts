import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { DiaryRecord, HouseholdSummary, IntegrityReport, Page as ApiPage, ProgressReport, VisitRecord } from '@/api/types'
import { todayIso } from '@/views/field/fieldLogic'
import { GANCAO } from './accounts'
import { PHONE, apiAs, apiWriteAs, demoAccount, go, openBrowser, screenshot, signIn, type Session } from './support'

// The cadre's offline app (issue 7 item 4) on a 375 px phone against the real server:
// records made without a connection wait in the outbox, survive a reload, and reach the
// server exactly once when the connection returns; a record changed on the server meanwhile
// is shown for the cadre to resolve, never overwritten.

async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
}

async function outboxCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="outbox-count"]', 'data-count'))
}

/** Waits until the service worker controls the page, so the app shell is kept for offline use. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload()
  }
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
}

function yesterday(): string {
  const day = new Date(`${todayIso()}T12:00:00+08:00`)
  day.setUTCDate(day.getUTCDate() - 1)
  return day.toISOString().slice(0, 10)
}

describe('the cadre’s app offline (cadre-demo, 375 px)', () => {
  let session: Session
  const stamp = Date.now().toString(36)
  beforeAll(async () => {
    session = await openBrowser(PHONE)
    await signIn(session.page, demoAccount('cadre'))
  })
  afterAll(async () => session?.close())
  // A failed check must not leave the next one without a connection.
  afterEach(async () => session?.context.setOffline(false))

  it('lands on the cadre’s home with their households and 五个百, installable', async () => {
    const { page } = session
    await page.waitForURL(/\/field$/)
    const cadre = demoAccount('cadre')
    const mine = (await apiAs<ApiPage<HouseholdSummary>>(cadre, '/households?size=200')).items
    await expect.poll(() => page.locator('[data-testid="my-households"] [data-household]').count()).toBe(mine.length)
    await page.locator('[data-testid="my-progress"] [data-measure="stationed_days"]').waitFor()
    expect(await page.getAttribute('link[rel="manifest"]', 'href')).toBe('/manifest.webmanifest')
    const manifest = (await (await page.request.get(`${new URL(page.url()).origin}/manifest.webmanifest`)).json()) as { display: string; icons: unknown[] }
    expect(manifest.display).toBe('standalone')
    expect(manifest.icons.length).toBeGreaterThanOrEqual(2)
    await waitForServiceWorker(page)
    // The shell is kept: index.html answers from the cache.
    expect(await page.evaluate(async () => (await caches.match('/index.html')) !== undefined)).toBe(true)
    expect(await fitsWidth(page)).toBe(true)
    await screenshot(page, '375-20-field-home')
  })

  it('records a visit and a diary entry offline, keeps them over a reload, and sends each exactly once', async () => {
    const { page, context } = session
    const cadre = demoAccount('cadre')
    const household = (await apiAs<ApiPage<HouseholdSummary>>(cadre, '/households?size=1')).items[0]
    const learned = `离线走访 ${stamp}`
    const diaryText = `离线写的民情日记 ${stamp}`
    const today = todayIso()
    // The dictionaries and households are on the phone once the home has shown them.
    await go(page, '/field')
    await page.locator('[data-testid="my-households"] [data-household]').first().waitFor()

    await context.setOffline(true)
    await page.click('[data-action="visit"]')
    await page.locator('[data-testid="visit-form"]').waitFor()
    await page.locator(`[data-testid="visit-form"] label[data-household="${household.household_no}"]`).click()
    await page.locator('[data-testid="visit-form"] label[data-kind="listen"]').click()
    await page.locator('[data-testid="visit-form"] [data-field="learned"] textarea').fill(learned)
    expect(await fitsWidth(page)).toBe(true)
    await screenshot(page, '375-21-visit-offline')
    await page.click('[data-testid="visit-save"]')
    await page.waitForURL(/\/field$/)
    await expect.poll(() => outboxCount(page)).toBe(1)

    await page.click('[data-action="diary"]')
    await page.locator('[data-testid="diary-form"]').waitFor()
    await page.locator('[data-testid="diary-form"] [data-field="day"] input').fill(today)
    await page.locator('[data-testid="diary-form"] [data-field="text"] textarea').fill(diaryText)
    await page.click('[data-testid="diary-save"]')
    await page.waitForURL(/\/field$/)
    await expect.poll(() => outboxCount(page)).toBe(2)

    // A reload without a connection: the shell from the service worker, the records from IndexedDB.
    await page.reload()
    await page.locator('[data-testid="field-home"]').waitFor()
    await expect.poll(() => outboxCount(page)).toBe(2)
    await page.locator('[data-testid="offline-banner"]').waitFor()
    await page.locator('[data-testid="cached-note"]').waitFor()
    await page.click('[data-testid="outbox-count"]')
    await page.locator('[data-testid="outbox"] [data-entry]').first().waitFor()
    const waiting = await page.locator('[data-testid="outbox"] [data-entry]').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-kind'), row.getAttribute('data-status'), row.getAttribute('data-uuid')]),
    )
    expect(waiting.map(([kind, status]) => [kind, status]).sort()).toEqual([
      ['diary', 'pending'],
      ['visits', 'pending'],
    ])
    await screenshot(page, '375-22-outbox-offline')
    const visitUuid = waiting.find(([kind]) => kind === 'visits')?.[2] ?? ''
    const diaryUuid = waiting.find(([kind]) => kind === 'diary')?.[2] ?? ''
    expect(visitUuid).toMatch(/^[0-9a-f-]{36}$/) // crypto.randomUUID, made when first saved

    await context.setOffline(false)
    await expect.poll(() => outboxCount(page), { timeout: 20_000 }).toBe(0)

    // Through the API, apart from the browser: each record once.
    const visits = (await apiAs<ApiPage<VisitRecord>>(cadre, `/visits?from=${today}&to=${today}&size=200`)).items.filter((visit) => visit.learned === learned)
    expect(visits.map((visit) => [visit.client_uuid, visit.household_nos, visit.kinds])).toEqual([[visitUuid, [household.household_no], ['listen']]])
    const diary = (await apiAs<ApiPage<DiaryRecord>>(cadre, `/diary?from=${today}&to=${today}&size=200`)).items.filter((entry) => entry.text === diaryText)
    expect(diary.map((entry) => entry.client_uuid)).toEqual([diaryUuid])
    // Sending the same lines again (a retry) changes nothing.
    const again = await apiWriteAs<{ results: { status: string }[] }>(cadre, 'POST', '/diary', { client_uuid: diaryUuid, day: today, village_code: diary[0].village_code, text: diaryText })
    expect(again.status).toBe(200)
    expect((await apiAs<ApiPage<DiaryRecord>>(cadre, `/diary?from=${today}&to=${today}&size=200`)).items.filter((entry) => entry.text === diaryText)).toHaveLength(1)
  })

  it('shows a diary entry changed on the server meanwhile, and keeps mine only when told', async () => {
    const { page, context } = session
    const cadre = demoAccount('cadre')
    const day = yesterday()
    const village = (await apiAs<ApiPage<HouseholdSummary>>(cadre, '/households?size=1')).items[0].village.code
    const uuid = `e2e-conflict-${stamp}`
    const made = await apiWriteAs<DiaryRecord>(cadre, 'POST', '/diary', { client_uuid: uuid, day, village_code: village, text: '最初的日记' })
    expect(made.status).toBe(201)

    await go(page, `/field/diary?uuid=${uuid}`)
    const text = page.locator('[data-testid="diary-form"] [data-field="text"] textarea')
    await expect.poll(() => text.inputValue()).toBe('最初的日记')
    await context.setOffline(true)
    await text.fill('我在村里改的')
    await page.click('[data-testid="diary-save"]')
    await page.waitForURL(/\/field$/)
    await expect.poll(() => outboxCount(page)).toBe(1)

    // Meanwhile someone changes the same entry on the server (version 1 → 2).
    const theirs = await apiWriteAs<DiaryRecord>(cadre, 'PUT', `/diary/${uuid}`, { day, village_code: village, text: '服务器上改的', version: 1 })
    expect(theirs.status).toBe(200)
    expect(theirs.body.meta.version).toBe(2)

    await context.setOffline(false)
    await expect.poll(() => page.getAttribute('[data-testid="outbox-count"]', 'data-conflicts'), { timeout: 20_000 }).toBe('1')
    // Not overwritten.
    expect((await apiAs<DiaryRecord>(cadre, `/diary/${uuid}`)).text).toBe('服务器上改的')

    await page.click('[data-testid="outbox-count"]')
    const entry = page.locator(`[data-testid="outbox"] [data-uuid="${uuid}"]`)
    await entry.waitFor()
    expect(await entry.getAttribute('data-status')).toBe('conflict')
    const row = entry.locator('[data-testid="conflict-table"] tr[data-field="text"]')
    expect(await row.locator('[data-side="mine"]').textContent()).toBe('我在村里改的')
    expect(await row.locator('[data-side="theirs"]').textContent()).toBe('服务器上改的')
    expect(await fitsWidth(page)).toBe(true)
    await screenshot(page, '375-23-conflict')

    await entry.locator('[data-testid="keep-mine"]').click()
    await expect.poll(() => outboxCount(page), { timeout: 20_000 }).toBe(0)
    const after = await apiAs<DiaryRecord>(cadre, `/diary/${uuid}`)
    expect([after.text, after.meta.version]).toEqual(['我在村里改的', 3])
  })

  it('takes the server’s version when the cadre says so', async () => {
    const { page, context } = session
    const cadre = demoAccount('cadre')
    const day = yesterday()
    const uuid = `e2e-conflict-${stamp}`
    const current = await apiAs<DiaryRecord>(cadre, `/diary/${uuid}`)
    await go(page, `/field/diary?uuid=${uuid}`)
    const text = page.locator('[data-testid="diary-form"] [data-field="text"] textarea')
    await expect.poll(() => text.inputValue()).toBe(current.text)
    await context.setOffline(true)
    await text.fill('又改了一次')
    await page.click('[data-testid="diary-save"]')
    await page.waitForURL(/\/field$/)
    await apiWriteAs(cadre, 'PUT', `/diary/${uuid}`, { day, village_code: current.village_code, text: '办公室的修改', version: current.meta.version })
    await context.setOffline(false)
    await expect.poll(() => page.getAttribute('[data-testid="outbox-count"]', 'data-conflicts'), { timeout: 20_000 }).toBe('1')
    await go(page, '/field/outbox')
    await page.locator(`[data-testid="outbox"] [data-uuid="${uuid}"] [data-testid="take-theirs"]`).click()
    await expect.poll(() => outboxCount(page)).toBe(0)
    expect((await apiAs<DiaryRecord>(cadre, `/diary/${uuid}`)).text).toBe('办公室的修改')
  })

  it('shows a refused record at its field (a second diary entry for a day)', async () => {
    const { page } = session
    await go(page, '/field/diary')
    await page.locator('[data-testid="diary-form"] [data-field="day"] input').fill(todayIso())
    await page.locator('[data-testid="diary-form"] [data-field="text"] textarea').fill(`同一天第二篇 ${stamp}`)
    await page.click('[data-testid="diary-save"]')
    const error = page.locator('[data-testid="diary-form"] [data-field="day"] .el-form-item__error')
    await error.waitFor()
    expect(await error.textContent()).toContain('每人每天只记一条')
    expect(await page.locator('[data-testid="diary-form"] [data-field="text"] textarea').inputValue()).toBe(`同一天第二篇 ${stamp}`)
    // It waits in the outbox as refused, to fix or drop.
    await go(page, '/field/outbox')
    await page.locator('[data-testid="outbox"] [data-status="rejected"]').waitFor()
    await page.locator('[data-testid="outbox"] [data-status="rejected"] .el-button--danger').click()
    await page.locator('.el-message-box .el-button--primary').click()
    await expect.poll(() => outboxCount(page)).toBe(0)
  })

  it('moves a problem along its workflow from the record list', async () => {
    const { page } = session
    const cadre = demoAccount('cadre')
    const household = (await apiAs<ApiPage<HouseholdSummary>>(cadre, '/households?size=1')).items[0]
    const uuid = `e2e-problem-${stamp}`
    await apiWriteAs(cadre, 'POST', '/problems', { client_uuid: uuid, household_no: household.household_no, category: 'road', description: '出村道路雨后泥泞', raised_on: todayIso() })
    await go(page, '/field/records?kind=problems&status=registered')
    await page.locator(`[data-testid="record-cards"] [data-record="${uuid}"]`).click()
    const drawer = page.locator('[data-testid="record-drawer"]')
    await drawer.locator('[data-to="in_progress"]').click()
    await expect.poll(async () => (await apiAs<{ status: string }>(cadre, `/problems/${uuid}`)).status).toBe('in_progress')
    await drawer.locator('textarea[data-testid="problem-result"]').fill('村里组织群众铺了砂石')
    await drawer.locator('[data-to="solved"]').click()
    await expect.poll(async () => (await apiAs<{ status: string; result: string }>(cadre, `/problems/${uuid}`)).status).toBe('solved')
    expect(await fitsWidth(page)).toBe(true)
  })
})

describe('the office’s field screens (gancaodian-office)', () => {
  let session: Session
  beforeAll(async () => {
    session = await openBrowser()
    await signIn(session.page, demoAccount('gancaodianOffice'))
  })
  afterAll(async () => session?.close())

  it('lists the records of the township with filters', async () => {
    const { page } = session
    const office = demoAccount('gancaodianOffice')
    const expected = await apiAs<ApiPage<unknown>>(office, `/problems?region=${GANCAO}&status=solved&size=1`)
    await go(page, `/field/records?kind=problems&region=${GANCAO}&status=solved`)
    await expect.poll(() => page.getAttribute('[data-testid="records-total"]', 'data-total')).toBe(String(expected.total))
    await page.locator('[data-testid="record-table"] .el-table__row').first().waitFor()
    await screenshot(page, '1280-24-field-records')
  })

  it('shows the 五个百 progress of 甘草店镇 for 2012, rolled up by unit, with the cadres behind pace', async () => {
    const { page } = session
    const office = demoAccount('gancaodianOffice')
    const api = await apiAs<ProgressReport>(office, `/progress?region=${GANCAO}&year=2012&behind=1&size=20`)
    await go(page, `/field/progress?region=${GANCAO}&year=2012&behind=1`)
    const totals = page.locator('[data-testid="progress-totals"]')
    await totals.waitFor()
    expect(Number(await totals.getAttribute('data-cadres'))).toBe(api.totals.cadres)
    expect(Number(await totals.getAttribute('data-behind'))).toBe(api.totals.behind_pace)
    expect(Number(await page.getAttribute('[data-testid="progress-cadres"]', 'data-total'))).toBe(api.cadres_total)
    expect(await page.locator('[data-testid="progress-units"] .el-table__body-wrapper tr').count()).toBe(api.by_unit.length)
    await screenshot(page, '1280-25-field-progress')
  })

  it('shows the integrity report (泉湖 as its office sees it)', async () => {
    const quanhu = await openBrowser()
    try {
      const { page } = quanhu
      const office = demoAccount('quanhuOffice')
      await signIn(page, office)
      const api = await apiAs<IntegrityReport>(office, '/integrity?region=620902108&year=2012')
      await go(page, '/field/integrity?region=620902108&year=2012')
      await page.locator('[data-testid="integrity-counts"]').waitFor()
      for (const [check, count] of Object.entries(api.counts)) {
        expect(Number(await page.getAttribute(`[data-testid="integrity-counts"] [data-check="${check}"]`, 'data-count')), check).toBe(count)
      }
      expect(await page.locator('[data-testid="integrity-findings"] .el-table__body-wrapper tr').count()).toBe(api.findings.length)
      await screenshot(page, '1280-26-integrity')
    } finally {
      await quanhu.close()
    }
  })

  it('fits the records, progress and integrity screens on a 375 px phone', async () => {
    const phone = await openBrowser(PHONE)
    try {
      const { page } = phone
      await signIn(page, demoAccount('gancaodianOffice'))
      const screens: [string, string, string][] = [
        ['27-field-records', `/field/records?kind=visits&region=${GANCAO}`, '[data-testid="record-cards"] [data-record]'],
        ['28-field-progress', `/field/progress?region=${GANCAO}&year=2012`, '[data-testid="progress-cadres"] .el-table__row'],
        ['29-integrity', `/field/integrity?region=${GANCAO}&year=2012`, '[data-testid="integrity-counts"] [data-check]'],
      ]
      for (const [name, path, ready] of screens) {
        await go(page, path)
        await page.locator(ready).first().waitFor()
        expect(await fitsWidth(page), `${name} fits the width`).toBe(true)
        await screenshot(page, `375-${name}`)
      }
    } finally {
      await phone.close()
    }
  })
})
