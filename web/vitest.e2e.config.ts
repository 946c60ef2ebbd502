import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'

// Browser tests: Debian's Chromium driven by playwright-core against a real
// `shuanglian serve` on a temp copy of the demo database (tests/e2e/global-setup.ts).
// One file at a time: they share one server and 2 cores.
export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
})
