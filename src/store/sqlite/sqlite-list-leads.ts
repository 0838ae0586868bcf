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

/**
 * A position in the sort order: [unscored (0 or 1), sort value, lead id]. The ORDER BY is the same triple
 * (unscored leads last, then the sort column, then the id as the tie-breaker), so "after this row" is exact.
 */
type Position = [0 | 1, number | null, string]

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
  const where: string[] = []
  const params: (string | number)[] = []
  const filter = (sql: string, value: string | number | undefined): void => {
    if (value === undefined) return
    where.push(sql)
    params.push(value)
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
    where.push(`(${TEXT_COLUMNS.map((column) => `instr(${TEXT_FOLD_FUNCTION}(${column}), ${TEXT_FOLD_FUNCTION}(?)) > 0`).join(' OR ')})`)
    params.push(...TEXT_COLUMNS.map(() => text))
  }
  const from = `FROM leads l LEFT JOIN scores s ON s.lead_id = l.id`
  const filtered = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''
  const total = db.prepare<unknown[], number>(`SELECT count(*) ${from}${filtered}`).pluck().get(...params) ?? 0

  const column = SORT_COLUMNS[query.sort ?? 'score']
  const descending = query.descending ?? true
  const limit = query.limit ?? DEFAULT_LEAD_PAGE_SIZE
  const offset = query.offset ?? 0
  if (!Number.isSafeInteger(limit) || limit < 0 || !Number.isSafeInteger(offset) || offset < 0) {
    throw new StoreError('invalid', `limit and offset must be whole numbers >= 0 (got ${limit} and ${offset})`)
  }
  const pageWhere = [...where]
  const pageParams = [...params]
  if (query.after !== undefined) {
    const [unscored, value, id] = decodePosition(query.after)
    const beyond = descending ? '<' : '>'
    // Rows after the position: a later group (scored → unscored), or the same group and a later value, or a tie and a later id.
    const sameGroup =
      value === null
        ? `${column} IS NULL AND l.id > ?`
        : `(${column} ${beyond} ? OR (${column} = ? AND l.id > ?))`
    const groupTest = unscored === 0 ? 's.lead_id IS NOT NULL' : 's.lead_id IS NULL'
    pageWhere.push(unscored === 0 ? `(s.lead_id IS NULL OR (${groupTest} AND ${sameGroup}))` : `(${groupTest} AND ${sameGroup})`)
    pageParams.push(...(value === null ? [id] : [value, value, id]))
  }
  const direction = descending ? 'DESC' : 'ASC'
  // One row more than asked says whether another page follows.
  const rows = db
    .prepare<unknown[], ListRow>(
      `SELECT l.*, ${SCORE_SELECT.join(', ')}, ${column} AS sort_value ${from}
       ${pageWhere.length > 0 ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY (s.lead_id IS NULL), ${column} ${direction}, l.id LIMIT ? OFFSET ?`,
    )
    .all(...pageParams, limit + 1, offset)
  const page = rows.slice(0, limit)
  const items: LeadWithScore[] = page.map((row) => ({
    lead: leadRowToLead(row),
    score: row.score_lead_id === null ? null : scoreRowToStoredScore({ ...row, lead_id: row.score_lead_id }),
  }))
  const last = page.at(-1)
  const next =
    rows.length > limit && last !== undefined
      ? encodePosition([last.score_lead_id === null ? 1 : 0, last.sort_value, last.id])
      : null
  return { items, total, next }
}
