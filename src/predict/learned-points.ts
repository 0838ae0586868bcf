// Learned points: fit a logistic regression on which rules fired for leads with outcomes and suggest rule points.
import { createDataset } from './dataset.js'
import { fitLogisticRegression } from './logistic-regression.js'

/** A rule of the scoring model, as the learned-points table reads it. */
export interface PointsRule {
  id: string
  label: string
  kind: 'fit' | 'engagement'
  /** The rule's fixed points; null for a rule whose points scale with a property (`points_per`). */
  points: number | null
}

/** Options for {@link learnPoints}. */
export interface LearnedPointsOptions {
  /** L2 penalty of the logistic regression (on standardised weights). Default: 1. */
  l2?: number
  /** Fewest leads on which a rule must have fired, and not fired, to learn its points. Default: 10. */
  minSupport?: number
}

/** Why a rule got (or did not get) a suggestion. */
export type LearnedPointsNote = 'learned' | 'too_few_leads' | 'per_unit'

/** One row of the learned-points table. */
export interface LearnedPoint {
  ruleId: string
  label: string
  kind: 'fit' | 'engagement'
  /** The model's points now; null for `points_per` rules. */
  currentPoints: number | null
  /** The suggestion; equal to `currentPoints` when nothing was learned (see `note`). */
  suggestedPoints: number | null
  /**
   * Change in log-odds of converting when the rule fires, the other rules held equal; null when the rule
   * was left out of the fit (too few leads on one side).
   */
  coefficient: number | null
  /** Leads with an outcome on which the rule fired, and how many of them converted. */
  firedLeads: number
  firedConverted: number
  /** Leads with an outcome on which it did not fire, and how many of them converted. */
  notFiredLeads: number
  notFiredConverted: number
  note: LearnedPointsNote
}

export interface LearnedPointsResult {
  leads: number
  converted: number
  /**
   * Points per unit of log-odds: Σ |current points| ÷ Σ |coefficient| over the learned fixed-points rules
   * (10 when there is nothing to scale by). Suggested points = round(coefficient × scale), limited to
   * ±100, so the learned rules together keep the weight they have in the model now, redistributed by evidence.
   */
  pointsPerLogOdds: number
  /** Log-odds of a lead on which no rule fired. */
  intercept: number
  rules: LearnedPoint[]
}

/** Points per log-odds when no learned rule has points to scale by: +0.7 log-odds (≈ double odds) = 7 points. */
const DEFAULT_POINTS_PER_LOG_ODDS = 10

/**
 * Fits an L2 logistic regression with one 0/1 column per rule (fired or not on each lead) against the
 * outcomes and turns the coefficients into points on the model's own scale (see `pointsPerLogOdds`). A
 * coefficient is the rule's effect with the other rules held equal, so rules that fire together share
 * the credit; read it beside rule lift, which looks at one rule at a time.
 * Rules fired on fewer than `minSupport` leads, or missing on fewer than that, are left out of the fit and
 * keep their points; so do `points_per` rules, which take part in the fit but have no single points value.
 *
 * @example
 * const table = learnPoints(rules, [['demo_request'], ['student'], []], [1, 0, 0])
 * table.rules[0] // { ruleId: 'demo_request', currentPoints: 20, suggestedPoints: 24, coefficient: 1.9, ... }
 */
export function learnPoints(
  rules: readonly PointsRule[],
  fired: readonly (readonly string[])[],
  labels: ArrayLike<number>,
  options: LearnedPointsOptions = {},
): LearnedPointsResult {
  if (fired.length !== labels.length) {
    throw new RangeError(`learnPoints: ${fired.length} leads but ${labels.length} labels`)
  }
  const minSupport = options.minSupport ?? 10
  const leads = fired.length
  let converted = 0
  for (let i = 0; i < leads; i++) if (labels[i] === 1) converted++
  const support = rules.map((rule) => countSupport(rule.id, fired, labels))
  const included = rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ index }) => support[index]!.fired >= minSupport && leads - support[index]!.fired >= minSupport)
  const coefficients = new Map<string, number>()
  let intercept = Math.log(Math.max(converted, 0.5) / Math.max(leads - converted, 0.5))
  if (included.length > 0) {
    const column = new Map(included.map(({ rule }, j) => [rule.id, j]))
    const x = new Float64Array(leads * included.length)
    fired.forEach((ids, i) => {
      for (const id of ids) {
        const j = column.get(id)
        if (j !== undefined) x[i * included.length + j] = 1
      }
    })
    const y = Uint8Array.from({ length: leads }, (_, i) => (labels[i] === 1 ? 1 : 0))
    const model = fitLogisticRegression(createDataset(x, included.map(({ rule }) => rule.id), y), { l2: options.l2 ?? 1 })
    included.forEach(({ rule }, j) => coefficients.set(rule.id, model.coefficients.weights[j]!))
    intercept = model.coefficients.intercept
  }
  const pointsPerLogOdds = scaleOf(rules, coefficients)
  return {
    leads,
    converted,
    pointsPerLogOdds,
    intercept,
    rules: rules.map((rule, index) => {
      const coefficient = coefficients.get(rule.id) ?? null
      const note: LearnedPointsNote = rule.points === null ? 'per_unit' : coefficient === null ? 'too_few_leads' : 'learned'
      const { fired: firedLeads, firedConverted } = support[index]!
      return {
        ruleId: rule.id,
        label: rule.label,
        kind: rule.kind,
        currentPoints: rule.points,
        suggestedPoints: note === 'learned' ? suggest(coefficient!, pointsPerLogOdds) : rule.points,
        coefficient,
        firedLeads,
        firedConverted,
        notFiredLeads: leads - firedLeads,
        notFiredConverted: converted - firedConverted,
        note,
      }
    }),
  }
}

function countSupport(
  ruleId: string,
  fired: readonly (readonly string[])[],
  labels: ArrayLike<number>,
): { fired: number; firedConverted: number } {
  let count = 0
  let convertedCount = 0
  fired.forEach((ids, i) => {
    if (!ids.includes(ruleId)) return
    count++
    if (labels[i] === 1) convertedCount++
  })
  return { fired: count, firedConverted: convertedCount }
}

/**
 * Σ |points| ÷ Σ |coefficient| over the learned fixed-points rules. A ratio of sums rather than of the largest
 * values, so one extreme coefficient (a rule that almost always means a sale) does not shrink all the others.
 */
function scaleOf(rules: readonly PointsRule[], coefficients: ReadonlyMap<string, number>): number {
  let points = 0
  let logOdds = 0
  for (const rule of rules) {
    const coefficient = coefficients.get(rule.id)
    if (rule.points === null || coefficient === undefined) continue
    points += Math.abs(rule.points)
    logOdds += Math.abs(coefficient)
  }
  return points > 0 && logOdds > 0 ? points / logOdds : DEFAULT_POINTS_PER_LOG_ODDS
}

/** Largest suggested |points|: a sub-score is 0–100, so more could never count. */
const MAX_POINTS = 100

function suggest(coefficient: number, pointsPerLogOdds: number): number {
  // `+ 0` turns a rounded -0 into 0.
  return Math.max(-MAX_POINTS, Math.min(MAX_POINTS, Math.round(coefficient * pointsPerLogOdds))) + 0
}
