// A lead's engagement state: per rule, the occurrences that count and the days it matched.
//
// The state is canonical: it depends only on the set of events folded into it, never on their
// order or on repeats. That is what makes incremental scoring (fold one new event into the stored
// state) give exactly the same result as a full recompute from every event (docs/adr/0002).
import { asNumber, testCondition } from './conditions.js'
import { readPath } from './lead-fields.js'
import type { EngagementRule, EventRule, ScoringModel } from './model-types.js'
import type { EpochMs, LeadEvent } from './types.js'

export const DAY_MS = 86_400_000

/** One counted match: timestamp, event id, points before decay in hundredths. */
export type Occurrence = [timestamp: EpochMs, eventId: string, pointsHundredths: number]

/** What folding reads of an event: everything but the lead it belongs to. */
export type FoldedEvent = Pick<LeadEvent, 'id' | 'type' | 'timestamp' | 'properties'>

/** What one rule remembers about a lead. */
export interface RuleState {
  /**
   * Occurrences sorted by (timestamp, event id). For rules with limits, only those the limits keep
   * (the earliest); for frequency rules, every match (bursts are found when scoring).
   */
  o: Occurrence[]
  /** UTC day numbers (timestamp / 1 day) on which the rule matched, ascending, distinct. */
  d: number[]
}

/** A lead's engagement state: plain JSON, stored beside the score. */
export interface LeadState {
  v: 1
  /** By engagement rule id; a rule that never matched has no entry. */
  r: Record<string, RuleState>
}

export function emptyLeadState(): LeadState {
  return { v: 1, r: {} }
}

/** The UTC day number of a timestamp. */
export function dayOf(timestamp: EpochMs): number {
  return Math.floor(timestamp / DAY_MS)
}

/**
 * Folds one event into the state (mutating it). Applying an event that is already in the state
 * changes nothing, and the order in which events are applied does not matter.
 */
export function applyEvent(state: LeadState, event: FoldedEvent, model: ScoringModel): void {
  for (const rule of rulesFor(model, event.type)) {
    if (rule.kind === 'inactivity') {
      insertDay(ruleState(state, rule.id).d, dayOf(event.timestamp))
      continue
    }
    const points = matchPoints(rule, event)
    if (points === undefined) continue
    const entry = ruleState(state, rule.id)
    insertDay(entry.d, dayOf(event.timestamp))
    if (insertOccurrence(entry.o, [event.timestamp, event.id, points]) && rule.frequency === null) {
      entry.o = applyLimits(entry.o, rule)
    }
  }
}

/** Up to this many events, folding them one by one costs less than collecting and merging. */
const FOLD_ONE_BY_ONE = 8

/**
 * Folds many events into the state (mutating it), with the same result as `applyEvent` on each: the
 * matches are collected per rule, then each rule's lists are merged once and its limits applied once,
 * instead of an insertion and a limit pass per event.
 */
export function applyEvents(state: LeadState, events: readonly FoldedEvent[], model: ScoringModel): void {
  if (events.length <= FOLD_ONE_BY_ONE) {
    for (const event of events) applyEvent(state, event, model)
    return
  }
  const added = new Map<EngagementRule, RuleState>()
  const addedTo = (rule: EngagementRule): RuleState => {
    let entry = added.get(rule)
    if (entry === undefined) {
      entry = { o: [], d: [] }
      added.set(rule, entry)
    }
    return entry
  }
  for (const event of events) {
    const day = dayOf(event.timestamp)
    for (const rule of rulesFor(model, event.type)) {
      if (rule.kind === 'inactivity') {
        addedTo(rule).d.push(day)
        continue
      }
      const points = matchPoints(rule, event)
      if (points === undefined) continue
      const entry = addedTo(rule)
      entry.d.push(day)
      entry.o.push([event.timestamp, event.id, points])
    }
  }
  for (const [rule, entry] of added) {
    const target = ruleState(state, rule.id)
    target.d = mergeSorted(target.d, entry.d, compareDays)
    if (entry.o.length === 0 || rule.kind !== 'event') continue
    const merged = mergeSorted(target.o, entry.o, compareOccurrences)
    target.o = rule.frequency === null && merged !== target.o ? applyLimits(merged, rule) : merged
  }
}

/** Builds the state from all of a lead's events. */
export function buildLeadState(events: readonly FoldedEvent[], model: ScoringModel): LeadState {
  const state = emptyLeadState()
  applyEvents(state, events, model)
  return state
}

/**
 * The sorted, distinct union (by `compare`) of a sorted list and unsorted new items; `list` itself when nothing
 * is new. Sorts `added` in place.
 */
function mergeSorted<T>(list: T[], added: T[], compare: (a: T, b: T) => number): T[] {
  added.sort(compare)
  const merged: T[] = []
  let i = 0
  let j = 0
  while (i < list.length || j < added.length) {
    const next = j >= added.length || (i < list.length && compare(list[i]!, added[j]!) <= 0) ? list[i++]! : added[j++]!
    if (merged.length === 0 || compare(merged[merged.length - 1]!, next) !== 0) merged.push(next)
  }
  return merged.length === list.length ? list : merged
}

const compareDays = (a: number, b: number): number => a - b

/** Parses a stored state; anything unrecognised gives an empty state (the caller then rebuilds). */
export function parseLeadState(json: string): LeadState | null {
  const value = JSON.parse(json) as unknown
  if (value === null || typeof value !== 'object' || (value as LeadState).v !== 1) return null
  return value as LeadState
}

/**
 * Points of one event under a rule, in hundredths, or undefined when it does not match.
 * A points-per-unit rule needs a finite, non-negative amount in its property.
 */
export function matchPoints(rule: EventRule, event: FoldedEvent): number | undefined {
  if (rule.eventTypes.length > 0 && !rule.eventTypes.includes(event.type)) return undefined
  if (rule.urlPatterns.length > 0) {
    const url = event.properties['url']
    if (typeof url !== 'string' || !rule.urlPatterns.some((pattern) => pattern.test(url))) return undefined
  }
  if (rule.where !== null && !testCondition(rule.where, (path) => readPath(event.properties, path))) {
    return undefined
  }
  if (rule.perUnit === null) return Math.round(rule.points * 100)
  const amount = asNumber(readPath(event.properties, rule.perUnit.property))
  if (amount === undefined || amount < 0) return undefined
  const points = (amount / rule.perUnit.unit) * rule.perUnit.points
  return Math.round((rule.perUnit.max === null ? points : Math.min(points, rule.perUnit.max)) * 100)
}

/** The occurrences that count for a rule, earliest first: bursts for frequency rules, then limits. */
export function countedOccurrences(rule: EventRule, entry: RuleState): Occurrence[] {
  if (rule.frequency === null) return entry.o
  const { count, withinDays } = rule.frequency
  const spanMs = withinDays * DAY_MS
  const bursts: Occurrence[] = []
  let windowStart = 0
  for (let i = 0; i < entry.o.length; i++) {
    const timestamp = entry.o[i]![0]
    while (entry.o[windowStart]![0] <= timestamp - spanMs) windowStart++
    if (i - windowStart + 1 >= count) bursts.push(entry.o[i]!)
  }
  return applyLimits(bursts, rule)
}

/** Keeps the earliest occurrences allowed by `max_per_day` and `max_total`. */
function applyLimits(occurrences: Occurrence[], rule: EventRule): Occurrence[] {
  if (rule.maxPerDay === null && rule.maxTotal === null) return occurrences
  const kept: Occurrence[] = []
  let day = Number.NaN
  let perDay = 0
  for (const occurrence of occurrences) {
    if (rule.maxTotal !== null && kept.length >= rule.maxTotal) break
    const occurrenceDay = dayOf(occurrence[0])
    perDay = occurrenceDay === day ? perDay + 1 : 1
    day = occurrenceDay
    if (rule.maxPerDay === null || perDay <= rule.maxPerDay) kept.push(occurrence)
  }
  return kept.length === occurrences.length ? occurrences : kept
}

/** What folding needs to know of one event type under one model. */
interface TypeRules {
  /** Engagement rules that may match the type. */
  rules: EngagementRule[]
  /** Some of them read the event's properties (URL globs, a `where` predicate, points per unit). */
  readsProperties: boolean
}

const rulesByType = new WeakMap<ScoringModel, Map<string, TypeRules>>()

/** The engagement rules of an event type, cached per model. */
function typeRules(model: ScoringModel, type: string): TypeRules {
  let byType = rulesByType.get(model)
  if (byType === undefined) {
    byType = new Map()
    rulesByType.set(model, byType)
  }
  let entry = byType.get(type)
  if (entry === undefined) {
    const rules = model.engagement.filter((rule) => rule.eventTypes.length === 0 || rule.eventTypes.includes(type))
    const readsProperties = rules.some(
      (rule) => rule.kind === 'event' && (rule.urlPatterns.length > 0 || rule.where !== null || rule.perUnit !== null),
    )
    entry = { rules, readsProperties }
    byType.set(type, entry)
  }
  return entry
}

/** Engagement rules that may match an event type. */
function rulesFor(model: ScoringModel, type: string): EngagementRule[] {
  return typeRules(model, type).rules
}

/**
 * Whether folding an event of this type reads its properties: some event rule for the type has URL globs, a
 * `where` predicate or points per unit. When none does, the event folds the same with any properties (so a
 * bulk ingest need not hand them to the fold worker, nor the worker parse them).
 */
export function eventTypeReadsProperties(model: ScoringModel, type: string): boolean {
  return typeRules(model, type).readsProperties
}

function ruleState(state: LeadState, ruleId: string): RuleState {
  let entry = state.r[ruleId]
  if (entry === undefined) {
    entry = { o: [], d: [] }
    state.r[ruleId] = entry
  }
  return entry
}

/** Inserts in (timestamp, id) order; false when the same occurrence is already there. */
function insertOccurrence(list: Occurrence[], occurrence: Occurrence): boolean {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (compareOccurrences(list[middle]!, occurrence) < 0) low = middle + 1
    else high = middle
  }
  const existing = list[low]
  if (existing !== undefined && compareOccurrences(existing, occurrence) === 0) return false
  list.splice(low, 0, occurrence)
  return true
}

function compareOccurrences(a: Occurrence, b: Occurrence): number {
  if (a[0] !== b[0]) return a[0] - b[0]
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0
}

function insertDay(days: number[], day: number): void {
  let low = 0
  let high = days.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (days[middle]! < day) low = middle + 1
    else high = middle
  }
  if (days[low] !== day) days.splice(low, 0, day)
}

/** The last day in an ascending list that is at most `day`, or undefined. */
export function lastDayAtOrBefore(days: readonly number[], day: number): number | undefined {
  let low = 0
  let high = days.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (days[middle]! <= day) low = middle + 1
    else high = middle
  }
  return low === 0 ? undefined : days[low - 1]
}
