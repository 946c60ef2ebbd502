import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { ACCOUNTS, type Account, type ServerInfo } from './accounts'

declare module 'vitest' {
  export interface ProvidedContext {
    server: ServerInfo
  }
}

const webRoot = resolve(__dirname, '../..')
const repoRoot = resolve(webRoot, '..')

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))))
    })
  })
}

function run(binary: string, args: string[], input?: string): string {
  const result = spawnSync(binary, args, { input, encoding: 'utf8', timeout: 120_000 })
  if (result.status !== 0) {
    throw new Error(`${binary} ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout}`)
  }
  return result.stdout
}

/** The demo's own accounts, printed once: "  gancaodian-office  qupt2Bvea7idQN 甘草店镇双联办". */
export function demoPasswords(output: string): Record<string, string> {
  const start = output.indexOf('演示账号（密码只显示这一次）')
  if (start < 0) throw new Error(`shuanglian demo printed no accounts:\n${output}`)
  const accounts: Record<string, string> = {}
  for (const line of output.slice(start).split('\n').slice(1)) {
    const match = /^ {2}(\S+)\s+(\S+)/.exec(line)
    if (!match) break
    accounts[match[1]] = match[2]
  }
  return accounts
}

async function waitForServer(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`shuanglian serve exited with ${child.exitCode}; see its log`)
    try {
      const response = await fetch(`${base}/api/v1/me`)
      if (response.status === 401 || response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200))
  }
  throw new Error(`shuanglian serve did not answer at ${base} within 30 s`)
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const binary = resolve(process.env.SHUANGLIAN_BIN ?? join(repoRoot, 'build', 'shuanglian'))
  if (!existsSync(binary)) throw new Error(`no shuanglian binary at ${binary} (set SHUANGLIAN_BIN)`)
  const dist = join(webRoot, 'dist')
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no built web app in ${dist}: run \`npm run build\` in web/ (make does)`)
  const artifacts = resolve(process.env.SHUANGLIAN_TEST_ARTIFACTS ?? join(repoRoot, 'test-artifacts'), 'web')
  mkdirSync(artifacts, { recursive: true })

  // A fresh demo database per run: the tests edit and import, and must not touch anyone's data.
  const work = mkdtempSync(join(tmpdir(), 'shuanglian-web-e2e-'))
  const db = join(work, 'demo.db')
  const demoAccounts = demoPasswords(run(binary, ['demo', '--db', db]))
  for (const account of Object.values(ACCOUNTS) as Account[]) {
    const args = ['user', 'add', account.username, '--role', account.role, '--db', db, '--password-stdin']
    if (account.region) args.push('--region', account.region)
    if (account.displayName) args.push('--display-name', account.displayName)
    run(binary, args, `${account.password}\n`)
  }

  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const log = openSync(join(artifacts, 'server.log'), 'w')
  const child = spawn(binary, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web', dist], {
    stdio: ['ignore', log, log],
  })
  await waitForServer(base, child)

  project.provide('server', { base, db, binary, artifacts, demoAccounts })

  return async () => {
    child.kill('SIGTERM')
    await new Promise<void>((done) => {
      if (child.exitCode !== null) return done()
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        done()
      }, 10_000)
      child.once('exit', () => {
        clearTimeout(timer)
        done()
      })
    })
    rmSync(work, { recursive: true, force: true })
  }
}
