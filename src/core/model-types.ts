// The scoring model as the engine sees it: validated, normalised and frozen (the YAML form lives in src/model).
import type { BuyingStage, FitGrade, LeadStatus } from './types.js'
import type { Expression } from './expression.js'

/** Comparison operators of a condition. The YAML key is the operator name. */
export const CONDITION_OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'matches',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'exists',
  'empty',
  'domain_in',
  'domain_not_in',
] as const
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number]

/** A test on one field, or a combination of tests. Strings compare case-insensitively. */
export type Condition =
  | { kind: 'all'; conditions: readonly Condition[] }
  | { kind: 'any'; conditions: readonly Condition[] }
  | { kind: 'not'; condition: Condition }
  | FieldTest

/**
 * One field tested by one operator. `field` is a lead field path in snake_case (`job_title`,
 * `company_size`, `attributes.plan`) for fit rules, or an event property path (`url`, `value`,
 * `utm.campaign`) for event predicates.
 */
export type FieldTest =
  | { kind: 'test'; field: string; op: 'equals' | 'not_equals'; value: string | number | boolean }
  | { kind: 'test'; field: string; op: 'in' | 'not_in'; values: readonly (string | number)[] }
  | {
      kind: 'test'
      field: string
      op: 'contains' | 'not_contains' | 'starts_with' | 'ends_with'
      /** Lower-cased needles; the test passes when any of them is found. */
      values: readonly string[]
    }
  | { kind: 'test'; field: string; op: 'matches'; regex: RegExp }
  | { kind: 'test'; field: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  | { kind: 'test'; field: string; op: 'between'; min: number; max: number }
  | { kind: 'test'; field: string; op: 'exists' | 'empty'; value: boolean }
  | {
      kind: 'test'
      field: string
      op: 'domain_in' | 'domain_not_in'
      /** Lower-cased domains; a named list (free_mail, disposable, or the model's own) is already expanded. */
      domains: ReadonlySet<string>
    }

/** Points for who the lead is. Every matching rule counts. */
export interface FitRule {
  id: string
  label: string
  when: Condition
  points: number
}

/** Points that scale with a numeric event property, e.g. 1 point per 50 of cart value, at most 30. */
export interface PointsPerUnit {
  property: string
  /** Property amount that earns `points`. */
  unit: number
  points: number
  /** Cap on the points of one event. Default: no cap. */
  max: number | null
}

/** How an engagement rule's points fade with age. */
export type Decay =
  | { kind: 'none' }
  /** Points halve every `halfLifeDays`. */
  | { kind: 'half_life'; halfLifeDays: number }
  /** Only occurrences of the last `windowDays` days count, at full value. */
  | { kind: 'window'; windowDays: number }

/** Points for what the lead does: one occurrence per matching event, within the rule's limits. */
export interface EventRule {
  kind: 'event'
  id: string
  label: string
  /** Event types that match; empty means any type. */
  eventTypes: readonly string[]
  /** URL globs (already compiled); empty means any URL. Matched against `properties.url`. */
  urlPatterns: readonly RegExp[]
  /** Predicate on the event's properties, or null. */
  where: Condition | null
  /** Fixed points per occurrence (ignored when `perUnit` is set). May be negative. */
  points: number
  perUnit: PointsPerUnit | null
  /** At most this many occurrences per UTC day. */
  maxPerDay: number | null
  /** At most this many occurrences ever (`once` is 1). */
  maxTotal: number | null
  decay: Decay
  /**
   * When set, an occurrence is a matching event that completes a burst: at least `count` matching
   * events within `withinDays` days ending at it ("3 pricing views in 7 days").
   */
  frequency: { count: number; withinDays: number } | null
}

/** Points when a lead has had no matching activity for `inactiveDays` days ("no activity for 30 days"). */
export interface InactivityRule {
  kind: 'inactivity'
  id: string
  label: string
  /** Event types that count as activity; empty means any. */
  eventTypes: readonly string[]
  inactiveDays: number
  points: number
}

export type EngagementRule = EventRule | InactivityRule

export const SPAM_DETECTOR_TYPES = [
  'name_not_capitalized',
  'keyboard_run',
  'repeated_characters',
  'placeholder_name',
  'free_mail',
  'disposable_email',
  'malformed_email',
  'malformed_phone',
] as const
export type SpamDetectorType = (typeof SPAM_DETECTOR_TYPES)[number]

/** A data-quality check on the lead's own fields. */
export interface SpamDetector {
  id: string
  type: SpamDetectorType
  /** Why the lead looks like junk, shown to users. */
  reason: string
  /** Effect on the score when it fires (usually negative). */
  points: number
  /** Amount added to the spam score when it fires (compared with the threshold). */
  spamPoints: number
  /** Lead fields (snake_case) the detector reads. */
  fields: readonly string[]
  /** keyboard_run: shortest run that counts. Default 4. */
  minRun: number
  /** repeated_characters: shortest run of one character that counts. Default 4. */
  minRepeat: number
  /** placeholder_name: lower-cased names that are placeholders. */
  placeholders: ReadonlySet<string>
  /** free_mail / disposable_email: lower-cased domains. */
  domains: ReadonlySet<string>
}

/** Stage reached when any of the listed engagement rules matched within the last `withinDays` days. */
export interface StageRule {
  stage: BuyingStage
  rules: readonly string[]
  /** Default: no limit. */
  withinDays: number | null
}

export interface FastTrackRule {
  id: string
  label: string
  when: Expression
  /** Status the lead goes straight to. */
  to: Exclude<LeadStatus, 'lead'>
}

export interface Segment {
  id: string
  label: string
  when: Expression
}

/** A validated, normalised scoring model. */
export interface ScoringModel {
  name: string
  description: string
  /** Event types the model declares beyond the built-in ones. */
  eventTypes: readonly string[]
  /** Weights of fit, engagement and the predictive component; they add up to 1. */
  weights: { fit: number; engagement: number; predictive: number }
  /** Minimum fit for grades A, B and C; below C is D. */
  grades: Readonly<Record<Exclude<FitGrade, 'D'>, number>>
  /** Minimum engagement for levels 1, 2 and 3; below 3 is 4. */
  levels: Readonly<{ 1: number; 2: number; 3: number }>
  fit: readonly FitRule[]
  engagement: readonly EngagementRule[]
  spam: { threshold: number; detectors: readonly SpamDetector[] }
  /** Checked from the most advanced stage down; none matching means awareness. */
  stages: readonly StageRule[]
  qualification: {
    mql: Expression | null
    sql: Expression | null
    fastTrack: readonly FastTrackRule[]
  }
  /** First match wins. */
  segments: readonly Segment[]
  /**
   * Lead fields the model declares sensitive (`sensitive_attributes`), on top of the built-in ones (gender,
   * age, ...): validation warns when a rule uses them. Default: none.
   */
  sensitiveAttributes?: readonly string[]
}
