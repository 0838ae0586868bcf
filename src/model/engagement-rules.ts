// Validates engagement rules (event rules and inactivity rules) and normalises them for the engine.
import type { Decay, EngagementRule } from '../core/index.js'
import type { RawEngagementRule } from './model-schema.js'
import type { IssueCollector, KeyPath } from './model-issue.js'
import { normaliseCondition } from './conditions.js'
import { didYouMean } from './suggest.js'

/** Keys that make no sense on a rule that fires on the absence of events. */
const EVENT_ONLY_KEYS = [
  'url',
  'where',
  'points_per',
  'max_per_day',
  'max_total',
  'once',
  'frequency',
  'half_life_days',
  'window_days',
  'decay',
] as const

export interface EngagementContext {
  issues: IssueCollector
  lists: ReadonlyMap<string, readonly string[]>
  /** Built-in event types and the model's own. */
  eventTypes: ReadonlySet<string>
  /** The model's default decay, used when a rule sets none. */
  defaultDecay: Decay
}

/** The normalised rule, or null when it has errors (all of them reported). */
export function normaliseEngagementRule(
  raw: RawEngagementRule,
  path: KeyPath,
  context: EngagementContext,
): EngagementRule | null {
  const { issues } = context
  const errorsBefore = issues.errors.length
  const label = raw.label ?? raw.id
  const eventTypes = toList(raw.event)
  eventTypes.forEach((type, i) => {
    if (context.eventTypes.has(type)) return
    const where = Array.isArray(raw.event) ? [...path, 'event', i] : [...path, 'event']
    issues.error(
      where,
      `unknown event type '${type}'.${didYouMean(type, context.eventTypes)} Use a built-in type such as page_view, or declare it under event_types: at the top of the file.`,
    )
  })
  if (raw.inactive_days !== undefined) {
    for (const key of EVENT_ONLY_KEYS.filter((k) => raw[k] !== undefined)) {
      issues.error([...path, key], `does not apply to an inactivity rule (one with inactive_days). Remove it, or write a separate event rule.`, 'key')
    }
    if (raw.points === undefined) issues.error([...path, 'points'], 'is required: add the points the inactivity gives, e.g. points: -10.')
    if (issues.errors.length > errorsBefore || raw.points === undefined) return null
    return { kind: 'inactivity', id: raw.id, label, eventTypes, inactiveDays: raw.inactive_days, points: raw.points }
  }
  if (raw.points !== undefined && raw.points_per !== undefined) {
    issues.error([...path, 'points_per'], 'give either points or points_per, not both. Remove one of them.', 'key')
  } else if (raw.points === undefined && raw.points_per === undefined) {
    issues.error([...path, 'points'], 'is required: add points (per occurrence) or points_per (per unit of an event property).')
  }
  const decay = ruleDecay(raw, path, context)
  if (raw.once === true && raw.max_total !== undefined && raw.max_total !== 1) {
    issues.error([...path, 'max_total'], `conflicts with once: true, which means max_total: 1. Remove one of them.`)
  }
  const where = raw.where === undefined ? null : normaliseCondition(raw.where, [...path, 'where'], { ...context, target: 'event' })
  if (issues.errors.length > errorsBefore || decay === null) return null
  const perUnit = raw.points_per
  return {
    kind: 'event',
    id: raw.id,
    label,
    eventTypes,
    urlPatterns: toList(raw.url).map(globToRegex),
    where,
    points: raw.points ?? 0,
    perUnit: perUnit === undefined ? null : { property: perUnit.property, unit: perUnit.unit, points: perUnit.points, max: perUnit.max ?? null },
    maxPerDay: raw.max_per_day ?? null,
    maxTotal: raw.once === true ? 1 : (raw.max_total ?? null),
    decay,
    frequency: raw.frequency === undefined ? null : { count: raw.frequency.count, withinDays: raw.frequency.within_days },
  }
}

function ruleDecay(raw: RawEngagementRule, path: KeyPath, context: EngagementContext): Decay | null {
  const given = (['half_life_days', 'window_days', 'decay'] as const).filter((key) => raw[key] !== undefined)
  if (given.length > 1) {
    context.issues.error([...path, given[1]!], `give only one of half_life_days, window_days and decay: none (found ${given.join(' and ')}). Remove the others.`, 'key')
    return null
  }
  if (raw.half_life_days !== undefined) return { kind: 'half_life', halfLifeDays: raw.half_life_days }
  if (raw.window_days !== undefined) return { kind: 'window', windowDays: raw.window_days }
  if (raw.decay !== undefined) return { kind: 'none' }
  return context.defaultDecay
}

/**
 * `*\/pricing*` → /\/pricing/i: `*` is any run of characters (newlines included), `?` one character, the
 * whole URL must match, case-insensitive. A leading or trailing `*` becomes an open end rather than `.*`,
 * so the common `*part*` glob is a plain substring search.
 */
export function globToRegex(glob: string): RegExp {
  const openStart = glob.startsWith('*')
  const openEnd = glob.length > 1 && glob.endsWith('*')
  const inner = glob.slice(openStart ? 1 : 0, openEnd ? -1 : undefined)
  const body = inner
    .split('')
    .map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
    .join('')
  return new RegExp(`${openStart ? '' : '^'}${body}${openEnd ? '' : '$'}`, 'i')
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}
