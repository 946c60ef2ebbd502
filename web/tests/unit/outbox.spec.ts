import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/request'
import type { DiaryRecord, SyncAnswer, SyncLine } from '@/api/types'
import { MemoryStorage, Outbox, type OutboxTransport } from '@/offline/outbox'

// The outbox without a browser or a server: a fake server that dedupes by client UUID and
// keeps versions the way src/store/fieldwork_store.cpp does.

interface Stored {
  record: Record<string, unknown>
  version: number
}

function diaryOf(uuid: string, stored: Stored): DiaryRecord {
  return {
    client_uuid: uuid,
    helper_phone: '13909370104',
    day: String(stored.record.day),
    village_code: String(stored.record.village_code),
    text: String(stored.record.text),
    meta: { id: 1, client_uuid: uuid, version: stored.version, helper: { id: 104, name: '刘花' }, village_name: '三墩营村', created_by: 'cadre-demo', created_at: '', updated_at: '' },
  }
}

/** A server as sync_handler.cpp: per line, created / unchanged / updated / conflict. */
function fakeServer() {
  const rows = new Map<string, Stored>()
  let online = true
  let cutAfter: number | null = null
  const sync = vi.fn(async (lines: SyncLine[]): Promise<SyncAnswer> => {
    if (!online) throw new ApiError(0, 'network_error', 'Failed to fetch')
    const results: SyncAnswer['results'] = []
    for (const [index, line] of lines.entries()) {
      if (cutAfter !== null && index >= cutAfter) return { results, stored: results.length, truncated: true }
      const uuid = line.record.client_uuid
      const key = `${line.kind}:${uuid}`
      const existing = rows.get(key)
      const same = existing && JSON.stringify(existing.record) === JSON.stringify(line.record)
      if (line.record.text === '') {
        results.push({ line: index + 1, kind: line.kind, client_uuid: uuid, status: 'rejected', error: { field: 'text', column: '日记内容', code: 'required', message: '日记内容不能为空' } })
      } else if (!existing) {
        rows.set(key, { record: line.record, version: 1 })
        results.push({ line: index + 1, kind: line.kind, client_uuid: uuid, status: 'created', version: 1 })
      } else if (same && line.base_version <= existing.version) {
        results.push({ line: index + 1, kind: line.kind, client_uuid: uuid, status: 'unchanged', version: existing.version })
      } else if (line.base_version !== existing.version) {
        results.push({
          line: index + 1,
          kind: line.kind,
          client_uuid: uuid,
          status: 'conflict',
          error: { field: 'client_uuid', code: 'version_conflict', message: '这条记录已在别处修改' },
          server: diaryOf(uuid, existing),
        })
      } else {
        rows.set(key, { record: line.record, version: existing.version + 1 })
        results.push({ line: index + 1, kind: line.kind, client_uuid: uuid, status: 'updated', version: existing.version + 1 })
      }
    }
    return { results, stored: results.length, truncated: false }
  })
  const transport: OutboxTransport = {
    sync,
    uploadPhoto: vi.fn(async () => ({ sha256: 'a'.repeat(64), bytes: 3, content_type: 'image/jpeg' })),
    move: vi.fn(async () => {
      throw new ApiError(409, 'version_conflict', '这条记录已在别处修改')
    }),
    getRecord: vi.fn(async (_kind, uuid) => diaryOf(uuid, rows.get(`diary:${uuid}`) ?? { record: { day: '', village_code: '', text: '' }, version: 3 })),
  }
  return {
    rows,
    sync,
    transport,
    setOnline: (value: boolean) => (online = value),
    cutAfter: (lines: number | null) => (cutAfter = lines),
    /** Someone else changes the record on the server. */
    edit: (key: string, text: string) => {
      const row = rows.get(key) as Stored
      rows.set(key, { record: { ...row.record, text }, version: row.version + 1 })
    },
  }
}

function setup() {
  const server = fakeServer()
  const storage = new MemoryStorage()
  let counter = 0
  const outbox = new Outbox(storage, server.transport, { newUuid: () => `uuid-${++counter}`, batchSize: 2 })
  return { server, storage, outbox }
}

const diary = (day: string, text: string) => ({ day, village_code: '620123105201', text })

describe('the outbox', () => {
  it('gives a record its client UUID when it is first saved, and keeps it on later saves', async () => {
    const { outbox } = setup()
    const first = await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-28', '初稿'))
    expect(first.client_uuid).toBe('uuid-1')
    expect(first.record.client_uuid).toBe('uuid-1')
    const again = await outbox.saveRecord('cadre-demo', 'diary', { ...diary('2026-11-28', '改过'), client_uuid: first.client_uuid })
    expect(again.id).toBe(first.id)
    const waiting = await outbox.entries('cadre-demo')
    expect(waiting).toHaveLength(1)
    expect(waiting[0].record.text).toBe('改过')
    expect(waiting[0].saved_at).toBe(first.saved_at)
  })

  it('keeps records while offline and sends each exactly once when the connection returns', async () => {
    const { server, outbox } = setup()
    server.setOnline(false)
    await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-26', '一'))
    await outbox.saveRecord('cadre-demo', 'visits', { day: '2026-11-26', household_nos: ['6201231052010043'], kinds: ['listen'] })
    await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-27', '二'))
    const offline = await outbox.flush('cadre-demo')
    expect(offline.offline).toBe(true)
    expect(await outbox.entries('cadre-demo')).toHaveLength(3)

    server.setOnline(true)
    const report = await outbox.flush('cadre-demo')
    expect(report.sent).toHaveLength(3)
    expect(await outbox.entries('cadre-demo')).toHaveLength(0)
    expect(server.rows.size).toBe(3)
    // Two batches of two lines at most (batchSize 2).
    expect(server.sync).toHaveBeenCalledTimes(3) // the offline try, then two batches
    const sent = [...server.sync.mock.calls[1][0], ...server.sync.mock.calls[2][0]].map((line) => line.record.client_uuid)
    expect(sent.sort()).toEqual(['uuid-1', 'uuid-2', 'uuid-3'])
    expect(server.sync.mock.calls[1][0]).toHaveLength(2)
  })

  it('sends again what a cut upload did not answer, and the retry never doubles a record', async () => {
    const { server, outbox } = setup()
    await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-26', '一'))
    await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-27', '二'))
    server.cutAfter(1) // the second line is lost on the way
    const first = await outbox.flush('cadre-demo')
    expect(first.sent).toEqual(['diary:uuid-1'])
    expect((await outbox.entries('cadre-demo')).map((entry) => [entry.client_uuid, entry.tries])).toEqual([['uuid-2', 1]])
    server.cutAfter(null)
    await outbox.flush('cadre-demo')
    expect(await outbox.entries('cadre-demo')).toHaveLength(0)
    expect(server.rows.size).toBe(2)
  })

  it('treats a record the server already holds (the answer was lost) as sent, not as a new one', async () => {
    const { server, outbox } = setup()
    const entry = await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-26', '一'))
    server.rows.set(entry.id, { record: entry.record, version: 1 }) // it arrived, the answer did not
    const report = await outbox.flush('cadre-demo')
    expect(report.sent).toEqual([entry.id])
    await expect(server.sync.mock.results[0].value).resolves.toMatchObject({ results: [{ status: 'unchanged' }] })
    expect(server.rows.size).toBe(1)
  })

  it('shows a record changed on the server meanwhile as a conflict, never overwriting it', async () => {
    const { server, outbox } = setup()
    const entry = await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-26', '原文'))
    await outbox.flush('cadre-demo')
    // The cadre edits version 1 offline; meanwhile the record becomes version 2 on the server.
    await outbox.saveRecord('cadre-demo', 'diary', { ...diary('2026-11-26', '我改的'), client_uuid: entry.client_uuid }, { baseVersion: 1 })
    server.edit(entry.id, '别人改的')
    const report = await outbox.flush('cadre-demo')
    expect(report.conflicts).toEqual([entry.id])
    const [waiting] = await outbox.entries('cadre-demo')
    expect(waiting.status).toBe('conflict')
    expect((waiting.server as DiaryRecord).text).toBe('别人改的')
    expect(server.rows.get(entry.id)?.record.text).toBe('别人改的')
    // A conflict is not sent again by itself.
    await outbox.flush('cadre-demo')
    expect(server.rows.get(entry.id)?.record.text).toBe('别人改的')
  })

  it('keeps mine: sends it again as an edit of the server’s current version', async () => {
    const { server, outbox } = setup()
    const entry = await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-26', '原文'))
    await outbox.flush('cadre-demo')
    await outbox.saveRecord('cadre-demo', 'diary', { ...diary('2026-11-26', '我改的'), client_uuid: entry.client_uuid }, { baseVersion: 1 })
    server.edit(entry.id, '别人改的')
    await outbox.flush('cadre-demo')
    const kept = await outbox.keepMine(entry.id)
    expect(kept?.base_version).toBe(2)
    expect(kept?.status).toBe('pending')
    const report = await outbox.flush('cadre-demo')
    expect(report.sent).toEqual([entry.id])
    expect(server.rows.get(entry.id)).toEqual({ record: { ...diary('2026-11-26', '我改的'), client_uuid: entry.client_uuid }, version: 3 })
  })

  it('takes theirs: drops mine and leaves the server’s version', async () => {
    const { server, outbox } = setup()
    const entry = await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-26', '原文'))
    await outbox.flush('cadre-demo')
    await outbox.saveRecord('cadre-demo', 'diary', { ...diary('2026-11-26', '我改的'), client_uuid: entry.client_uuid }, { baseVersion: 1 })
    server.edit(entry.id, '别人改的')
    await outbox.flush('cadre-demo')
    await outbox.takeTheirs(entry.id)
    expect(await outbox.entries('cadre-demo')).toHaveLength(0)
    await outbox.flush('cadre-demo')
    expect(server.rows.get(entry.id)?.record.text).toBe('别人改的')
  })

  it('marks a record the server refuses, with its field errors, and sends the others', async () => {
    const { server, outbox } = setup()
    const bad = await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-26', ''))
    await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-27', '好的'))
    const report = await outbox.flush('cadre-demo')
    expect(report.rejected).toEqual([bad.id])
    const [waiting] = await outbox.entries('cadre-demo')
    expect(waiting.status).toBe('rejected')
    expect(waiting.error).toMatchObject({ code: 'required', field: 'text', errors: [{ field: 'text', message: '日记内容不能为空' }] })
    expect(server.rows.size).toBe(1)
    // Fixed and saved again: it waits and goes.
    await outbox.saveRecord('cadre-demo', 'diary', { ...diary('2026-11-26', '补上了'), client_uuid: bad.client_uuid })
    await outbox.flush('cadre-demo')
    expect(server.rows.size).toBe(2)
  })

  it('uploads a visit’s photos first and sends the visit with their SHA-256', async () => {
    const { server, storage, outbox } = setup()
    const entry = await outbox.saveRecord('cadre-demo', 'visits', { day: '2026-11-26', household_nos: ['6201231052010043'], kinds: ['listen'], photos: [] }, { photos: [new Blob(['jpg'], { type: 'image/jpeg' })] })
    expect(entry.photo_keys).toHaveLength(1)
    expect(storage.blobs.size).toBe(1)
    await outbox.flush('cadre-demo')
    expect(server.transport.uploadPhoto).toHaveBeenCalledTimes(1)
    expect(server.rows.get(entry.id)?.record.photos).toEqual(['a'.repeat(64)])
    expect(storage.blobs.size).toBe(0)
  })

  it('keeps each user’s records apart on a shared phone', async () => {
    const { server, outbox } = setup()
    await outbox.saveRecord('cadre-a', 'diary', diary('2026-11-26', 'A'))
    await outbox.saveRecord('cadre-b', 'diary', diary('2026-11-26', 'B'))
    await outbox.flush('cadre-a')
    expect(server.rows.size).toBe(1)
    expect((await outbox.entries('cadre-b')).map((entry) => entry.record.text)).toEqual(['B'])
  })

  it('runs one flush at a time, and one more for a record saved during it', async () => {
    const { server, outbox } = setup()
    await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-26', '一'))
    const running = outbox.flush('cadre-demo')
    await outbox.saveRecord('cadre-demo', 'diary', diary('2026-11-27', '二'))
    const second = outbox.flush('cadre-demo')
    await Promise.all([running, second])
    expect(await outbox.entries('cadre-demo')).toHaveLength(0)
    expect(server.rows.size).toBe(2)
  })

  it('queues a problem’s workflow step and shows a version conflict with the server’s copy', async () => {
    const { server, outbox } = setup()
    const move = await outbox.queueMove('cadre-demo', 'p-1', { to: 'in_progress', version: 1 })
    const report = await outbox.flush('cadre-demo')
    expect(server.transport.move).toHaveBeenCalledWith('p-1', { to: 'in_progress', version: 1 })
    expect(report.conflicts).toEqual([move.id])
    const kept = await outbox.keepMine(move.id)
    expect(kept?.move?.version).toBe(3)
  })
})
