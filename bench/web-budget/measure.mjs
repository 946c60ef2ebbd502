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
