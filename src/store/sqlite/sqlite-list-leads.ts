// The lead list query: filters, sort and paging over leads joined with their current score.
import type Database from 'better-sqlite3'
import { StoreError } from '../errors.js'
import type { LeadQuery, LeadSortKey, LeadWithScore } from '../store.js'
import { leadRowToLead, scoreRowToStoredScore, type LeadRow, type StoredScoreRow } from './rows.js'
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

type ListRow = LeadRow & Omit<StoredScoreRow, 'lead_id'> & { score_lead_id: string | null }

const SCORE_SELECT = STORED_SCORE_COLUMNS.map((c) => (c === 'lead_id' ? 's.lead_id AS score_lead_id' : `s.${c}`))

/** Leads matching `query`, the page asked for, and how many match in all. Leads without a score sort last. */
export function listLeads(db: Database.Database, query: LeadQuery): { items: LeadWithScore[]; total: number } {
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
  filter('s.status = ?', query.status)
  filter('s.segment = ?', query.segment)
  filter('s.spam = ?', query.spam === undefined ? undefined : query.spam ? 1 : 0)
  const from = `FROM leads l LEFT JOIN scores s ON s.lead_id = l.id${where.length > 0 ? ' WHERE ' + where.join(' AND ') : ''}`
  const total = db.prepare<unknown[], number>(`SELECT count(*) ${from}`).pluck().get(...params) ?? 0

  const column = SORT_COLUMNS[query.sort ?? 'score']
  const direction = (query.descending ?? true) ? 'DESC' : 'ASC'
  const limit = query.limit ?? DEFAULT_LEAD_PAGE_SIZE
  const offset = query.offset ?? 0
  if (!Number.isSafeInteger(limit) || limit < 0 || !Number.isSafeInteger(offset) || offset < 0) {
    throw new StoreError('invalid', `limit and offset must be whole numbers >= 0 (got ${limit} and ${offset})`)
  }
  const rows = db
    .prepare<unknown[], ListRow>(
      `SELECT l.*, ${SCORE_SELECT.join(', ')} ${from}
       ORDER BY (s.lead_id IS NULL), ${column} ${direction}, l.id LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset)
  const items = rows.map((row) => ({
    lead: leadRowToLead(row),
    score: row.score_lead_id === null ? null : scoreRowToStoredScore({ ...row, lead_id: row.score_lead_id }),
  }))
  return { items, total }
}
