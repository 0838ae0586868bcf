// Semantic checks and normalisation: a schema-valid model file → the engine's ScoringModel, with every error reported.
import { type EngagementRule, type FastTrackRule, type FitRule, type ScoringModel, type Segment, type SpamDetector, type StageRule, BUYING_STAGES, EVENT_TYPES } from '../core/index.js'
import type { RawModel } from './model-schema.js'
import type { IssueCollector, KeyPath } from './model-issue.js'
import type { YamlLocator } from './yaml-locator.js'
import { normaliseCondition } from './conditions.js'
import { normaliseEngagementRule } from './engagement-rules.js'
import { DEFAULT_SPAM_THRESHOLD, normaliseSpamDetector } from './spam-detectors.js'
import { checkExpression, isAlwaysTrue, type ExpressionContext } from './expressions.js'
import {
  DEFAULT_GRADES,
  DEFAULT_LEVELS,
  normaliseDefaultDecay,
  normaliseEventTypes,
  normaliseLists,
  normaliseThresholds,
  normaliseWeights,
} from './model-settings.js'
import { didYouMean } from './suggest.js'

/**
 * Builds the model from a file whose schema errors are already reported. Parts with schema errors
 * are skipped, so that every other error is still found. Null when anything is wrong.
 */
export function buildModel(raw: RawModel, issues: IssueCollector, locator: YamlLocator): ScoringModel | null {
  const clean = (path: KeyPath): boolean => !issues.isBroken(path)
  const take = <T>(path: KeyPath, items: readonly T[] | undefined): [T, KeyPath][] =>
    listOf(items)
      .map((item, i): [T, KeyPath] => [item, [...path, i]])
      .filter(([, itemPath]) => clean(itemPath))

  const eventTypes = clean(['event_types']) ? normaliseEventTypes(raw.event_types, issues) : []
  const lists = clean(['lists']) ? normaliseLists(raw.lists, issues) : new Map<string, readonly string[]>()
  const weights = clean(['weights']) ? normaliseWeights(raw.weights, issues) : null
  const grades = clean(['grades']) ? normaliseThresholds('grades', raw.grades, DEFAULT_GRADES, issues) : null
  const levels = clean(['levels']) ? normaliseThresholds('levels', raw.levels, DEFAULT_LEVELS, issues) : null
  const sensitive = clean(['sensitive_attributes']) ? (raw.sensitive_attributes ?? []) : []
  const defaultDecay = (clean(['decay']) ? normaliseDefaultDecay(raw.decay, issues) : null) ?? { kind: 'none' as const }

  const fit: FitRule[] = []
  listOf(raw.fit).forEach((rule, i) => {
    const path = ['fit', i]
    // The condition is checked even when another key of the rule is malformed.
    const when = clean([...path, 'when']) ? normaliseCondition(rule.when, [...path, 'when'], { issues, lists, target: 'lead', sensitive }) : null
    if (!clean(path)) return
    if (rule.points === 0) issues.warning([...path, 'points'], 'is 0, so this rule does nothing. Give it points or remove it.')
    if (when !== null) fit.push({ id: rule.id, label: rule.label ?? rule.id, when, points: rule.points })
  })

  const knownEventTypes = new Set<string>([...EVENT_TYPES, ...eventTypes])
  const engagement: EngagementRule[] = []
  for (const [rule, path] of take(['engagement'], raw.engagement)) {
    const normalised = normaliseEngagementRule(rule, path, { issues, lists, eventTypes: knownEventTypes, defaultDecay })
    if (normalised !== null) engagement.push(normalised)
  }

  const detectors: SpamDetector[] = []
  for (const [detector, path] of take(['spam', 'detectors'], raw.spam?.detectors)) {
    const normalised = normaliseSpamDetector(detector, path, issues)
    if (normalised !== null) detectors.push(normalised)
  }

  const engagementIds = new Set(listOf(raw.engagement).flatMap((rule) => (typeof rule?.id === 'string' ? [rule.id] : [])))
  const expressions: ExpressionContext = { issues, locator, engagementIds, usedRules: new Set(), sensitive }
  const stages = normaliseStages(take(['stages'], raw.stages), expressions)
  const qualification = normaliseQualification(raw.qualification, clean, expressions)
  const segments = normaliseSegments(take(['segments'], raw.segments), expressions)
  warnAboutIdleRules(raw, engagement, expressions.usedRules, issues)
  checkUniqueIds(raw, issues)

  if (issues.errors.length > 0 || weights === null || grades === null || levels === null) return null
  return {
    name: raw.name,
    description: raw.description ?? '',
    eventTypes,
    weights,
    grades,
    levels,
    fit,
    engagement,
    spam: { threshold: raw.spam?.threshold ?? DEFAULT_SPAM_THRESHOLD, detectors },
    stages,
    qualification,
    segments,
    sensitiveAttributes: sensitive,
  }
}

/** Ids are shared by fit rules, engagement rules and spam detectors (whose id defaults to their type). */
function checkUniqueIds(raw: RawModel, issues: IssueCollector): void {
  const seen = new Map<string, string>()
  const check = (id: unknown, path: KeyPath, label: string): void => {
    if (typeof id !== 'string') return
    const first = seen.get(id)
    if (first === undefined) seen.set(id, label)
    else issues.error(path, `duplicate id '${id}', already used by ${first}. Ids must be unique across fit, engagement and spam detectors.`)
  }
  listOf(raw.fit).forEach((rule, i) => check(rule?.id, ['fit', i, 'id'], `fit[${i}]`))
  listOf(raw.engagement).forEach((rule, i) => check(rule?.id, ['engagement', i, 'id'], `engagement[${i}]`))
  listOf(raw.spam?.detectors).forEach((detector, i) =>
    check(detector?.id ?? detector?.type, ['spam', 'detectors', i, detector?.id === undefined ? 'type' : 'id'], `spam.detectors[${i}]`),
  )
}

function normaliseStages(items: [NonNullable<RawModel['stages']>[number], KeyPath][], context: ExpressionContext): StageRule[] {
  const stages: StageRule[] = []
  for (const [item, path] of items) {
    if (item.stage === 'awareness') {
      context.issues.error([...path, 'stage'], 'awareness is where every lead starts and needs no rule. Remove this entry.')
      continue
    }
    item.rules.forEach((id, i) => {
      context.usedRules.add(id)
      if (!context.engagementIds.has(id)) {
        context.issues.error([...path, 'rules', i], `'${id}' is not an engagement rule of this model.${didYouMean(id, context.engagementIds)} Use engagement rule ids.`)
      }
    })
    stages.push({ stage: item.stage, rules: item.rules, withinDays: item.within_days ?? null })
  }
  return stages.sort((a, b) => BUYING_STAGES.indexOf(b.stage) - BUYING_STAGES.indexOf(a.stage))
}

function normaliseQualification(
  raw: RawModel['qualification'],
  clean: (path: KeyPath) => boolean,
  context: ExpressionContext,
): ScoringModel['qualification'] {
  const expression = (key: 'mql' | 'sql') => {
    const source = raw?.[key]
    return source === undefined || !clean(['qualification', key])
      ? null
      : checkExpression(source, ['qualification', key], context, { segment: false })
  }
  const fastTrack: FastTrackRule[] = []
  const ids = new Set<string>()
  listOf(raw?.fast_track).forEach((rule, i) => {
    const path = ['qualification', 'fast_track', i]
    if (!clean(path)) return
    if (ids.has(rule.id)) context.issues.error([...path, 'id'], `duplicate fast-track id '${rule.id}'. Give each fast-track rule its own id.`)
    ids.add(rule.id)
    const when = checkExpression(rule.when, [...path, 'when'], context, { segment: false })
    if (when !== null) fastTrack.push({ id: rule.id, label: rule.label ?? rule.id, when, to: rule.to ?? 'sql' })
  })
  return { mql: expression('mql'), sql: expression('sql'), fastTrack }
}

function normaliseSegments(items: [NonNullable<RawModel['segments']>[number], KeyPath][], context: ExpressionContext): Segment[] {
  const segments: Segment[] = []
  const ids = new Set<string>()
  let catchAll: string | null = null
  for (const [item, path] of items) {
    if (ids.has(item.id)) context.issues.error([...path, 'id'], `duplicate segment id '${item.id}'. Give each segment its own id.`)
    ids.add(item.id)
    if (catchAll !== null) {
      context.issues.warning(path, `is never reached: segment '${catchAll}' before it always matches (first match wins). Move it up or remove it.`)
    }
    const when = checkExpression(item.when, [...path, 'when'], context, { segment: true })
    if (when === null) continue
    if (catchAll === null && isAlwaysTrue(when)) catchAll = item.id
    segments.push({ id: item.id, label: item.label ?? item.id, when })
  }
  return segments
}

/** Warns about engagement rules worth 0 points that no stage or expression reads. */
function warnAboutIdleRules(raw: RawModel, rules: EngagementRule[], used: ReadonlySet<string>, issues: IssueCollector): void {
  for (const rule of rules) {
    const idle = rule.points === 0 && (rule.kind === 'inactivity' || rule.perUnit === null)
    if (!idle || used.has(rule.id)) continue
    const index = listOf(raw.engagement).findIndex((item) => item.id === rule.id)
    issues.warning(['engagement', index, 'points'], 'is 0 and no stage or expression uses this rule, so it does nothing. Give it points, use it, or remove it.')
  }
}

/** The items of a list; nothing when the schema check found something else there (already reported). */
function listOf<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : []
}
