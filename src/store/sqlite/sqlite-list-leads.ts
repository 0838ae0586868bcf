// The lead list query: filters, sort and keyset (or offset) paging over leads joined with their current score.
import type Database from 'better-sqlite3'
import { StoreError } from '../errors.js'
import type { LeadPage, LeadQuery, LeadSortKey, LeadWithScore } from '../store.js'
import { accountKeySql, normaliseAccountKey } from './sqlite-accounts.js'
import { leadRowToLead, scoreRowToStoredScore, type LeadRow, type StoredScoreRow } from './rows.js'
import { registerTextFold, TEXT_FOLD_FUNCTION } from './sqlite-text.js'
import { STORED_SCORE_COLUMNS } from './sqlite-statements.js'

/** Page size when the query names none. */
export const DEFAULT_LEAD_PAGE_SIZE = 50

const SORT_COLUMNS: Record<LeadSortKey, string> = {
  score: 's.score',
  fit: 's.fit',
  engagement: 's.engagement',
  updated: 'l.updated_at',
  created: 'l.created_at',
}

/** Lead columns the text search looks in. */
const TEXT_COLUMNS = ['l.first_name', 'l.last_name', 'l.email', 'l.company_name']

type ListRow = LeadRow & Omit<StoredScoreRow, 'lead_id'> & { score_lead_id: string | null; sort_value: number | null }

const SCORE_SELECT = STORED_SCORE_COLUMNS.map((c) => (c === 'lead_id' ? 's.lead_id AS score_lead_id' : `s.${c}`))
/** The same columns for a lead without a scores row. */
const NO_SCORE_SELECT = STORED_SCORE_COLUMNS.map((c) => (c === 'lead_id' ? 'NULL AS score_lead_id' : `NULL AS ${c}`))

/**
 * A position in the sort order: [unscored (0 or 1), sort value, lead id]. The ORDER BY is the same triple
 * (unscored leads last, then the sort column, then the id as the tie-breaker), so "after this row" is exact.
 */
type Position = [0 | 1, number | null, string]

/** The comparison that means "later in the order": `<` descending, `>` ascending. */
type Beyond = '<' | '>'

function encodePosition(position: Position): string {
  return JSON.stringify(position)
}

function decodePosition(token: string): Position {
  let value: unknown
  try {
    value = JSON.parse(token)
  } catch {
    value = undefined
  }
  if (
    !Array.isArray(value) ||
    value.length !== 3 ||
    (value[0] !== 0 && value[0] !== 1) ||
    !(value[1] === null || (typeof value[1] === 'number' && Number.isFinite(value[1]))) ||
    typeof value[2] !== 'string'
  ) {
    throw new StoreError('invalid', 'The page position is malformed. Start again from the first page.')
  }
  return value as Position
}

/** Leads matching `query`, the page asked for, how many match in all, and where the next page starts. */
export function listLeads(db: Database.Database, query: LeadQuery): LeadPage {
  // Filters on the lead row apply to every lead; a filter on the score leaves the unscored leads out.
  const leadWhere: string[] = []
  const leadParams: (string | number)[] = []
  const scoreWhere: string[] = []
  const scoreParams: (string | number)[] = []
  const filter = (sql: string, value: string | number | undefined): void => {
    if (value === undefined) return
    const scored = sql.startsWith('s.')
    ;(scored ? scoreWhere : leadWhere).push(sql)
    ;(scored ? scoreParams : leadParams).push(value)
  }
  filter('s.score >= ?', query.minScore)
  filter('s.score <= ?', query.maxScore)
  filter('s.grade = ?', query.grade)
  filter('s.level = ?', query.level)
  filter('s.cell = ?', query.cell)
  filter('s.stage = ?', query.stage)
  filter('s.status = ?', query.status)
  filter('s.segment = ?', query.segment)
  filter('s.spam = ?', query.spam === undefined ? undefined : query.spam ? 1 : 0)
  filter('l.owner = ?', query.owner)
  filter('l.created_at >= ?', query.createdAfter)
  filter('l.created_at < ?', query.createdBefore)
  filter('l.updated_at >= ?', query.updatedAfter)
  filter('l.updated_at < ?', query.updatedBefore)
  if (query.account !== undefined) {
    registerTextFold(db)
    filter(`${accountKeySql('l')} = ?`, normaliseAccountKey(query.account))
  }
  const text = query.text?.trim()
  if (text !== undefined && text !== '') {
    registerTextFold(db)
    leadWhere.push(`(${TEXT_COLUMNS.map((column) => `instr(${TEXT_FOLD_FUNCTION}(${column}), ${TEXT_FOLD_FUNCTION}(?)) > 0`).join(' OR ')})`)
    leadParams.push(...TEXT_COLUMNS.map(() => text))
  }
  const includesUnscored = scoreWhere.length === 0
  const total = countLeads(db, leadWhere, leadParams, scoreWhere, scoreParams)

  const sort = query.sort ?? 'score'
  const column = SORT_COLUMNS[sort]
  const descending = query.descending ?? true
  const limit = query.limit ?? DEFAULT_LEAD_PAGE_SIZE
  const offset = query.offset ?? 0
  if (!Number.isSafeInteger(limit) || limit < 0 || !Number.isSafeInteger(offset) || offset < 0) {
    throw new StoreError('invalid', `limit and offset must be whole numbers >= 0 (got ${limit} and ${offset})`)
  }
  // Scored leads first, then the unscored; within each, the sort column, then the lead id, both in the asked
  // direction (so that a page of scored leads is read straight off the (score, lead id) index).
  const direction = descending ? 'DESC' : 'ASC'
  const beyond: Beyond = descending ? '<' : '>'
  const position = query.after === undefined ? undefined : decodePosition(query.after)
  // Each part reads at most as many rows as the page could need from it; one row more says another page follows.
  const partLimit = offset + limit + 1

  // Sorting scores by score, the tie-break on the scores row's own lead id keeps to the (score, lead id) index.
  const idColumn = column.startsWith('s.') ? 's.lead_id' : 'l.id'
  const rows: ListRow[] = []
  if (position === undefined || position[0] === 0) {
    const where = [...scoreWhere, ...leadWhere]
    const whereParams: (string | number)[] = [...scoreParams, ...leadParams]
    if (position !== undefined) {
      const after = afterCondition(column, idColumn, position, beyond)
      where.push(after.sql)
      whereParams.push(...after.params)
    }
    const sql = `SELECT l.*, ${SCORE_SELECT.join(', ')}, ${column} AS sort_value
      FROM scores s JOIN leads l ON l.id = s.lead_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${column} ${direction}, ${idColumn} ${direction} LIMIT ?`
    rows.push(...db.prepare<unknown[], ListRow>(sql).all(...whereParams, partLimit))
  }
  // The unscored leads come after every scored one: read only when the scored ones do not fill the page.
  if (includesUnscored && rows.length < partLimit) {
    const where = ['NOT EXISTS (SELECT 1 FROM scores s WHERE s.lead_id = l.id)', ...leadWhere]
    const whereParams: (string | number)[] = [...leadParams]
    // Unscored leads have no score, fit or engagement: by those sorts they are ordered by id alone.
    const value = column.startsWith('s.') ? null : column
    if (position !== undefined && position[0] === 1) {
      const after = afterCondition(value, 'l.id', position, beyond)
      where.push(after.sql)
      whereParams.push(...after.params)
    }
    const sql = `SELECT l.*, ${NO_SCORE_SELECT.join(', ')},
        ${value ?? 'NULL'} AS sort_value
      FROM leads l WHERE ${where.join(' AND ')}
      ORDER BY ${value === null ? '' : `${value} ${direction}, `}l.id ${direction} LIMIT ?`
    rows.push(...db.prepare<unknown[], ListRow>(sql).all(...whereParams, partLimit - rows.length))
  }
  const pageRows = rows.slice(offset, offset + limit + 1)
  const page = pageRows.slice(0, limit)
  const items: LeadWithScore[] = page.map((row) => ({
    lead: leadRowToLead(row),
    score: row.score_lead_id === null ? null : scoreRowToStoredScore({ ...row, lead_id: row.score_lead_id }),
  }))
  const last = page.at(-1)
  const next =
    pageRows.length > limit && last !== undefined
      ? encodePosition([last.score_lead_id === null ? 1 : 0, last.sort_value, last.id])
      : null
  return { items, total, next }
}

/**
 * "After `position`" within one group ordered by `valueColumn` (null: by id alone), then `idColumn`, both in the
 * sort's direction (`beyond`), with its parameters.
 */
function afterCondition(
  valueColumn: string | null,
  idColumn: string,
  position: Position,
  beyond: Beyond,
): { sql: string; params: (string | number)[] } {
  const [, value, id] = position
  if (valueColumn === null || value === null) return { sql: `${idColumn} ${beyond} ?`, params: [id] }
  return { sql: `(${valueColumn} ${beyond} ? OR (${valueColumn} = ? AND ${idColumn} ${beyond} ?))`, params: [value, value, id] }
}

/** How many leads match: counted on the leads alone unless a filter needs their scores. */
function countLeads(
  db: Database.Database,
  leadWhere: readonly string[],
  leadParams: readonly (string | number)[],
  scoreWhere: readonly string[],
  scoreParams: readonly (string | number)[],
): number {
  const where = [...scoreWhere, ...leadWhere]
  const from = scoreWhere.length > 0 ? 'FROM scores s JOIN leads l ON l.id = s.lead_id' : 'FROM leads l'
  const sql = `SELECT count(*) ${from}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`
  return db.prepare<unknown[], number>(sql).pluck().get(...scoreParams, ...leadParams) ?? 0
}
