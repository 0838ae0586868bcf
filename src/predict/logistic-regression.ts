// L2-regularised logistic regression on standardised inputs, fitted by Newton's method (IRLS).
import type { Dataset } from './dataset.js'
import { accumulateMoments, columnStatistics, sparseRows } from './logistic-moments.js'
import { sigmoid, solveCholesky } from './matrix.js'
import { predictRows, type BinaryClassifier, type Contributions } from './model.js'

export interface LogisticRegressionOptions {
  /**
   * L2 penalty: minimises Σ log-loss + (l2 / 2)·‖w‖² over standardised weights, intercept
   * unpenalised. l2 = 1 / C of scikit-learn's LogisticRegression. Default: 1.
   */
  l2?: number
  /** Most Newton steps. Default: 100. */
  maxIterations?: number
  /** Stop when no standardised weight moves more than this in a Newton step. Default: 1e-6. */
  tolerance?: number
}

/** Everything needed to predict: what the artifact stores. Weights are in standardised units. */
export interface LogisticRegressionState {
  names: string[]
  /** Training mean of each column (also the value imputed for missing). */
  means: number[]
  /** Training standard deviation of each column (1 when constant). */
  scales: number[]
  /** Intercept in standardised units: the log-odds of a row at the means. */
  intercept: number
  /** Weight per standardised column. */
  weights: number[]
}

/** Intercept and weights of the linear log-odds. */
export interface Coefficients {
  intercept: number
  weights: Float64Array
}

/** A trained logistic regression: the common classifier API plus its coefficients. */
export interface LogisticRegressionModel extends BinaryClassifier {
  readonly algo: 'lr'
  readonly state: LogisticRegressionState
  /** Log-odds per unit of each raw column (what a "learned points" table is built from). */
  readonly coefficients: Coefficients
  /** Log-odds per standard deviation of each column: comparable across columns. */
  readonly standardizedCoefficients: Coefficients
  /** Newton steps taken, and whether the tolerance was reached. */
  readonly iterations: number
  readonly converged: boolean
}

/**
 * Fits the model by Newton steps with a backtracking line search. The Hessian is accumulated on the
 * raw sparse rows and transformed to standardised units, so one-hot columns stay cheap.
 *
 * @example
 * const model = fitLogisticRegression(train, { l2: 1 })
 * model.coefficients.weights // log-odds per unit of each column
 */
export function fitLogisticRegression(
  dataset: Dataset,
  options: LogisticRegressionOptions = {},
): LogisticRegressionModel {
  const l2 = options.l2 ?? 1
  const maxIterations = options.maxIterations ?? 100
  const tolerance = options.tolerance ?? 1e-6
  const { rows, cols, y } = dataset
  const { means, scales } = columnStatistics(dataset)
  const shifts = means.map((mean, j) => (Math.abs(mean) > scales[j]! ? mean : 0))
  const sparse = sparseRows(dataset, means, shifts)
  // Means of the stored (shifted) values, which is what the moment formulas need.
  const storedMeans = means.map((mean, j) => mean - shifts[j]!)
  const p = cols + 1
  // theta[0] = intercept, theta[1 + j] = standardised weight of column j.
  let theta = new Float64Array(p)
  let positives = 0
  for (let i = 0; i < rows; i++) positives += y[i]!
  const rate = Math.min(Math.max(positives / Math.max(rows, 1), 1e-6), 1 - 1e-6)
  theta[0] = Math.log(rate / (1 - rate))
  const eta = new Float64Array(rows)

  const margins = (t: Float64Array): void => {
    let offset = t[0]!
    const raw = new Float64Array(cols)
    for (let j = 0; j < cols; j++) {
      raw[j] = t[j + 1]! / scales[j]!
      offset -= raw[j]! * storedMeans[j]!
    }
    for (let i = 0; i < rows; i++) {
      let z = offset
      for (let k = sparse.start[i]!; k < sparse.start[i + 1]!; k++) {
        z += raw[sparse.column[k]!]! * sparse.value[k]!
      }
      eta[i] = z
    }
  }
  const objective = (t: Float64Array): number => {
    margins(t)
    let sum = 0
    for (let i = 0; i < rows; i++) {
      const z = eta[i]!
      sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z
    }
    for (let j = 1; j < p; j++) sum += 0.5 * l2 * t[j]! ** 2
    return sum
  }

  let current = objective(theta)
  let iterations = 0
  let converged = false
  while (iterations < maxIterations && !converged) {
    iterations++
    // Moments of the stored values, then transformed to standardised units z = (x − mean) / scale.
    const { a, r } = accumulateMoments(sparse, eta, y, p)
    const gradient = new Float64Array(p)
    const hessian = new Float64Array(p * p)
    gradient[0] = r[0]!
    hessian[0] = a[0]!
    for (let j = 1; j < p; j++) {
      const mj = storedMeans[j - 1]!
      const sj = scales[j - 1]!
      gradient[j] = (r[j]! - mj * r[0]!) / sj + l2 * theta[j]!
      const h0j = (a[j]! - mj * a[0]!) / sj
      hessian[j] = h0j
      hessian[j * p] = h0j
      for (let k = j; k < p; k++) {
        const mk = storedMeans[k - 1]!
        const ajk = a[j * p + k]! - mj * a[k]! - mk * a[j]! + mj * mk * a[0]!
        const hjk = ajk / (sj * scales[k - 1]!) + (j === k ? l2 : 0)
        hessian[j * p + k] = hjk
        hessian[k * p + j] = hjk
      }
    }
    let step = solveCholesky(hessian, gradient, p)
    for (let jitter = 1e-10; step === null && jitter < 1e6; jitter *= 100) {
      const damped = hessian.slice()
      for (let j = 0; j < p; j++) damped[j * p + j]! += jitter * (1 + Math.abs(hessian[j * p + j]!))
      step = solveCholesky(damped, gradient, p)
    }
    if (step === null) break
    const direction = step
    let largest = 0
    for (let j = 0; j < p; j++) largest = Math.max(largest, Math.abs(direction[j]!))
    if (largest < tolerance) {
      // Converged: the objective cannot resolve a step this small, so take it without a line
      // search.
      theta = theta.map((t, j) => t - direction[j]!)
      converged = true
    } else {
      let length = 1
      for (let halvings = 0; halvings < 30; halvings++, length /= 2) {
        const next = theta.map((t, j) => t - length * direction[j]!)
        const value = objective(next)
        if (value <= current) {
          theta = next
          current = value
          break
        }
      }
      converged = length * largest < tolerance
    }
    margins(theta)
  }
  return createLogisticRegressionModel(
    {
      names: dataset.names,
      means: Array.from(means),
      scales: Array.from(scales),
      intercept: theta[0]!,
      weights: Array.from(theta.subarray(1)),
    },
    { iterations, converged },
  )
}

/** Rebuilds a model from its state (e.g. one loaded from an artifact). */
export function createLogisticRegressionModel(
  state: LogisticRegressionState,
  fit: { iterations: number; converged: boolean } = { iterations: 0, converged: true },
): LogisticRegressionModel {
  const cols = state.names.length
  const means = Float64Array.from(state.means)
  const scales = Float64Array.from(state.scales)
  const standardized = Float64Array.from(state.weights)
  const raw = standardized.map((w, j) => w / scales[j]!)
  let rawIntercept = state.intercept
  for (let j = 0; j < cols; j++) rawIntercept -= raw[j]! * means[j]!
  const margin = (row: ArrayLike<number>): number => {
    let z = state.intercept
    for (let j = 0; j < cols; j++) {
      const v = row[j]!
      if (v === v) z += standardized[j]! * ((v - means[j]!) / scales[j]!)
    }
    return z
  }
  return {
    algo: 'lr',
    names: state.names,
    state,
    coefficients: { intercept: rawIntercept, weights: raw },
    standardizedCoefficients: { intercept: state.intercept, weights: standardized },
    iterations: fit.iterations,
    converged: fit.converged,
    margin,
    predict: (row) => sigmoid(margin(row)),
    predictMatrix: (x: Float64Array) => predictRows(x, cols, margin),
    contributions(row: ArrayLike<number>): Contributions {
      const values = new Float64Array(cols)
      for (let j = 0; j < cols; j++) {
        const v = row[j]!
        values[j] = v === v ? standardized[j]! * ((v - means[j]!) / scales[j]!) : 0
      }
      return { bias: state.intercept, values }
    },
  }
}
