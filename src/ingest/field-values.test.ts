import { describe, expect, it } from 'vitest'
import { coerceCsvValue, parseCount, parseTimestamp } from './field-values.js'

describe('parseTimestamp', () => {
  it.each([
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['2024-05-01T10:00:00Z', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01 10:00', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T10:00:00', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T10:00:00.250+02:00', Date.UTC(2024, 4, 1, 8, 0, 0, 250)],
    ['1714557600000', 1714557600000],
    [1714557600000, 1714557600000],
  ])('reads %s as UTC', (input, expected) => {
    expect(parseTimestamp('at', input)).toEqual({ ok: true, value: expected })
  })

  it.each(['2024-13-01', '2024-02-30', '01/05/2024', 'now', '', '1e12', 1.5, -1, true, '99999999999999999'])(
    'rejects %s',
    (input) => {
      expect(parseTimestamp('at', input)).toMatchObject({ ok: false, reason: expect.stringContaining('bad date in at') as string })
    },
  )
})

describe('parseCount', () => {
  it('reads decimals and JSON numbers and names the column on failure', () => {
    expect(parseCount('n', ' 12.5 ')).toEqual({ ok: true, value: 12.5 })
    expect(parseCount('n', 3)).toEqual({ ok: true, value: 3 })
    expect(parseCount('company_size', '1,000')).toEqual({ ok: false, reason: "company_size: not a number (got '1,000')" })
    expect(parseCount('n', Infinity)).toMatchObject({ ok: false })
  })
})

describe('coerceCsvValue', () => {
  it('makes plain decimals numbers and keeps codes, long ids and words as text', () => {
    expect(['42', '-3.5', '0', '007', '1e3', '12345678901234567890', 'yes', '4.'].map(coerceCsvValue)).toEqual([
      42, -3.5, 0, '007', '1e3', '12345678901234567890', 'yes', '4.',
    ])
  })
})
