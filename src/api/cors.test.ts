import { describe, expect, it } from 'vitest'
import { parseCorsOrigins } from './cors.js'

describe('parseCorsOrigins', () => {
  it('reads *, a comma-separated list of origins, or nothing', () => {
    expect(parseCorsOrigins('*')).toBe('*')
    expect(parseCorsOrigins(' https://www.acme.io, http://localhost:5173 ')).toEqual(['https://www.acme.io', 'http://localhost:5173'])
    expect(parseCorsOrigins('')).toBeUndefined()
    expect(parseCorsOrigins(undefined)).toBeUndefined()
  })

  it('refuses what is not an origin, saying how to write one', () => {
    expect(() => parseCorsOrigins('acme.io')).toThrow(/'acme.io' is not an origin; write it as https:\/\/host/)
    expect(() => parseCorsOrigins('https://acme.io/path')).toThrow(/without a path/)
  })
})
