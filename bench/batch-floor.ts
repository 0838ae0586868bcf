// The SQLite work alone of the HTTP batch workload: the same batches written through the store's own prepared
// statements in the same transactions, with no HTTP, no validation and no scoring (each score row and history entry
// is one the server wrote). What one SQLite writer can do at best on this machine, next to what the server did.
import Database from 'better-sqlite3'
import { performance } from 'node:perf_hooks'
import { newLead } from '../src/store/lead-merge.js'
import { HISTORY_COLUMNS, leadToLeadRow, SCORE_COLUMNS, type ScoreHistoryRowValues, type ScoreRowValues } from '../src/store/sqlite/rows.js'
import { openSqliteDatabase } from '../src/store/sqlite/sqlite-database.js'
import { prepareStatements, scoreValuesUpdate } from '../src/store/sqlite/sqlite-statements.js'
import { startWalCheckpointer } from '../src/store/sqlite/wal-checkpointer.js'

interface BatchEvent {
  id: string
  lead_id: string
  type: string
  timestamp: string
  properties: Record<string, unknown>
}

export interface FloorResult {
  events: number
  seconds: number
  /** History entries written per event (the share the server wrote). */
  historyPerEvent: number
}

/**
 * The score rows and history entries the server wrote for `leads`, and how many history entries it wrote per event of
 * theirs (it writes one only when a score moved).
 */
function writtenRows(
  servedDb: string,
  leads: ReadonlySet<string>,
  events: number,
): { scores: Map<string, ScoreRowValues>; history: ScoreHistoryRowValues[]; historyPerEvent: number } {
  const db = new Database(servedDb, { readonly: true })
  try {
    const scores = new Map<string, ScoreRowValues>()
    for (const row of db.prepare(`SELECT ${SCORE_COLUMNS.join(', ')} FROM scores`).raw().all() as ScoreRowValues[]) {
      if (leads.has(row[0])) scores.set(row[0], row)
    }
    const history = (db.prepare(`SELECT ${HISTORY_COLUMNS.join(', ')} FROM score_history`).raw().all() as ScoreHistoryRowValues[]).filter(
      (row) => leads.has(row[0]),
    )
    return { scores, history, historyPerEvent: history.length / Math.max(1, events) }
  } finally {
    db.close()
  }
}

/**
 * Writes `bodies` (JSON `{ events }` batches) into a fresh database `file` as the server's batch intake does, timed:
 * per batch, one transaction storing the events (a lead row for each unknown lead, the event, the lead's pending row),
 * then one transaction for the drain (the pending ids, each pending row deleted, the lead's score row written, a
 * history entry at the server's rate). `servedDb` is the server's database after the same batches.
 */
export async function batchIntakeFloor(servedDb: string, file: string, bodies: readonly string[]): Promise<FloorResult> {
  const batches = bodies.map((body) => (JSON.parse(body) as { events: BatchEvent[] }).events)
  const leads = new Set(batches.flatMap((batch) => batch.map((event) => event.lead_id)))
  const written = writtenRows(servedDb, leads, batches.reduce((sum, batch) => sum + batch.length, 0))
  const db = openSqliteDatabase(file)
  const checkpointer = startWalCheckpointer(db)
  const statements = prepareStatements(db)
  const now = Date.now()
  const known = new Set<string>()
  const scored = new Set<string>()
  let historyDue = 0
  let historyNext = 0
  let events = 0

  const store = db.transaction((batch: readonly BatchEvent[]) => {
    for (const event of batch) {
      if (!known.has(event.lead_id)) {
        statements.insertLead.run(leadToLeadRow(newLead(event.lead_id, undefined, now)))
        known.add(event.lead_id)
      }
      statements.insertEvent.run(event.id, event.lead_id, event.type, Date.parse(event.timestamp), JSON.stringify(event.properties), now)
      statements.insertPendingRescore.run(event.lead_id)
      events++
    }
  })
  const drain = db.transaction((batch: readonly BatchEvent[]) => {
    const pending = statements.pendingIdsAfter.all('', Number.MAX_SAFE_INTEGER)
    const historyPerLead = (batch.length * written.historyPerEvent) / Math.max(1, pending.length)
    for (const leadId of pending) {
      statements.deletePendingRescore.run(leadId)
      const values = written.scores.get(leadId)
      if (values === undefined) continue
      if (scored.has(leadId)) statements.updateScoreValues.run(...scoreValuesUpdate(values))
      else statements.upsertScore.run(...values)
      scored.add(leadId)
      // A history entry as often as the server wrote one, for this lead, with the values of one the server wrote.
      historyDue += historyPerLead
      if (historyDue >= 1 && written.history.length > 0) {
        historyDue--
        const [, ...entry] = written.history[historyNext++ % written.history.length]!
        statements.insertHistory.run(leadId, ...entry)
      }
    }
  })

  const started = performance.now()
  for (const batch of batches) {
    store(batch)
    drain(batch)
  }
  const seconds = (performance.now() - started) / 1000
  await checkpointer.stop()
  db.close()
  return { events, seconds, historyPerEvent: written.historyPerEvent }
}
