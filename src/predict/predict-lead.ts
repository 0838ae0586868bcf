// One lead, now: its conversion probability from a trained artifact, a 0–100 score and the factors behind it.
import type { EpochMs, Lead, LeadEvent } from '../core/index.js'
import { ArtifactError, type LoadedArtifact } from './artifact.js'
import { LEAD_FEATURES_VERSION, leadFeatureRecords } from './lead-features.js'
import { encodeRecords } from './tabular.js'
import { featureCutoff, OUTCOME_EVENT_TYPES } from './training-rows.js'

/** One feature's push on a lead's log-odds, with the value the lead has for it. */
export interface LeadFactor {
  /** Encoded feature name: a column (`events_page_view`) or `column=level` (`industry=Software`). */
  feature: string
  /** The lead's value of the feature (1/0 for a level); null when missing. */
  value: number | null
  /** Log-odds added: LR weight × standardised value, GBDT Saabas path contribution. */
  contribution: number
}

/** What a published predictive model says about one lead. */
export interface LeadPrediction {
  /** Conversion probability, 0–1. */
  probability: number
  /** The probability on the 0–100 scale of the other scores, in hundredths. */
  score: number
  /** The features that raised (largest first) and lowered (most negative first) the log-odds. */
  factors: { positive: LeadFactor[]; negative: LeadFactor[] }
}

/** Factors listed on each side. */
export const FACTOR_LIMIT = 5

/**
 * Predicts with the features computed exactly as in training: the artifact's feature spec, its
 * LEAD_FEATURES_VERSION, and its outcome event types (features stop at the first such event). Events at or
 * before `now` count. Throws ArtifactError when the artifact was trained on another feature version.
 *
 * @example
 * const loaded = loadArtifact(JSON.parse(text))
 * predictLead(loaded, lead, events, Date.now()).factors.positive[0]
 * // { feature: 'events_demo_request', value: 1, contribution: 1.4 }
 */
export function predictLead(
  loaded: LoadedArtifact,
  lead: Lead,
  events: readonly LeadEvent[],
  now: EpochMs,
  limit = FACTOR_LIMIT,
): LeadPrediction {
  const { artifact, model } = loaded
  const version = artifact.params.lead_features_version ?? LEAD_FEATURES_VERSION
  if (version !== LEAD_FEATURES_VERSION) {
    throw new ArtifactError(
      `artifact params.lead_features_version: expected ${LEAD_FEATURES_VERSION} ` +
        `(got ${JSON.stringify(version)}); train the model again`,
    )
  }
  const outcomeTypes = outcomeEventTypesOf(artifact.params)
  const cutoff = featureCutoff(events, now + 1, outcomeTypes)
  const [record] = leadFeatureRecords([lead], new Map([[lead.id, events]]), new Map([[lead.id, cutoff]]))
  // A custom event type seen in training but not among this lead's events has a count of 0, not "missing".
  for (const column of artifact.featureSpec.columns) {
    if (column.kind === 'numeric' && column.name.startsWith('events_') && !(column.name in record!)) record![column.name] = 0
  }
  const row = encodeRecords(artifact.featureSpec, [record!])
  const probability = model.predict(row)
  const { values } = model.contributions(row)
  const factors = Array.from(values, (contribution, j) => ({
    feature: model.names[j]!,
    value: Number.isNaN(row[j]!) ? null : row[j]!,
    contribution,
  }))
  const byName = (a: LeadFactor, b: LeadFactor): number => (a.feature < b.feature ? -1 : 1)
  return {
    probability,
    score: Math.round(probability * 10_000) / 100,
    factors: {
      positive: factors
        .filter((factor) => factor.contribution > 0)
        .sort((a, b) => b.contribution - a.contribution || byName(a, b))
        .slice(0, limit),
      negative: factors
        .filter((factor) => factor.contribution < 0)
        .sort((a, b) => a.contribution - b.contribution || byName(a, b))
        .slice(0, limit),
    },
  }
}

/** The outcome event types an artifact was trained with (older artifacts: the defaults). */
function outcomeEventTypesOf(params: Record<string, unknown>): readonly string[] {
  const types = params.outcome_event_types
  if (Array.isArray(types) && types.every((type) => typeof type === 'string')) return types
  return OUTCOME_EVENT_TYPES
}
