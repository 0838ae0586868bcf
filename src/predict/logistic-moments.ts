// The data passes of the logistic-regression fit: column statistics, sparse rows, Newton moments.
import type { Dataset } from './dataset.js'
import { sigmoid } from './matrix.js'

/** Mean and population standard deviation of each column's non-missing values (1 if constant). */
export function columnStatistics(dataset: Dataset): { means: Float64Array; scales: Float64Array } {
  const { rows, cols, x } = dataset
  const means = new Float64Array(cols)
  const scales = new Float64Array(cols)
  const counts = new Float64Array(cols)
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = x[i * cols + j]!
      if (v !== v) continue
      counts[j]!++
      means[j]! += v
    }
  }
  for (let j = 0; j < cols; j++) means[j] = counts[j]! > 0 ? means[j]! / counts[j]! : 0
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = x[i * cols + j]!
      if (v === v) scales[j]! += (v - means[j]!) ** 2
    }
  }
  for (let j = 0; j < cols; j++) {
    const std = counts[j]! > 0 ? Math.sqrt(scales[j]! / counts[j]!) : 0
    scales[j] = std > 1e-12 * Math.max(1, Math.abs(means[j]!)) ? std : 1
  }
  return { means, scales }
}

/**
 * Non-zero values per row (missing → mean), so one-hot columns cost nothing. Columns whose mean is
 * large next to their spread are stored minus their mean: the Hessian is accumulated on these
 * values and then re-centred, and without the shift that subtraction would cancel away most
 * significant digits.
 */
export function sparseRows(
  dataset: Dataset,
  means: Float64Array,
  shifts: Float64Array,
): SparseRows {
  const { rows, cols, x } = dataset
  const stored = (i: number, j: number): number => {
    const v = x[i * cols + j]!
    return (v === v ? v : means[j]!) - shifts[j]!
  }
  let nonZero = 0
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (stored(i, j) !== 0) nonZero++
  const start = new Int32Array(rows + 1)
  const column = new Int32Array(nonZero)
  const value = new Float64Array(nonZero)
  let k = 0
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = stored(i, j)
      if (v === 0) continue
      column[k] = j
      value[k++] = v
    }
    start[i + 1] = k
  }
  return { start, column, value }
}

/** CSR rows: row i holds entries start[i] .. start[i + 1] − 1. */
export interface SparseRows {
  start: Int32Array
  column: Int32Array
  value: Float64Array
}

/**
 * Accumulates Σ d·u·uᵀ (upper triangle) and Σ r·u over augmented rows u = (1, values), p = cols +
 * 1.
 */
export function accumulateMoments(
  sparse: SparseRows,
  eta: Float64Array,
  y: Uint8Array,
  p: number,
): { a: Float64Array; r: Float64Array } {
  const a = new Float64Array(p * p)
  const r = new Float64Array(p)
  const { start, column, value } = sparse
  let a00 = 0
  let r0 = 0
  for (let i = 0; i < eta.length; i++) {
    const prob = sigmoid(eta[i]!)
    const d = prob * (1 - prob)
    const residual = prob - y[i]!
    a00 += d
    r0 += residual
    const last = start[i + 1]!
    for (let k = start[i]!; k < last; k++) {
      const j = column[k]! + 1
      const vk = value[k]!
      const dv = d * vk
      r[j]! += residual * vk
      a[j]! += dv
      const base = j * p + 1
      for (let m = k; m < last; m++) a[base + column[m]!]! += dv * value[m]!
    }
  }
  a[0] = a00
  r[0] = r0
  return { a, r }
}
