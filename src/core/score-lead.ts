// Scores a lead at a point in time: fit, decayed engagement, spam, composition, grade, stage, status, segment.
//
// All sums are done in integer hundredths of a point, so the contributions shown add up exactly
// to the score shown, clamping included (docs/model-format.md, "How points become a score").
import { testCondition } from './conditions.js'
import { testExpression, type ExpressionScope, type Literal } from './expression.js'
import { readLeadField } from './lead-fields.js'
import {
  buildLeadState,
  countedOccurrences,
  DAY_MS,
  dayOf,
  lastDayAtOrBefore,
  type LeadState,
  type Occurrence,
} from './lead-state.js'
import type { Decay, EventRule, InactivityRule, ScoringModel } from './model-types.js'
import { detectSpam } from './spam-detectors.js'
import type {
  BuyingStage,
  Contribution,
  EngagementLevel,
  EpochMs,
  FitGrade,
  Lead,
  LeadEvent,
  LeadStatus,
  ScoreResult,
} from './types.js'

const FULL = 10_000 // 100 points in hundredths

/** Optional inputs beside the lead and its events. */
export interface ScoreOptions {
  /** Conversion probability (0–1) from the predictive model, blended in with `weights.predictive`. */
  predictive?: number | null
  /** `leadProfile(lead, model)` computed earlier for this very lead and model, to skip recomputing it. */
  profile?: LeadProfile | undefined
}

/** Scores a lead from all its events; events after `now` are ignored. */
export function scoreLead(
  lead: Lead,
  events: readonly LeadEvent[],
  model: ScoringModel,
  now: EpochMs,
  options: ScoreOptions = {},
): ScoreResult {
  const state = buildLeadState(
    events.filter((event) => event.timestamp <= now),
    model,
  )
  return scoreLeadState(lead, state, model, now, options)
}

/** Scores a lead from its folded engagement state (see lead-state.ts) and its own fields. */
export function scoreLeadState(
  lead: Lead,
  state: LeadState,
  model: ScoringModel,
  now: EpochMs,
  options: ScoreOptions = {},
): ScoreResult {
  const nowDay = dayOf(now)
  const profile = options.profile ?? leadProfile(lead, model)

  const engagementLines: RuleLine[] = []
  for (const rule of model.engagement) {
    const line =
      rule.kind === 'event' ? eventRuleLine(rule, state, now) : inactivityRuleLine(rule, state, lead, nowDay)
    if (line !== null) engagementLines.push(line)
  }

  const predictive = options.predictive ?? null
  const weights = effectiveWeights(model, predictive)
  const contributions: Contribution[] = []
  const fitTotal = addComponent(contributions, 'fit', profile.fitLines, weights.fit, 'Fit limited to 0–100')
  const engagementTotal = addComponent(
    contributions,
    'engagement',
    engagementLines,
    weights.engagement,
    'Engagement limited to 0–100',
  )
  for (const contribution of profile.spamContributions) contributions.push({ ...contribution })
  if (predictive !== null && weights.predictive > 0) {
    const hundredths = roundHundredths(weights.predictive * clamp(predictive, 0, 1) * FULL)
    contributions.push(line('predictive', 'Predictive model', 'predictive', hundredths, hundredths, hundredths, 1))
  }
  let rawTotal = 0
  for (const contribution of contributions) rawTotal += toHundredths(contribution.points)
  const total = clamp(rawTotal, 0, FULL)
  if (total !== rawTotal) {
    const adjustment = total - rawTotal
    contributions.push(line('score_clamp', 'Score limited to 0–100', 'adjustment', adjustment, adjustment, adjustment, 1))
  }

  const fit = fitTotal / 100
  const engagement = engagementTotal / 100
  const score = total / 100
  const grade = gradeOf(fit, model)
  const level = levelOf(engagement, model)
  const stage = stageOf(model, state, nowDay)
  const { spam, spamScore } = profile
  const base = { score, fit, engagement, grade, level, cell: `${grade}${level}`, stage, spam, spamScore }
  const scope = expressionScope(base, lead, model, state, now, predictive)

  let status: LeadStatus = 'lead'
  let fastTrack: string | null = null
  if (!spam) {
    const qualificationScope = scope.of(NO_EXTRA)
    const track = model.qualification.fastTrack.find((rule) => testExpression(rule.when, qualificationScope))
    fastTrack = track?.id ?? null
    const { mql, sql } = model.qualification
    if ((sql !== null && testExpression(sql, qualificationScope)) || track?.to === 'sql') status = 'sql'
    else if ((mql !== null && testExpression(mql, qualificationScope)) || track?.to === 'mql') status = 'mql'
  }
  const segmentScope = scope.of({ status, fast_track: fastTrack })
  const segment = model.segments.find((candidate) => testExpression(candidate.when, segmentScope))?.id ?? null

  return {
    score,
    fit,
    engagement,
    grade,
    level,
    cell: base.cell,
    stage,
    spam,
    spamScore,
    spamReasons: [...profile.spamReasons],
    status,
    fastTrack,
    segment,
    predictive,
    contributions,
    at: now,
  }
}

const NO_EXTRA: Record<string, Literal> = {}

/** What a lead's own fields give under a model: its fit rule lines and its spam verdict. Independent of events and time. */
export interface LeadProfile {
  fitLines: readonly RuleLine[]
  spamContributions: readonly Contribution[]
  spamReasons: readonly string[]
  spamScore: number
  spam: boolean
}

/**
 * Computes what the lead's own fields give under the model. A caller that scores the same lead object
 * again and again (the store's intake path) keeps it and passes it back as `ScoreOptions.profile`.
 */
export function leadProfile(lead: Lead, model: ScoringModel): LeadProfile {
  const read = (path: string): unknown => readLeadField(lead, path)
  const fitLines: RuleLine[] = []
  for (const rule of model.fit) {
    if (!testCondition(rule.when, read)) continue
    const hundredths = roundHundredths(rule.points * 100)
    fitLines.push({ ruleId: rule.id, label: rule.label, hundredths, original: hundredths, count: 1 })
  }
  const spamContributions: Contribution[] = []
  const spamReasons: string[] = []
  let spamScore = 0
  for (const detector of model.spam.detectors) {
    if (!detectSpam(detector, lead)) continue
    const points = roundHundredths(detector.points * 100) / 100
    spamContributions.push({
      ruleId: detector.id,
      label: detector.reason,
      kind: 'spam',
      points,
      subScorePoints: points,
      originalPoints: points,
      count: 1,
    })
    spamReasons.push(detector.reason)
    spamScore += detector.spamPoints
  }
  const spam = spamScore > 0 && spamScore >= model.spam.threshold
  return { fitLines, spamContributions, spamReasons, spamScore, spam }
}

/** A rule's contribution before weighting, in hundredths. */
export interface RuleLine {
  ruleId: string
  label: string
  hundredths: number
  original: number
  count: number
}

function eventRuleLine(rule: EventRule, state: LeadState, now: EpochMs): RuleLine | null {
  const entry = state.r[rule.id]
  if (entry === undefined) return null
  let decayed = 0
  let original = 0
  let count = 0
  for (const occurrence of countedOccurrences(rule, entry)) {
    if (occurrence[0] > now) break
    const factor = decayFactor(rule.decay, occurrence, now)
    if (factor === 0) continue
    decayed += occurrence[2] * factor
    original += occurrence[2]
    count++
  }
  if (count === 0) return null
  return { ruleId: rule.id, label: rule.label, hundredths: roundHundredths(decayed), original, count }
}

function decayFactor(decay: Decay, occurrence: Occurrence, now: EpochMs): number {
  const ageDays = (now - occurrence[0]) / DAY_MS
  switch (decay.kind) {
    case 'none':
      return 1
    case 'half_life':
      return Math.pow(0.5, ageDays / decay.halfLifeDays)
    case 'window':
      return ageDays < decay.windowDays ? 1 : 0
  }
}

function inactivityRuleLine(rule: InactivityRule, state: LeadState, lead: Lead, nowDay: number): RuleLine | null {
  const lastActiveDay = lastDayAtOrBefore(state.r[rule.id]?.d ?? [], nowDay) ?? dayOf(lead.createdAt)
  if (nowDay - lastActiveDay < rule.inactiveDays) return null
  const hundredths = roundHundredths(rule.points * 100)
  return { ruleId: rule.id, label: rule.label, hundredths, original: hundredths, count: 1 }
}

/**
 * Adds one component's weighted contributions plus, when its raw sum leaves 0–100, a clamp line;
 * returns the component's sub-score in hundredths. The weighted lines are rounded so that together
 * they make exactly weight × sum (largest remainders get the spare hundredths), so the score equals
 * w_fit·fit + w_engagement·engagement to the hundredth, not only the sum of rounded lines.
 */
function addComponent(
  out: Contribution[],
  kind: 'fit' | 'engagement',
  lines: readonly RuleLine[],
  weight: number,
  clampLabel: string,
): number {
  const raw = lines.reduce((sum, rule) => sum + rule.hundredths, 0)
  const weighted = apportion(
    lines.map((rule) => weight * rule.hundredths),
    roundHundredths(weight * raw),
  )
  lines.forEach((rule, index) => {
    out.push(line(rule.ruleId, rule.label, kind, weighted[index]!, rule.hundredths, rule.original, rule.count))
  })
  const clamped = clamp(raw, 0, FULL)
  if (clamped !== raw) {
    const excess = clamped - raw
    const adjustment = roundHundredths(weight * clamped) - roundHundredths(weight * raw)
    out.push(line(`${kind}_clamp`, clampLabel, 'adjustment', adjustment, excess, excess, 1))
  }
  return clamped
}

/** Rounds each share down, then gives the hundredths still missing from `total` to the largest remainders. */
function apportion(shares: readonly number[], total: number): number[] {
  const floors = shares.map((share) => Math.floor(share + 1e-9))
  let missing = total - floors.reduce((sum, value) => sum + value, 0)
  const order = shares
    .map((share, index) => ({ index, remainder: share - floors[index]! }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index)
  for (const { index } of order) {
    if (missing <= 0) break
    floors[index]!++
    missing--
  }
  return floors.map((value) => value || 0)
}

function line(
  ruleId: string,
  label: string,
  kind: Contribution['kind'],
  pointsHundredths: number,
  subScoreHundredths: number,
  originalHundredths: number,
  count: number,
): Contribution {
  return {
    ruleId,
    label,
    kind,
    points: pointsHundredths / 100,
    subScorePoints: subScoreHundredths / 100,
    originalPoints: originalHundredths / 100,
    count,
  }
}

/** Without a predictive probability its weight goes to fit and engagement in proportion. */
function effectiveWeights(model: ScoringModel, predictive: number | null): ScoringModel['weights'] {
  const { fit, engagement, predictive: predictiveWeight } = model.weights
  if (predictive !== null || predictiveWeight === 0) return model.weights
  const rest = fit + engagement
  return rest === 0 ? { fit: 0.5, engagement: 0.5, predictive: 0 } : { fit: fit / rest, engagement: engagement / rest, predictive: 0 }
}

function gradeOf(fit: number, model: ScoringModel): FitGrade {
  if (fit >= model.grades.A) return 'A'
  if (fit >= model.grades.B) return 'B'
  if (fit >= model.grades.C) return 'C'
  return 'D'
}

function levelOf(engagement: number, model: ScoringModel): EngagementLevel {
  if (engagement >= model.levels[1]) return 1
  if (engagement >= model.levels[2]) return 2
  if (engagement >= model.levels[3]) return 3
  return 4
}

const STAGE_RANK: Record<BuyingStage, number> = { awareness: 0, investigation: 1, decision: 2, action: 3 }

function stageOf(model: ScoringModel, state: LeadState, nowDay: number): BuyingStage {
  let best: BuyingStage = 'awareness'
  for (const rule of model.stages) {
    if (STAGE_RANK[rule.stage] <= STAGE_RANK[best]) continue
    const reached = rule.rules.some((ruleId) => firedWithin(state, ruleId, nowDay, rule.withinDays))
    if (reached) best = rule.stage
  }
  return best
}

/** Whether the rule matched on a day in (nowDay - withinDays, nowDay], or ever up to now when null. */
function firedWithin(state: LeadState, ruleId: string, nowDay: number, withinDays: number | null): boolean {
  const last = lastDayAtOrBefore(state.r[ruleId]?.d ?? [], nowDay)
  return last !== undefined && (withinDays === null || last > nowDay - withinDays)
}

function expressionScope(
  base: Omit<ScoreResult, 'spamReasons' | 'status' | 'fastTrack' | 'segment' | 'predictive' | 'contributions' | 'at'>,
  lead: Lead,
  model: ScoringModel,
  state: LeadState,
  now: EpochMs,
  predictive: number | null,
): { of(extra: Record<string, Literal>): ExpressionScope } {
  const nowDay = dayOf(now)
  const variables: Record<string, Literal> = {
    score: base.score,
    fit: base.fit,
    engagement: base.engagement,
    fit_grade: base.grade,
    grade: base.grade,
    level: base.level,
    cell: base.cell,
    stage: base.stage,
    spam: base.spam,
    spam_score: base.spamScore,
    predictive: predictive === null ? null : Math.round(predictive * 10_000) / 100,
  }
  const call = (name: string, args: Literal[]): Literal | undefined => {
    const [ruleId, days] = args
    if (typeof ruleId !== 'string') return undefined
    const withinDays = typeof days === 'number' ? days : null
    if (name === 'fired') return firedWithin(state, ruleId, nowDay, withinDays)
    if (name === 'days_since') {
      const last = lastDayAtOrBefore(state.r[ruleId]?.d ?? [], nowDay)
      return last === undefined ? null : nowDay - last
    }
    if (name === 'count') return countWithin(model, state, ruleId, now, withinDays)
    return undefined
  }
  return {
    of: (extra) => ({
      variable: (name) => {
        if (Object.hasOwn(extra, name)) return extra[name]
        if (Object.hasOwn(variables, name)) return variables[name]
        return toLiteral(readLeadField(lead, name))
      },
      call,
    }),
  }
}

function countWithin(model: ScoringModel, state: LeadState, ruleId: string, now: EpochMs, withinDays: number | null): number {
  const rule = model.engagement.find((candidate) => candidate.id === ruleId)
  const entry = state.r[ruleId]
  if (rule === undefined || rule.kind !== 'event' || entry === undefined) return 0
  const from = withinDays === null ? -Infinity : now - withinDays * DAY_MS
  return countedOccurrences(rule, entry).filter(([timestamp]) => timestamp <= now && timestamp > from).length
}

function toLiteral(value: unknown): Literal {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  return null
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** Rounds to a whole number of hundredths, never -0. */
function roundHundredths(value: number): number {
  return Math.round(value) || 0
}

function toHundredths(points: number): number {
  return Math.round(points * 100)
}
