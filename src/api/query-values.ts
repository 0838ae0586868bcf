// Query-string values the schema cannot check alone, converted with the same rules as bodies and files.
import type { EpochMs } from '../core/index.js'
import { parseTimestamp } from '../ingest/index.js'
import { ApiError } from './errors.js'

/** An instant from a query parameter (ISO-8601 or epoch ms); a bad one is a 400 naming the parameter. */
export function parseQueryInstant(name: string, value: string | undefined): EpochMs | undefined {
  if (value === undefined) return undefined
  const parsed = parseTimestamp(name, value)
  if (!parsed.ok) throw new ApiError('validation_failed', parsed.reason, [{ path: `querystring/${name}`, message: parsed.reason }])
  return parsed.value
}
