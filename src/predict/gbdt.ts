// Histogram gradient-boosted trees for binary log-loss, in the manner of LightGBM.
import type { Dataset } from './dataset.js'
import { binRows, fitBinning, MISSING_BIN } from './gbdt-binning.js'
import { createTrainingMatrix } from './gbdt-training-matrix.js'
import { TreeGrower, type Tree } from './gbdt-tree.js'
import { sigmoid } from './matrix.js'
import { predictRows, type BinaryClassifier, type Contributions } from './model.js'
import { createRandom, shuffleInPlace } from './random.js'

/** When to stop adding trees: after `patience` rounds without the held-out log loss improving. */
export interface EarlyStoppingOptions {
  /** Share of training rows held out (stratified) to watch the loss. Default: 0.1. */
  validationFraction?: number
  /** Rounds without improvement before stopping; the best round's trees are kept. Default: 10. */
  patience?: number
  /** Smallest decrease of the mean log loss that counts as an improvement. Default: 1e-7. */
  tolerance?: number
}

export interface GradientBoostingOptions {
  /** Shrinkage applied to every leaf value. Default: 0.1. */
  learningRate?: number
  /** Most boosting rounds (trees). Default: 200. */
  maxIterations?: number
  /** Most leaves per tree (grown best first); null = no limit. Default: 31. */
  maxLeafNodes?: number | null
  /** Most depth per tree; null = no limit. Default: null. */
  maxDepth?: number | null
  /** Fewest training rows in a leaf. Default: 20. */
  minSamplesLeaf?: number
  /** L2 penalty λ on leaf values: value = −G / (H + λ). Default: 0. */
  l2?: number
  /**
   * Most non-missing bins per feature (2..255); missing values get a bin of their own. Default:
   * 255.
   */
  maxBins?: number
  /**
   * Early stopping on a held-out share, or false to always grow `maxIterations` trees. Default: on.
   */
  earlyStopping?: EarlyStoppingOptions | false
  /** Seed of the validation split. Default: 0. */
  seed?: number
}

/** Everything needed to predict: what the artifact stores. */
export interface GradientBoostingState {
  names: string[]
  /** Log-odds of the training positive rate, where every row starts. */
  baseline: number
  trees: Tree[]
}

/** A trained GBDT: the common classifier API plus its trees. */
export interface GradientBoostingModel extends BinaryClassifier {
  readonly algo: 'gbdt'
  readonly state: GradientBoostingState
  /** Number of trees kept. */
  readonly iterations: number
}

/** Options with every default filled in. */
export type ResolvedGradientBoostingOptions = Required<
  Omit<GradientBoostingOptions, 'earlyStopping'>
> & {
  earlyStopping: Required<EarlyStoppingOptions> | false
}

/** The defaults, spelled out so artifacts can record the options a model was trained with. */
export function resolveGradientBoostingOptions(
  options: GradientBoostingOptions = {},
): ResolvedGradientBoostingOptions {
  const earlyStopping = options.earlyStopping === false ? false : {
    validationFraction: options.earlyStopping?.validationFraction ?? 0.1,
    patience: options.earlyStopping?.patience ?? 10,
    tolerance: options.earlyStopping?.tolerance ?? 1e-7,
  }
  return {
    learningRate: options.learningRate ?? 0.1,
    maxIterations: options.maxIterations ?? 200,
    maxLeafNodes: options.maxLeafNodes === undefined ? 31 : options.maxLeafNodes,
    maxDepth: options.maxDepth ?? null,
    minSamplesLeaf: options.minSamplesLeaf ?? 20,
    l2: options.l2 ?? 0,
    maxBins: options.maxBins ?? 255,
    earlyStopping,
    seed: options.seed ?? 0,
  }
}

/** Stratified hold-out: about `fraction` of positives and of negatives go to validation. */
function splitForValidation(
  y: Uint8Array,
  fraction: number,
  seed: number,
): { train: Int32Array; validation: Int32Array } {
  const random = createRandom(seed)
  const train: number[] = []
  const validation: number[] = []
  for (const label of [0, 1]) {
    const rows: number[] = []
    for (let i = 0; i < y.length; i++) if (y[i] === label) rows.push(i)
    shuffleInPlace(rows, random)
    const held = Math.round(rows.length * fraction)
    validation.push(...rows.slice(0, held))
    train.push(...rows.slice(held))
  }
  const ascending = (a: number, b: number): number => a - b
  return {
    train: Int32Array.from(train.sort(ascending)),
    validation: Int32Array.from(validation.sort(ascending)),
  }
}

function logLossOf(y: Uint8Array, margin: Float64Array): number {
  let sum = 0
  for (let i = 0; i < y.length; i++) {
    const z = margin[i]!
    // log(1 + e^z) − y·z, computed without overflow.
    sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z
  }
  return sum / y.length
}

function treeValueOfBins(tree: Tree, bins: Uint8Array, offset: number): number {
  let node = 0
  while (tree.feature[node]! >= 0) {
    const bin = bins[offset + tree.feature[node]!]!
    const goLeft =
      bin === MISSING_BIN ? tree.missingLeft[node] === 1 : bin <= tree.thresholdBin[node]!
    node = goLeft ? tree.left[node]! : tree.right[node]!
  }
  return tree.value[node]!
}

/**
 * Fits gradient-boosted trees on a dataset. Deterministic for a given seed.
 *
 * @example
 * const model = fitGradientBoosting(train, { maxIterations: 100, seed: 7 })
 * model.predict(rowOf(test, 0)) // probability of conversion
 */
export function fitGradientBoosting(
  dataset: Dataset,
  options: GradientBoostingOptions = {},
): GradientBoostingModel {
  const resolved = resolveGradientBoostingOptions(options)
  const { cols, x, y } = dataset
  const { earlyStopping } = resolved
  let trainRows: Int32Array = Int32Array.from({ length: dataset.rows }, (_, i) => i)
  let validationRows: Int32Array = new Int32Array(0)
  if (earlyStopping) {
    const split = splitForValidation(y, earlyStopping.validationFraction, resolved.seed)
    if (split.validation.length > 0 && split.train.length > 0) {
      trainRows = split.train
      validationRows = split.validation
    }
  }
  const binning = fitBinning(x, cols, trainRows, resolved.maxBins)
  const trainBins = binRows(binning, x, cols, trainRows)
  const matrix = createTrainingMatrix(trainBins, trainRows.length, binning)
  const grower = new TreeGrower(matrix, resolved)
  const trainY = Uint8Array.from(trainRows, (row) => y[row]!)
  const validationY = Uint8Array.from(validationRows, (row) => y[row]!)
  const validationBins = binRows(binning, x, cols, validationRows)

  let positives = 0
  for (let i = 0; i < trainY.length; i++) positives += trainY[i]!
  const rate = Math.min(Math.max(positives / Math.max(trainY.length, 1), 1e-15), 1 - 1e-15)
  const baseline = Math.log(rate / (1 - rate))
  const margin = new Float64Array(trainY.length).fill(baseline)
  const validationMargin = new Float64Array(validationY.length).fill(baseline)
  const grad = new Float64Array(trainY.length)
  const hess = new Float64Array(trainY.length)
  const trees: Tree[] = []
  let bestLoss = validationY.length > 0 ? logLossOf(validationY, validationMargin) : Infinity
  let bestIterations = 0

  for (let iteration = 0; iteration < resolved.maxIterations; iteration++) {
    for (let i = 0; i < trainY.length; i++) {
      const p = sigmoid(margin[i]!)
      grad[i] = p - trainY[i]!
      hess[i] = p * (1 - p)
    }
    const { tree, leaves } = grower.grow(grad, hess)
    if (tree.feature.length === 1) break
    trees.push(tree)
    for (const leaf of leaves) {
      const value = tree.value[leaf.node]!
      for (let k = leaf.start; k < leaf.end; k++) margin[grower.rowIndex[k]!]! += value
    }
    if (!earlyStopping || validationY.length === 0) continue
    for (let i = 0; i < validationY.length; i++) {
      validationMargin[i]! += treeValueOfBins(tree, validationBins, i * cols)
    }
    const loss = logLossOf(validationY, validationMargin)
    if (loss < bestLoss - earlyStopping.tolerance) {
      bestLoss = loss
      bestIterations = trees.length
    } else if (trees.length - bestIterations >= earlyStopping.patience) {
      break
    }
  }
  if (earlyStopping && validationY.length > 0) trees.length = bestIterations
  return createGradientBoostingModel({ names: dataset.names, baseline, trees })
}

/** The child of an inner node that a row of raw values goes to. */
function childOf(tree: Tree, node: number, row: ArrayLike<number>): number {
  const value = row[tree.feature[node]!]!
  const goLeft = value !== value ? tree.missingLeft[node] === 1 : value <= tree.threshold[node]!
  return goLeft ? tree.left[node]! : tree.right[node]!
}

/** Rebuilds a model from its state (e.g. one loaded from an artifact). */
export function createGradientBoostingModel(state: GradientBoostingState): GradientBoostingModel {
  const { trees, baseline } = state
  const leafOf = (tree: Tree, row: ArrayLike<number>): number => {
    let node = 0
    while (tree.feature[node]! >= 0) node = childOf(tree, node, row)
    return node
  }
  const margin = (row: ArrayLike<number>): number => {
    let sum = baseline
    for (const tree of trees) sum += tree.value[leafOf(tree, row)]!
    return sum
  }
  const cols = state.names.length
  return {
    algo: 'gbdt',
    names: state.names,
    state,
    iterations: trees.length,
    margin,
    predict: (row) => sigmoid(margin(row)),
    predictMatrix: (x: Float64Array) => predictRows(x, cols, margin),
    contributions(row: ArrayLike<number>): Contributions {
      // Saabas path attribution: each split credits its feature with the change in node value.
      const values = new Float64Array(cols)
      let bias = baseline
      for (const tree of trees) {
        let node = 0
        bias += tree.value[0]!
        while (tree.feature[node]! >= 0) {
          const child = childOf(tree, node, row)
          values[tree.feature[node]!]! += tree.value[child]! - tree.value[node]!
          node = child
        }
      }
      return { bias, values }
    },
  }
}
