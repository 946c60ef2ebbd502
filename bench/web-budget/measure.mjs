// Sizes of the JavaScript each screen needs before it can show, gzipped, from the Vite
// manifest of web/dist. "Initial" is what index.html itself loads (the entry and its
// static imports, i.e. the <script> and every <link rel=modulepreload>); a screen adds
// its lazy route chunk and that chunk's static imports.
//   node measure.mjs DIST_DIR   → JSON on stdout
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = process.argv[2]
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))

function closure(keys) {
  const seen = new Set()
  const stack = [...keys]
  while (stack.length) {
    const key = stack.pop()
    if (seen.has(key)) continue
    seen.add(key)
    for (const next of manifest[key]?.imports ?? []) stack.push(next)
  }
  return seen
}

function size(keys) {
  let raw = 0
  let gzip = 0
  const files = []
  for (const key of keys) {
    const file = manifest[key].file
    if (!file.endsWith('.js')) continue
    const bytes = readFileSync(join(dist, file))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
    files.push(file)
  }
  return { raw, gzip, files: files.sort() }
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry)
const initial = closure([entry])

// The check that the HTML loads exactly this: every modulepreload and script of index.html.
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const htmlFiles = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]).sort()

const screens = {
  'sign-in (登录)': ['src/views/login/LoginView.vue'],
  'dashboard (统计看板)': ['src/layout/AppLayout.vue', 'src/views/dashboard/DashboardView.vue'],
  'household list (农户台账)': ['src/layout/AppLayout.vue', 'src/views/household/HouseholdList.vue'],
  'household page (农户详情)': ['src/layout/AppLayout.vue', 'src/views/household/HouseholdDetail.vue'],
  'import (数据导入)': ['src/layout/AppLayout.vue', 'src/views/import/ImportView.vue'],
  'pairing board (结对看板)': ['src/layout/AppLayout.vue', 'src/views/pairing/PairingBoard.vue'],
  'coverage (覆盖检查)': ['src/layout/AppLayout.vue', 'src/views/pairing/CoverageView.vue'],
  'assignment (自动分配)': ['src/layout/AppLayout.vue', 'src/views/pairing/AssignmentView.vue'],
  'units (帮扶单位)': ['src/layout/AppLayout.vue', 'src/views/pairing/UnitList.vue'],
  'helpers (帮扶力量)': ['src/layout/AppLayout.vue', 'src/views/pairing/HelperList.vue'],
  'helper page (帮扶人详情)': ['src/layout/AppLayout.vue', 'src/views/pairing/HelperDetail.vue'],
  'rules (覆盖规则)': ['src/layout/AppLayout.vue', 'src/views/pairing/RuleView.vue'],
  'organisation (领导小组和双联办)': ['src/layout/AppLayout.vue', 'src/views/pairing/OrganisationView.vue'],
  'cadre home (我的帮扶)': ['src/layout/AppLayout.vue', 'src/views/field/FieldHome.vue'],
  'visit form (走访)': ['src/layout/AppLayout.vue', 'src/views/field/VisitForm.vue'],
  'diary form (民情日记)': ['src/layout/AppLayout.vue', 'src/views/field/DiaryForm.vue'],
  'outbox (待上传)': ['src/layout/AppLayout.vue', 'src/views/field/OutboxView.vue'],
  'field records (工作记录)': ['src/layout/AppLayout.vue', 'src/views/field/FieldRecords.vue'],
  'progress (五个百进度)': ['src/layout/AppLayout.vue', 'src/views/field/ProgressView.vue'],
  'integrity (工作记录核查)': ['src/layout/AppLayout.vue', 'src/views/field/IntegrityView.vue'],
}

const result = {
  initial: size(initial),
  htmlFiles,
  screens: Object.fromEntries(
    Object.entries(screens).map(([name, keys]) => [name, size(new Set([...initial, ...closure(keys)]))]),
  ),
  all: size(Object.keys(manifest)),
}
process.stdout.write(JSON.stringify(result, null, 2))
