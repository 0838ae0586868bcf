// Quality metrics of predicted probabilities against 0/1 labels: ranking (AUC, PR AUC) and loss.
// Tables people read (calibration bins, deciles, precision/recall at a threshold): calibration.ts.

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
