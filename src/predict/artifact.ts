// Versioned JSON artifacts: a trained model plus its FeatureSpec, saved and loaded bit-identically.
import type { EvaluationSummary } from './cross-validation.js'
import { createGradientBoostingModel, type GradientBoostingModel } from './gbdt.js'
import type { Tree } from './gbdt-tree.js'
import {
  createLogisticRegressionModel,
  type LogisticRegressionModel,
} from './logistic-regression.js'
import type { PredictiveAlgo } from './model.js'
import { featureNames, type FeatureColumn, type FeatureSpec } from './tabular.js'

/** A tree with plain arrays, as stored in JSON. Inner-node thresholds are finite numbers. */
export interface TreeJson {
  feature: number[]
  threshold: number[]
  missingLeft: number[]
  left: number[]
  right: number[]
  value: number[]
}

export type ModelJson =
  | { names: string[]; means: number[]; scales: number[]; intercept: number; weights: number[] }
  | { names: string[]; baseline: number; trees: TreeJson[] }

/** The on-disk shape of a trained predictive model. */
export interface PredictiveArtifact {
  format: 'leadscore-predictive'
  version: 1
  algo: PredictiveAlgo
  featureSpec: FeatureSpec
  /** Options the model was trained with, for the record. */
  params: Record<string, unknown>
  model: ModelJson
  /** Cross-validated quality, when it was measured. */
  metrics?: EvaluationSummary
}

/** A loaded artifact: the model ready to predict, and the spec that encodes records for it. */
export interface LoadedArtifact {
  artifact: PredictiveArtifact
  model: LogisticRegressionModel | GradientBoostingModel
}

/** Raised when an artifact is not one this version can read; the message names the bad field. */
export class ArtifactError extends Error {
  override readonly name = 'ArtifactError'
}

/** Builds the artifact of a trained model. `JSON.stringify` it to save. */
export function createArtifact(
  model: LogisticRegressionModel | GradientBoostingModel,
  featureSpec: FeatureSpec,
  params: object = {},
  metrics?: EvaluationSummary,
): PredictiveArtifact {
  const modelJson: ModelJson =
    model.algo === 'lr'
      ? { ...model.state }
      : {
          names: model.state.names,
          baseline: model.state.baseline,
          trees: model.state.trees.map((tree) => ({
            feature: Array.from(tree.feature),
            threshold: Array.from(tree.threshold),
            missingLeft: Array.from(tree.missingLeft),
            left: Array.from(tree.left),
            right: Array.from(tree.right),
            value: Array.from(tree.value),
          })),
        }
  return {
    format: 'leadscore-predictive',
    version: 1,
    algo: model.algo,
    featureSpec,
    params: { ...params },
    model: modelJson,
    ...(metrics ? { metrics } : {}),
  }
}

function fail(path: string, expected: string): never {
  throw new ArtifactError(`artifact ${path}: expected ${expected}`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function numbers(value: unknown, path: string, length?: number): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    fail(path, 'an array of finite numbers')
  }
  if (length !== undefined && value.length !== length) {
    fail(path, `${length} numbers (got ${value.length})`)
  }
  return value as number[]
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a finite number')
  return value
}

function strings(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    fail(path, 'an array of strings')
  }
  return value
}

function readSpec(value: unknown): FeatureSpec {
  if (!isRecord(value) || value.version !== 1 || !Array.isArray(value.columns)) {
    fail('featureSpec', '{ version: 1, columns: [...] }')
  }
  const columns = value.columns.map((column: unknown, i): FeatureColumn => {
    const at = `featureSpec.columns[${i}]`
    if (!isRecord(column) || typeof column.name !== 'string') fail(at, 'a column with a name')
    if (column.kind === 'numeric') return { name: column.name, kind: 'numeric' }
    if (column.kind === 'categorical') {
      const levels = strings(column.levels, `${at}.levels`)
      return { name: column.name, kind: 'categorical', levels }
    }
    return fail(`${at}.kind`, "'numeric' or 'categorical'")
  })
  return { version: 1, columns }
}

function readTree(value: unknown, path: string, cols: number): Tree {
  if (!isRecord(value)) fail(path, 'a tree')
  const feature = numbers(value.feature, `${path}.feature`)
  const n = feature.length
  if (n === 0) fail(`${path}.feature`, 'at least one node')
  const left = numbers(value.left, `${path}.left`, n)
  const right = numbers(value.right, `${path}.right`, n)
  for (let node = 0; node < n; node++) {
    if (feature[node]! < 0) continue
    // Children come after their parent, so a valid tree can never loop.
    const children = [left[node]!, right[node]!]
    if (feature[node]! >= cols || children.some((child) => !(child > node && child < n))) {
      fail(`${path} node ${node}`, 'a feature in range and children after it')
    }
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(numbers(value.threshold, `${path}.threshold`, n)),
    thresholdBin: new Uint8Array(n),
    missingLeft: Uint8Array.from(numbers(value.missingLeft, `${path}.missingLeft`, n)),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(numbers(value.value, `${path}.value`, n)),
  }
}

/**
 * Checks and loads a parsed artifact (the result of `JSON.parse`). Throws ArtifactError naming the
 * field when the artifact is malformed or of another format or version.
 *
 * @example
 * const { model, artifact } = loadArtifact(JSON.parse(text))
 * model.predict(encodeRecords(artifact.featureSpec, [record]))
 */
export function loadArtifact(value: unknown): LoadedArtifact {
  if (!isRecord(value) || value.format !== 'leadscore-predictive') {
    fail('format', "'leadscore-predictive'")
  }
  if (value.version !== 1) fail('version', `1 (got ${JSON.stringify(value.version)})`)
  if (value.algo !== 'lr' && value.algo !== 'gbdt') fail('algo', "'lr' or 'gbdt'")
  const featureSpec = readSpec(value.featureSpec)
  const raw = value.model
  if (!isRecord(raw)) fail('model', 'an object')
  const names = strings(raw.names, 'model.names')
  const encoded = featureNames(featureSpec)
  if (names.length !== encoded.length || names.some((name, j) => name !== encoded[j])) {
    fail('model.names', `the features of featureSpec (${encoded.join(', ')})`)
  }
  const cols = names.length
  const params = isRecord(value.params) ? value.params : {}
  const artifact = { ...value, featureSpec, params } as PredictiveArtifact
  if (value.algo === 'lr') {
    const state = {
      names,
      means: numbers(raw.means, 'model.means', cols),
      scales: numbers(raw.scales, 'model.scales', cols),
      intercept: finite(raw.intercept, 'model.intercept'),
      weights: numbers(raw.weights, 'model.weights', cols),
    }
    return { artifact: { ...artifact, model: state }, model: createLogisticRegressionModel(state) }
  }
  if (!Array.isArray(raw.trees)) fail('model.trees', 'an array')
  const trees = raw.trees.map((tree, i) => readTree(tree, `model.trees[${i}]`, cols))
  const state = { names, baseline: finite(raw.baseline, 'model.baseline'), trees }
  return { artifact, model: createGradientBoostingModel(state) }
}
