// Evaluates a Condition against any field reader: lead fields for fit rules, event properties for event rules.
import type { Condition, FieldTest } from './model-types.js'

/** Reads a field by path; undefined when absent. */
export type FieldReader = (field: string) => unknown

/** True when the condition holds for the fields the reader returns. */
export function testCondition(condition: Condition, read: FieldReader): boolean {
  switch (condition.kind) {
    case 'all':
      return condition.conditions.every((inner) => testCondition(inner, read))
    case 'any':
      return condition.conditions.some((inner) => testCondition(inner, read))
    case 'not':
      return !testCondition(condition.condition, read)
    case 'test':
      return testField(condition, read(condition.field))
  }
}

function testField(test: FieldTest, value: unknown): boolean {
  switch (test.op) {
    case 'equals':
      return isEqual(value, test.value)
    case 'not_equals':
      return !isEqual(value, test.value)
    case 'in':
      return isAnyOf(value, normalisedValues(test.values))
    case 'not_in':
      return !isAnyOf(value, normalisedValues(test.values))
    case 'contains':
      return hasText(value, (text) => test.values.some((needle) => text.includes(needle)))
    case 'not_contains':
      return !hasText(value, (text) => test.values.some((needle) => text.includes(needle)))
    case 'starts_with':
      return hasText(value, (text) => test.values.some((needle) => text.startsWith(needle)))
    case 'ends_with':
      return hasText(value, (text) => test.values.some((needle) => text.endsWith(needle)))
    case 'matches': {
      const text = asText(value)
      return text !== undefined && test.regex.test(text)
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compareNumber(test.op, asNumber(value), test.value)
    case 'between': {
      const number = asNumber(value)
      return number !== undefined && number >= test.min && number <= test.max
    }
    case 'exists':
      return isPresent(value) === test.value
    case 'empty':
      return !isPresent(value) === test.value
    case 'domain_in':
      return inDomains(value, test.domains)
    case 'domain_not_in':
      return !inDomains(value, test.domains)
  }
}

/** A value is present unless undefined, null, a blank string or an empty list. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false
  if (typeof value === 'string') return value.trim() !== ''
  if (Array.isArray(value)) return value.length > 0
  return true
}

/** Strings and numbers as trimmed lower-case text; anything else undefined. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim().toLowerCase()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/** Finite numbers, or strings that parse as one; otherwise undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value)
    return Number.isFinite(number) ? number : undefined
  }
  return undefined
}

function hasText(value: unknown, test: (text: string) => boolean): boolean {
  if (Array.isArray(value)) return value.some((item) => hasText(item, test))
  const text = asText(value)
  return text !== undefined && test(text)
}

function isEqual(value: unknown, expected: string | number | boolean): boolean {
  if (Array.isArray(value)) return value.some((item) => isEqual(item, expected))
  if (typeof expected === 'number') return asNumber(value) === expected
  if (typeof expected === 'boolean') return value === expected || asText(value) === String(expected)
  return asText(value) === expected.trim().toLowerCase()
}

const normalisedLists = new WeakMap<readonly (string | number)[], readonly (string | number)[]>()

/** An `in` list with its strings trimmed and lower-cased as `isEqual` compares them, computed once per list. */
function normalisedValues(values: readonly (string | number)[]): readonly (string | number)[] {
  let normalised = normalisedLists.get(values)
  if (normalised === undefined) {
    normalised = values.map((candidate) => (typeof candidate === 'string' ? candidate.trim().toLowerCase() : candidate))
    normalisedLists.set(values, normalised)
  }
  return normalised
}

/** `isEqual` against any of the (normalised) candidates, reading the value as text and as a number once. */
function isAnyOf(value: unknown, candidates: readonly (string | number)[]): boolean {
  if (Array.isArray(value)) return value.some((item) => isAnyOf(item, candidates))
  const text = asText(value)
  const number = asNumber(value)
  return candidates.some((candidate) => (typeof candidate === 'number' ? number === candidate : text === candidate))
}

function compareNumber(op: 'gt' | 'gte' | 'lt' | 'lte', value: number | undefined, bound: number): boolean {
  if (value === undefined) return false
  switch (op) {
    case 'gt':
      return value > bound
    case 'gte':
      return value >= bound
    case 'lt':
      return value < bound
    case 'lte':
      return value <= bound
  }
}

/** The domain of an email address or a bare domain, tested with its parent domains (`eu.acme.com` is in `acme.com`). */
function inDomains(value: unknown, domains: ReadonlySet<string>): boolean {
  const text = asText(value)
  if (text === undefined) return false
  let domain = text.includes('@') ? text.slice(text.lastIndexOf('@') + 1) : text
  while (domain !== '') {
    if (domains.has(domain)) return true
    const dot = domain.indexOf('.')
    if (dot < 0) return false
    domain = domain.slice(dot + 1)
  }
  return false
}
