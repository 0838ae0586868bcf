// parseModel: YAML text → a frozen ScoringModel, or every error with its line, column and key path.
import { createHash } from 'node:crypto'
import { LineCounter, parseDocument, type Document } from 'yaml'
import type { ScoringModel } from '../core/index.js'
import { IssueCollector, type ModelIssue } from './model-issue.js'
import { YamlLocator } from './yaml-locator.js'
import { checkSchema } from './schema-errors.js'
import type { RawModel } from './model-schema.js'
import { buildModel } from './build-model.js'
import { deepFreeze } from './frozen.js'

/** Largest model file accepted, in characters. */
export const MAX_MODEL_LENGTH = 1_000_000
/** Deepest nesting of maps and lists accepted before schema checks (conditions have their own, lower bound). */
const MAX_YAML_DEPTH = 40

export type ParseModelResult =
  | { ok: true; model: ScoringModel; warnings: ModelIssue[]; checksum: string }
  | { ok: false; errors: ModelIssue[]; warnings: ModelIssue[] }

/**
 * Parses and validates a model file. Collects every error, not just the first.
 *
 * @example
 * const result = parseModel(readTemplate('b2b-saas'))
 * if (!result.ok) for (const issue of result.errors) console.error(formatIssue('model.yaml', issue))
 */
export function parseModel(yamlText: string): ParseModelResult {
  const lineCounter = new LineCounter()
  if (yamlText.length > MAX_MODEL_LENGTH) {
    const issues = new IssueCollector(new YamlLocator(null, lineCounter, ''))
    issues.errorAt([], `the file is ${yamlText.length} characters long; at most ${MAX_MODEL_LENGTH} are allowed.`, { line: 1, column: 1 })
    return { ok: false, errors: issues.errors, warnings: [] }
  }
  const document = parseDocument(yamlText, { lineCounter, uniqueKeys: true })
  const locator = new YamlLocator(document, lineCounter, yamlText)
  const issues = new IssueCollector(locator)
  const raw = readYaml(document, issues)
  if (raw === undefined) return { ok: false, errors: issues.errors, warnings: issues.warnings }
  const schema = checkSchema(raw, issues)
  const model = schema.complete ? buildModel(raw as RawModel, issues, locator) : null
  const warnings = inSourceOrder(issues.warnings)
  if (!schema.valid || model === null || issues.errors.length > 0) {
    return { ok: false, errors: inSourceOrder(issues.errors), warnings }
  }
  const checksum = createHash('sha256').update(yamlText).digest('hex')
  return { ok: true, model: deepFreeze(model), warnings, checksum }
}

/** The document as plain data, or undefined after reporting YAML syntax errors. */
function readYaml(document: Document, issues: IssueCollector): unknown {
  for (const error of document.errors) {
    const [start] = error.linePos ?? [{ line: 1, col: 1 }]
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    issues.errorAt([], `YAML syntax: ${message}. Fix the YAML (indentation, quotes, brackets) at this place.`, {
      line: start.line,
      column: start.col,
    })
  }
  if (document.errors.length > 0) return undefined
  let raw: unknown
  try {
    raw = document.toJS({ maxAliasCount: 100 })
  } catch (error) {
    issues.errorAt([], `YAML: ${(error as Error).message}. Use fewer aliases.`, { line: 1, column: 1 })
    return undefined
  }
  if (!isMapping(raw)) {
    issues.errorAt([], 'the file must be a mapping with at least format: 1 and name: <name>. See docs/model-format.md.', { line: 1, column: 1 })
    return undefined
  }
  if (depthOf(raw) > MAX_YAML_DEPTH) {
    issues.errorAt([], `the file is nested deeper than ${MAX_YAML_DEPTH} levels. Flatten it.`, { line: 1, column: 1 })
    return undefined
  }
  return raw
}

function inSourceOrder(issues: ModelIssue[]): ModelIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column)
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_YAML_DEPTH || value === null || typeof value !== 'object') return depth
  let deepest = depth + 1
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, depth + 1))
  return deepest
}
