import { describe, expect, it } from 'vitest'
import { collectReferences, parseExpression, testExpression, type ExpressionScope, type Literal } from './expression.js'

const scope = (variables: Record<string, Literal>, calls: Record<string, (args: Literal[]) => Literal> = {}): ExpressionScope => ({
  variable: (name) => variables[name],
  call: (name, args) => calls[name]?.(args),
})

function holds(source: string, variables: Record<string, Literal>, calls = {}): boolean {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return testExpression(parsed.expression, scope(variables, calls))
}

describe('expression language', () => {
  it('compares numbers and letter grades', () => {
    expect(holds('score >= 60 and fit_grade <= "B"', { score: 61, fit_grade: 'B' })).toBe(true)
    expect(holds('score >= 60 and fit_grade <= "B"', { score: 61, fit_grade: 'C' })).toBe(false)
    expect(holds('score > 60 or level == 1', { score: 10, level: 1 })).toBe(true)
  })

  it('gives and precedence over or, and supports not and parentheses', () => {
    expect(holds('true or false and false', {})).toBe(true)
    expect(holds('(true or false) and false', {})).toBe(false)
    expect(holds('not spam and score >= 0', { spam: false, score: 0 })).toBe(true)
  })

  it('tests membership case-insensitively', () => {
    expect(holds('stage in ["decision", "action"]', { stage: 'Decision' })).toBe(true)
    expect(holds('country != "es"', { country: 'ES' })).toBe(false)
  })

  it('calls functions with literal arguments', () => {
    const calls = { fired: (args: Literal[]) => args[0] === 'demo_request' && args[1] === 30 }
    expect(holds('fired("demo_request", 30)', {}, calls)).toBe(true)
    expect(holds('fired("pricing")', {}, calls)).toBe(false)
  })

  it('treats a missing value as false in ordered comparisons', () => {
    expect(holds('predictive >= 50', { predictive: null })).toBe(false)
    expect(holds('predictive < 50', { predictive: null })).toBe(false)
  })

  it('reports syntax errors with their offset', () => {
    const cases: [string, number, RegExp][] = [
      ['score >= ', 9, /expected a value/],
      ['score = 60', 6, /use ==/],
      ['score >= 60 && fit > 1', 12, /use and/],
      ['"open', 0, /unterminated/],
      ['fired("a" "b")', 10, /expected ','/],
      ['score >= 60 extra', 12, /unexpected 'extra'/],
    ]
    for (const [source, offset, message] of cases) {
      const parsed = parseExpression(source)
      expect(parsed.ok, source).toBe(false)
      if (!parsed.ok) {
        expect(parsed.error.offset, source).toBe(offset)
        expect(parsed.error.message, source).toMatch(message)
      }
    }
  })

  it('refuses deep nesting and overlong sources instead of recursing without bound', () => {
    expect(parseExpression('('.repeat(100) + '1' + ')'.repeat(100)).ok).toBe(false)
    expect(parseExpression('not '.repeat(100) + 'true').ok).toBe(false)
    expect(parseExpression('1 == 1 and '.repeat(300) + 'true').ok).toBe(false)
  })

  it('lists the variables and calls it references', () => {
    const parsed = parseExpression('score > 1 and fired("demo") or not spam')
    if (!parsed.ok) throw new Error('parse failed')
    const references = collectReferences(parsed.expression)
    expect(references.variables.sort()).toEqual(['score', 'spam'])
    expect(references.calls.map((call) => call.name)).toEqual(['fired'])
  })
})
