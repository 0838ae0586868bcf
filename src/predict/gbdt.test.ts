import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createDataset, rowOf, type Dataset } from './dataset.js'
import { binOf, fitBinning, MISSING_BIN } from './gbdt-binning.js'
import type { Tree } from './gbdt-tree.js'
import { fitGradientBoosting } from './gbdt.js'
import { fitLogisticRegression } from './logistic-regression.js'
import { rocAuc } from './metrics.js'
import { createRandom } from './random.js'

/**
 * y = 1 when exactly one of a, b is above 0.5 (with 5 % label noise); c is noise, sometimes
 * missing.
 */
function xorDataset(rows: number, seed: number): Dataset {
  const random = createRandom(seed)
  const x = new Float64Array(rows * 3)
  const y = new Uint8Array(rows)
  for (let i = 0; i < rows; i++) {
    const a = random()
    const b = random()
    x.set([a, b, random() < 0.2 ? NaN : random()], i * 3)
    const label = (a > 0.5) !== (b > 0.5)
    y[i] = random() < 0.05 ? (label ? 0 : 1) : label ? 1 : 0
  }
  return createDataset(x, ['a', 'b', 'c'], y)
}

function leafOf(tree: Tree, row: ArrayLike<number>): number {
  let node = 0
  while (tree.feature[node]! >= 0) {
    const v = row[tree.feature[node]!]!
    const goLeft = v !== v ? tree.missingLeft[node] === 1 : v <= tree.threshold[node]!
    node = goLeft ? tree.left[node]! : tree.right[node]!
  }
  return node
}

function depthOf(tree: Tree, node = 0): number {
  if (tree.feature[node]! < 0) return 0
  return 1 + Math.max(depthOf(tree, tree.left[node]), depthOf(tree, tree.right[node]))
}

describe('fitBinning', () => {
  it('puts edges midway between distinct values when there are few', () => {
    const binning = fitBinning(Float64Array.from([3, 1, 2, 2, NaN, 1]), 1, [0, 1, 2, 3, 4, 5], 255)
    expect(Array.from(binning.edges[0]!)).toEqual([1.5, 2.5])
    const bins = [1, 1.5, 2, 3, 99, NaN].map((v) => binOf(binning.edges[0]!, v))
    expect(bins).toEqual([0, 0, 1, 2, 2, MISSING_BIN])
  })

  it('uses at most maxBins quantile bins for many distinct values', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => i)
    const binning = fitBinning(values, 1, Array.from({ length: 1000 }, (_, i) => i), 10)
    expect(binning.edges[0]!.length).toBe(9)
    const counts = new Array<number>(10).fill(0)
    for (const v of values) counts[binOf(binning.edges[0]!, v)]!++
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(99)
  })
})

describe('fitGradientBoosting', () => {
  const train = xorDataset(3000, 1)
  const test = xorDataset(1000, 2)

  it('learns an interaction that a linear model cannot', () => {
    const model = fitGradientBoosting(train, { seed: 3 })
    expect(rocAuc(test.y, model.predictMatrix(test.x))).toBeGreaterThan(0.9)
    expect(rocAuc(test.y, fitLogisticRegression(train).predictMatrix(test.x))).toBeLessThan(0.6)
  })

  it('gives identical predictions for the same seed', () => {
    const first = fitGradientBoosting(train, { seed: 9, maxIterations: 30 })
    const second = fitGradientBoosting(train, { seed: 9, maxIterations: 30 })
    const expected = Array.from(first.predictMatrix(test.x))
    expect(Array.from(second.predictMatrix(test.x))).toEqual(expected)
  })

  it('learns which way missing values go', () => {
    const random = createRandom(5)
    const rows = 2000
    const x = new Float64Array(rows)
    const y = new Uint8Array(rows)
    for (let i = 0; i < rows; i++) {
      const missing = random() < 0.3
      x[i] = missing ? NaN : random()
      y[i] = missing || x[i]! > 0.9 ? 1 : 0
    }
    const dataset = createDataset(x, ['v'], y)
    const model = fitGradientBoosting(dataset, { earlyStopping: false, maxIterations: 50 })
    expect(model.predict([NaN])).toBeGreaterThan(0.9)
    expect(model.predict([0.95])).toBeGreaterThan(0.9)
    expect(model.predict([0.2])).toBeLessThan(0.1)
  })

  it('keeps leaf size, leaf count and depth within the options', () => {
    const model = fitGradientBoosting(train, {
      earlyStopping: false,
      maxIterations: 5,
      minSamplesLeaf: 150,
      maxLeafNodes: 6,
      maxDepth: 3,
    })
    expect(model.iterations).toBe(5)
    for (const tree of model.state.trees) {
      const leaves = Array.from(tree.feature).filter((feature) => feature < 0).length
      expect(leaves).toBeLessThanOrEqual(6)
      expect(depthOf(tree)).toBeLessThanOrEqual(3)
      const counts = new Map<number, number>()
      for (let i = 0; i < train.rows; i++) {
        const leaf = leafOf(tree, rowOf(train, i))
        counts.set(leaf, (counts.get(leaf) ?? 0) + 1)
      }
      expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(150)
    }
  })

  it('stops early on pure noise and keeps only the best rounds', () => {
    const random = createRandom(8)
    const x = Float64Array.from({ length: 2000 }, () => random())
    const y = Uint8Array.from({ length: 2000 }, () => (random() < 0.3 ? 1 : 0))
    const noise = createDataset(x, ['v'], y)
    const model = fitGradientBoosting(noise, { seed: 1 })
    expect(model.iterations).toBeLessThan(20)
  })

  it('has path contributions that add up to the margin', () => {
    const model = fitGradientBoosting(train, { seed: 4, maxIterations: 40 })
    const value = fc.oneof(fc.double({ min: -0.5, max: 1.5, noNaN: true }), fc.constant(NaN))
    fc.assert(
      fc.property(fc.tuple(value, value, value), (row) => {
        const { bias, values } = model.contributions(row)
        expect(bias + values.reduce((sum, v) => sum + v, 0)).toBeCloseTo(model.margin(row), 9)
      }),
    )
  })
})
