// Conversions from file values (CSV strings or JSON values) to typed fields, each failing with a reason to show.
import type { EpochMs } from '../core/index.js'

/** A converted value, or why the input could not be converted. */
export type Converted<T> = { ok: true; value: T } | { ok: false; reason: string }

/** Matching key for column names: `first_name`, `firstName` and `First Name` are the same column. */
export function normaliseKey(key: string): string {
  return key.replace(/[\s_-]/g, '').toLowerCase()
}

/** The value quoted for a message, shortened so one huge cell cannot flood the report. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i
const EPOCH_MS = /^\d{1,15}$/
/** 9999-12-31T23:59:59.999Z: later instants are typos, not dates. */
const MAX_EPOCH_MS = 253_402_300_799_999

/**
 * An instant from ISO-8601 (`2024-05-01`, `2024-05-01T10:00:00Z`, offsets; no zone means UTC) or epoch
 * milliseconds (a JSON number or a string of digits).
 */
export function parseTimestamp(column: string, input: unknown): Converted<EpochMs> {
  // Built only for a value that fails: the message quotes the input, and most values parse.
  const bad = (): Converted<EpochMs> => ({
    ok: false,
    reason: `bad date in ${column}: ${quote(input)} (use ISO-8601 like 2024-05-01T10:00:00Z or epoch milliseconds)`,
  })
  if (typeof input === 'number') {
    return Number.isInteger(input) && input >= 0 && input <= MAX_EPOCH_MS ? { ok: true, value: input } : bad()
  }
  if (typeof input !== 'string') return bad()
  const text = input.trim()
  if (EPOCH_MS.test(text)) {
    const value = Number(text)
    return value <= MAX_EPOCH_MS ? { ok: true, value } : bad()
  }
  const match = ISO_DATE.exec(text)
  if (match === null) return bad()
  const [, year, month, day, hour, , , zone] = match
  const iso = text.replace(' ', 'T') + (hour !== undefined && zone === undefined ? 'Z' : '')
  const value = Date.parse(iso)
  if (Number.isNaN(value)) return bad()
  // Date.parse rolls 2024-02-31 over to March; a real calendar date reads back the same.
  if (Number(day) <= 28) return { ok: true, value }
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return bad()
  return { ok: true, value }
}

const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i

/** A finite, non-negative number from a JSON number or a decimal string. */
export function parseCount(column: string, input: unknown): Converted<number> {
  const value = typeof input === 'number' ? input : typeof input === 'string' && DECIMAL.test(input.trim()) ? Number(input) : NaN
  if (!Number.isFinite(value)) return { ok: false, reason: `${column}: not a number (got ${quote(input)})` }
  if (value < 0) return { ok: false, reason: `${column}: must not be negative (got ${quote(input)})` }
  return { ok: true, value }
}

const CSV_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/

/**
 * A CSV cell as a custom attribute or event property: a plain decimal (`42`, `-3.5`) becomes a number; anything
 * else stays a string, so zip codes with leading zeros, long ids and phone numbers keep their digits.
 */
export function coerceCsvValue(text: string): string | number {
  if (!CSV_NUMBER.test(text)) return text
  const value = Number(text)
  return Number.isInteger(value) && !Number.isSafeInteger(value) ? text : value
}

/** Limits on nested client data (custom attributes, event properties). */
export const NESTING_LIMITS = { maxDepth: 5, maxEntries: 500 } as const

/** Undefined when `value` is within the nesting limits, else the reason it is not. */
export function checkNesting(column: string, value: unknown): string | undefined {
  let entries = 0
  const visit = (current: unknown, depth: number): string | undefined => {
    if (current === null || typeof current !== 'object') return undefined
    if (depth > NESTING_LIMITS.maxDepth) return `${column}: nested deeper than ${NESTING_LIMITS.maxDepth} levels`
    const children = Array.isArray(current) ? current : Object.values(current)
    entries += children.length
    if (entries > NESTING_LIMITS.maxEntries) return `${column}: more than ${NESTING_LIMITS.maxEntries} entries`
    for (const child of children) {
      const problem = visit(child, depth + 1)
      if (problem !== undefined) return problem
    }
    return undefined
  }
  return visit(value, 1)
}

/** Whether a record has no values at all: a row of empty cells or `{}`. */
export function isEmptyRecord(fields: Record<string, unknown>): boolean {
  return Object.values(fields).every((value) => value === null || value === undefined || value === '')
}

/** A trimmed string from a string or number value (ids and phones often arrive as numbers in JSON). */
export function parseText(column: string, input: unknown, maxLength = 1000): Converted<string | undefined> {
  if (input === null || input === undefined) return { ok: true, value: undefined }
  if (typeof input !== 'string' && typeof input !== 'number') {
    return { ok: false, reason: `${column}: expected text (got ${quote(input)})` }
  }
  const text = String(input).trim()
  if (text.length > maxLength) return { ok: false, reason: `${column}: longer than ${maxLength} characters` }
  return { ok: true, value: text === '' ? undefined : text }
}

/** " Did you mean 'x'?" when a candidate is within two edits of `name`, else "". */
export function didYouMean(name: string, candidates: readonly string[]): string {
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best === undefined ? '' : ` did you mean '${best}'?`
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost))
    }
    previous = current
  }
  return previous[b.length]!
}
