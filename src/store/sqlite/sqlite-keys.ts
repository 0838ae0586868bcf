// API keys on SQLite: stored as SHA-256 hashes with a visible prefix; listed, found by hash, revoked, last use recorded.
import type Database from 'better-sqlite3'
import type { EpochMs } from '../../core/index.js'
import { StoreError } from '../errors.js'
import { API_KEY_SCOPES, type ApiKey, type ApiKeyInput, type ApiKeyScope } from '../store.js'

/** The last-used time is written at most this often per key. */
export const KEY_USE_RESOLUTION_MS = 60_000

interface ApiKeyRow {
  id: string
  name: string
  scopes: string
  prefix: string
  created_at: number
  last_used_at: number | null
  revoked_at: number | null
}

const KEY_COLUMNS = 'id, name, scopes, prefix, created_at, last_used_at, revoked_at'

function isScope(value: unknown): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly unknown[]).includes(value)
}

function apiKeyRowToApiKey(row: ApiKeyRow): ApiKey {
  const parsed: unknown = JSON.parse(row.scopes)
  const scopes = Array.isArray(parsed) ? parsed.filter(isScope) : []
  return {
    id: row.id,
    name: row.name,
    scopes,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}

/** The key operations of one connection; synchronous, as better-sqlite3 is. */
export interface SqliteApiKeys {
  create(input: ApiKeyInput, now: EpochMs): ApiKey
  list(): ApiKey[]
  findByHash(secretHash: string): ApiKey | null
  revoke(id: string, now: EpochMs): ApiKey
  recordUse(id: string, at: EpochMs): void
}

/** Prepares the key statements on `db`. */
export function prepareApiKeys(db: Database.Database): SqliteApiKeys {
  const insert = db.prepare<[Record<string, unknown>]>(
    `INSERT INTO api_keys (id, name, scopes, secret_hash, prefix, created_at)
     VALUES (@id, @name, @scopes, @secret_hash, @prefix, @created_at)`,
  )
  const byId = db.prepare<[string], ApiKeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = ?`)
  const byHash = db.prepare<[string], ApiKeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE secret_hash = ?`)
  const all = db.prepare<[], ApiKeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY created_at, id`)
  const revoke = db.prepare<[number, string]>('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
  const recordUse = db.prepare<[number, string, number]>(
    'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)',
  )

  const requireKey = (id: string): ApiKey => {
    const row = byId.get(id)
    if (row === undefined) throw new StoreError('not_found', `There is no API key '${id}'.`)
    return apiKeyRowToApiKey(row)
  }

  return {
    create: (input, now) => {
      if (input.scopes.length === 0 || !input.scopes.every(isScope)) {
        throw new StoreError('invalid', `An API key needs at least one scope of ${API_KEY_SCOPES.join(', ')}.`)
      }
      if (!/^[0-9a-f]{64}$/.test(input.secretHash)) {
        throw new StoreError('invalid', 'secretHash must be a hex SHA-256 digest.')
      }
      try {
        insert.run({
          id: input.id,
          name: input.name,
          scopes: JSON.stringify([...new Set(input.scopes)]),
          secret_hash: input.secretHash,
          prefix: input.prefix,
          created_at: now,
        })
      } catch (error) {
        if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') === true) {
          throw new StoreError('conflict', `An API key with id '${input.id}' or the same secret exists already.`)
        }
        throw error
      }
      return requireKey(input.id)
    },
    list: () => all.all().map(apiKeyRowToApiKey),
    findByHash: (secretHash) => {
      const row = byHash.get(secretHash)
      return row === undefined ? null : apiKeyRowToApiKey(row)
    },
    revoke: (id, now) => {
      requireKey(id)
      revoke.run(now, id)
      return requireKey(id)
    },
    recordUse: (id, at) => {
      recordUse.run(at, id, at - KEY_USE_RESOLUTION_MS)
    },
  }
}
