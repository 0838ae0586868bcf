// Outcome rows: which lead converted (or did not) and when; the ground truth for analytics and training.
import type { Outcome } from '../core/index.js'
import {
  isEmptyRecord,
  normaliseKey,
  parseText,
  parseTimestamp,
  quote,
  type Converted,
} from './field-values.js'
import { readRows, type ReadOptions } from './record-reader.js'
import type { RowResult } from './row-result.js'

type OutcomeField = 'leadId' | 'converted' | 'at'

const FIELD_BY_KEY = new Map<string, OutcomeField>([
  ['leadid', 'leadId'],
  ['converted', 'converted'],
  ['convertedat', 'at'],
])

const BOOLEANS = new Map<string, boolean>([
  ['true', true],
  ['1', true],
  ['yes', true],
  ['false', false],
  ['0', false],
  ['no', false],
])

/**
 * Reads outcomes: `lead_id`, `converted` (true/false, 1/0, yes/no) and an optional `converted_at`.
 * Any other column is rejected, so a misspelt column is noticed rather than ignored.
 */
export function readOutcomeRows(path: string, options: ReadOptions = {}): AsyncGenerator<RowResult<Outcome>> {
  return readRows(path, options, parseOutcomeRecord)
}

/** One outcome from a row's fields, or the first reason it is not acceptable. */
export function parseOutcomeRecord(fields: Record<string, unknown>): Converted<Outcome> {
  if (isEmptyRecord(fields)) return { ok: false, reason: 'empty row' }
  const given: Partial<Record<OutcomeField, unknown>> = {}
  for (const [column, input] of Object.entries(fields)) {
    const field = FIELD_BY_KEY.get(normaliseKey(column))
    if (field === undefined) {
      return { ok: false, reason: `unknown column '${column}' — known: lead_id, converted, converted_at` }
    }
    given[field] = input
  }
  const leadId = parseText('lead_id', given.leadId, 200)
  if (!leadId.ok) return leadId
  if (leadId.value === undefined) return { ok: false, reason: 'lead_id is required' }
  const converted = parseBoolean(given.converted)
  if (!converted.ok) return converted
  const outcome: Outcome = { leadId: leadId.value, converted: converted.value }
  if (given.at !== undefined && given.at !== null && given.at !== '') {
    const at = parseTimestamp('converted_at', given.at)
    if (!at.ok) return at
    outcome.at = at.value
  }
  return { ok: true, value: outcome }
}

function parseBoolean(input: unknown): Converted<boolean> {
  if (typeof input === 'boolean') return { ok: true, value: input }
  if (input === undefined || input === null || input === '') return { ok: false, reason: 'converted is required' }
  const text = typeof input === 'string' || typeof input === 'number' ? String(input) : ''
  const value = BOOLEANS.get(text.trim().toLowerCase())
  return value === undefined
    ? { ok: false, reason: `converted: expected true/false, 1/0 or yes/no (got ${quote(input)})` }
    : { ok: true, value }
}
