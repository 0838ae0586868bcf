// Reports on held-out probabilities that people read: calibration bins, deciles, precision/recall.
//
// Every function takes (probabilities, labels) in that order and returns plain objects with
// snake_case keys, because the results go into JSON reports (`leadscore evaluate --json`, training
// reports) as they are. Labels are 0/1: 1 = converted; any other value counts as not converted.

function checkInputs(
  name: string,
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
): void {
  if (probabilities.length !== labels.length) {
    const counts = `${probabilities.length} probabilities but ${labels.length} labels`
    throw new RangeError(`${name}: ${counts}; pass one label per row`)
  }
  for (let i = 0; i < probabilities.length; i++) {
    if (!Number.isFinite(probabilities[i])) {
      throw new RangeError(`${name}: row ${i} has no finite probability (got ${probabilities[i]})`)
    }
  }
}

/** One equal-width probability bin of a calibration table. */
export interface CalibrationBin {
  /** Lower edge of the bin (inclusive). */
  lower: number
  /** Upper edge of the bin (exclusive, except that the last bin includes 1). */
  upper: number
  /** Rows whose probability falls in the bin. */
  count: number
  /** Of those, the rows that converted. */
  positives: number
  /** Mean predicted probability of the rows in the bin; null when the bin is empty. */
  mean_predicted: number | null
  /**
   * Share of the rows in the bin that converted; null when the bin is empty. A well calibrated
   * model has it close to `mean_predicted` in every bin with enough rows.
   */
  observed_rate: number | null
}

/**
 * Groups rows into `bins` equal-width probability bins ([0, 0.1), [0.1, 0.2) … [0.9, 1] for ten)
 * and compares the mean prediction with the observed conversion rate in each. Always returns
 * `bins` rows, empty bins included (count 0, rates null), so tables and charts keep their shape.
 * Probabilities outside [0, 1] fall in the first or last bin.
 *
 * @example
 * calibrationTable([0.05, 0.15, 0.12], [0, 1, 1], 10)[1]
 * // { lower: 0.1, upper: 0.2, count: 2, positives: 2, mean_predicted: 0.135, observed_rate: 1 }
 */
export function calibrationTable(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  checkInputs('calibrationTable', probabilities, labels)
  if (!(Number.isInteger(bins) && bins >= 1)) {
    throw new RangeError(`calibrationTable: bins must be an integer >= 1 (got ${bins})`)
  }
  const sums = new Float64Array(bins)
  const positives = new Float64Array(bins)
  const counts = new Float64Array(bins)
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))
    sums[bin]! += p
    counts[bin]!++
    if (labels[i] === 1) positives[bin]!++
  }
  return Array.from({ length: bins }, (_, b) => {
    const count = counts[b]!
    return {
      lower: b / bins,
      upper: (b + 1) / bins,
      count,
      positives: positives[b]!,
      mean_predicted: count > 0 ? sums[b]! / count : null,
      observed_rate: count > 0 ? positives[b]! / count : null,
    }
  })
}

/** Conversion in one tenth of the rows ranked by probability. */
export interface DecileRow {
  /** 1 = the tenth of rows with the highest probabilities, 10 = the lowest. */
  decile: number
  /** Rows in the decile (they differ by at most one between deciles). */
  count: number
  /** Of those, the rows that converted. */
  positives: number
  /** positives / count; 0 for an empty decile. */
  conversion_rate: number
  /**
   * conversion_rate divided by the overall conversion rate: 3 means three times as likely to
   * convert as an average row. 0 when nothing converted at all.
   */
  lift: number
  /** Share of all converted rows found in deciles 1..this one (0 when nothing converted). */
  cumulative_recall: number
  /** Lowest probability in the decile; null for an empty decile (fewer than ten rows). */
  min_probability: number | null
  /** Highest probability in the decile; null for an empty decile. */
  max_probability: number | null
}

/**
 * Ranks rows by probability, highest first, cuts them into ten groups of near-equal size and
 * reports conversion and lift per group — "the top 10 % converts at 4× the average". Ties keep
 * row order, so equal probabilities may straddle two deciles; the result is deterministic.
 *
 * @example
 * const top = decileTable(probabilities, labels)[0]!
 * top.lift // 3.2: the best-scored tenth converts 3.2 times as often as the average lead
 */
export function decileTable(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
): DecileRow[] {
  checkInputs('decileTable', probabilities, labels)
  const n = probabilities.length
  const order = Int32Array.from({ length: n }, (_, i) => i)
  order.sort((a, b) => probabilities[b]! - probabilities[a]! || a - b)
  let total = 0
  for (let i = 0; i < n; i++) if (labels[i] === 1) total++
  const overall = n > 0 ? total / n : 0
  const rows: DecileRow[] = []
  let found = 0
  for (let d = 0; d < 10; d++) {
    const start = Math.floor((d * n) / 10)
    const end = Math.floor(((d + 1) * n) / 10)
    let positives = 0
    for (let k = start; k < end; k++) if (labels[order[k]!] === 1) positives++
    found += positives
    const count = end - start
    const conversionRate = count > 0 ? positives / count : 0
    rows.push({
      decile: d + 1,
      count,
      positives,
      conversion_rate: conversionRate,
      lift: overall > 0 ? conversionRate / overall : 0,
      cumulative_recall: total > 0 ? found / total : 0,
      min_probability: count > 0 ? probabilities[order[end - 1]!]! : null,
      max_probability: count > 0 ? probabilities[order[start]!]! : null,
    })
  }
  return rows
}

/** Confusion counts and rates when rows with probability >= threshold are called positive. */
export interface ThresholdReport {
  /** The probability at or above which a row is called positive. */
  threshold: number
  /** Called positive and converted. */
  true_positives: number
  /** Called positive, did not convert. */
  false_positives: number
  /** Not called positive, converted (missed). */
  false_negatives: number
  /** Not called positive, did not convert. */
  true_negatives: number
  /** Of the rows called positive, the share that converted (0 when none is called positive). */
  precision: number
  /** Of the rows that converted, the share called positive (0 without converted rows). */
  recall: number
  /** Harmonic mean of precision and recall (0 when both are 0). */
  f1: number
}

/**
 * Precision and recall when every row with probability >= `threshold` is called positive — the
 * question "if sales only calls leads above this, how many calls are wasted and how many buyers
 * are missed?".
 *
 * @example
 * precisionRecallAt([0.9, 0.6, 0.4, 0.1], [1, 0, 1, 0], 0.5)
 * // { threshold: 0.5, true_positives: 1, false_positives: 1, …, precision: 0.5, recall: 0.5 }
 */
export function precisionRecallAt(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): ThresholdReport {
  checkInputs('precisionRecallAt', probabilities, labels)
  if (!Number.isFinite(threshold)) {
    throw new RangeError(`precisionRecallAt: threshold must be a finite number (got ${threshold})`)
  }
  let truePositives = 0
  let falsePositives = 0
  let falseNegatives = 0
  let trueNegatives = 0
  for (let i = 0; i < probabilities.length; i++) {
    const called = probabilities[i]! >= threshold
    if (labels[i] === 1) {
      if (called) truePositives++
      else falseNegatives++
    } else if (called) falsePositives++
    else trueNegatives++
  }
  const calledPositive = truePositives + falsePositives
  const actualPositive = truePositives + falseNegatives
  const precision = calledPositive > 0 ? truePositives / calledPositive : 0
  const recall = actualPositive > 0 ? truePositives / actualPositive : 0
  return {
    threshold,
    true_positives: truePositives,
    false_positives: falsePositives,
    false_negatives: falseNegatives,
    true_negatives: trueNegatives,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
  }
}
