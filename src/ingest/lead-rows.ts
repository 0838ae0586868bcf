// Lead rows: known columns (snake_case or camelCase) become lead fields, any other column a custom attribute.
import { LEAD_FIELDS, LEAD_FIELD_NAMES, type EpochMs, type Lead, type LeadFieldName } from '../core/index.js'
import type { LeadInput } from '../store/store.js'
import {
  checkNesting,
  coerceCsvValue,
  isEmptyRecord,
  normaliseKey,
  parseCount,
  parseText,
  parseTimestamp,
  type Converted,
} from './field-values.js'
import { readRows, type FileFormat, type ReadOptions } from './record-reader.js'
import type { RowResult } from './row-result.js'

const FIELD_BY_KEY = new Map<string, LeadFieldName>()
for (const name of LEAD_FIELD_NAMES) {
  FIELD_BY_KEY.set(normaliseKey(name), name)
  FIELD_BY_KEY.set(normaliseKey(LEAD_FIELDS[name].key), name)
}

/** Most custom attributes one lead may carry. */
export const MAX_ATTRIBUTES = 200

/**
 * Reads leads from CSV or NDJSON. Custom attributes: in CSV a plain decimal cell (`42`, `3.5`) becomes a number
 * and everything else stays text; in NDJSON values are kept as given, and an `attributes` object is merged in.
 *
 * @example for await (const row of readLeadRows('leads.csv')) if (!row.ok) console.log(row.line, row.reason)
 */
export function readLeadRows(path: string, options: ReadOptions = {}): AsyncGenerator<RowResult<LeadInput>> {
  return readRows(path, options, parseLeadRecord)
}

/** One lead from a row's fields; the row needs an id or an email. Malformed emails are kept for the spam detectors. */
export function parseLeadRecord(fields: Record<string, unknown>, format: FileFormat): Converted<LeadInput> {
  if (isEmptyRecord(fields)) return { ok: false, reason: 'empty row' }
  const lead: Record<string, unknown> = {}
  const attributes: Record<string, unknown> = {}
  const seen = new Map<LeadFieldName, string>()
  for (const [column, input] of Object.entries(fields)) {
    const name = FIELD_BY_KEY.get(normaliseKey(column))
    if (name === undefined) {
      const problem = addAttribute(attributes, column, input, format)
      if (problem !== undefined) return { ok: false, reason: problem }
      continue
    }
    const earlier = seen.get(name)
    if (earlier !== undefined) return { ok: false, reason: `${name} is given twice ('${earlier}' and '${column}')` }
    seen.set(name, column)
    const converted = convertField(name, input)
    if (!converted.ok) return converted
    if (converted.value !== undefined) lead[LEAD_FIELDS[name].key] = converted.value
  }
  if (lead.id === undefined && lead.email === undefined) return { ok: false, reason: 'row needs an id or an email' }
  if (typeof lead.email === 'string') lead.email = lead.email.toLowerCase()
  const count = Object.keys(attributes).length
  if (count > MAX_ATTRIBUTES) return { ok: false, reason: `more than ${MAX_ATTRIBUTES} custom attributes (${count})` }
  const problem = checkNesting('attributes', attributes)
  if (problem !== undefined) return { ok: false, reason: problem }
  if (count > 0) lead.attributes = attributes
  return { ok: true, value: lead }
}

function convertField(name: LeadFieldName, input: unknown): Converted<unknown> {
  if (input === null || input === undefined || input === '') return { ok: true, value: undefined }
  switch (LEAD_FIELDS[name].type) {
    case 'number':
      return parseCount(name, input)
    case 'timestamp':
      return parseTimestamp(name, input)
    case 'string':
      return parseText(name, input, name === 'email' ? 320 : 1000)
  }
}

function addAttribute(
  attributes: Record<string, unknown>,
  column: string,
  input: unknown,
  format: FileFormat,
): string | undefined {
  if (column === '__proto__') return `column name '__proto__' is not allowed`
  if (format === 'csv') {
    attributes[column] = coerceCsvValue(String(input).trim())
    return undefined
  }
  if (column !== 'attributes') {
    attributes[column] = input
    return undefined
  }
  if (input === null) return undefined
  if (typeof input !== 'object' || Array.isArray(input)) return `attributes: expected an object (got ${typeof input})`
  for (const [key, value] of Object.entries(input)) {
    if (key === '__proto__') return `attributes: key '__proto__' is not allowed`
    attributes[key] = value
  }
  return undefined
}

/**
 * A lead as read from a file, for scoring without a database: without an id the email is its id,
 * without created_at it was created at `createdAt`. Rows without both are rejected by the reader.
 */
export function leadFromInput(input: LeadInput, createdAt: EpochMs): Lead {
  const { attributes, createdAt: given, id, email, ...fields } = input
  return { ...fields, id: id ?? email!, email, attributes: attributes ?? {}, createdAt: given ?? createdAt }
}
