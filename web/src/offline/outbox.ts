import { ApiError } from '@/api/request'
import type { AnyFieldRecord, FieldBody, FieldKind, PhotoAnswer, ProblemRecord, SyncAnswer, SyncLine, SyncLineResult } from '@/api/types'

// The cadre's outbox: every record made on the phone is kept here first, in the browser's
// own storage (IndexedDB), with a client UUID made when it is first saved, and sent when the
// connection allows. Sending again is always safe: the server stores a UUID once and answers
// a repeat `unchanged`. A record changed on the server meanwhile comes back as a conflict and
// waits for the cadre to choose (keep mine / take theirs); nothing is overwritten unasked.
// Storage and transport are passed in, so the logic is tested without a browser or server.

export type OutboxStatus = 'pending' | 'conflict' | 'rejected'

export interface OutboxError {
  code: string
  message: string
  /** The JSON key of the field at fault, when the server named one. */
  field?: string
  /** Every field error of a rejected record. */
  errors?: { field?: string; code?: string; message: string }[]
}

/** A problem's step of the workflow, queued like a record. */
export interface QueuedMove {
  to: string
  result?: string
  note?: string
  version?: number
}

export interface OutboxEntry {
  /** `<kind>:<client_uuid>` for a record, `move:<uuid>:<n>` for a workflow step. */
  id: string
  /** Whose it is: on a shared phone one cadre's records are never sent as another's. */
  username: string
  op: 'record' | 'move'
  kind: FieldKind
  client_uuid: string
  /** The record (op record) or the move (op move). */
  record: FieldBody & { client_uuid: string }
  move?: QueuedMove
  /** 0: a new record; n: the server's version this edit started from. */
  base_version: number
  /** Photos waiting to be uploaded (keys of the blob store); their SHA-256 join record.photos. */
  photo_keys: string[]
  status: OutboxStatus
  error: OutboxError | null
  /** The server's copy, with a conflict. */
  server: AnyFieldRecord | null
  saved_at: string
  tries: number
}

export interface OutboxStorage {
  list(): Promise<OutboxEntry[]>
  put(entry: OutboxEntry): Promise<void>
  remove(id: string): Promise<void>
  putBlob(key: string, blob: Blob): Promise<void>
  getBlob(key: string): Promise<Blob | undefined>
  removeBlob(key: string): Promise<void>
}

export interface OutboxTransport {
  sync(lines: SyncLine[]): Promise<SyncAnswer>
  uploadPhoto(photo: Blob): Promise<PhotoAnswer>
  move(uuid: string, move: QueuedMove): Promise<ProblemRecord>
  getRecord(kind: FieldKind, uuid: string): Promise<AnyFieldRecord>
}

export interface FlushReport {
  /** Ids of the entries the server now holds (created, updated or unchanged). */
  sent: string[]
  conflicts: string[]
  rejected: string[]
  /** The connection failed: what is left is still waiting. */
  offline: boolean
}

export interface OutboxOptions {
  newUuid?: () => string
  now?: () => Date
  /** Lines per POST /sync (the server takes at most 5000). */
  batchSize?: number
}

export function recordId(kind: FieldKind, uuid: string): string {
  return `${kind}:${uuid}`
}

function isNetworkFailure(error: unknown): boolean {
  return error instanceof ApiError ? error.status === 0 || error.status >= 502 && error.status <= 504 : true
}

function errorOf(error: unknown): OutboxError {
  if (error instanceof ApiError) {
    const errors = error.details.map((detail) => ({ field: detail.field, code: detail.code, message: detail.message }))
    return { code: error.code, message: error.message, field: errors.find((item) => item.field)?.field, errors }
  }
  return { code: 'unexpected', message: error instanceof Error ? error.message : String(error) }
}

function lineError(result: SyncLineResult): OutboxError {
  const error = result.error ?? { code: result.status, message: '' }
  return {
    code: error.code,
    message: error.message,
    field: error.field || undefined,
    errors: (result.errors ?? [error]).map((item) => ({ field: item.field || undefined, code: item.code, message: item.message })),
  }
}

export class Outbox {
  private readonly newUuid: () => string
  private readonly now: () => Date
  private readonly batchSize: number
  private flushing: Promise<FlushReport> | null = null
  private again: Promise<FlushReport> | null = null
  private moves = 0

  constructor(
    private readonly storage: OutboxStorage,
    private readonly transport: OutboxTransport,
    options: OutboxOptions = {},
  ) {
    this.newUuid = options.newUuid ?? (() => crypto.randomUUID())
    this.now = options.now ?? (() => new Date())
    this.batchSize = options.batchSize ?? 200
  }

  /** The user's entries, oldest first. */
  async entries(username: string): Promise<OutboxEntry[]> {
    const all = await this.storage.list()
    return all.filter((entry) => entry.username === username).sort((a, b) => a.saved_at.localeCompare(b.saved_at) || a.id.localeCompare(b.id))
  }

  async find(username: string, kind: FieldKind, uuid: string): Promise<OutboxEntry | undefined> {
    return (await this.entries(username)).find((entry) => entry.op === 'record' && entry.id === recordId(kind, uuid))
  }

  /**
   * Keeps a record to send. Its client UUID is made here the first time (or kept, for an
   * edit); saving the same record again replaces what waits, under the same UUID.
   */
  async saveRecord(
    username: string,
    kind: FieldKind,
    record: FieldBody,
    options: { baseVersion?: number; photos?: Blob[] } = {},
  ): Promise<OutboxEntry> {
    const given = typeof record.client_uuid === 'string' && record.client_uuid ? record.client_uuid : ''
    const uuid = given || this.newUuid()
    const id = recordId(kind, uuid)
    const existing = (await this.storage.list()).find((entry) => entry.id === id)
    const photoKeys = [...(existing?.photo_keys ?? [])]
    for (const photo of options.photos ?? []) {
      const key = `${id}:photo:${this.now().getTime()}:${photoKeys.length}`
      await this.storage.putBlob(key, photo)
      photoKeys.push(key)
    }
    const entry: OutboxEntry = {
      id,
      username,
      op: 'record',
      kind,
      client_uuid: uuid,
      record: { ...record, client_uuid: uuid },
      base_version: options.baseVersion ?? existing?.base_version ?? 0,
      photo_keys: photoKeys,
      status: 'pending',
      error: null,
      server: null,
      saved_at: existing?.saved_at ?? this.now().toISOString(),
      tries: 0,
    }
    await this.storage.put(entry)
    return entry
  }

  /** Queues a step of a problem's workflow, sent after the records. */
  async queueMove(username: string, uuid: string, move: QueuedMove): Promise<OutboxEntry> {
    this.moves += 1
    const entry: OutboxEntry = {
      id: `move:${uuid}:${this.now().getTime()}-${this.moves}`,
      username,
      op: 'move',
      kind: 'problems',
      client_uuid: uuid,
      record: { client_uuid: uuid },
      move,
      base_version: move.version ?? 0,
      photo_keys: [],
      status: 'pending',
      error: null,
      server: null,
      saved_at: this.now().toISOString(),
      tries: 0,
    }
    await this.storage.put(entry)
    return entry
  }

  /** Sends what waits; one flush at a time (a second call shares the running one). */
  flush(username: string): Promise<FlushReport> {
    if (this.flushing) {
      // A record saved while a flush runs was not in its list: one more run after it.
      this.again ??= this.flushing.then(() => {
        this.again = null
        return this.flush(username)
      })
      return this.again
    }
    this.flushing = this.run(username).finally(() => {
      this.flushing = null
    })
    return this.flushing
  }

  private async run(username: string): Promise<FlushReport> {
    const report: FlushReport = { sent: [], conflicts: [], rejected: [], offline: false }
    const waiting = (await this.entries(username)).filter((entry) => entry.status === 'pending')

    // 1. Photos first: a visit goes out with the SHA-256 of its photos.
    for (const entry of waiting.filter((item) => item.op === 'record' && item.photo_keys.length)) {
      for (const key of [...entry.photo_keys]) {
        const blob = await this.storage.getBlob(key)
        if (blob) {
          try {
            const answer = await this.transport.uploadPhoto(blob)
            const photos = Array.isArray(entry.record.photos) ? entry.record.photos : []
            entry.record.photos = [...photos.filter((sha) => sha !== answer.sha256), answer.sha256]
          } catch (error) {
            if (isNetworkFailure(error)) {
              report.offline = true
              return report
            }
            entry.status = 'rejected'
            entry.error = { ...errorOf(error), field: 'photos' }
            report.rejected.push(entry.id)
            await this.storage.put(entry)
            break
          }
        }
        entry.photo_keys = entry.photo_keys.filter((item) => item !== key)
        await this.storage.put(entry)
        await this.storage.removeBlob(key)
      }
    }

    // 2. The records, in batches of NDJSON lines; the answer is per line.
    const ready = waiting.filter((entry) => entry.op === 'record' && entry.status === 'pending' && !entry.photo_keys.length)
    for (let start = 0; start < ready.length; start += this.batchSize) {
      const batch = ready.slice(start, start + this.batchSize)
      let answer: SyncAnswer
      try {
        answer = await this.transport.sync(batch.map((entry) => ({ kind: entry.kind, record: entry.record, base_version: entry.base_version })))
      } catch (error) {
        if (isNetworkFailure(error)) {
          report.offline = true
          return report
        }
        // The whole upload refused (403, 413): each record says why and waits to be fixed.
        for (const entry of batch) {
          entry.status = 'rejected'
          entry.error = errorOf(error)
          report.rejected.push(entry.id)
          await this.storage.put(entry)
        }
        continue
      }
      const byLine = new Map(answer.results.map((result) => [result.line, result]))
      for (const [index, entry] of batch.entries()) {
        const result = byLine.get(index + 1)
        if (!result || (result.client_uuid && result.client_uuid !== entry.client_uuid)) {
          // The line did not arrive whole (an upload cut short): it goes again next time.
          entry.tries += 1
          await this.storage.put(entry)
          continue
        }
        if (result.status === 'created' || result.status === 'updated' || result.status === 'unchanged') {
          await this.storage.remove(entry.id)
          report.sent.push(entry.id)
        } else if (result.status === 'conflict') {
          entry.status = 'conflict'
          entry.server = result.server ?? null
          entry.error = lineError(result)
          report.conflicts.push(entry.id)
          await this.storage.put(entry)
        } else {
          entry.status = 'rejected'
          entry.error = lineError(result)
          report.rejected.push(entry.id)
          await this.storage.put(entry)
        }
      }
    }

    // 3. The workflow steps, one request each, in the order they were made.
    for (const entry of waiting.filter((item) => item.op === 'move')) {
      try {
        await this.transport.move(entry.client_uuid, entry.move ?? { to: '' })
        await this.storage.remove(entry.id)
        report.sent.push(entry.id)
      } catch (error) {
        if (isNetworkFailure(error)) {
          report.offline = true
          return report
        }
        entry.error = errorOf(error)
        if (error instanceof ApiError && error.code === 'version_conflict') {
          entry.status = 'conflict'
          entry.server = await this.transport.getRecord('problems', entry.client_uuid).catch(() => null)
          report.conflicts.push(entry.id)
        } else {
          entry.status = 'rejected'
          report.rejected.push(entry.id)
        }
        await this.storage.put(entry)
      }
    }
    return report
  }

  /** Keep mine: send my version again, now as an edit of the server's current one. */
  async keepMine(id: string): Promise<OutboxEntry | undefined> {
    const entry = (await this.storage.list()).find((item) => item.id === id)
    if (!entry) return undefined
    const version = entry.server?.meta.version
    if (typeof version === 'number') {
      entry.base_version = version
      if (entry.move) entry.move = { ...entry.move, version }
    }
    entry.status = 'pending'
    entry.server = null
    entry.error = null
    entry.tries = 0
    await this.storage.put(entry)
    return entry
  }

  /** Take theirs: the server's version stands; mine is dropped. */
  async takeTheirs(id: string): Promise<void> {
    await this.discard(id)
  }

  async discard(id: string): Promise<void> {
    const entry = (await this.storage.list()).find((item) => item.id === id)
    for (const key of entry?.photo_keys ?? []) await this.storage.removeBlob(key)
    await this.storage.remove(id)
  }
}

/** An outbox kept in memory (tests, and browsers without IndexedDB). */
export class MemoryStorage implements OutboxStorage {
  private readonly entriesById = new Map<string, OutboxEntry>()
  readonly blobs = new Map<string, Blob>()

  async list(): Promise<OutboxEntry[]> {
    return [...this.entriesById.values()].map((entry) => structuredClone(entry))
  }
  async put(entry: OutboxEntry): Promise<void> {
    this.entriesById.set(entry.id, structuredClone(entry))
  }
  async remove(id: string): Promise<void> {
    this.entriesById.delete(id)
  }
  async putBlob(key: string, blob: Blob): Promise<void> {
    this.blobs.set(key, blob)
  }
  async getBlob(key: string): Promise<Blob | undefined> {
    return this.blobs.get(key)
  }
  async removeBlob(key: string): Promise<void> {
    this.blobs.delete(key)
  }
}
