// Operational reads of a SQLite store: the readiness ping and the depth of the rescoring queue.
import type Database from 'better-sqlite3'

/** The prepared statements behind the operational reads, prepared once per connection. */
export interface SqliteOps {
  /** Runs `SELECT 1`; throws when the connection is closed or the file is unreadable. */
  ping: () => void
  /** Rows of `pending_rescores`. */
  countPendingRescores: () => number
}

/** Prepares the operational statements on `db`. */
export function prepareOps(db: Database.Database): SqliteOps {
  const one = db.prepare<[], number>('SELECT 1').pluck()
  const pending = db.prepare<[], number>('SELECT count(*) FROM pending_rescores').pluck()
  return {
    ping: () => {
      if (one.get() !== 1) throw new Error('SQLite answered SELECT 1 with something other than 1.')
    },
    countPendingRescores: () => pending.get() ?? 0,
  }
}
