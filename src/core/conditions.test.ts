import { describe, expect, it } from 'vitest'
import { testCondition } from './conditions.js'
import type { Condition } from './model-types.js'

const fields: Record<string, unknown> = {
  job_title: 'VP of Marketing',
  country: 'es',
  company_size: 250,
  revenue: '1200000',
  phone: '',
  email: 'ana@eu.acme.com',
  tags: ['alpha', 'Beta'],
  active: true,
}
const read = (field: string): unknown => fields[field]
const holds = (condition: Condition): boolean => testCondition(condition, read)

describe('testCondition', () => {
  it('compares equals and not_equals case-insensitively, numbers numerically', () => {
    expect(holds({ kind: 'test', field: 'country', op: 'equals', value: 'ES' })).toBe(true)
    expect(holds({ kind: 'test', field: 'company_size', op: 'equals', value: 250 })).toBe(true)
    expect(holds({ kind: 'test', field: 'revenue', op: 'equals', value: 1_200_000 })).toBe(true)
    expect(holds({ kind: 'test', field: 'active', op: 'equals', value: true })).toBe(true)
    expect(holds({ kind: 'test', field: 'country', op: 'not_equals', value: 'FR' })).toBe(true)
    expect(holds({ kind: 'test', field: 'missing', op: 'equals', value: 'x' })).toBe(false)
  })

  it('tests membership with in and not_in, including list values', () => {
    expect(holds({ kind: 'test', field: 'country', op: 'in', values: ['us', 'es'] })).toBe(true)
    expect(holds({ kind: 'test', field: 'country', op: 'not_in', values: ['us', 'es'] })).toBe(false)
    expect(holds({ kind: 'test', field: 'tags', op: 'in', values: ['beta'] })).toBe(true)
  })

  it('finds substrings with contains, starts_with and ends_with', () => {
    expect(holds({ kind: 'test', field: 'job_title', op: 'contains', values: ['marketing'] })).toBe(true)
    expect(holds({ kind: 'test', field: 'job_title', op: 'not_contains', values: ['student'] })).toBe(true)
    expect(holds({ kind: 'test', field: 'job_title', op: 'starts_with', values: ['vp'] })).toBe(true)
    expect(holds({ kind: 'test', field: 'job_title', op: 'ends_with', values: ['sales'] })).toBe(false)
    expect(holds({ kind: 'test', field: 'missing', op: 'contains', values: ['a'] })).toBe(false)
  })

  it('matches regular expressions', () => {
    expect(holds({ kind: 'test', field: 'job_title', op: 'matches', regex: /\bvp\b/i })).toBe(true)
    expect(holds({ kind: 'test', field: 'job_title', op: 'matches', regex: /^ceo$/i })).toBe(false)
  })

  it('compares numeric ranges, parsing numeric strings', () => {
    expect(holds({ kind: 'test', field: 'company_size', op: 'gte', value: 250 })).toBe(true)
    expect(holds({ kind: 'test', field: 'company_size', op: 'gt', value: 250 })).toBe(false)
    expect(holds({ kind: 'test', field: 'company_size', op: 'lt', value: 300 })).toBe(true)
    expect(holds({ kind: 'test', field: 'company_size', op: 'lte', value: 100 })).toBe(false)
    expect(holds({ kind: 'test', field: 'revenue', op: 'between', min: 1_000_000, max: 5_000_000 })).toBe(true)
    expect(holds({ kind: 'test', field: 'job_title', op: 'gt', value: 1 })).toBe(false)
  })

  it('treats blank strings as empty for exists and empty', () => {
    expect(holds({ kind: 'test', field: 'phone', op: 'exists', value: true })).toBe(false)
    expect(holds({ kind: 'test', field: 'phone', op: 'empty', value: true })).toBe(true)
    expect(holds({ kind: 'test', field: 'email', op: 'exists', value: true })).toBe(true)
    expect(holds({ kind: 'test', field: 'missing', op: 'empty', value: true })).toBe(true)
  })

  it('checks email domains against a list, including parent domains', () => {
    const domains = new Set(['acme.com'])
    expect(holds({ kind: 'test', field: 'email', op: 'domain_in', domains })).toBe(true)
    expect(holds({ kind: 'test', field: 'email', op: 'domain_not_in', domains })).toBe(false)
    expect(holds({ kind: 'test', field: 'email', op: 'domain_in', domains: new Set(['gmail.com']) })).toBe(false)
  })

  it('combines tests with all, any and not', () => {
    const es: Condition = { kind: 'test', field: 'country', op: 'equals', value: 'es' }
    const small: Condition = { kind: 'test', field: 'company_size', op: 'lt', value: 10 }
    expect(holds({ kind: 'all', conditions: [es, small] })).toBe(false)
    expect(holds({ kind: 'any', conditions: [es, small] })).toBe(true)
    expect(holds({ kind: 'not', condition: small })).toBe(true)
  })
})
