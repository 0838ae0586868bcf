// Accounts on SQLite: leads grouped by company (domain, else name) with their scores rolled up in one query.
import type Database from 'better-sqlite3'
import { StoreError } from '../errors.js'
import type { AccountQuery, AccountSortKey, AccountSummary } from '../store.js'
import { foldText, registerTextFold, TEXT_FOLD_FUNCTION } from './sqlite-text.js'

/** Leads rolled into an account's score: its best this many (non-spam) scores are averaged. */
export const ACCOUNT_TOP_LEADS = 3

/** Page size when the query names none. */
export const DEFAULT_ACCOUNT_PAGE_SIZE = 50

/**
 * The account key of the lead row aliased `alias`: its domain, else its company name, folded (lower case,
 * no accents); NULL when it has neither. Needs `registerTextFold` on the connection.
 */
export function accountKeySql(alias: string): string {
  return `${TEXT_FOLD_FUNCTION}(coalesce(nullif(trim(${alias}.company_domain), ''), nullif(trim(${alias}.company_name), '')))`
}

/** The key `input` (a domain or name as a user types it) stands for. */
export function normaliseAccountKey(input: string): string {
  return foldText(input.trim())
}

const SORT_COLUMNS: Record<AccountSortKey, string> = {
  account_score: 'account_score',
  best_score: 'best_score',
  leads: 'leads',
  updated: 'updated_at',
}

interface AccountRow {
  key: string
  name: string | null
  domain: string | null
  leads: number
  spam_leads: number
  mqls: number
  sqls: number
  best_score: number | null
  average_score: number | null
  account_score: number | null
  updated_at: number
}

/** Every account's roll-up; `leadFilter` (on the lead row `l`) narrows the members first. Each key is computed once. */
function accountsSql(leadFilter: string): string {
  return `WITH keyed AS MATERIALIZED (
      SELECT ${accountKeySql('l')} AS key, nullif(trim(l.company_name), '') AS name,
             lower(nullif(trim(l.company_domain), '')) AS domain, l.updated_at, s.score, s.status,
             coalesce(s.spam, 0) AS spam, (s.lead_id IS NOT NULL AND s.spam = 0) AS eligible
      FROM leads l LEFT JOIN scores s ON s.lead_id = l.id${leadFilter}
    ), members AS (
      SELECT *, CASE WHEN eligible THEN row_number() OVER (PARTITION BY key, eligible ORDER BY score DESC) END AS rank
      FROM keyed WHERE key IS NOT NULL
    )
    SELECT key, min(name) AS name, min(domain) AS domain, count(*) AS leads, sum(spam) AS spam_leads,
           coalesce(sum(status = 'mql'), 0) AS mqls, coalesce(sum(status = 'sql'), 0) AS sqls,
           max(CASE WHEN eligible THEN score END) AS best_score,
           round(avg(CASE WHEN eligible THEN score END), 2) AS average_score,
           round(avg(CASE WHEN rank <= ${ACCOUNT_TOP_LEADS} THEN score END), 2) AS account_score,
           max(updated_at) AS updated_at
    FROM members GROUP BY key`
}

function rowToAccount(row: AccountRow): AccountSummary {
  return {
    key: row.key,
    name: row.name,
    domain: row.domain,
    leads: row.leads,
    spamLeads: row.spam_leads,
    mqls: row.mqls,
    sqls: row.sqls,
    bestScore: row.best_score,
    averageScore: row.average_score,
    accountScore: row.account_score,
    updatedAt: row.updated_at,
  }
}

/** A page of accounts and how many match in all. */
export function listAccounts(db: Database.Database, query: AccountQuery): { items: AccountSummary[]; total: number } {
  registerTextFold(db)
  const limit = query.limit ?? DEFAULT_ACCOUNT_PAGE_SIZE
  const offset = query.offset ?? 0
  if (!Number.isSafeInteger(limit) || limit < 0 || !Number.isSafeInteger(offset) || offset < 0) {
    throw new StoreError('invalid', `limit and offset must be whole numbers >= 0 (got ${limit} and ${offset})`)
  }
  const having: string[] = []
  const params: (string | number)[] = []
  const text = query.text?.trim()
  if (text !== undefined && text !== '') {
    having.push(`(instr(key, ?) > 0 OR instr(${TEXT_FOLD_FUNCTION}(coalesce(name, '')), ?) > 0 OR instr(coalesce(domain, ''), ?) > 0)`)
    const folded = foldText(text)
    params.push(folded, folded, folded)
  }
  if (query.minScore !== undefined) {
    having.push('account_score >= ?')
    params.push(query.minScore)
  }
  const accounts = `SELECT * FROM (${accountsSql('')})${having.length > 0 ? ` WHERE ${having.join(' AND ')}` : ''}`
  const column = SORT_COLUMNS[query.sort ?? 'account_score']
  const direction = (query.descending ?? true) ? 'DESC' : 'ASC'
  // The roll-up is the expensive part: the page and the total come from one evaluation of it.
  const rows = db
    .prepare<unknown[], AccountRow & { total: number }>(
      `SELECT *, count(*) OVER () AS total FROM (${accounts}) ORDER BY ${column} IS NULL, ${column} ${direction}, key LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset)
  const total =
    rows[0]?.total ?? (offset === 0 && limit > 0 ? 0 : (db.prepare<unknown[], number>(`SELECT count(*) FROM (${accounts})`).pluck().get(...params) ?? 0))
  return { items: rows.map(rowToAccount), total }
}

/** One account by key (a domain or company name in any case); null when no lead belongs to it. */
export function getAccount(db: Database.Database, key: string): AccountSummary | null {
  registerTextFold(db)
  const row = db.prepare<[string], AccountRow>(accountsSql(` WHERE ${accountKeySql('l')} = ?`)).get(normaliseAccountKey(key))
  return row === undefined ? null : rowToAccount(row)
}
