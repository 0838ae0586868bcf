import { describe, expect, it } from 'vitest'
import type { SpamDetector } from '../core/index.js'
import { parseModel } from './index.js'

function detectors(yaml: string): SpamDetector[] {
  const result = parseModel(`format: 1\nname: t\nspam:\n  threshold: 40\n  detectors:\n${yaml}`)
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'))
  expect(result.model.spam.threshold).toBe(40)
  return [...result.model.spam.detectors]
}

describe('spam detectors', () => {
  it('fills in the defaults of a name detector', () => {
    const [detector] = detectors('    - { type: keyboard_run }\n')
    expect(detector).toMatchObject({
      id: 'keyboard_run',
      type: 'keyboard_run',
      points: -10,
      spamPoints: 10,
      fields: ['first_name', 'last_name', 'company'],
      minRun: 4,
      minRepeat: 4,
    })
    expect(detector!.reason).toMatch(/keyboard/)
    expect(detector!.placeholders.size).toBe(0)
    expect(detector!.domains.size).toBe(0)
  })

  it('uses the given values and spam points of abs(points)', () => {
    const [run, repeat] = detectors(
      '    - { id: mash, type: keyboard_run, points: -15, min_run: 5, reason: Mashed keys, fields: [first_name] }\n    - { type: repeated_characters, points: -4, spam_points: 0, min_repeat: 3 }\n',
    )
    expect(run).toMatchObject({ id: 'mash', points: -15, spamPoints: 15, minRun: 5, reason: 'Mashed keys', fields: ['first_name'] })
    expect(repeat).toMatchObject({ points: -4, spamPoints: 0, minRepeat: 3 })
  })

  it('gives domain detectors their lists and email fields', () => {
    const [free, disposable, phone] = detectors('    - { type: free_mail }\n    - { type: disposable_email }\n    - { type: malformed_phone }\n')
    expect(free!.domains.has('gmail.com')).toBe(true)
    expect(free!.fields).toEqual(['email'])
    expect(disposable!.domains.has('mailinator.com')).toBe(true)
    expect(phone!.fields).toEqual(['phone'])
  })

  it('lower-cases placeholder names and has a default list', () => {
    const [custom, builtIn] = detectors('    - { id: p1, type: placeholder_name, names: [Test, N/A] }\n    - { id: p2, type: placeholder_name }\n')
    expect([...custom!.placeholders]).toEqual(['test', 'n/a'])
    expect(builtIn!.placeholders.has('asdf')).toBe(true)
    expect(builtIn!.placeholders.has('john doe')).toBe(true)
  })

  it('rejects options of another detector type and too-short runs', () => {
    const result = parseModel('format: 1\nname: t\nspam:\n  detectors:\n    - { type: free_mail, min_run: 4 }\n    - { type: keyboard_run, min_run: 2 }\n')
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.line, e.column, e.message])).toEqual([
      ['spam.detectors[0].min_run', 5, 26, 'only applies to detectors of type keyboard_run. Remove it.'],
      ['spam.detectors[1].min_run', 6, 38, 'must be >= 3 (got 2). Use 3 or more.'],
    ])
  })
})
