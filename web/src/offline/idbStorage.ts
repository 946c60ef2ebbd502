import type { OutboxEntry, OutboxStorage } from './outbox'

// The outbox in IndexedDB: it survives a reload, a closed tab and a phone restart, and holds
// photos as Blobs (localStorage would hold neither well). One database, two stores.
const DB_NAME = 'shuanglian-outbox'
const ENTRIES = 'entries'
const BLOBS = 'blobs'

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

export class IdbStorage implements OutboxStorage {
  private database: Promise<IDBDatabase> | null = null

  private open(): Promise<IDBDatabase> {
    if (!this.database) {
      this.database = new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, 1)
        request.onupgradeneeded = () => {
          const db = request.result
          if (!db.objectStoreNames.contains(ENTRIES)) db.createObjectStore(ENTRIES, { keyPath: 'id' })
          if (!db.objectStoreNames.contains(BLOBS)) db.createObjectStore(BLOBS)
        }
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => {
          this.database = null
          reject(request.error)
        }
      })
    }
    return this.database
  }

  private async store(name: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(name, mode).objectStore(name)
  }

  async list(): Promise<OutboxEntry[]> {
    return promised((await this.store(ENTRIES, 'readonly')).getAll() as IDBRequest<OutboxEntry[]>)
  }
  async put(entry: OutboxEntry): Promise<void> {
    // Plain data only: a Vue proxy cannot be cloned into IndexedDB.
    await promised((await this.store(ENTRIES, 'readwrite')).put(JSON.parse(JSON.stringify(entry))))
  }
  async remove(id: string): Promise<void> {
    await promised((await this.store(ENTRIES, 'readwrite')).delete(id))
  }
  async putBlob(key: string, blob: Blob): Promise<void> {
    await promised((await this.store(BLOBS, 'readwrite')).put(blob, key))
  }
  async getBlob(key: string): Promise<Blob | undefined> {
    return promised((await this.store(BLOBS, 'readonly')).get(key) as IDBRequest<Blob | undefined>)
  }
  async removeBlob(key: string): Promise<void> {
    await promised((await this.store(BLOBS, 'readwrite')).delete(key))
  }
}
