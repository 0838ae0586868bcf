// The published predictive model as the API reads it: loaded once per publish, checked on every read.
import type { Static } from 'typebox'
import { loadArtifact, predictLead, type LeadPrediction, type LoadedArtifact } from '../predict/index.js'
import { scoreLead, type EpochMs, type Lead, type LeadEvent, type ScoreResult, type ScoringModel } from '../core/index.js'
import type { Store } from '../store/index.js'
import type { LeadPredictionJson } from './schemas/predictive.js'

/** A loaded predictive model and its id. */
export interface ActivePredictive {
  id: number
  artifact: LoadedArtifact
}

const loaded = new WeakMap<Store, ActivePredictive>()

/**
 * The active predictive model of `store`, or null when none is published. One cheap query per call finds
 * the active id, so a model published by another process or request takes effect on the next read; the
 * artifact is parsed and checked only when that id changes.
 */
export async function activePredictive(store: Store): Promise<ActivePredictive | null> {
  const id = await store.activePredictiveModelId()
  if (id === null) return null
  const cached = loaded.get(store)
  if (cached?.id === id) return cached
  const stored = await store.getPredictiveModel(id)
  if (stored === null) return null
  const active = { id, artifact: loadArtifact(stored.artifact) }
  loaded.set(store, active)
  return active
}

/** The prediction of the active model for a lead at `now`, or null without one. */
export async function predictActive(
  store: Store,
  lead: Lead,
  events: readonly LeadEvent[],
  now: EpochMs,
): Promise<(LeadPrediction & { modelId: number }) | null> {
  const active = await activePredictive(store)
  return active === null ? null : { ...predictLead(active.artifact, lead, events, now), modelId: active.id }
}

/** A prediction as JSON (snake_case). */
export function predictionToJson(
  leadId: string,
  prediction: LeadPrediction & { modelId: number },
): Static<typeof LeadPredictionJson> {
  return {
    lead_id: leadId,
    model_id: prediction.modelId,
    probability: prediction.probability,
    score: prediction.score,
    factors: prediction.factors,
  }
}

/**
 * A lead's score as of `now`, recomputed from its events (so decay is applied at read) and blended with the
 * published predictive model, which is what every lead read shows.
 */
export async function scoreAtRead(
  store: Store,
  model: ScoringModel,
  lead: Lead,
  now: EpochMs,
): Promise<{ score: ScoreResult; prediction: (LeadPrediction & { modelId: number }) | null }> {
  const events = await store.listEvents(lead.id)
  const prediction = await predictActive(store, lead, events, now)
  return { score: scoreLead(lead, events, model, now, { predictive: prediction?.probability ?? null }), prediction }
}
