import { describe, expect, it } from 'vitest'
import type { Condition, FieldTest } from '../core/index.js'
import { parseModel } from './index.js'

/** Parses a model whose only fit rule has the given `when` (flow YAML) and returns that condition. */
function fitCondition(when: string, extra = ''): Condition {
  const result = parseModel(`format: 1\nname: t\n${extra}fit:\n  - id: r\n    when: ${when}\n    points: 5\n`)
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'))
  return result.model.fit[0]!.when
}

function fitErrors(when: string, extra = ''): string[] {
  const result = parseModel(`format: 1\nname: t\n${extra}fit:\n  - id: r\n    when: ${when}\n    points: 5\n`)
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`)
}

describe('condition operators', () => {
  it.each([
    ['{ field: country, equals: US }', { op: 'equals', value: 'US' }],
    ['{ field: company_size, not_equals: 5 }', { op: 'not_equals', value: 5 }],
    ['{ field: country, in: [US, 3] }', { op: 'in', values: ['US', 3] }],
    ['{ field: country, not_in: [FR] }', { op: 'not_in', values: ['FR'] }],
    ['{ field: job_title, contains: CEO }', { op: 'contains', values: ['ceo'] }],
    ['{ field: job_title, not_contains: [Intern, Student] }', { op: 'not_contains', values: ['intern', 'student'] }],
    ['{ field: phone, starts_with: "+44" }', { op: 'starts_with', values: ['+44'] }],
    ['{ field: email, ends_with: [.EDU] }', { op: 'ends_with', values: ['.edu'] }],
    ['{ field: company_size, gt: 10 }', { op: 'gt', value: 10 }],
    ['{ field: company_size, gte: 10 }', { op: 'gte', value: 10 }],
    ['{ field: company_size, lt: 10 }', { op: 'lt', value: 10 }],
    ['{ field: company_size, lte: 10.5 }', { op: 'lte', value: 10.5 }],
    ['{ field: company_size, between: [50, 50] }', { op: 'between', min: 50, max: 50 }],
    ['{ field: phone, exists: true }', { op: 'exists', value: true }],
    ['{ field: phone, empty: false }', { op: 'empty', value: false }],
  ])('normalises %s', (when, expected) => {
    expect(fitCondition(when)).toEqual({ kind: 'test', field: expect.any(String) as string, ...expected })
  })

  it('compiles matches case-insensitively', () => {
    const test = fitCondition(String.raw`{ field: job_title, matches: '\b(ceo|cto)\b' }`) as FieldTest & { op: 'matches' }
    expect(test.regex.flags).toBe('i')
    expect(test.regex.test('Our CEO')).toBe(true)
    expect(test.regex.test('ceos')).toBe(false)
  })

  it('turns in_list into in with the list values', () => {
    expect(fitCondition('{ field: industry, in_list: rivals }', 'lists:\n  rivals: [Acme, Globex]\n')).toEqual({
      kind: 'test',
      field: 'industry',
      op: 'in',
      values: ['Acme', 'Globex'],
    })
  })

  it('expands domain lists and lower-cases literal domains', () => {
    const test = fitCondition('{ field: email, domain_in: [free_mail, rivals, Example.COM] }', 'lists:\n  rivals: [Rival.io]\n') as FieldTest & {
      op: 'domain_in'
    }
    expect(test.domains.has('gmail.com')).toBe(true)
    expect(test.domains.has('rival.io')).toBe(true)
    expect(test.domains.has('example.com')).toBe(true)
    expect(test.domains.has('example.org')).toBe(false)
  })

  it('expands the disposable list for domain_not_in', () => {
    const test = fitCondition('{ field: email, domain_not_in: disposable }') as FieldTest & { op: 'domain_not_in' }
    expect(test.domains.has('mailinator.com')).toBe(true)
    expect(test.domains.has('gmail.com')).toBe(false)
  })

  it('normalises all, any and not', () => {
    expect(fitCondition('{ all: [{ field: phone, exists: true }, { not: { any: [{ field: country, equals: US }] } }] }')).toEqual({
      kind: 'all',
      conditions: [
        { kind: 'test', field: 'phone', op: 'exists', value: true },
        { kind: 'not', condition: { kind: 'any', conditions: [{ kind: 'test', field: 'country', op: 'equals', value: 'US' }] } },
      ],
    })
  })
})

describe('condition errors', () => {
  it('rejects two operators in one condition', () => {
    expect(fitErrors('{ field: company_size, gt: 1, lt: 5 }')).toEqual([
      'fit[0].when: has 2 operators (gt, lt); use one per condition and combine them with all: [...].',
    ])
  })

  it('rejects a test without an operator or without a field', () => {
    expect(fitErrors('{ field: phone }')[0]).toMatch(/^fit\[0\]\.when: has no operator: add one of equals/)
    expect(fitErrors('{ gt: 3 }')).toEqual(["fit[0].when: needs a field: add 'field: <name>' next to 'gt'."])
  })

  it('rejects mixing a combinator with a test', () => {
    expect(fitErrors('{ field: phone, exists: true, not: { field: email, exists: true } }')[0]).toMatch(/mixes field, exists, not/)
  })

  it('rejects between with min above max', () => {
    expect(fitErrors('{ field: company_size, between: [10, 5] }')).toEqual([
      'fit[0].when.between: minimum 10 is above maximum 5: write [5, 10].',
    ])
  })

  it('rejects between without two numbers', () => {
    expect(fitErrors('{ field: company_size, between: [10] }')).toEqual(['fit[0].when.between: must have exactly 2 items (got a list).'])
  })

  it('rejects an unknown list with a suggestion', () => {
    expect(fitErrors('{ field: email, domain_in: [rivls] }', 'lists:\n  rivals: [r.io]\n')).toEqual([
      "fit[0].when.domain_in[0]: 'rivls' is neither a list nor a domain. Did you mean 'rivals'? Use free_mail, disposable, rivals or a domain such as example.com.",
    ])
    expect(fitErrors('{ field: industry, in_list: rival }', 'lists:\n  rivals: [r.io]\n')).toEqual([
      "fit[0].when.in_list: unknown list 'rival'. Did you mean 'rivals'? Define it under lists: at the top of the file.",
    ])
  })

  it('rejects a list named like a built-in one', () => {
    expect(fitErrors('{ field: phone, exists: true }', 'lists:\n  free_mail: [a.com]\n')[0]).toMatch(/^lists\.free_mail: 'free_mail' is a built-in list/)
  })

  it('rejects conditions nested deeper than 10 levels', () => {
    const deep = '{ not: '.repeat(11) + '{ field: phone, exists: true }' + ' }'.repeat(11)
    expect(fitErrors(deep)[0]).toMatch(/is nested deeper than 10 levels/)
    const ok = '{ not: '.repeat(9) + '{ field: phone, exists: true }' + ' }'.repeat(9)
    expect(fitErrors(ok)).toEqual([])
  })

  it('rejects overlong and catastrophic regexes', () => {
    expect(fitErrors(`{ field: job_title, matches: '${'a'.repeat(201)}' }`)[0]).toMatch(/is 201 characters long; at most 200/)
    expect(fitErrors(`{ field: job_title, matches: '(.*)*x' }`)[0]).toMatch(/repeated group that contains a repetition \('\(\.\*\)\*'\)/)
  })
})
