// Quality metrics of predicted probabilities against 0/1 labels: ranking, calibration, lift.

function checkLengths(y: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (y.length !== scores.length) {
    throw new RangeError(`metrics: ${y.length} labels but ${scores.length} scores`)
  }
}

/**
 * Row indices ordered by score, highest first; ties keep row order so results are deterministic.
 */
function byScoreDescending(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i)
  return order.sort((a, b) => scores[b]! - scores[a]! || a - b)
}

/**
 * Area under the ROC curve: the chance a random positive scores above a random negative, ties
 * counting half (computed from average ranks). NaN when one class is absent.
 */
export function rocAuc(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkLengths(y, scores)
  const order = Int32Array.from({ length: scores.length }, (_, i) => i)
  order.sort((a, b) => scores[a]! - scores[b]!)
  let positives = 0
  let rankSum = 0
  for (let start = 0; start < order.length; ) {
    let end = start + 1
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end++
    const averageRank = (start + 1 + end) / 2
    for (let k = start; k < end; k++) {
      if (y[order[k]!] === 1) {
        positives++
        rankSum += averageRank
      }
    }
    start = end
  }
  const negatives = order.length - positives
  if (positives === 0 || negatives === 0) return NaN
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

/**
 * Area under the precision–recall curve as average precision (scikit-learn's
 * average_precision_score): Σ (recallₖ − recallₖ₋₁) · precisionₖ over distinct score thresholds.
 * NaN without positives.
 */
export function averagePrecision(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkLengths(y, scores)
  const order = byScoreDescending(scores)
  let total = 0
  for (let i = 0; i < y.length; i++) if (y[i] === 1) total++
  if (total === 0) return NaN
  let truePositives = 0
  let previousRecall = 0
  let sum = 0
  for (let k = 0; k < order.length; ) {
    let end = k
    while (end < order.length && scores[order[end]!] === scores[order[k]!]) {
      if (y[order[end]!] === 1) truePositives++
      end++
    }
    const recall = truePositives / total
    sum += (recall - previousRecall) * (truePositives / end)
    previousRecall = recall
    k = end
  }
  return sum
}

/** Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15]. Lower is better. */
export function logLoss(y: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  checkLengths(y, probabilities)
  let sum = 0
  for (let i = 0; i < y.length; i++) {
    const p = Math.min(Math.max(probabilities[i]!, 1e-15), 1 - 1e-15)
    sum -= y[i] === 1 ? Math.log(p) : Math.log(1 - p)
  }
  return sum / y.length
}

/** Mean squared difference between probability and label. 0 is perfect; lower is better. */
export function brierScore(y: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  checkLengths(y, probabilities)
  let sum = 0
  for (let i = 0; i < y.length; i++) sum += (probabilities[i]! - y[i]!) ** 2
  return sum / y.length
}

/** One bin of a calibration table. */
export interface CalibrationBin {
  /** Probability range [lower, upper) of the bin (the last bin includes 1). */
  lower: number
  upper: number
  /** Mean predicted probability of the rows in the bin. */
  meanPredicted: number
  /** Share of those rows that converted. Well calibrated: close to meanPredicted. */
  observedRate: number
  count: number
}

/** Rows grouped into `bins` equal-width probability bins; empty bins are left out. */
export function calibrationTable(
  y: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  checkLengths(y, probabilities)
  const sums = new Float64Array(bins)
  const positives = new Float64Array(bins)
  const counts = new Float64Array(bins)
  for (let i = 0; i < y.length; i++) {
    const p = probabilities[i]!
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))
    sums[bin]! += p
    positives[bin]! += y[i]!
    counts[bin]!++
  }
  const table: CalibrationBin[] = []
  for (let b = 0; b < bins; b++) {
    const count = counts[b]!
    if (count === 0) continue
    table.push({
      lower: b / bins,
      upper: (b + 1) / bins,
      meanPredicted: sums[b]! / count,
      observedRate: positives[b]! / count,
      count,
    })
  }
  return table
}

/** Conversion in one decile of rows ranked by score. */
export interface DecileRow {
  /** 1 = the tenth of rows with the highest scores. */
  decile: number
  count: number
  positives: number
  /** positives / count. */
  conversionRate: number
  /** conversionRate divided by the overall rate: 3 means three times as likely to convert. */
  lift: number
  /** Share of all positives found in deciles 1..this one. */
  cumulativeRecall: number
}

/**
 * Ranks rows by score (highest first), cuts them into ten near-equal groups and reports each group.
 */
export function liftByDecile(y: ArrayLike<number>, scores: ArrayLike<number>): DecileRow[] {
  checkLengths(y, scores)
  const order = byScoreDescending(scores)
  const n = order.length
  let total = 0
  for (let i = 0; i < n; i++) total += y[i]!
  const overall = n > 0 ? total / n : 0
  const rows: DecileRow[] = []
  let found = 0
  for (let d = 0; d < 10; d++) {
    const start = Math.floor((d * n) / 10)
    const end = Math.floor(((d + 1) * n) / 10)
    let positives = 0
    for (let k = start; k < end; k++) positives += y[order[k]!]!
    found += positives
    const count = end - start
    const conversionRate = count > 0 ? positives / count : 0
    rows.push({
      decile: d + 1,
      count,
      positives,
      conversionRate,
      lift: overall > 0 ? conversionRate / overall : 0,
      cumulativeRecall: total > 0 ? found / total : 0,
    })
  }
  return rows
}

/** Confusion counts and rates when rows with probability >= threshold are called positive. */
export interface ThresholdReport {
  threshold: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  trueNegatives: number
  /** Of the rows called positive, the share that converted (0 when none is called positive). */
  precision: number
  /** Of the rows that converted, the share called positive (0 without positives). */
  recall: number
}

export function precisionRecallAt(
  y: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): ThresholdReport {
  checkLengths(y, probabilities)
  let truePositives = 0
  let falsePositives = 0
  let falseNegatives = 0
  let trueNegatives = 0
  for (let i = 0; i < y.length; i++) {
    const called = probabilities[i]! >= threshold
    if (y[i] === 1) {
      if (called) truePositives++
      else falseNegatives++
    } else if (called) falsePositives++
    else trueNegatives++
  }
  const calledPositive = truePositives + falsePositives
  const actualPositive = truePositives + falseNegatives
  return {
    threshold,
    truePositives,
    falsePositives,
    falseNegatives,
    trueNegatives,
    precision: calledPositive > 0 ? truePositives / calledPositive : 0,
    recall: actualPositive > 0 ? truePositives / actualPositive : 0,
  }
}
