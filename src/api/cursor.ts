// Opaque cursors: a store's page position wrapped with the query it belongs to, so a cursor cannot be misused.
import { createHash } from 'node:crypto'
import { StoreError } from '../store/index.js'
import { ApiError } from './errors.js'

/**
 * A short fingerprint of what a cursor is valid for (the sort and filters, or the lead whose timeline it
 * pages). Reusing a cursor with another query would silently skip or repeat rows; this makes it a 400.
 */
export function cursorScope(parts: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.entries(parts).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16)
}

/** The cursor for the page after `position` (a store's `next` token) in `scope`; null when there is no next page. */
export function encodeCursor(scope: string, position: string | null): string | null {
  return position === null ? null : Buffer.from(JSON.stringify([scope, position])).toString('base64url')
}

/** The store position inside `cursor`; undefined when no cursor was sent. A bad or foreign cursor is a 400. */
export function decodeCursor(scope: string, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    value = undefined
  }
  if (!Array.isArray(value) || value.length !== 2 || typeof value[1] !== 'string') {
    throw new ApiError('invalid_cursor', 'The cursor is malformed. Pass next_cursor exactly as a previous page returned it.')
  }
  if (value[0] !== scope) {
    throw new ApiError(
      'invalid_cursor',
      'The cursor was made for another sort, filter set or lead. Repeat the query of the page it came from, or start again without it.',
    )
  }
  return value[1]
}

/**
 * Runs a store page read that was given `after` (from `decodeCursor`); a position the store cannot read
 * (a forged cursor that passed the scope check) becomes `invalid_cursor` rather than a generic 400.
 */
export async function readPage<T>(after: string | undefined, read: (after: string | undefined) => Promise<T>): Promise<T> {
  try {
    return await read(after)
  } catch (error) {
    if (after !== undefined && error instanceof StoreError && error.code === 'invalid') {
      throw new ApiError('invalid_cursor', 'The cursor is malformed. Pass next_cursor exactly as a previous page returned it.')
    }
    throw error
  }
}
