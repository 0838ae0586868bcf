import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { parseModel, readTemplate } from './index.js'

/** A template with one value somewhere replaced: the parser must answer with errors, never throw. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement
  const entries = Object.entries(value)
  if (entries.length === 0) return replacement
  const [index, ...rest] = path
  const [key, child] = entries[index! % entries.length]!
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value }
  ;(copy as Record<string, unknown>)[key] = mutate(child, rest, replacement)
  return copy
}

describe('parseModel on any input', () => {
  it('returns a model or errors for arbitrary YAML data, never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = parseModel(stringify({ format: 1, name: 'x', fit: value }))
        expect(result.ok || result.errors.length > 0).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('reports many errors without reading past the ones it could not gather', () => {
    const result = parseModel(stringify({ format: 1, name: 'x', fit: Array.from({ length: 700 }, (_, i) => i) }))
    expect(result.ok).toBe(false)
    expect(result.ok ? 0 : result.errors.length).toBeGreaterThan(400)
  })

  it('answers every one-value change of a template with a model or located errors', () => {
    const template = parse(readTemplate('b2b-saas')) as unknown
    const replacement = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer()), fc.dictionary(fc.string(), fc.boolean()))
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 6 }), replacement, (path, value) => {
        const result = parseModel(stringify(mutate(template, path, value)))
        if (result.ok) return
        expect(result.errors.length).toBeGreaterThan(0)
        for (const error of result.errors) expect(error.line).toBeGreaterThanOrEqual(1)
      }),
      { numRuns: 150 },
    )
  })
})
