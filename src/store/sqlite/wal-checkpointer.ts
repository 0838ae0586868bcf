// Copies the WAL back into the database file from a worker thread, so that the thread that writes never does.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/**
 * WAL pages after which the writing connection checkpoints by itself, as SQLite does by default after 1,000:
 * the bound on the WAL if the worker falls behind or stops. Under a steady stream of writes the WAL cannot
 * restart from its beginning while a concurrent checkpoint is still copying, so it is this backstop that resets it
 * (about 40 MiB with 4 KiB pages), copying only what the worker has not yet copied. Default: 10,000 pages.
 */
export const BACKGROUND_CHECKPOINT_BACKSTOP_PAGES = 10_000

/** How often the worker runs a passive checkpoint. Default: every 50 ms. */
export const BACKGROUND_CHECKPOINT_INTERVAL_MS = 50

export interface WalCheckpointStats {
  /** Passive checkpoints that copied at least one page. */
  checkpoints: number
  /** Checkpoints that failed (an I/O error, say); the writing connection's backstop still bounds the WAL. */
  errors: number
  lastError: string | null
}

export interface WalCheckpointer {
  stats(): WalCheckpointStats
  /** Stops the worker and closes its connection; resolves once it has exited. */
  stop(): Promise<void>
}

// Runs in the worker (CommonJS, evaluated): its own connection to the file, a passive checkpoint on a timer.
// A passive checkpoint never waits for a lock and never blocks the writer; what it cannot copy now it copies next time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { timeout: 0 })
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')
let copied = 0
const timer = setInterval(() => {
  try {
    const { log, checkpointed } = checkpoint.get()
    if (checkpointed !== copied && checkpointed > 0) parentPort.postMessage({ type: 'checkpoint', log, checkpointed })
    copied = checkpointed
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: String(error && error.message ? error.message : error) })
  }
}, workerData.intervalMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

/**
 * Starts a worker thread that checkpoints `db`'s WAL every `intervalMs`, and turns the connection's own
 * automatic checkpoint into a backstop at `backstopPages`. A checkpoint copies pages and syncs two files:
 * done by the thread that serves requests, it stalls every request behind it for milliseconds, several times
 * a second under sustained intake. `db` must be a file database in WAL mode.
 */
export function startWalCheckpointer(
  db: Database.Database,
  options: { intervalMs?: number; backstopPages?: number } = {},
): WalCheckpointer {
  const stats: WalCheckpointStats = { checkpoints: 0, errors: 0, lastError: null }
  db.pragma(`wal_autocheckpoint = ${options.backstopPages ?? BACKGROUND_CHECKPOINT_BACKSTOP_PAGES}`)
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      intervalMs: options.intervalMs ?? BACKGROUND_CHECKPOINT_INTERVAL_MS,
    },
  })
  // The store's close stops the worker; until then it must not keep a process alive that is otherwise done.
  worker.unref()
  worker.on('message', (message: { type: 'checkpoint' } | { type: 'error'; message: string }) => {
    if (message.type === 'checkpoint') stats.checkpoints++
    else {
      stats.errors++
      stats.lastError = message.message
    }
  })
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  worker.on('error', (error) => {
    stats.errors++
    stats.lastError = error.message
  })
  return {
    stats: () => ({ ...stats }),
    async stop() {
      // Referenced again, or a process with nothing else to do would exit before the worker has closed.
      worker.ref()
      worker.postMessage('stop')
      await exited
    },
  }
}
