// Event rows: id, lead (lead_id or email), a known type, a timestamp and properties, each checked on its own.
import { EVENT_TYPES } from '../core/index.js'
import type { EventInput } from '../store/store.js'
import {
  checkNesting,
  coerceCsvValue,
  didYouMean,
  isEmptyRecord,
  normaliseKey,
  parseText,
  parseTimestamp,
  quote,
  type Converted,
} from './field-values.js'
import { readRows, type FileFormat, type ReadOptions } from './record-reader.js'
import type { RowResult } from './row-result.js'

type EventField = 'id' | 'leadId' | 'email' | 'type' | 'timestamp' | 'properties'

const FIELD_BY_KEY = new Map<string, EventField>([
  ['id', 'id'],
  ['eventid', 'id'],
  ['messageid', 'id'],
  ['leadid', 'leadId'],
  ['email', 'email'],
  ['type', 'type'],
  ['timestamp', 'timestamp'],
  ['properties', 'properties'],
])

/** Columns already matched, so that each row does not normalise the same few names again. */
const fieldByColumn = new Map<string, EventField | null>()
const MATCHED_COLUMNS_KEPT = 1_000

function fieldOfColumn(column: string): EventField | undefined {
  let field = fieldByColumn.get(column)
  if (field === undefined) {
    field = FIELD_BY_KEY.get(normaliseKey(column)) ?? null
    if (fieldByColumn.size < MATCHED_COLUMNS_KEPT) fieldByColumn.set(column, field)
  }
  return field ?? undefined
}

export interface EventReadOptions extends ReadOptions {
  /** Event types the model declares under `event_types`, accepted besides the built-in ones. Default: none. */
  eventTypes?: readonly string[] | undefined
}

/**
 * Reads events from CSV (every column other than id, lead_id, email, type, timestamp becomes a property;
 * plain decimals become numbers) or NDJSON (`properties` is an object; other top-level fields are rejected).
 *
 * @example readEventRows('events.ndjson', { eventTypes: model.eventTypes })
 */
export function readEventRows(
  path: string,
  options: EventReadOptions = {},
): AsyncGenerator<RowResult<EventInput>> {
  const knownTypes = [...EVENT_TYPES, ...(options.eventTypes ?? [])]
  const allowed = new Set(knownTypes)
  return readRows(path, options, (fields, format) => parseEventRecord(fields, format, allowed, knownTypes))
}

/** One event from a row's fields, or the first reason it is not acceptable. */
export function parseEventRecord(
  fields: Record<string, unknown>,
  format: FileFormat,
  allowed: ReadonlySet<string>,
  knownTypes: readonly string[],
): Converted<EventInput> {
  if (isEmptyRecord(fields)) return { ok: false, reason: 'empty row' }
  const given: Partial<Record<EventField, unknown>> = {}
  const properties: Record<string, unknown> = {}
  for (const [column, input] of Object.entries(fields)) {
    const field = fieldOfColumn(column)
    if (field === undefined) {
      if (format === 'ndjson') {
        return { ok: false, reason: `unknown field '${column}' — put event data under properties` }
      }
      if (column === '__proto__') return { ok: false, reason: `column name '__proto__' is not allowed` }
      properties[column] = coerceCsvValue(String(input).trim())
      continue
    }
    if (field in given) return { ok: false, reason: `${field} is given twice (column '${column}')` }
    given[field] = input
  }

  const id = parseText('id', given.id, 200)
  if (!id.ok) return id
  if (id.value === undefined) return { ok: false, reason: 'id is required (events are deduplicated by id)' }
  const leadId = parseText('lead_id', given.leadId, 200)
  if (!leadId.ok) return leadId
  const email = parseText('email', given.email, 320)
  if (!email.ok) return email
  if (leadId.value === undefined && email.value === undefined) {
    return { ok: false, reason: 'lead_id or email is required' }
  }
  const type = parseType(given.type, allowed, knownTypes)
  if (!type.ok) return type
  if (given.timestamp === undefined || given.timestamp === null || given.timestamp === '') {
    return { ok: false, reason: 'timestamp is required' }
  }
  const timestamp = parseTimestamp('timestamp', given.timestamp)
  if (!timestamp.ok) return timestamp
  const merged = mergeProperties(properties, given.properties, format)
  if (!merged.ok) return merged

  const event: EventInput = { id: id.value, type: type.value, timestamp: timestamp.value, properties: merged.value }
  if (leadId.value !== undefined) event.leadId = leadId.value
  if (email.value !== undefined) event.email = email.value.toLowerCase()
  return { ok: true, value: event }
}

function parseType(input: unknown, allowed: ReadonlySet<string>, knownTypes: readonly string[]): Converted<string> {
  const type = parseText('type', input, 100)
  if (!type.ok) return type
  if (type.value === undefined) return { ok: false, reason: 'type is required' }
  if (allowed.has(type.value)) return { ok: true, value: type.value }
  const hint = didYouMean(type.value, knownTypes)
  return {
    ok: false,
    reason:
      `unknown event type ${quote(type.value)} —${hint} known types: ${knownTypes.join(', ')}; ` +
      'declare custom types under event_types in the model',
  }
}

/** CSV property columns plus a `properties` value (a JSON object, or JSON text in CSV). */
function mergeProperties(
  fromColumns: Record<string, unknown>,
  input: unknown,
  format: FileFormat,
): Converted<Record<string, unknown>> {
  let properties: unknown = input ?? {}
  if (format === 'csv' && typeof input === 'string') {
    try {
      properties = JSON.parse(input)
    } catch (error) {
      return { ok: false, reason: `properties: invalid JSON: ${(error as Error).message}` }
    }
  }
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    return { ok: false, reason: `properties: expected an object (got ${quote(input)})` }
  }
  if (Object.keys(fromColumns).length === 0) {
    // No columns to merge (NDJSON, the API): the object is used as given, not copied.
    if (Object.hasOwn(properties, '__proto__')) return { ok: false, reason: `properties: key '__proto__' is not allowed` }
    const problem = checkNesting('properties', properties)
    return problem === undefined ? { ok: true, value: properties as Record<string, unknown> } : { ok: false, reason: problem }
  }
  const merged = { ...fromColumns }
  for (const [key, value] of Object.entries(properties)) {
    if (key === '__proto__') return { ok: false, reason: `properties: key '__proto__' is not allowed` }
    merged[key] = value
  }
  const problem = checkNesting('properties', merged)
  return problem === undefined ? { ok: true, value: merged } : { ok: false, reason: problem }
}
