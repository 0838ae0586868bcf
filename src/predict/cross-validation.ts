// Validation schemes (stratified k-fold, time split) and evaluateModel, which scores a learner.
import { countPositives, selectRows, type Dataset } from './dataset.js'
import { fitGradientBoosting, type GradientBoostingOptions } from './gbdt.js'
import { fitLogisticRegression, type LogisticRegressionOptions } from './logistic-regression.js'
import { averagePrecision, brierScore, logLoss, rocAuc } from './metrics.js'
import type { BinaryClassifier, PredictiveAlgo } from './model.js'
import { createRandom, shuffleInPlace } from './random.js'

/**
 * Assigns each row a fold 0..k−1 so every fold gets nearly the same number of positives and of
 * negatives. Deterministic for a given seed.
 */
export function stratifiedKFold(y: ArrayLike<number>, folds: number, seed: number): Int32Array {
  if (!(Number.isInteger(folds) && folds >= 2)) {
    throw new RangeError(`folds must be an integer >= 2 (got ${folds})`)
  }
  const random = createRandom(seed)
  const foldOf = new Int32Array(y.length)
  let next = 0
  for (const label of [1, 0]) {
    const rows: number[] = []
    for (let i = 0; i < y.length; i++) if ((y[i] === 1 ? 1 : 0) === label) rows.push(i)
    shuffleInPlace(rows, random)
    // Continue the round robin across classes so fold sizes differ by at most one.
    for (const row of rows) foldOf[row] = next++ % folds
  }
  return foldOf
}

/**
 * Rows ordered by time: the oldest `trainFraction` train, the newest rest test. Ties keep row
 * order.
 */
export function timeSplit(
  times: ArrayLike<number>,
  trainFraction = 0.8,
): { train: Int32Array; test: Int32Array } {
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(times[i])) {
      throw new RangeError(`timeSplit: row ${i} has no valid time (got ${times[i]})`)
    }
  }
  const order = Int32Array.from({ length: times.length }, (_, i) => i)
  order.sort((a, b) => times[a]! - times[b]! || a - b)
  const cut = Math.round(times.length * trainFraction)
  return { train: order.slice(0, cut), test: order.slice(cut) }
}

/** Rows of one fold (`inFold = true`) or of all other folds. */
export function foldRows(foldOf: ArrayLike<number>, fold: number, inFold: boolean): Int32Array {
  const rows: number[] = []
  for (let i = 0; i < foldOf.length; i++) if ((foldOf[i] === fold) === inFold) rows.push(i)
  return Int32Array.from(rows)
}

export type EvaluationParams = LogisticRegressionOptions | GradientBoostingOptions

export interface EvaluateOptions {
  algo: PredictiveAlgo
  /** Number of stratified folds. Default: 5. */
  folds?: number
  /** Seed of the fold assignment (and of the GBDT unless params set one). Default: 0. */
  seed?: number
  /** Options of the learner. Default: its defaults. */
  params?: EvaluationParams
  /** A fold per row to use instead of drawing stratified folds (e.g. shared with another tool). */
  foldOf?: ArrayLike<number>
}

export interface FoldResult {
  fold: number
  train_rows: number
  test_rows: number
  auc: number
  pr_auc: number
  log_loss: number
  brier: number
  fit_seconds: number
  /** Boosting rounds kept (GBDT) or Newton steps (LR). */
  iterations: number
}

/**
 * Means over folds, plus each fold. Snake case because it is written to reports and artifacts as
 * is.
 */
export interface EvaluationSummary {
  algo: PredictiveAlgo
  auc: number
  pr_auc: number
  log_loss: number
  brier: number
  folds: number
  rows: number
  positives: number
  fit_seconds: number
  per_fold: FoldResult[]
}

/** Trains the chosen learner with its options. */
export function fitModel(
  algo: PredictiveAlgo,
  train: Dataset,
  params: EvaluationParams = {},
): BinaryClassifier & { iterations: number } {
  return algo === 'lr' ? fitLogisticRegression(train, params) : fitGradientBoosting(train, params)
}

/** Probabilities predicted for held-out rows by models that did not see them during training. */
export interface HeldOutPredictions {
  /** Dataset row of each prediction. */
  rows: Int32Array
  /** Probability of conversion predicted for each of those rows. */
  probabilities: Float64Array
  /** The label of each of those rows (1 = converted). */
  labels: Uint8Array
}

/** The summary of a validation and the held-out predictions behind it (for calibration, deciles). */
export interface Validation {
  summary: EvaluationSummary
  /** k-fold: every row once, predicted by the model of its fold; time split: the test rows. */
  heldOut: HeldOutPredictions
}

/** Fits on `trainRows`, predicts `testRows` and measures the predictions (also each fold of a training report). */
export function runSplit(
  dataset: Dataset,
  trainRows: Int32Array,
  testRows: Int32Array,
  fold: number,
  algo: PredictiveAlgo,
  params: EvaluationParams | undefined,
): { result: FoldResult; probabilities: Float64Array; labels: Uint8Array } {
  const train = selectRows(dataset, trainRows)
  const test = selectRows(dataset, testRows)
  const started = performance.now()
  const model = fitModel(algo, train, params)
  const fitSeconds = (performance.now() - started) / 1000
  const probabilities = model.predictMatrix(test.x)
  const result: FoldResult = {
    fold,
    train_rows: train.rows,
    test_rows: test.rows,
    auc: rocAuc(test.y, probabilities),
    pr_auc: averagePrecision(test.y, probabilities),
    log_loss: logLoss(test.y, probabilities),
    brier: brierScore(test.y, probabilities),
    fit_seconds: fitSeconds,
    iterations: model.iterations,
  }
  return { result, probabilities, labels: test.y }
}

/** Summary of the given splits: metric means over them (also the training report's cross-validation). */
export function summarizeFolds(
  dataset: Dataset,
  algo: PredictiveAlgo,
  perFold: FoldResult[],
): EvaluationSummary {
  const mean = (key: 'auc' | 'pr_auc' | 'log_loss' | 'brier' | 'fit_seconds'): number =>
    perFold.reduce((sum, result) => sum + result[key], 0) / perFold.length
  return {
    algo,
    auc: mean('auc'),
    pr_auc: mean('pr_auc'),
    log_loss: mean('log_loss'),
    brier: mean('brier'),
    folds: perFold.length,
    rows: dataset.rows,
    positives: countPositives(dataset.y),
    fit_seconds: mean('fit_seconds'),
    per_fold: perFold,
  }
}

/** Learner options with the run's seed for the GBDT unless the params set one. */
function learnerParams(options: EvaluateOptions): EvaluationParams | undefined {
  return options.algo === 'gbdt' ? { seed: options.seed ?? 0, ...options.params } : options.params
}

/**
 * Cross-validates a learner: fits on k−1 folds, scores the held-out fold, averages the metrics, and
 * keeps every row's out-of-fold probability (as scikit-learn's `cross_val_predict`).
 *
 * @example
 * const { summary, heldOut } = crossValidate(dataset, { algo: 'lr', folds: 5, seed: 1 })
 * calibrationTable(heldOut.probabilities, heldOut.labels)
 */
export function crossValidate(dataset: Dataset, options: EvaluateOptions): Validation {
  const foldOf =
    options.foldOf ?? stratifiedKFold(dataset.y, options.folds ?? 5, options.seed ?? 0)
  let folds = 0
  for (let i = 0; i < foldOf.length; i++) folds = Math.max(folds, foldOf[i]! + 1)
  const params = learnerParams(options)
  const perFold: FoldResult[] = []
  const rows = new Int32Array(dataset.rows)
  const probabilities = new Float64Array(dataset.rows)
  const labels = new Uint8Array(dataset.rows)
  let filled = 0
  for (let fold = 0; fold < folds; fold++) {
    const testRows = foldRows(foldOf, fold, true)
    const split = runSplit(dataset, foldRows(foldOf, fold, false), testRows, fold, options.algo, params)
    perFold.push(split.result)
    rows.set(testRows, filled)
    probabilities.set(split.probabilities, filled)
    labels.set(split.labels, filled)
    filled += testRows.length
  }
  return { summary: summarizeFolds(dataset, options.algo, perFold), heldOut: { rows, probabilities, labels } }
}

/**
 * Cross-validates a learner: fits on k−1 folds, scores the held-out fold, averages the metrics.
 *
 * @example
 * const summary = evaluateModel(dataset, { algo: 'gbdt', folds: 5, seed: 1 })
 * summary.auc // mean ROC AUC over the five held-out folds
 */
export function evaluateModel(dataset: Dataset, options: EvaluateOptions): EvaluationSummary {
  return crossValidate(dataset, options).summary
}

/** Options of a validation on a time split. */
export interface TimeSplitOptions {
  algo: PredictiveAlgo
  /** Share of the rows, oldest first, to train on. Default: 0.8. */
  trainFraction?: number
  /** Seed of the GBDT unless params set one. Default: 0. */
  seed?: number
  /** Options of the learner. Default: its defaults. */
  params?: EvaluationParams
}

/**
 * Trains on the oldest rows and tests on the newest (`timeSplit`), the way a model is used: fitted
 * on the past, applied to leads that arrive later. The summary has `folds: 1`.
 *
 * @example
 * const { summary } = validateTimeSplit(dataset, createdAtMs, { algo: 'gbdt', seed: 1 })
 */
export function validateTimeSplit(
  dataset: Dataset,
  times: ArrayLike<number>,
  options: TimeSplitOptions,
): Validation {
  if (times.length !== dataset.rows) {
    throw new RangeError(`validateTimeSplit: ${times.length} times for ${dataset.rows} rows`)
  }
  const fraction = options.trainFraction ?? 0.8
  if (!(fraction > 0 && fraction < 1)) {
    throw new RangeError(`trainFraction must be between 0 and 1, exclusive (got ${fraction})`)
  }
  const { train, test } = timeSplit(times, fraction)
  const params = learnerParams({ algo: options.algo, seed: options.seed, params: options.params })
  const split = runSplit(dataset, train, test, 0, options.algo, params)
  return {
    summary: summarizeFolds(dataset, options.algo, [split.result]),
    heldOut: { rows: test, probabilities: split.probabilities, labels: split.labels },
  }
}
