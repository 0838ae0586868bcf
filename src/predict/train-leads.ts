// Training straight from leads with known outcomes: rows with the leakage rule applied, then the pipeline.
import type { ScoringModel } from '../core/index.js'
import type { PredictiveAlgo } from './model.js'
import { trainingSteps, type TrainingProgress, type TrainingResult } from './train.js'
import { OUTCOME_EVENT_TYPES, outcomeFeatureNames, trainingRows, type TrainingItem } from './training-rows.js'

export interface TrainLeadsOptions {
  algo: PredictiveAlgo
  /** Default: 42. */
  seed?: number | undefined
  /** Default: 5. */
  folds?: number | undefined
  /** The active scoring model, for the threshold at its MQL share. Default: none (threshold 0.5). */
  scoringModel?: ScoringModel | undefined
  /** Default: OUTCOME_EVENT_TYPES. */
  outcomeEventTypes?: readonly string[] | undefined
}

/**
 * The training steps for leads with outcomes (see `trainingRows` for the cut-off rule): outcome-like event
 * counts are never features, and the outcome event types go into the artifact so `predictLead` stops at
 * the same events. Throws InsufficientDataError on the first step when there are too few outcomes.
 *
 * @example
 * const result = runTraining(trainLeadsSteps(await store.trainingSet(), { algo: 'gbdt' }), console.log)
 */
export function trainLeadsSteps(
  items: readonly TrainingItem[],
  options: TrainLeadsOptions,
): Generator<TrainingProgress, TrainingResult, void> {
  const outcomeEventTypes = [...(options.outcomeEventTypes ?? OUTCOME_EVENT_TYPES)]
  const rows = trainingRows(items, { outcomeEventTypes, scoringModel: options.scoringModel })
  return trainingSteps(rows.records, rows.labels, rows.createdAt, {
    algo: options.algo,
    seed: options.seed,
    folds: options.folds,
    mqlFlags: rows.mql,
    exclude: outcomeFeatureNames(outcomeEventTypes),
    featureParams: { outcome_event_types: outcomeEventTypes },
  })
}
