// The store: the port, its errors, and `openStore`, the only place that knows which implementations exist.
import { createSqliteStore } from './sqlite/sqlite-store.js'
import { StoreError } from './errors.js'
import type { Store } from './store.js'

export * from './store.js'
export { StoreError, type StoreErrorCode } from './errors.js'
export type { WalCheckpointStats } from './sqlite/wal-checkpointer.js'

export interface OpenStoreOptions {
  /**
   * Where the data lives: a SQLite file path (`./data/leadscore.db`), `sqlite:<path>`, or `:memory:`
   * (`sqlite::memory:`) for a throw-away database.
   */
  url: string
  /**
   * Leads rescored per transaction by `rescorePending` and `rescoreAll`. Larger is faster for a one-off bulk
   * job; smaller keeps a server that shares the process responsive between transactions. Default: 500.
   */
  rescoreChunkSize?: number | undefined
  /**
   * Checkpoint a SQLite file's WAL from a worker thread rather than the thread that writes: for a server or a
   * bulk import, where a checkpoint on the writing thread stalls whatever waits behind it. Default: false.
   */
  backgroundCheckpoints?: boolean | undefined
  /**
   * Fold and score the leads that deferred ingests leave pending on a second thread (a worker that computes, never
   * touching the database): for a bulk import, so that storing and scoring use two cores. Default: false.
   */
  foldWorker?: boolean | undefined
}

/**
 * Opens the store `url` names, creating and migrating the database when needed.
 *
 * @example
 * const store = await openStore({ url: 'sqlite:./data/leadscore.db' })
 */
export function openStore(options: OpenStoreOptions): Promise<Store> {
  const { url } = options
  return new Promise((resolve) => {
    if (/^postgres(ql)?:\/\//i.test(url)) {
      throw new StoreError('invalid', `PostgreSQL is not supported yet (got ${url}). Use a SQLite file path.`)
    }
    const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url
    if (file === '') throw new StoreError('invalid', 'The store url names no file. Use a path such as ./data/leadscore.db.')
    const { rescoreChunkSize, backgroundCheckpoints, foldWorker } = options
    resolve(createSqliteStore({ file, rescoreChunkSize, backgroundCheckpoints, foldWorker }))
  })
}
