// Checks a parsed model file against ModelSchema and turns TypeBox errors into issues that say what to do.
import { Settings } from 'typebox/system'
import { Value } from 'typebox/value'
import { ModelSchema } from './model-schema.js'
import type { IssueCollector, KeyPath } from './model-issue.js'
import { didYouMean } from './suggest.js'

interface SchemaError {
  keyword: string
  schemaPath: string
  instancePath: string
  params: Record<string, unknown>
  message: string
}

type JsonSchema = Record<string, unknown>

/** What to do about an out-of-range value, by key name. */
const HINTS: Record<string, string> = {
  half_life_days: 'Use a positive number of days or remove it.',
  window_days: 'Use a positive number of days or remove it.',
  within_days: 'Use a positive number of days.',
  inactive_days: 'Use a positive number of days.',
  max_per_day: 'Use a whole number of 1 or more, or remove it.',
  max_total: 'Use a whole number of 1 or more, or remove it.',
  count: 'Use 2 or more; for a single occurrence leave out frequency.',
  unit: 'Use the property amount that earns the points, e.g. 50.',
  threshold: 'Use a positive spam score, e.g. 30.',
  min_run: 'Use 3 or more.',
  min_repeat: 'Use 3 or more.',
  spam_points: 'Use 0 or a positive number.',
}

/** Most schema errors gathered from one file (TypeBox's own default is 8). */
export const MAX_SCHEMA_ERRORS = 500

/**
 * Reports every schema violation of `raw`. `valid` is true when there was none; `complete` is false
 * when there were so many that some went unreported, and the file must not be read any further.
 */
export function checkSchema(raw: unknown, issues: IssueCollector): { valid: boolean; complete: boolean } {
  const errors = gatherErrors(raw)
  const unions = errors.filter((e) => e.keyword === 'anyOf')
  const relevant = errors.filter(
    (e) =>
      e.keyword !== 'boolean' &&
      !unions.some(
        (u) =>
          e.schemaPath.startsWith(`${u.schemaPath}/anyOf/`) &&
          (e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`)),
      ),
  )
  for (const error of relevant) report(error, raw, issues)
  return { valid: relevant.length === 0, complete: errors.length < MAX_SCHEMA_ERRORS }
}

/** TypeBox caps the errors it gathers with a process-wide setting: raise it for this call only. */
function gatherErrors(raw: unknown): SchemaError[] {
  const previous = Settings.Get().maxErrors
  Settings.Set({ maxErrors: MAX_SCHEMA_ERRORS })
  try {
    return [...Value.Errors(ModelSchema, raw)] as SchemaError[]
  } finally {
    Settings.Set({ maxErrors: previous })
  }
}

function report(error: SchemaError, raw: unknown, issues: IssueCollector): void {
  const { path } = resolvePointer(raw, error.instancePath)
  // An unknown key leaves the known ones readable; any other error makes the value unusable.
  if (error.keyword === 'required') {
    for (const name of error.params.requiredProperties as string[]) issues.markBroken([...path, name])
  } else if (error.keyword !== 'additionalProperties') {
    issues.markBroken(path)
  }
  describeError(error, raw, issues)
}

function describeError(error: SchemaError, raw: unknown, issues: IssueCollector): void {
  const { path, value } = resolvePointer(raw, error.instancePath)
  const schema = schemaAt(path)
  const key = path.at(-1)
  const got = ` (got ${show(value)})`
  const hint = typeof key === 'string' && HINTS[key] !== undefined ? ` ${HINTS[key]}` : ''
  const limit = error.params.limit as number
  switch (error.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((schema?.properties as JsonSchema | undefined) ?? {})
      for (const name of error.params.additionalProperties as string[]) {
        const suggestion = didYouMean(name, known)
        const list = known.length > 0 ? ` Known keys: ${known.join(', ')}.` : ''
        issues.error([...path, name], `unknown key '${name}'.${suggestion || list}`, 'key')
      }
      return
    }
    case 'required':
      for (const name of error.params.requiredProperties as string[]) {
        const expected = describe(schemaAt([...path, name]))
        issues.error([...path, name], `is required: add '${name}' (${expected}).`)
      }
      return
    case 'type':
    case 'enum':
    case 'anyOf':
      if (value === null || value === undefined) {
        issues.error(path, `has no value: give it ${describe(schema)}.`)
      } else {
        const suggestion = typeof value === 'string' ? didYouMean(value, constants(schema)) : ''
        issues.error(path, `must be ${describe(schema)}${got}.${suggestion}`)
      }
      return
    case 'const':
      issues.error(path, `must be ${JSON.stringify(error.params.allowedValue)}${got}.`)
      return
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      issues.error(path, `must be ${String(error.params.comparison)} ${limit}${got}.${hint || rangeHint(schema)}`)
      return
    case 'minItems':
      if (schema?.maxItems === limit) issues.error(path, `must have exactly ${limit} items${got}.`)
      else issues.error(path, `must have at least ${limit} item${limit === 1 ? '' : 's'}; add one or remove the key.`)
      return
    case 'maxItems':
      issues.error(path, `has ${(value as unknown[]).length} items; at most ${limit} are allowed.`)
      return
    case 'minLength':
      issues.error(path, 'must not be empty.')
      return
    case 'maxLength':
      issues.error(path, `is ${(value as string).length} characters long; at most ${limit} are allowed.`)
      return
    case 'pattern':
      issues.error(path, `must be lower-case letters, digits and underscores, starting with a letter${got}, e.g. pricing_page.`)
      return
    case 'maxProperties':
      issues.error(path, `has more than ${limit} keys.`)
      return
    default:
      issues.error(path, `${error.message}${got}.`)
  }
}

function rangeHint(schema: JsonSchema | undefined): string {
  if (schema?.minimum === 0 && schema.maximum === 100) return ' Use a number from 0 to 100.'
  return ''
}

/** Walks a JSON pointer through the value, turning list indexes into numbers. */
function resolvePointer(raw: unknown, pointer: string): { path: KeyPath; value: unknown } {
  const path: (string | number)[] = []
  let value = raw
  if (pointer === '') return { path, value }
  for (const part of pointer.slice(1).split('/')) {
    const segment = part.replaceAll('~1', '/').replaceAll('~0', '~')
    if (Array.isArray(value)) {
      path.push(Number(segment))
      value = value[Number(segment)]
    } else {
      path.push(segment)
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined
    }
  }
  return { path, value }
}

/** The schema that applies at a key path, following cyclic references. */
function schemaAt(path: KeyPath): JsonSchema | undefined {
  const definitions: Record<string, JsonSchema> = {}
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    if (schema === undefined) return undefined
    if (schema.$defs !== undefined) Object.assign(definitions, schema.$defs)
    return typeof schema.$ref === 'string' ? definitions[schema.$ref] : schema
  }
  let schema = resolve(ModelSchema as unknown as JsonSchema)
  for (const segment of path) {
    if (schema === undefined) return undefined
    const properties = schema.properties as Record<string, JsonSchema> | undefined
    const patterns = schema.patternProperties as Record<string, JsonSchema> | undefined
    if (typeof segment === 'number') schema = resolve(schema.items as JsonSchema | undefined)
    else if (properties?.[segment] !== undefined) schema = resolve(properties[segment])
    else schema = resolve(patterns === undefined ? undefined : Object.values(patterns)[0])
  }
  return schema
}

function constants(schema: JsonSchema | undefined): string[] {
  if (Array.isArray(schema?.enum)) return (schema.enum as unknown[]).filter((value) => typeof value === 'string')
  const options = (schema?.anyOf as JsonSchema[] | undefined) ?? []
  return options.flatMap((option) => (typeof option.const === 'string' ? [option.const] : []))
}

/** "a number", "a string or a list of strings", "one of \"sql\", \"mql\"". */
export function describe(schema: JsonSchema | undefined, plural = false): string {
  if (schema === undefined) return plural ? 'values' : 'a value'
  const options = schema.anyOf as JsonSchema[] | undefined
  if (options !== undefined) {
    if (options.every((option) => option.const !== undefined)) {
      return `one of ${options.map((option) => JSON.stringify(option.const)).join(', ')}`
    }
    return options.map((option) => describe(option, plural)).join(' or ')
  }
  if (schema.const !== undefined) return JSON.stringify(schema.const)
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`
  if (schema.$id === 'Condition' || schema.$ref === 'Condition') return plural ? 'conditions' : 'a condition'
  switch (schema.type) {
    case 'string':
      return plural ? 'strings' : 'a string'
    case 'number':
      return plural ? 'numbers' : 'a number'
    case 'integer':
      return plural ? 'whole numbers' : 'a whole number'
    case 'boolean':
      return 'true or false'
    case 'array':
      return `${plural ? 'lists' : 'a list'} of ${describe(schema.items as JsonSchema | undefined, true)}`
    default:
      return plural ? 'mappings' : 'a mapping (key: value)'
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  const text = JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 37)}..."` : text
}
