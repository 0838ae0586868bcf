// Every SQL statement the SQLite store runs, prepared once per connection.
import type Database from 'better-sqlite3'
import { normaliseEmail } from '../lead-merge.js'
import {
  HISTORY_COLUMNS,
  SCORE_COLUMNS,
  type EventRow,
  type LeadRow,
  type ModelVersionRow,
  type OutcomeRow,
  type ScoreHistoryRow,
  type ScoreHistoryRowValues,
  type ScoreRowValues,
  type ScoreStateRow,
  type StoredScoreRow,
} from './rows.js'

const LEAD_COLUMN_LIST = [
  'id',
  'email',
  'first_name',
  'last_name',
  'phone',
  'job_title',
  'seniority',
  'department',
  'country',
  'language',
  'source',
  'owner',
  'company_name',
  'company_domain',
  'industry',
  'company_size',
  'annual_revenue',
  'attributes',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof LeadRow)[]

/** The score columns readers see (the engine state and checksum stay inside the store). */
export const STORED_SCORE_COLUMNS = SCORE_COLUMNS.filter((c) => c !== 'state' && c !== 'model_checksum')

/**
 * Indexed scores columns that most rescores leave as they were. SQLite rewrites an index entry whenever its
 * column is in an UPDATE's SET list, changed or not (a page written to the WAL per index per rescore), so
 * a rescore that keeps them uses `updateScoreValues`, which leaves them out.
 */
const SCORE_KEY_COLUMNS: readonly string[] = ['status', 'cell', 'segment'] satisfies (typeof SCORE_COLUMNS)[number][]
const SCORE_VALUE_INDEXES = SCORE_COLUMNS.flatMap((column, index) => (column === 'lead_id' || SCORE_KEY_COLUMNS.includes(column) ? [] : [index]))

/** `updateScoreValues`' parameters: a score row's values without its key columns, then the lead id. */
export function scoreValuesUpdate(values: ScoreRowValues): unknown[] {
  const parameters = SCORE_VALUE_INDEXES.map((index) => values[index])
  parameters.push(values[0])
  return parameters
}

const insertSql = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`

/** An INSERT bound by position, for the statements the intake path runs once per lead. */
const positionalInsertSql = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`

/** The prepared statements of one connection, typed by their parameters and rows. */
export function prepareStatements(db: Database.Database) {
  return {
    leadById: db.prepare<[string], LeadRow>('SELECT * FROM leads WHERE id = ?'),
    leadByEmail: db.prepare<[string], LeadRow>('SELECT * FROM leads WHERE email = ?'),
    /** The lead an id was merged into (see the lead-aliases migration and ADR 5); for look-ups by id that found nothing. */
    leadByAlias: db.prepare<[string], LeadRow>(
      'SELECT leads.* FROM lead_aliases JOIN leads ON leads.id = lead_aliases.lead_id WHERE lead_aliases.alias = ?',
    ),
    leadIdByEmail: db.prepare<[string], string>('SELECT id FROM leads WHERE email = ?').pluck(),
    insertLead: db.prepare<[LeadRow]>(insertSql('leads', LEAD_COLUMN_LIST)),
    updateLead: db.prepare<[LeadRow]>(
      `UPDATE leads SET ${LEAD_COLUMN_LIST.filter((c) => c !== 'id' && c !== 'created_at')
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE id = @id`,
    ),
    leadsAfter: db.prepare<[string, number], LeadRow>('SELECT * FROM leads WHERE id > ? ORDER BY id LIMIT ?'),
    leadExists: db.prepare<[string], number>('SELECT 1 FROM leads WHERE id = ?').pluck(),
    countLeads: db.prepare<[], number>('SELECT count(*) FROM leads').pluck(),
    outdatedLeadsAfter: db.prepare<[string, string, number], LeadRow>(
      `SELECT leads.* FROM scores JOIN leads ON leads.id = scores.lead_id
       WHERE scores.lead_id > ? AND scores.model_checksum <> ? ORDER BY scores.lead_id LIMIT ?`,
    ),
    countOutdatedScores: db.prepare<[string], number>('SELECT count(*) FROM scores WHERE model_checksum <> ?').pluck(),

    eventExists: db.prepare<[string], number>('SELECT 1 FROM events WHERE id = ?').pluck(),
    insertEvent: db.prepare<[string, string, string, number, string, number]>(
      `INSERT INTO events (id, lead_id, type, timestamp, properties, received_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    countEventsOfLead: db.prepare<[string], number>('SELECT count(*) FROM events WHERE lead_id = ?').pluck(),
    eventsOfLead: db.prepare<[string], EventRow>(
      'SELECT id, lead_id, type, timestamp, properties FROM events WHERE lead_id = ? ORDER BY timestamp, seq',
    ),
    eventsOfLeadLimited: db.prepare<[string, number], EventRow>(
      'SELECT id, lead_id, type, timestamp, properties FROM events WHERE lead_id = ? ORDER BY timestamp, seq LIMIT ?',
    ),

    storedScoreByLead: db.prepare<[string], StoredScoreRow>(
      `SELECT ${STORED_SCORE_COLUMNS.join(', ')} FROM scores WHERE lead_id = ?`,
    ),
    scoreStateByLead: db.prepare<[string], ScoreStateRow>(
      'SELECT score, status, segment, stage, spam, cell, model_checksum, state FROM scores WHERE lead_id = ?',
    ),
    upsertScore: db.prepare<ScoreRowValues>(
      `${positionalInsertSql('scores', SCORE_COLUMNS)} ON CONFLICT (lead_id) DO UPDATE SET ${SCORE_COLUMNS.filter(
        (c) => c !== 'lead_id',
      )
        .map((c) => `${c} = excluded.${c}`)
        .join(', ')}`,
    ),
    updateScoreValues: db.prepare<unknown[]>(
      `UPDATE scores SET ${SCORE_VALUE_INDEXES.map((index) => `${SCORE_COLUMNS[index]} = ?`).join(', ')} WHERE lead_id = ?`,
    ),

    insertHistory: db.prepare<ScoreHistoryRowValues>(positionalInsertSql('score_history', HISTORY_COLUMNS)),
    historyOfLead: db.prepare<[string, number], ScoreHistoryRow>(
      `SELECT ${HISTORY_COLUMNS.join(', ')} FROM score_history WHERE lead_id = ? ORDER BY at DESC, seq DESC LIMIT ?`,
    ),

    insertPendingRescore: db.prepare<[string]>(
      'INSERT INTO pending_rescores (lead_id) VALUES (?) ON CONFLICT (lead_id) DO NOTHING',
    ),
    deletePendingRescore: db.prepare<[string]>('DELETE FROM pending_rescores WHERE lead_id = ?'),
    deletePendingRange: db.prepare<[string, string]>('DELETE FROM pending_rescores WHERE lead_id > ? AND lead_id <= ?'),
    countPendingRescores: db.prepare<[], number>('SELECT count(*) FROM pending_rescores').pluck(),
    /** Pending leads after an id; a pending row always has its lead (deleting a lead cascades). */
    pendingIdsAfter: db
      .prepare<[string, number], string>('SELECT lead_id FROM pending_rescores WHERE lead_id > ? ORDER BY lead_id LIMIT ?')
      .pluck(),
    newestEventIdOfLead: db
      .prepare<[string], string>('SELECT id FROM events WHERE lead_id = ? ORDER BY timestamp DESC, seq DESC LIMIT 1')
      .pluck(),

    outcomeByLead: db.prepare<[string], OutcomeRow>('SELECT * FROM outcomes WHERE lead_id = ?'),
    upsertOutcome: db.prepare<[OutcomeRow]>(
      `${insertSql('outcomes', ['lead_id', 'converted', 'at', 'recorded_at'])}
       ON CONFLICT (lead_id) DO UPDATE SET converted = excluded.converted, at = excluded.at, recorded_at = excluded.recorded_at`,
    ),

    insertModelVersion: db.prepare<[{ name: string; yaml: string; checksum: string; created_at: number }]>(
      `INSERT INTO model_versions (name, yaml, checksum, status, active, created_at)
       VALUES (@name, @yaml, @checksum, 'draft', 0, @created_at)`,
    ),
    modelVersion: db.prepare<[number], ModelVersionRow>('SELECT * FROM model_versions WHERE version = ?'),
    modelVersions: db.prepare<[], ModelVersionRow>('SELECT * FROM model_versions ORDER BY version'),
    activeModelVersion: db.prepare<[], ModelVersionRow>('SELECT * FROM model_versions WHERE active = 1'),
    deactivateModelVersions: db.prepare('UPDATE model_versions SET active = 0 WHERE active = 1'),
    publishModelVersion: db.prepare<[number, number]>(
      `UPDATE model_versions SET status = 'published', active = 1, published_at = coalesce(published_at, ?)
       WHERE version = ?`,
    ),
    activateModelVersion: db.prepare<[number]>('UPDATE model_versions SET active = 1 WHERE version = ?'),
  }
}

export type SqliteStatements = ReturnType<typeof prepareStatements>

/** The lead row named by an id, an email (case-insensitive) or an alias, tried in that order. */
export function findLeadRow(statements: SqliteStatements, idOrEmail: string): LeadRow | undefined {
  const email = normaliseEmail(idOrEmail)
  return (
    statements.leadById.get(idOrEmail) ??
    (email === undefined ? undefined : statements.leadByEmail.get(email)) ??
    statements.leadByAlias.get(idOrEmail)
  )
}
