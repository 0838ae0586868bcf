// Opens a SQLite database with the pragmas leadscore relies on and brings its schema up to date.
import Database from 'better-sqlite3'
import { SQLITE_MIGRATIONS, type Migration } from '../migrations/index.js'
import { StoreError } from '../errors.js'

/** How long a writer waits for another connection's lock before failing. Default: 5 seconds. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000

/**
 * Page cache per connection, in KiB (SQLite's default is 2 MiB). Rescoring rewrites scores rows
 * spread over the whole table, so a small cache reads the same pages back from the OS again and
 * again; 64 MiB keeps the hot tables of ~100,000 leads in memory. Default: 64 MiB.
 */
export const SQLITE_CACHE_KIB = 65_536

/**
 * Opens `file` (or `:memory:`) in WAL mode with `synchronous=NORMAL` (durable across a process crash,
 * fast commits), foreign keys on, a busy timeout and a 64 MiB page cache, then applies pending migrations.
 */
export function openSqliteDatabase(file: string): Database.Database {
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS })
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`)
    db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`)
    applyMigrations(db, SQLITE_MIGRATIONS)
    // Table statistics for the query planner, refreshed where stale (bounded work; SQLite's advice for a
    // long-lived connection). Without them a filter on a common value (segment "cold") is read through its index
    // and sorted, instead of walking the score index until the page is full.
    db.pragma('optimize = 0x10002')
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction, in
 * version order. Running it again on an up-to-date database changes nothing. Returns the versions applied.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`)
  const appliedRows = db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]
  const applied = new Set(appliedRows)
  const latestKnown = migrations.reduce((max, migration) => Math.max(max, migration.version), 0)
  const newest = appliedRows.reduce((max, version) => Math.max(max, version), 0)
  if (newest > latestKnown) {
    throw new StoreError(
      'conflict',
      `The database schema is at version ${newest} but this leadscore knows only up to ${latestKnown}. Upgrade leadscore.`,
    )
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  const done: number[] = []
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.version, migration.name, Date.now())
    })()
    done.push(migration.version)
  }
  return done
}
