/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Element Plus components are resolved per use (with their CSS) instead of app.use(ElementPlus),
// which keeps the initial JavaScript inside the 400 KB gzipped budget (bench/web-budget).
export default defineConfig({
  plugins: [
    vue(),
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
