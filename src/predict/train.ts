// The training pipeline: time split, k-fold on the older part, the final fit and its quality report.
import { createArtifact, type PredictiveArtifact } from './artifact.js'
import {
  calibrationTable,
  decileTable,
  precisionRecallAt,
  type CalibrationBin,
  type DecileRow,
  type ThresholdReport,
} from './calibration.js'
import {
  fitModel,
  foldRows,
  runSplit,
  stratifiedKFold,
  summarizeFolds,
  timeSplit,
  type EvaluationParams,
  type EvaluationSummary,
  type FoldResult,
} from './cross-validation.js'
import { fitGradientBoosting } from './gbdt.js'
import { fitLogisticRegression } from './logistic-regression.js'
import { countPositives, createDataset, type Dataset } from './dataset.js'
import { LEAD_FEATURES_VERSION } from './lead-features.js'
import { averagePrecision, brierScore, logLoss, rocAuc } from './metrics.js'
import { checkMinimumData, type MinimumDataOptions } from './minimum-data.js'
import type { PredictiveAlgo } from './model.js'
import { encodeRecords, featureNames, fitFeatureSpec, type FeatureColumn, type TabularRecord } from './tabular.js'

/** Fewest converted and not converted leads to train on; below that the metrics are noise. */
export const MINIMUM_TRAINING_DATA = { minPositives: 40, minNegatives: 40 } as const

/** Share of the newest leads (by created_at) held out as the test set. */
export const TEST_FRACTION = 0.2

export interface TrainOptions {
  algo: PredictiveAlgo
  /** Seed of the folds and the GBDT. Default: 42. */
  seed?: number | undefined
  /** Stratified folds on the older part; fewer when a class cannot fill them, none below 2. Default: 5. */
  folds?: number | undefined
  /** Learner options. Default: the learner's defaults. */
  params?: EvaluationParams | undefined
  /**
   * Per row, 1 when the rule-based model had the lead at MQL or SQL at its cut-off. Given, the report's
   * threshold calls as many held-out leads positive as the rule model's MQL does ("at the same sales
   * capacity") and compares the two. Default: none; the threshold is 0.5.
   */
  mqlFlags?: ArrayLike<number> | null | undefined
  /** Record fields that are never features (e.g. outcome-like event counts). Default: none. */
  exclude?: readonly string[] | undefined
  /** Recorded in the artifact's params, e.g. `outcome_event_types`; predictLead reads them back. Default: {}. */
  featureParams?: Record<string, unknown> | undefined
  /** Default: MINIMUM_TRAINING_DATA (40 converted and 40 not converted leads). */
  minimumData?: MinimumDataOptions | undefined
}

/** Where training is: `done` of `total` steps (one per fold, the held-out test, the final fit). */
export interface TrainingProgress {
  phase: 'cross_validation' | 'holdout' | 'final'
  done: number
  total: number
}

/** Metrics of probabilities on held-out rows; null when a class is missing there. */
export interface HoldoutMetrics {
  auc: number | null
  pr_auc: number | null
  log_loss: number | null
  brier: number | null
}

/** The quality report stored with every trained model (snake_case: it is served and printed as JSON). */
export interface TrainingReport extends HoldoutMetrics {
  algo: PredictiveAlgo
  seed: number
  /** Leads with an outcome, and how many converted. */
  rows: number
  positives: number
  /** The time split: train on the oldest 80 % by created_at, test on the newest 20 %. */
  split: {
    kind: 'time'
    test_fraction: number
    train_rows: number
    test_rows: number
    test_positives: number
    /** created_at of the oldest held-out lead (ISO 8601); null without held-out leads. */
    test_created_from: string | null
  }
  /** Stratified k-fold on the older part (means over folds, and each fold); null when it could not be run. */
  cross_validation: EvaluationSummary | null
  /** Ten probability bins on the held-out rows. */
  calibration: CalibrationBin[]
  /** Conversion and lift by decile on the held-out rows. */
  deciles: DecileRow[]
  /** Precision and recall on the held-out rows at the threshold (see `basis`). */
  threshold: ThresholdReport & {
    /** `mql_share`: as many leads called as the rule model's MQL; `fixed`: probability 0.5. */
    basis: 'mql_share' | 'fixed'
    /** Share of held-out leads the rule model had at MQL or SQL (with basis mql_share). */
    mql_share: number | null
    /** The rule model's own precision and recall on the same leads (with basis mql_share). */
    rule_precision: number | null
    rule_recall: number | null
  }
  /** Seconds the final fit took, and its iterations (trees kept or Newton steps). */
  fit_seconds: number
  iterations: number
  feature_spec: {
    /** LEAD_FEATURES_VERSION: how records were computed from leads and events. */
    lead_features_version: number
    /** Feature columns after encoding. */
    features: number
    columns: FeatureColumn[]
    excluded: string[]
  }
}

/** The outcome of training: the artifact to store and its report. */
export interface TrainingResult {
  artifact: PredictiveArtifact
  report: TrainingReport
}

/** Too few converted or not converted leads; the message says exactly what is missing. */
export class InsufficientDataError extends Error {
  override readonly name = 'InsufficientDataError'
}

/** NaN (a class missing) as null, which JSON keeps. */
function orNull(value: number): number | null {
  return Number.isFinite(value) ? value : null
}

/**
 * Training as a sequence of steps: yields progress after each fold, the held-out test and the final fit,
 * and returns the result. A caller may pause between steps (the API yields to the event loop there);
 * `trainPredictiveModel` runs it straight through. Deterministic for a given seed.
 */
export function* trainingSteps(
  records: readonly TabularRecord[],
  labels: Uint8Array,
  createdAt: ArrayLike<number>,
  options: TrainOptions,
): Generator<TrainingProgress, TrainingResult, void> {
  const problem = checkMinimumData(labels, options.minimumData ?? MINIMUM_TRAINING_DATA)
  if (problem !== null) throw new InsufficientDataError(problem)
  const seed = options.seed ?? 42
  const exclude = options.exclude ?? []
  const params = options.algo === 'gbdt' ? { seed, ...options.params } : { ...options.params }
  const { train, test } = timeSplit(createdAt, 1 - TEST_FRACTION)
  const trainRecords = Array.from(train, (row) => records[row]!)
  const trainLabels = Uint8Array.from(train, (row) => labels[row]!)
  const trainPositives = countPositives(trainLabels)
  const folds = Math.min(options.folds ?? 5, trainPositives, trainLabels.length - trainPositives)
  const total = (folds >= 2 ? folds : 0) + 2
  let done = 0

  // One spec fitted on the older part serves the folds and the held-out test: newer levels must not shape it.
  const trainSpec = fitFeatureSpec(trainRecords, { exclude })
  const trainSet = createDataset(encodeRecords(trainSpec, trainRecords), featureNames(trainSpec), trainLabels)
  let crossValidation: EvaluationSummary | null = null
  if (folds >= 2) {
    const foldOf = stratifiedKFold(trainLabels, folds, seed)
    const perFold: FoldResult[] = []
    for (let fold = 0; fold < folds; fold++) {
      perFold.push(evaluateFold(trainSet, foldOf, fold, options.algo, params))
      yield { phase: 'cross_validation', done: ++done, total }
    }
    crossValidation = summarizeFolds(trainSet, options.algo, perFold)
  }

  const testRecords = Array.from(test, (row) => records[row]!)
  const testLabels = Uint8Array.from(test, (row) => labels[row]!)
  const holdoutModel = fitModel(options.algo, trainSet, params)
  const probabilities = holdoutModel.predictMatrix(encodeRecords(trainSpec, testRecords))
  const holdout: HoldoutMetrics = {
    auc: orNull(rocAuc(testLabels, probabilities)),
    pr_auc: orNull(averagePrecision(testLabels, probabilities)),
    log_loss: orNull(logLoss(testLabels, probabilities)),
    brier: orNull(brierScore(testLabels, probabilities)),
  }
  const mqlFlags = options.mqlFlags
  const testMql = mqlFlags ? Array.from(test, (row) => mqlFlags[row]!) : null
  const threshold = thresholdReport(probabilities, testLabels, testMql)
  yield { phase: 'holdout', done: ++done, total }

  const spec = fitFeatureSpec(records, { exclude })
  const all = createDataset(encodeRecords(spec, records), featureNames(spec), labels)
  const started = performance.now()
  const model = options.algo === 'lr' ? fitLogisticRegression(all, params) : fitGradientBoosting(all, params)
  const fitSeconds = (performance.now() - started) / 1000
  yield { phase: 'final', done: ++done, total }

  const report: TrainingReport = {
    algo: options.algo,
    seed,
    ...holdout,
    rows: labels.length,
    positives: countPositives(labels),
    split: {
      kind: 'time',
      test_fraction: TEST_FRACTION,
      train_rows: train.length,
      test_rows: test.length,
      test_positives: countPositives(testLabels),
      test_created_from: test.length > 0 ? new Date(createdAt[test[0]!]!).toISOString() : null,
    },
    cross_validation: crossValidation,
    calibration: calibrationTable(probabilities, testLabels, 10),
    deciles: decileTable(probabilities, testLabels),
    threshold,
    fit_seconds: fitSeconds,
    iterations: model.iterations,
    feature_spec: {
      lead_features_version: LEAD_FEATURES_VERSION,
      features: all.cols,
      columns: spec.columns,
      excluded: [...exclude],
    },
  }
  const artifactParams = { ...params, ...options.featureParams, lead_features_version: LEAD_FEATURES_VERSION }
  return { artifact: createArtifact(model, spec, artifactParams, crossValidation ?? undefined), report }
}

/**
 * Runs the pipeline to the end: minimum-data check (throws InsufficientDataError), time split (newest
 * 20 % by created_at held out), stratified k-fold on the older 80 % for the cross-validated metrics, a fit
 * on the older part scored on the held-out part (metrics, calibration, deciles, precision/recall), then
 * the final fit on every row with a spec fitted on every row.
 *
 * @example
 * const { artifact, report } = trainPredictiveModel(rows.records, rows.labels, rows.createdAt, { algo: 'gbdt', seed: 1 })
 */
export function trainPredictiveModel(
  records: readonly TabularRecord[],
  labels: Uint8Array,
  createdAt: ArrayLike<number>,
  options: TrainOptions,
  onProgress?: (progress: TrainingProgress) => void,
): TrainingResult {
  return runTraining(trainingSteps(records, labels, createdAt, options), onProgress)
}

/**
 * Precision and recall on held-out rows: at the rule model's MQL share when flags are given (the
 * probability of the last lead called, so ties are called together), else at 0.5.
 */
function thresholdReport(
  probabilities: Float64Array,
  labels: Uint8Array,
  mqlFlags: number[] | null,
): TrainingReport['threshold'] {
  const called = mqlFlags === null ? 0 : mqlFlags.filter((flag) => flag === 1).length
  if (mqlFlags === null || called === 0 || probabilities.length === 0) {
    return {
      ...precisionRecallAt(probabilities, labels, 0.5),
      basis: 'fixed',
      mql_share: mqlFlags === null ? null : 0,
      rule_precision: null,
      rule_recall: null,
    }
  }
  const sorted = Float64Array.from(probabilities).sort().reverse()
  const threshold = sorted[called - 1]!
  const rule = precisionRecallAt(Float64Array.from(mqlFlags), labels, 0.5)
  return {
    ...precisionRecallAt(probabilities, labels, threshold),
    basis: 'mql_share',
    mql_share: called / probabilities.length,
    rule_precision: rule.precision,
    rule_recall: rule.recall,
  }
}

/** Fits on every fold but one and scores the one left out. */
function evaluateFold(
  dataset: Dataset,
  foldOf: Int32Array,
  fold: number,
  algo: PredictiveAlgo,
  params: EvaluationParams,
): FoldResult {
  return runSplit(dataset, foldRows(foldOf, fold, false), foldRows(foldOf, fold, true), fold, algo, params).result
}

/** Runs training steps to the end, reporting progress after each. */
export function runTraining(
  steps: Generator<TrainingProgress, TrainingResult, void>,
  onProgress?: (progress: TrainingProgress) => void,
): TrainingResult {
  for (;;) {
    const step = steps.next()
    if (step.done === true) return step.value
    onProgress?.(step.value)
  }
}
