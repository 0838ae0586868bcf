import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detector, lead } from '../../test/support/model-builder.js'
import { detectSpam, hasKeyboardRun, hasRepeatedCharacters } from './spam-detectors.js'

describe('spam detectors', () => {
  it('flags names that do not start with a capital letter', () => {
    const check = detector({ id: 'caps', type: 'name_not_capitalized' })
    expect(detectSpam(check, lead({ firstName: 'ana', lastName: 'García' }))).toBe(true)
    expect(detectSpam(check, lead({ firstName: 'Ana', lastName: 'García' }))).toBe(false)
    expect(detectSpam(check, lead({ firstName: 'Élodie', lastName: 'Ñúñez' }))).toBe(false)
    expect(detectSpam(check, lead({}))).toBe(false)
  })

  it('finds keyboard runs of four in every row, forwards and backwards', () => {
    for (const run of ['qwer', 'asdf', 'zxcv', 'hjkl', 'rewq', 'fdsa', 'vcxz', 'yuio', '1234']) {
      expect(hasKeyboardRun(`x${run.toUpperCase()}y`, 4), run).toBe(true)
    }
    expect(hasKeyboardRun('Johnson', 4)).toBe(false)
    expect(hasKeyboardRun('asd', 4)).toBe(false)
    const check = detector({ id: 'keys', type: 'keyboard_run', fields: ['first_name', 'company'] })
    expect(detectSpam(check, lead({ firstName: 'Asdfgh' }))).toBe(true)
    expect(detectSpam(check, lead({ firstName: 'Anna', companyName: 'Qwerty Ltd' }))).toBe(true)
    expect(detectSpam(check, lead({ firstName: 'Anna', companyName: 'Acme' }))).toBe(false)
  })

  it('finds exactly the runs a substring search of every row finds', () => {
    const rows = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890']
    const reference = (value: string, minRun: number): boolean => {
      const text = value.toLowerCase()
      for (let start = 0; start + minRun <= text.length; start++) {
        const run = text.slice(start, start + minRun)
        const reversed = [...run].reverse().join('')
        if (rows.some((row) => row.includes(run) || row.includes(reversed))) return true
      }
      return false
    }
    const text = fc.string({ unit: fc.constantFrom(...'qwertasdfgzxcvb12345 -ÉQA'), maxLength: 12 })
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 6 }), (value, minRun) => {
        expect(hasKeyboardRun(value, minRun)).toBe(reference(value, minRun))
      }),
      { numRuns: 3000 },
    )
  })

  it('finds the same character repeated', () => {
    expect(hasRepeatedCharacters('aaaa', 4)).toBe(true)
    expect(hasRepeatedCharacters('XxXx', 4)).toBe(true)
    expect(hasRepeatedCharacters('Aaron', 4)).toBe(false)
    expect(hasRepeatedCharacters('....', 4)).toBe(false)
    expect(detectSpam(detector({ id: 'rep', type: 'repeated_characters' }), lead({ lastName: 'Zzzzz' }))).toBe(true)
  })

  it('recognises placeholder names alone or as a full name', () => {
    const check = detector({ id: 'ph', type: 'placeholder_name', placeholders: new Set(['test', 'john doe']) })
    expect(detectSpam(check, lead({ firstName: 'Test', lastName: 'Person' }))).toBe(true)
    expect(detectSpam(check, lead({ firstName: 'John', lastName: 'Doe' }))).toBe(true)
    expect(detectSpam(check, lead({ firstName: 'Testa', lastName: 'Rossa' }))).toBe(false)
  })

  it('checks free-mail and disposable domains', () => {
    const free = detector({ id: 'free', type: 'free_mail', fields: ['email'], domains: new Set(['gmail.com']) })
    expect(detectSpam(free, lead({ email: 'ana@gmail.com' }))).toBe(true)
    expect(detectSpam(free, lead({ email: 'ana@acme.com' }))).toBe(false)
    const disposable = detector({ id: 'tmp', type: 'disposable_email', fields: ['email'], domains: new Set(['mailinator.com']) })
    expect(detectSpam(disposable, lead({ email: 'x@Mailinator.com' }))).toBe(true)
  })

  it('flags malformed emails and phones', () => {
    const email = detector({ id: 'em', type: 'malformed_email', fields: ['email'] })
    for (const bad of ['ana', 'ana@', 'ana@acme', 'a b@acme.com', 'ana@acme.c', '@acme.com']) {
      expect(detectSpam(email, lead({ email: bad })), bad).toBe(true)
    }
    expect(detectSpam(email, lead({ email: 'ana.garcia+news@eu.acme.co.uk' }))).toBe(false)
    const phone = detector({ id: 'ph', type: 'malformed_phone', fields: ['phone'] })
    for (const bad of ['12', 'call me', '0000000', '+1 (555) abc-1234', '1234567890123456']) {
      expect(detectSpam(phone, lead({ phone: bad })), bad).toBe(true)
    }
    for (const good of ['+34 612 345 678', '(555) 123-4567', '+1-555-123-4567 ext. 12']) {
      expect(detectSpam(phone, lead({ phone: good })), good).toBe(false)
    }
  })
})
