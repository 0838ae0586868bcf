import { describe, expect, it } from 'vitest'
import { compileSafeRegex, findNestedQuantifier } from './regex-safety.js'

describe('findNestedQuantifier', () => {
  it.each([
    ['(a+)+', '(a+)+'],
    ['(a*)*', '(a*)*'],
    ['x(.*)*y', '(.*)*'],
    ['((ab)+c){2,}', '((ab)+c){2,}'],
    ['(?:\\w+\\s?)*$', '(?:\\w+\\s?)*'],
    ['(a{1,5})+', '(a{1,5})+'],
  ])('finds %s', (pattern, found) => {
    expect(findNestedQuantifier(pattern)).toBe(found)
  })

  it.each(['\\b(ceo|cto)\\b', '(ab)+', '(a+)?', '(a+){1}', '[(a+)+]', '\\(a+\\)+', '(a?)+x'])('accepts %s', (pattern) => {
    expect(findNestedQuantifier(pattern)).toBeNull()
  })
})

describe('compileSafeRegex', () => {
  it('compiles a safe pattern case-insensitively', () => {
    const result = compileSafeRegex('^vp')
    expect(result.ok && result.regex.test('VP Sales')).toBe(true)
  })

  it('refuses invalid and overlong patterns', () => {
    expect(compileSafeRegex('[a-').ok).toBe(false)
    expect(compileSafeRegex('a'.repeat(200)).ok).toBe(true)
    expect(compileSafeRegex('a'.repeat(201)).ok).toBe(false)
  })
})
