// Checks the expressions of qualification rules and segments: syntax with positions, names, rule references.
import { collectReferences, parseExpression, type Expression, ATTRIBUTE_PREFIX, LEAD_FIELD_NAMES, isLeadFieldName } from '../core/index.js'
import type { IssueCollector, KeyPath } from './model-issue.js'
import type { SourcePosition, YamlLocator } from './yaml-locator.js'
import { DERIVED_LEAD_FIELDS, isSensitiveField, sensitiveFieldMessage } from './lead-field-checks.js'
import { closestName, didYouMean } from './suggest.js'

/** Score variables every expression may read, besides lead fields, `email_domain` and `attributes.<name>`. */
export const EXPRESSION_VARIABLES = [
  'score',
  'fit',
  'engagement',
  'fit_grade',
  'grade',
  'level',
  'cell',
  'stage',
  'spam',
  'spam_score',
  'predictive',
] as const

/** Extra variables of segment expressions, which run after qualification. */
export const SEGMENT_VARIABLES = ['status', 'fast_track'] as const

/** Functions of the expression language. The first argument is always an engagement rule id as a string. */
export const EXPRESSION_FUNCTIONS = {
  fired: {
    signature: 'fired("rule_id", days?)',
    minArgs: 1,
    maxArgs: 2,
    description: 'True when the engagement rule counted an occurrence (within the last `days` days).',
  },
  count: {
    signature: 'count("rule_id", days?)',
    minArgs: 1,
    maxArgs: 2,
    description: 'How many occurrences the engagement rule counted (within the last `days` days).',
  },
  days_since: {
    signature: 'days_since("rule_id")',
    minArgs: 1,
    maxArgs: 1,
    description: 'Days since the rule last counted an occurrence; null when it never did.',
  },
} as const

type FunctionName = keyof typeof EXPRESSION_FUNCTIONS
const FUNCTION_NAMES = Object.keys(EXPRESSION_FUNCTIONS) as FunctionName[]

export interface ExpressionContext {
  issues: IssueCollector
  locator: YamlLocator
  /** Ids of the model's engagement rules. */
  engagementIds: ReadonlySet<string>
  /** Receives every rule id the expressions reference. */
  usedRules: Set<string>
  /** Attributes the model declares sensitive (`sensitive_attributes`). Default: none. */
  sensitive?: readonly string[] | undefined
}

/** Parses and checks one expression; null when it has errors (all of them reported). */
export function checkExpression(
  source: string,
  path: KeyPath,
  context: ExpressionContext,
  options: { segment: boolean },
): Expression | null {
  const { issues } = context
  const at = (offset: number): SourcePosition => positionInString(source, offset, path, context.locator)
  const parsed = parseExpression(source)
  if (!parsed.ok) {
    issues.errorAt(path, `syntax error: ${parsed.error.message}. Fix the expression (see docs/model-format.md).`, at(parsed.error.offset))
    return null
  }
  const errorsBefore = issues.errors.length
  const { variables, calls } = collectReferences(parsed.expression)
  const known: string[] = [...EXPRESSION_VARIABLES, ...(options.segment ? SEGMENT_VARIABLES : []), ...LEAD_FIELD_NAMES, ...DERIVED_LEAD_FIELDS]
  // An unquoted rule id (fired(demo)) is reported by checkCall, not as an unknown variable.
  const ruleArguments = new Set(calls.flatMap(({ args: [first] }) => (first?.kind === 'variable' ? [first.name] : [])))
  for (const name of new Set(variables)) {
    if (ruleArguments.has(name) && !known.includes(name)) continue
    const where = at(identifierOffset(source, name))
    if (isSensitiveField(name, context.sensitive)) issues.warning(path, sensitiveFieldMessage(name))
    if (known.includes(name) || isLeadFieldName(name)) continue
    if (name.startsWith(ATTRIBUTE_PREFIX) && name.length > ATTRIBUTE_PREFIX.length) continue
    const suggestion = didYouMean(name, known)
    const segmentOnly = !options.segment && (SEGMENT_VARIABLES as readonly string[]).includes(name)
    const help = segmentOnly
      ? ' It is only available in segments, which run after qualification.'
      : suggestion ||
        ` Use ${EXPRESSION_VARIABLES.join(', ')}, a lead field such as job_title, or ${ATTRIBUTE_PREFIX}<name>.`
    issues.errorAt(path, `unknown variable '${name}'.${help}`, where)
  }
  for (const call of calls) checkCall(call, source, path, context, at)
  return issues.errors.length === errorsBefore ? parsed.expression : null
}

function checkCall(
  call: { name: string; args: Expression[] },
  source: string,
  path: KeyPath,
  context: ExpressionContext,
  at: (offset: number) => SourcePosition,
): void {
  const { issues } = context
  const where = at(Math.max(0, source.indexOf(`${call.name}(`)))
  if (!(FUNCTION_NAMES as string[]).includes(call.name)) {
    const signatures = FUNCTION_NAMES.map((name) => EXPRESSION_FUNCTIONS[name].signature).join(', ')
    issues.errorAt(path, `unknown function '${call.name}'.${didYouMean(call.name, FUNCTION_NAMES) || ` Use ${signatures}.`}`, where)
    return
  }
  const spec = EXPRESSION_FUNCTIONS[call.name as FunctionName]
  if (call.args.length < spec.minArgs || call.args.length > spec.maxArgs) {
    issues.errorAt(path, `${call.name}() takes ${spec.signature}; got ${call.args.length} argument(s).`, where)
    return
  }
  const [rule, days] = call.args
  if (rule?.kind !== 'literal' || typeof rule.value !== 'string') {
    issues.errorAt(path, `the first argument of ${call.name}() must be an engagement rule id in quotes, e.g. ${spec.signature}.`, where)
    return
  }
  const ruleId = rule.value
  context.usedRules.add(ruleId)
  if (!context.engagementIds.has(ruleId)) {
    const suggestion = closestName(ruleId, context.engagementIds)
    const help = suggestion === undefined ? ' Use the id of one of the engagement rules.' : ` Did you mean '${suggestion}'?`
    const offset = source.indexOf(ruleId, source.indexOf(`${call.name}(`))
    issues.errorAt(path, `${call.name}() names '${ruleId}', which is not an engagement rule of this model.${help}`, at(Math.max(0, offset)))
  }
  if (days !== undefined && (days.kind !== 'literal' || typeof days.value !== 'number' || days.value <= 0)) {
    issues.errorAt(path, `the days argument of ${call.name}() must be a positive number, e.g. ${call.name}("${ruleId}", 30).`, where)
  }
}

/** Offset of the identifier `name` in the source (not part of a longer name), or 0. */
function identifierOffset(source: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`(?<![\\w.])${escaped}(?![\\w.])`).exec(source)
  return match?.index ?? 0
}

/** True for an expression that always holds (`true`, `1`): segments after it are unreachable. */
export function isAlwaysTrue(expression: Expression): boolean {
  return expression.kind === 'literal' && expression.value !== null && expression.value !== false && expression.value !== 0 && expression.value !== ''
}

/**
 * Where character `offset` of an expression sits in the YAML text. Exact for expressions written on
 * one line (plain or quoted, without escapes); otherwise the start of the value.
 */
function positionInString(source: string, offset: number, path: KeyPath, locator: YamlLocator): SourcePosition {
  const scalar = locator.scalarSource(path)
  if (scalar === null) return locator.locate(path)
  const index = scalar.source.indexOf(source)
  if (index >= 0) return locator.position(scalar.start + index + offset)
  const quoted = scalar.source.startsWith('"') || scalar.source.startsWith("'")
  return quoted ? locator.position(scalar.start + 1) : locator.position(scalar.start)
}
