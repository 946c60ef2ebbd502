import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { uploadPhoto } from '@/api/fieldwork/photo'
import { transitionProblem } from '@/api/fieldwork/problem'
import { getFieldRecord } from '@/api/fieldwork/record'
import { syncRecord } from '@/api/fieldwork/sync'
import type { FieldBody, FieldKind } from '@/api/types'
import { IdbStorage } from '@/offline/idbStorage'
import { MemoryStorage, Outbox, type FlushReport, type OutboxEntry, type OutboxStorage, type QueuedMove } from '@/offline/outbox'
import { useAuthStore } from './auth'
import { useNetworkStore } from './network'

// The outbox of the signed-in cadre as the screens see it: what waits, how many, and the
// conflicts to resolve. It sends by itself when the connection returns, every half minute
// while something waits, and right after each save when online.
let shared: Outbox | null = null

function outbox(): Outbox {
  if (!shared) {
    const storage: OutboxStorage = typeof indexedDB === 'undefined' ? new MemoryStorage() : new IdbStorage()
    shared = new Outbox(storage, {
      sync: syncRecord,
      uploadPhoto,
      move: (uuid, move) => transitionProblem(uuid, move),
      getRecord: (kind, uuid) => getFieldRecord(kind, uuid),
    })
  }
  return shared
}

/** For tests: an outbox over other storage and transport. */
export function useOutbox(replacement: Outbox | null): void {
  shared = replacement
}

export const useOutboxStore = defineStore('outbox', () => {
  const entries = ref<OutboxEntry[]>([])
  const flushing = ref(false)
  const lastReport = ref<FlushReport | null>(null)
  const lastSentAt = ref<string | null>(null)
  let started = false

  const count = computed(() => entries.value.length)
  const waiting = computed(() => entries.value.filter((entry) => entry.status === 'pending').length)
  const conflicts = computed(() => entries.value.filter((entry) => entry.status === 'conflict'))
  const rejected = computed(() => entries.value.filter((entry) => entry.status === 'rejected'))

  function username(): string | null {
    return useAuthStore().user?.username ?? null
  }

  async function refresh(): Promise<void> {
    const name = username()
    entries.value = name ? await outbox().entries(name) : []
  }

  /** Sends what waits, if anyone is signed in and the browser has a connection. */
  async function flush(): Promise<FlushReport | null> {
    const auth = useAuthStore()
    const name = username()
    if (!name || !useNetworkStore().browserOnline) return null
    flushing.value = true
    try {
      if (auth.unconfirmed) {
        // Opened offline from the saved session: confirm it (and get a fresh CSRF token) first.
        const signedIn = await auth.restore().catch(() => false)
        if (!signedIn || auth.unconfirmed) return null
      }
      const report = await outbox().flush(name)
      lastReport.value = report
      if (report.sent.length) lastSentAt.value = new Date().toISOString()
      return report
    } finally {
      flushing.value = false
      await refresh()
    }
  }

  /** Keeps a record in the outbox (a UUID is made for a new one) and sends it if it can. */
  async function save(kind: FieldKind, record: FieldBody, options: { baseVersion?: number; photos?: Blob[] } = {}): Promise<OutboxEntry> {
    const name = username()
    if (!name) throw new Error('not signed in')
    const entry = await outbox().saveRecord(name, kind, record, options)
    await refresh()
    return entry
  }

  async function queueMove(uuid: string, move: QueuedMove): Promise<OutboxEntry> {
    const name = username()
    if (!name) throw new Error('not signed in')
    const entry = await outbox().queueMove(name, uuid, move)
    await refresh()
    return entry
  }

  async function find(kind: FieldKind, uuid: string): Promise<OutboxEntry | undefined> {
    const name = username()
    return name ? outbox().find(name, kind, uuid) : undefined
  }

  async function keepMine(id: string): Promise<void> {
    await outbox().keepMine(id)
    await refresh()
    await flush()
  }

  async function takeTheirs(id: string): Promise<void> {
    await outbox().takeTheirs(id)
    await refresh()
  }

  async function discard(id: string): Promise<void> {
    await outbox().discard(id)
    await refresh()
  }

  /** Once per page load: read what waits, and send it whenever the connection allows. */
  function start(): void {
    if (started || typeof window === 'undefined') return
    started = true
    void refresh().then(() => flush())
    window.addEventListener('online', () => void flush())
    setInterval(() => {
      if (waiting.value && !flushing.value) void flush()
    }, 30_000)
  }

  return { entries, flushing, lastReport, lastSentAt, count, waiting, conflicts, rejected, refresh, flush, save, queueMove, find, keepMine, takeTheirs, discard, start }
})
