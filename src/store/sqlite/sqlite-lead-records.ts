// One lead's records on SQLite: its event timeline and score history page by page, the GDPR export and erase.
import type Database from 'better-sqlite3'
import { StoreError } from '../errors.js'
import type { LeadRecord, Page, PageRequest } from '../store.js'
import type { LeadEvent } from '../../core/index.js'
import type { ScoreChange } from '../store.js'
import {
  eventRowToEvent,
  historyRowToScoreChange,
  HISTORY_COLUMNS,
  leadRowToLead,
  outcomeRowToOutcome,
  scoreRowToStoredScore,
  type EventRow,
  type OutcomeRow,
  type ScoreHistoryRow,
  type StoredScoreRow,
} from './rows.js'
import { findLeadRow, STORED_SCORE_COLUMNS, type SqliteStatements } from './sqlite-statements.js'

type Sequenced<Row> = Row & { seq: number }

/** A page position: the sort time and the row's seq of the last row shown, newest first. */
function decodeAfter(token: string | undefined): [number, number] {
  if (token === undefined) return [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
  const match = /^(-?\d{1,16}):(\d{1,16})$/.exec(token)
  if (match === null) throw new StoreError('invalid', 'The page position is malformed. Start again from the first page.')
  return [Number(match[1]), Number(match[2])]
}

function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new StoreError('invalid', `limit must be a whole number >= 1 (got ${limit})`)
}

/** The tables holding a lead's data, children first; `leads` is deleted last (and cascades to anything added later). */
const LEAD_TABLES = ['events', 'score_history', 'scores', 'outcomes', 'pending_rescores', 'lead_aliases'] as const

/** Reads and erases one lead's records with statements prepared once per connection. */
export class SqliteLeadRecords {
  private readonly statements

  /** @param shared the connection's shared statements, for finding the lead */
  constructor(
    private readonly db: Database.Database,
    private readonly shared: SqliteStatements,
  ) {
    this.statements = {
      aliases: db.prepare<[string], string>('SELECT alias FROM lead_aliases WHERE lead_id = ? ORDER BY alias').pluck(),
      timeline: db.prepare<[string, number, number, number], Sequenced<EventRow>>(
        `SELECT seq, id, lead_id, type, timestamp, properties FROM events
         WHERE lead_id = ? AND (timestamp, seq) < (?, ?) ORDER BY timestamp DESC, seq DESC LIMIT ?`,
      ),
      history: db.prepare<[string, number, number, number], Sequenced<ScoreHistoryRow>>(
        `SELECT seq, ${HISTORY_COLUMNS.join(', ')} FROM score_history
         WHERE lead_id = ? AND (at, seq) < (?, ?) ORDER BY at DESC, seq DESC LIMIT ?`,
      ),
      allEvents: db.prepare<[string], EventRow>(
        'SELECT id, lead_id, type, timestamp, properties FROM events WHERE lead_id = ? ORDER BY timestamp, seq',
      ),
      allHistory: db.prepare<[string], ScoreHistoryRow>(
        `SELECT ${HISTORY_COLUMNS.join(', ')} FROM score_history WHERE lead_id = ? ORDER BY at DESC, seq DESC`,
      ),
      score: db.prepare<[string], StoredScoreRow>(`SELECT ${STORED_SCORE_COLUMNS.join(', ')} FROM scores WHERE lead_id = ?`),
      outcome: db.prepare<[string], OutcomeRow>('SELECT * FROM outcomes WHERE lead_id = ?'),
      isPending: db.prepare<[string], number>('SELECT 1 FROM pending_rescores WHERE lead_id = ?').pluck(),
      deletes: LEAD_TABLES.map((table) => db.prepare<[string]>(`DELETE FROM ${table} WHERE lead_id = ?`)),
      deleteLead: db.prepare<[string]>('DELETE FROM leads WHERE id = ?'),
    }
  }

  /** A page of the lead's events, newest first; `next` is `timestamp:seq` of the last one shown. */
  timeline(leadId: string, page: PageRequest): Page<LeadEvent> {
    checkLimit(page.limit)
    const [timestamp, seq] = decodeAfter(page.after)
    const rows = this.statements.timeline.all(leadId, timestamp, seq, page.limit + 1)
    return this.paged(rows, page.limit, eventRowToEvent, (row) => `${row.timestamp}:${row.seq}`)
  }

  /** A page of the lead's score changes, newest first; `next` is `at:seq` of the last one shown. */
  history(leadId: string, page: PageRequest): Page<ScoreChange> {
    checkLimit(page.limit)
    const [at, seq] = decodeAfter(page.after)
    const rows = this.statements.history.all(leadId, at, seq, page.limit + 1)
    return this.paged(rows, page.limit, historyRowToScoreChange, (row) => `${row.at}:${row.seq}`)
  }

  /** Everything held about the lead, read in one transaction so the parts agree with each other. */
  export(idOrEmail: string): LeadRecord | null {
    const read = this.db.transaction((): LeadRecord | null => {
      const row = findLeadRow(this.shared, idOrEmail)
      if (row === undefined) return null
      const score = this.statements.score.get(row.id)
      const outcome = this.statements.outcome.get(row.id)
      return {
        lead: leadRowToLead(row),
        events: this.statements.allEvents.all(row.id).map(eventRowToEvent),
        score: score === undefined ? null : scoreRowToStoredScore(score),
        history: this.statements.allHistory.all(row.id).map(historyRowToScoreChange),
        outcome: outcome === undefined ? null : outcomeRowToOutcome(outcome),
        pendingRescore: this.statements.isPending.get(row.id) !== undefined,
        aliases: this.statements.aliases.all(row.id),
      }
    })
    return read()
  }

  /** Deletes the lead and every row about it in one write transaction; false when there is no such lead. */
  erase(id: string): boolean {
    const erase = this.db.transaction((): boolean => {
      if (this.shared.leadById.get(id) === undefined) return false
      for (const statement of this.statements.deletes) statement.run(id)
      this.statements.deleteLead.run(id)
      return true
    })
    return erase.immediate()
  }

  private paged<Row, Item>(
    rows: Row[],
    limit: number,
    toItem: (row: Row) => Item,
    positionOf: (row: Row) => string,
  ): Page<Item> {
    const shown = rows.slice(0, limit)
    const last = shown.at(-1)
    return { items: shown.map(toItem), next: rows.length > limit && last !== undefined ? positionOf(last) : null }
  }
}
