// The contract both trained models keep: probabilities, log-odds and per-feature contributions.
import { sigmoid } from './matrix.js'

/** Which learner produced a model. */
export type PredictiveAlgo = 'lr' | 'gbdt'

/** How a row's log-odds break down: `bias + Σ values[j]` equals the model's margin for that row. */
export interface Contributions {
  /** The part every row shares (intercept, or baseline plus each tree's root value). */
  bias: number
  /** One additive log-odds contribution per feature column. */
  values: Float64Array
}

/** A trained binary classifier over the feature columns of a dataset (NaN = missing). */
export interface BinaryClassifier {
  /** The learner. */
  readonly algo: PredictiveAlgo
  /** Feature names, in column order; rows passed in must follow it. */
  readonly names: readonly string[]
  /** Log-odds of conversion for one row. */
  margin(row: ArrayLike<number>): number
  /** Probability of conversion for one row. */
  predict(row: ArrayLike<number>): number
  /** Probabilities for every row of a row-major matrix with `names.length` columns. */
  predictMatrix(x: Float64Array): Float64Array
  /** Per-feature contributions to the row's log-odds. */
  contributions(row: ArrayLike<number>): Contributions
}

/** Probabilities for every row of a row-major matrix, from a model's per-row log-odds. */
export function predictRows(x: Float64Array, cols: number, margin: (row: Float64Array) => number): Float64Array {
  const rows = cols === 0 ? 0 : x.length / cols
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) out[i] = sigmoid(margin(x.subarray(i * cols, (i + 1) * cols)))
  return out
}
