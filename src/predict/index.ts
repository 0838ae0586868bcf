// Predictive scoring: pure ML on typed arrays — features, logistic regression, histogram GBDT,
// metrics, artifacts.
export * from './dataset.js'
export * from './tabular.js'
export * from './model.js'
export * from './logistic-regression.js'
export * from './gbdt.js'
export type { Tree } from './gbdt-tree.js'
export * from './metrics.js'
export * from './cross-validation.js'
export * from './minimum-data.js'
export { createRandom, shuffleInPlace, type Random } from './random.js'
export * from './artifact.js'
export * from './factors.js'
