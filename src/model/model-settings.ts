// The model's global settings: weights, grade and level thresholds, default decay, custom event types, lists.
import { type Decay, type ScoringModel, EVENT_TYPES } from '../core/index.js'
import type { RawModel } from './model-schema.js'
import type { IssueCollector } from './model-issue.js'
import { BUILT_IN_LIST_NAMES, isBuiltInListName } from './named-lists.js'

export const DEFAULT_WEIGHTS = { fit: 0.5, engagement: 0.5, predictive: 0 } as const
export const DEFAULT_GRADES = { A: 75, B: 50, C: 25 } as const
export const DEFAULT_LEVELS = { 1: 75, 2: 50, 3: 25 } as const

const LIST_NAME = /^[a-z][a-z0-9_]*$/

/** Weights normalised to add up to 1; given weights that are left out count as 0. */
export function normaliseWeights(raw: RawModel['weights'], issues: IssueCollector): ScoringModel['weights'] | null {
  if (raw === undefined) return { ...DEFAULT_WEIGHTS }
  const fit = raw.fit ?? 0
  const engagement = raw.engagement ?? 0
  const predictive = raw.predictive ?? 0
  const total = fit + engagement + predictive
  if (total === 0) {
    issues.error(['weights'], 'are all 0, so every score would be 0. Give fit or engagement a positive weight, e.g. { fit: 0.5, engagement: 0.5 }.')
    return null
  }
  if (predictive > 0) {
    issues.warning(
      ['weights', 'predictive'],
      'is above 0 but no predictive model is attached yet, so the predictive component counts as 0. Set it to 0 until a trained model is published.',
    )
  }
  return { fit: fit / total, engagement: engagement / total, predictive: predictive / total }
}

/** Minimums that must fall strictly from the first key to the last, each given one defaulted. */
export function normaliseThresholds<K extends string | number>(
  section: 'grades' | 'levels',
  raw: Partial<Record<K, number>> | undefined,
  defaults: Record<K, number>,
  issues: IssueCollector,
): Record<K, number> | null {
  const keys = Object.keys(defaults) as K[]
  const values = { ...defaults, ...raw }
  for (let i = 1; i < keys.length; i++) {
    const previous = keys[i - 1]!
    const key = keys[i]!
    if (values[key] >= values[previous]) {
      const blame = raw?.[key] === undefined ? previous : key
      const list = keys.map((k) => `${k}: ${values[k]}`).join(', ')
      issues.error(
        [section, blame],
        `must decrease strictly from ${keys[0]} to ${keys.at(-1)} (got ${list}${raw?.[key] === undefined ? `, where ${key} is the default` : ''}). Make each minimum lower than the one before.`,
      )
      return null
    }
  }
  return values
}

/** The decay of rules that set none: half-life, window, or none (the default). */
export function normaliseDefaultDecay(raw: RawModel['decay'], issues: IssueCollector): Decay | null {
  if (raw === undefined) return { kind: 'none' }
  const given = (['half_life_days', 'window_days'] as const).filter((key) => raw[key] !== undefined)
  if (given.length + (raw.none === true ? 1 : 0) > 1) {
    issues.error(['decay'], 'give only one of half_life_days, window_days and none: true. Remove the others.')
    return null
  }
  if (raw.half_life_days !== undefined) return { kind: 'half_life', halfLifeDays: raw.half_life_days }
  if (raw.window_days !== undefined) return { kind: 'window', windowDays: raw.window_days }
  return { kind: 'none' }
}

/** Declared event types (deduplicated); re-declaring a built-in one is a warning. */
export function normaliseEventTypes(raw: readonly string[] | undefined, issues: IssueCollector): string[] {
  const declared: string[] = []
  raw?.forEach((type, i) => {
    if ((EVENT_TYPES as readonly string[]).includes(type)) {
      issues.warning(['event_types', i], `'${type}' is a built-in event type already. Remove it from event_types.`)
    } else if (!declared.includes(type)) {
      declared.push(type)
    }
  })
  return declared
}

/** The model's named lists; names must be ids and may not shadow the built-in lists. */
export function normaliseLists(raw: RawModel['lists'], issues: IssueCollector): Map<string, readonly string[]> {
  const lists = new Map<string, readonly string[]>()
  for (const [name, values] of Object.entries(raw ?? {})) {
    if (isBuiltInListName(name)) {
      issues.error(['lists', name], `'${name}' is a built-in list (${BUILT_IN_LIST_NAMES.join(', ')}). Choose another name.`, 'key')
    } else if (!LIST_NAME.test(name)) {
      issues.error(['lists', name], `list names must be lower-case letters, digits and underscores, starting with a letter (got '${name}').`, 'key')
    } else {
      lists.set(name, values)
    }
  }
  return lists
}
