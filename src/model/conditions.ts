// Validates a condition from the model file and turns it into the engine's Condition tree.
import type { Condition, FieldTest } from '../core/index.js'
import { CONDITION_KEYS, type RawCondition } from './model-schema.js'
import type { IssueCollector, KeyPath } from './model-issue.js'
import { compileSafeRegex } from './regex-safety.js'
import { BUILT_IN_LIST_NAMES, builtInDomains, isBuiltInListName } from './named-lists.js'
import { checkLeadField } from './lead-field-checks.js'
import { FrozenSet } from './frozen.js'
import { didYouMean } from './suggest.js'

/** Deepest nesting of all / any / not accepted. */
export const MAX_CONDITION_DEPTH = 10

const COMBINATORS = ['all', 'any', 'not'] as const
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/

export interface ConditionContext {
  issues: IssueCollector
  /** The model's own named lists. */
  lists: ReadonlyMap<string, readonly string[]>
  /** `lead`: fields are lead fields (checked); `event`: fields are event property paths. */
  target: 'lead' | 'event'
  /** Attributes the model declares sensitive (`sensitive_attributes`), warned about like gender or age. Default: none. */
  sensitive?: readonly string[] | undefined
}

/** The normalised condition, or null when it has errors (all of them reported). */
export function normaliseCondition(
  raw: RawCondition,
  path: KeyPath,
  context: ConditionContext,
  depth = 1,
): Condition | null {
  const { issues } = context
  if (depth > MAX_CONDITION_DEPTH) {
    issues.error(path, `is nested deeper than ${MAX_CONDITION_DEPTH} levels of all / any / not. Flatten it.`)
    return null
  }
  const keys = Object.keys(raw)
  const combinators = COMBINATORS.filter((key) => raw[key] !== undefined)
  const operators = CONDITION_KEYS.filter((key) => raw[key] !== undefined)
  if (combinators.length > 0) {
    if (combinators.length > 1 || operators.length > 0 || raw.field !== undefined) {
      issues.error(
        path,
        `mixes ${keys.join(', ')}: a condition is either one test (field + operator) or one of all / any / not. Combine tests with all: [...].`,
      )
      return null
    }
    if (raw.not !== undefined) {
      const inner = normaliseCondition(raw.not, [...path, 'not'], context, depth + 1)
      return inner === null ? null : { kind: 'not', condition: inner }
    }
    const kind = combinators[0] === 'all' ? 'all' : 'any'
    const children = (raw[kind] ?? []).map((child, i) => normaliseCondition(child, [...path, kind, i], context, depth + 1))
    if (children.some((child) => child === null)) return null
    return { kind, conditions: children as Condition[] }
  }
  if (context.target === 'lead' && raw.field !== undefined) checkLeadField(raw.field, [...path, 'field'], issues, context.sensitive)
  if (operators.length !== 1 || raw.field === undefined) {
    issues.error(path, shapeProblem(raw.field, operators))
    return null
  }
  return normaliseTest(raw, raw.field, operators[0]!, [...path, operators[0]!], context)
}

function shapeProblem(field: string | undefined, operators: readonly string[]): string {
  if (operators.length > 1) {
    return `has ${operators.length} operators (${operators.join(', ')}); use one per condition and combine them with all: [...].`
  }
  if (field === undefined && operators.length === 1) return `needs a field: add 'field: <name>' next to '${operators[0]}'.`
  if (field === undefined) return 'is empty: write a test such as { field: country, in: [US] } or use all / any / not.'
  return `has no operator: add one of ${CONDITION_KEYS.join(', ')}.`
}

function normaliseTest(
  raw: RawCondition,
  field: string,
  op: (typeof CONDITION_KEYS)[number],
  path: KeyPath,
  context: ConditionContext,
): FieldTest | null {
  switch (op) {
    case 'equals':
    case 'not_equals':
      return { kind: 'test', field, op, value: raw[op]! }
    case 'in':
    case 'not_in':
      return { kind: 'test', field, op, values: raw[op]! }
    case 'in_list': {
      const name = raw.in_list!
      const values = context.lists.get(name)
      if (values !== undefined) return { kind: 'test', field, op: 'in', values }
      const message = isBuiltInListName(name)
        ? `'${name}' is a domain list: use domain_in: [${name}] instead.`
        : `unknown list '${name}'.${didYouMean(name, context.lists.keys())} Define it under lists: at the top of the file.`
      context.issues.error(path, message)
      return null
    }
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'ends_with':
      return { kind: 'test', field, op, values: toList(raw[op]!).map((value) => value.toLowerCase()) }
    case 'matches': {
      const compiled = compileSafeRegex(raw.matches!)
      if (compiled.ok) return { kind: 'test', field, op, regex: compiled.regex }
      context.issues.error(path, compiled.message)
      return null
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { kind: 'test', field, op, value: raw[op]! }
    case 'between': {
      const [min, max] = raw.between as [number, number]
      if (min <= max) return { kind: 'test', field, op, min, max }
      context.issues.error(path, `minimum ${min} is above maximum ${max}: write [${max}, ${min}].`)
      return null
    }
    case 'exists':
    case 'empty':
      return { kind: 'test', field, op, value: raw[op]! }
    case 'domain_in':
    case 'domain_not_in': {
      const domains = expandDomains(raw[op]!, path, context)
      return domains === null ? null : { kind: 'test', field, op, domains }
    }
  }
}

/** Domains and list names → one lower-cased set. */
function expandDomains(value: string | string[], path: KeyPath, context: ConditionContext): ReadonlySet<string> | null {
  const entries = toList(value).map((entry) => entry.trim().toLowerCase())
  const only = entries.length === 1 ? entries[0]! : ''
  if (isBuiltInListName(only)) return builtInDomains(only)
  const domains: string[] = []
  let ok = true
  entries.forEach((entry, i) => {
    const own = context.lists.get(entry)
    if (isBuiltInListName(entry)) domains.push(...builtInDomains(entry))
    else if (own !== undefined) domains.push(...own.map((domain) => domain.trim().toLowerCase()))
    else if (DOMAIN.test(entry.replace(/^@/, ''))) domains.push(entry.replace(/^@/, ''))
    else {
      ok = false
      const known = [...BUILT_IN_LIST_NAMES, ...context.lists.keys()]
      context.issues.error(
        Array.isArray(value) ? [...path, i] : path,
        `'${entry}' is neither a list nor a domain.${didYouMean(entry, known)} Use ${known.join(', ')} or a domain such as example.com.`,
      )
    }
  })
  return ok ? new FrozenSet(domains) : null
}

function toList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value]
}
