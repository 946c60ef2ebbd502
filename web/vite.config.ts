/// <reference types="vitest/config" />
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

function publicFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? publicFiles(path, `${prefix}${name}/`) : [`${prefix}${name}`]
  })
}

/**
 * Writes dist/sw.js from sw/service-worker.js with the list of every file of this build to
 * keep for offline use, and a version from their names (new build, new cache, old one dropped).
 */
function serviceWorker(): Plugin {
  let outDir = ''
  return {
    name: 'shuanglian-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir)
    },
    // After the files are written: the list is what dist holds, not what the bundle once named
    // (some chunks of the bundle are dropped before writing).
    writeBundle() {
      const files = publicFiles(outDir)
        .filter((name) => !name.startsWith('.vite/') && !name.endsWith('.map') && name !== 'sw.js')
        .sort()
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12)
      const template = readFileSync(fileURLToPath(new URL('./sw/service-worker.js', import.meta.url)), 'utf8')
      const source = template.replace('__VERSION__', version).replace('__PRECACHE__', JSON.stringify(files.map((name) => `/${name}`)))
      writeFileSync(join(outDir, 'sw.js'), source)
    },
  }
}

// Element Plus components are resolved per use (with their CSS) instead of app.use(ElementPlus),
// which keeps the initial JavaScript inside the 400 KB gzipped budget (bench/web-budget).
export default defineConfig({
  plugins: [
    vue(),
    serviceWorker(),
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: 'src/components.d.ts',
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    // `npm run dev` against a running `shuanglian serve` (default 127.0.0.1:8080).
    proxy: { '/api': process.env.SHUANGLIAN_API ?? 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // bench/web-budget reads which chunks each screen loads from the manifest.
    manifest: true,
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.spec.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    css: false,
    // Element Plus's ES build imports its CSS; inlined, Vite handles those imports.
    server: { deps: { inline: [/element-plus/] } },
    restoreMocks: true,
  },
})
