// Quantile binning for the GBDT: ≤ 255 ordered bins per feature, missing values in bin 255.

/** The bin that holds missing values, whatever the feature. */
export const MISSING_BIN = 255

/**
 * Per-feature upper bin edges: a value v falls in the first bin t with v <= edges[t], or the last
 * bin.
 */
export interface Binning {
  /** `edges[f]` has (number of bins of f) − 1 increasing values. */
  edges: Float64Array[]
}

/** Number of non-missing bins of a feature. */
export function binCount(binning: Binning, feature: number): number {
  return binning.edges[feature]!.length + 1
}

/**
 * Fits bin edges on the given rows: midpoints between distinct values when there are at most
 * `maxBins` of them, otherwise midpoint-interpolated quantiles (as scikit-learn's
 * HistGradientBoosting does).
 */
export function fitBinning(
  x: Float64Array,
  cols: number,
  rows: ArrayLike<number>,
  maxBins: number,
): Binning {
  if (!(maxBins >= 2 && maxBins <= 255)) {
    throw new RangeError(`maxBins must be in 2..255 (got ${maxBins})`)
  }
  const edges: Float64Array[] = []
  const values = new Float64Array(rows.length)
  for (let f = 0; f < cols; f++) {
    let n = 0
    for (let i = 0; i < rows.length; i++) {
      const v = x[rows[i]! * cols + f]!
      if (v === v) values[n++] = v
    }
    const present = values.subarray(0, n)
    // Most columns (one-hot, counts, codes) have few distinct values: find them without a full sort.
    const few = new Set<number>()
    for (let i = 0; i < n && few.size <= maxBins; i++) few.add(present[i]!)
    const featureEdges: number[] = []
    if (few.size <= maxBins) {
      const distinct = Float64Array.from(few).sort()
      for (let i = 1; i < distinct.length; i++) {
        featureEdges.push((distinct[i - 1]! + distinct[i]!) / 2)
      }
    } else {
      const sorted = present.slice().sort()
      for (let q = 1; q < maxBins; q++) {
        const position = (q / maxBins) * (n - 1)
        const edge = (sorted[Math.floor(position)]! + sorted[Math.ceil(position)]!) / 2
        const previous = featureEdges[featureEdges.length - 1]
        if (previous === undefined || edge > previous) featureEdges.push(edge)
      }
    }
    edges.push(Float64Array.from(featureEdges))
  }
  return { edges }
}

/** The bin of one value (binary search over the edges). */
export function binOf(edges: Float64Array, value: number): number {
  if (value !== value) return MISSING_BIN
  let low = 0
  let high = edges.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (edges[middle]! < value) low = middle + 1
    else high = middle
  }
  return low
}

/** Bins the given rows of a row-major matrix into a row-major Uint8Array (`rows.length × cols`). */
export function binRows(
  binning: Binning,
  x: Float64Array,
  cols: number,
  rows: ArrayLike<number>,
): Uint8Array {
  const bins = new Uint8Array(rows.length * cols)
  for (let i = 0; i < rows.length; i++) {
    const base = rows[i]! * cols
    for (let f = 0; f < cols; f++) bins[i * cols + f] = binOf(binning.edges[f]!, x[base + f]!)
  }
  return bins
}
