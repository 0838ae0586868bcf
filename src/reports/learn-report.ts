// Learned points from the store: which rules fired on leads with outcomes, a logistic regression, a draft YAML.
import { scoreLead, type EpochMs, type ScoringModel } from '../core/index.js'
import { parseModel, setRulePoints } from '../model/index.js'
import { checkMinimumData, learnPoints, type LearnedPointsOptions, type LearnedPointsResult, type PointsRule } from '../predict/index.js'
import type { ActiveModel, Store } from '../store/index.js'
import { ReportError } from './report-error.js'

/** Fewest converted and not converted leads to learn points from; below that the coefficients are noise. */
export const LEARN_MINIMUM_DATA = { minPositives: 40, minNegatives: 40 } as const

/** Learned points and the draft model that applies them. */
export interface LearnReport extends LearnedPointsResult {
  /** The model version the rules and points come from. */
  modelVersion: number
  /** The model's YAML with the suggested points; comments and everything else as they were. */
  yaml: string
  /** Rules whose points the draft changes. */
  changed: number
  /** The stored draft version, when one was created. */
  draftVersion: number | null
}

/** The rules of a model with their fixed points (null for `points_per` rules). */
export function pointsRules(model: ScoringModel): PointsRule[] {
  return [
    ...model.fit.map((rule): PointsRule => ({ id: rule.id, label: rule.label, kind: 'fit', points: rule.points })),
    ...model.engagement.map(
      (rule): PointsRule => ({
        id: rule.id,
        label: rule.label,
        kind: 'engagement',
        points: rule.kind === 'event' && rule.perUnit !== null ? null : rule.points,
      }),
    ),
  ]
}

/**
 * Learns points for the active model's rules from the leads with an outcome. Which rules fired is recomputed
 * with the model as of each lead's outcome date (events strictly before it; `now` when the outcome has no
 * date), so what happened after a conversion cannot leak into the points. Needs 40 converted and 40 not
 * converted leads. With `createDraft` the new YAML is stored as a draft model version.
 *
 * @example const report = await learnReport(store, active, now, { createDraft: true })
 */
export async function learnReport(
  store: Store,
  active: ActiveModel,
  now: EpochMs,
  options: LearnedPointsOptions & { createDraft?: boolean | undefined } = {},
): Promise<LearnReport> {
  if (options.l2 !== undefined && !(options.l2 > 0 && options.l2 <= 1e6)) {
    throw new ReportError('invalid', `l2 must be more than 0 and at most 1e6 (got ${options.l2}).`)
  }
  if (options.minSupport !== undefined && !(Number.isInteger(options.minSupport) && options.minSupport >= 1)) {
    throw new ReportError('invalid', `min support must be a whole number of at least 1 (got ${options.minSupport}).`)
  }
  const stored = await store.getModelVersion(active.version)
  if (stored === null) throw new ReportError('not_found', `There is no model version ${active.version}.`)
  const fired: string[][] = []
  const labels: number[] = []
  for await (const page of store.scanLeads({ withOutcome: true, events: true })) {
    for (const { lead, events, outcome } of page) {
      if (outcome === null) continue
      const cutoff = Math.min(outcome.at ?? now, now)
      const result = scoreLead(lead, events.filter((event) => event.timestamp < cutoff), active.model, cutoff)
      fired.push(
        result.contributions
          .filter((c) => (c.kind === 'fit' || c.kind === 'engagement') && c.count > 0)
          .map((c) => c.ruleId),
      )
      labels.push(outcome.converted ? 1 : 0)
    }
  }
  const problem = checkMinimumData(labels, LEARN_MINIMUM_DATA)
  if (problem !== null) throw new ReportError('not_enough_data', `not enough outcomes to learn points from: ${problem}.`)
  const learned = learnPoints(pointsRules(active.model), fired, labels, options)
  const changes = new Map(
    learned.rules.flatMap((rule) =>
      rule.suggestedPoints !== null && rule.suggestedPoints !== rule.currentPoints ? [[rule.ruleId, rule.suggestedPoints] as const] : [],
    ),
  )
  const { yaml } = setRulePoints(stored.yaml, changes)
  let draftVersion: number | null = null
  if (options.createDraft === true) {
    const parsed = parseModel(yaml)
    if (!parsed.ok) throw new Error(`learned points made model version ${active.version} invalid: ${parsed.errors[0]?.message}`)
    draftVersion = (await store.createModelVersion({ name: parsed.model.name, yaml, checksum: parsed.checksum }, now)).version
  }
  return { ...learned, modelVersion: active.version, yaml, changed: changes.size, draftVersion }
}
