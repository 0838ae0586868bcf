// camelCase report objects → the snake_case JSON the API and `--json` print.

/**
 * A deep copy of `value` with every object key in snake_case (`firedLeads` → `fired_leads`). Arrays and
 * values are kept; report objects carry no data in their keys, so only names change.
 *
 * @example snakeKeys({ rateFromPrevious: 0.5 }) // { rate_from_previous: 0.5 }
 */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys)
  if (value === null || typeof value !== 'object') return value
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    result[key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = snakeKeys(item)
  }
  return result
}
