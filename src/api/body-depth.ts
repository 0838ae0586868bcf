// A bound on how deeply a JSON body may nest: deeper bodies are refused before validation, as a 400.
import { ApiError } from './errors.js'
import type { ApiInstance } from './instance.js'

/** Levels of arrays and objects a body may nest; Segment payloads use about 5. */
export const MAX_BODY_DEPTH = 64

/** Whether `value` nests arrays and objects deeper than `limit` levels; iterative, so any depth is safe to check. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue
    const depth = next.depth + 1
    if (depth > limit) return true
    for (const child of Array.isArray(next.value) ? next.value : Object.values(next.value)) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth })
    }
  }
  return false
}

/**
 * Refuses bodies nested deeper than `MAX_BODY_DEPTH` with 400 `validation_failed`. JSON.parse takes any depth,
 * but storing or serialising such a value recurses and would overflow the stack: a 500 on client input.
 */
export function registerBodyDepthLimit(app: ApiInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    if (typeof request.body === 'object' && request.body !== null && nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
      done(new ApiError('validation_failed', `The body nests deeper than ${MAX_BODY_DEPTH} levels of objects and arrays.`, [
        { path: 'body', message: `must not nest deeper than ${MAX_BODY_DEPTH} levels` },
      ]))
      return
    }
    done()
  })
}
