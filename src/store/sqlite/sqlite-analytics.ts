// Read access for analytics on SQLite: every lead with its score, outcome, qualification times, events and history, by pages.
import type Database from 'better-sqlite3'
import { StoreError } from '../errors.js'
import type { LeadScanOptions, ScannedLead } from '../store.js'
import {
  HISTORY_COLUMNS,
  eventRowToEvent,
  historyRowToScoreChange,
  leadRowToLead,
  outcomeRowToOutcome,
  scoreRowToStoredScore,
  type EventRow,
  type LeadRow,
  type OutcomeRow,
  type ScoreHistoryRow,
  type StoredScoreRow,
} from './rows.js'
import { STORED_SCORE_COLUMNS } from './sqlite-statements.js'

/** Leads per page when the caller names no page size. */
const DEFAULT_PAGE_SIZE = 500
/** Largest page accepted: a page is held in memory with its events. */
const MAX_PAGE_SIZE = 10_000

/** A history row that left the `lead` status, with the time it happened (see `ScannedLead.mqlAt`). */
interface QualificationRow {
  lead_id: string
  status: string
  at: number
}

/**
 * The statements of one scan. Every per-lead query reads the id range of the page (`lead_id BETWEEN first
 * AND last`), which its index serves in one pass: a page costs a fixed number of queries, whatever its size.
 */
function prepareScanStatements(db: Database.Database) {
  const range = 'lead_id BETWEEN ? AND ?'
  return {
    leads: db.prepare<[string, number], LeadRow>('SELECT * FROM leads WHERE id > ? ORDER BY id LIMIT ?'),
    leadsWithOutcome: db.prepare<[string, number], LeadRow>(
      `SELECT leads.* FROM leads JOIN outcomes ON outcomes.lead_id = leads.id
       WHERE leads.id > ? ORDER BY leads.id LIMIT ?`,
    ),
    scores: db.prepare<[string, string], StoredScoreRow>(
      `SELECT ${STORED_SCORE_COLUMNS.join(', ')} FROM scores WHERE ${range}`,
    ),
    outcomes: db.prepare<[string, string], OutcomeRow>(`SELECT * FROM outcomes WHERE ${range}`),
    events: db.prepare<[string, string], EventRow>(
      `SELECT id, lead_id, type, timestamp, properties FROM events WHERE ${range} ORDER BY lead_id, timestamp, seq`,
    ),
    history: db.prepare<[string, string], ScoreHistoryRow>(
      `SELECT ${HISTORY_COLUMNS.join(', ')} FROM score_history WHERE ${range} ORDER BY lead_id, at, seq`,
    ),
    // The first change to mql or sql is what the funnel times; the event that caused it says when it happened.
    qualifications: db.prepare<[string, string], QualificationRow>(
      `SELECT h.lead_id, h.status, COALESCE(e.timestamp, h.at) AS at
       FROM score_history h LEFT JOIN events e ON e.id = h.event_id
       WHERE h.lead_id BETWEEN ? AND ? AND h.status <> 'lead'
       ORDER BY h.lead_id, h.seq`,
    ),
  }
}

/**
 * Pages of leads ordered by id, as `Store.scanLeads` describes. Each page is read in one transaction, so it
 * is consistent even while another connection writes; pages are yielded between transactions, so a scan
 * sees leads added behind its position but not those added before it.
 */
export async function* scanSqliteLeads(
  db: Database.Database,
  options: LeadScanOptions = {},
): AsyncGenerator<ScannedLead[]> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new StoreError('invalid', `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE} (got ${pageSize}).`)
  }
  const statements = prepareScanStatements(db)
  const readPage = db.transaction((afterId: string): ScannedLead[] => {
    const leadStatement = options.withOutcome === true ? statements.leadsWithOutcome : statements.leads
    const leadRows = leadStatement.all(afterId, pageSize)
    if (leadRows.length === 0) return []
    const first = leadRows[0]!.id
    const last = leadRows.at(-1)!.id
    const page = new Map<string, ScannedLead>()
    for (const row of leadRows) {
      const lead = leadRowToLead(row)
      page.set(lead.id, { lead, score: null, outcome: null, mqlAt: null, sqlAt: null, events: [], history: [] })
    }
    // Rows of leads in the id range but not in the page (leads without an outcome) are skipped.
    for (const row of statements.scores.all(first, last)) {
      const item = page.get(row.lead_id)
      if (item !== undefined) item.score = scoreRowToStoredScore(row)
    }
    for (const row of statements.outcomes.all(first, last)) {
      const item = page.get(row.lead_id)
      if (item !== undefined) item.outcome = outcomeRowToOutcome(row)
    }
    for (const row of statements.qualifications.all(first, last)) {
      const item = page.get(row.lead_id)
      if (item === undefined) continue
      item.mqlAt ??= row.at
      if (row.status === 'sql') item.sqlAt ??= row.at
    }
    if (options.events === true) {
      for (const row of statements.events.all(first, last)) page.get(row.lead_id)?.events.push(eventRowToEvent(row))
    }
    if (options.history === true) {
      for (const row of statements.history.all(first, last)) {
        page.get(row.lead_id)?.history.push(historyRowToScoreChange(row))
      }
    }
    return [...page.values()]
  })
  let afterId = ''
  for (;;) {
    const page = readPage(afterId)
    if (page.length === 0) return
    yield page
    if (page.length < pageSize) return
    afterId = page.at(-1)!.lead.id
    // A scan of many leads must not stall the process: let requests in between pages.
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}
