import { describe, expect, it } from 'vitest'
import {
  crossValidate,
  evaluateModel,
  stratifiedKFold,
  timeSplit,
  validateTimeSplit,
} from './cross-validation.js'
import { createDataset, type Dataset } from './dataset.js'
import { rocAuc } from './metrics.js'
import { createRandom } from './random.js'

function labels(rows: number, rate: number, seed: number): Uint8Array {
  const random = createRandom(seed)
  return Uint8Array.from({ length: rows }, () => (random() < rate ? 1 : 0))
}

describe('stratifiedKFold', () => {
  it('gives every fold the same positive rate, within one row', () => {
    const y = labels(1003, 0.13, 1)
    const foldOf = stratifiedKFold(y, 5, 42)
    const positives = y.reduce((sum, v) => sum + v, 0)
    for (let fold = 0; fold < 5; fold++) {
      let size = 0
      let foldPositives = 0
      foldOf.forEach((f, i) => {
        if (f !== fold) return
        size++
        foldPositives += y[i]!
      })
      expect(Math.abs(foldPositives - positives / 5)).toBeLessThanOrEqual(1)
      expect(Math.abs(size - 1003 / 5)).toBeLessThanOrEqual(1)
    }
  })

  it('is deterministic for a seed and shuffles differently for another', () => {
    const y = labels(500, 0.3, 2)
    expect(Array.from(stratifiedKFold(y, 4, 7))).toEqual(Array.from(stratifiedKFold(y, 4, 7)))
    expect(Array.from(stratifiedKFold(y, 4, 8))).not.toEqual(Array.from(stratifiedKFold(y, 4, 7)))
  })

  it('rejects fewer than two folds', () => {
    expect(() => stratifiedKFold([0, 1], 1, 0)).toThrow(RangeError)
  })
})

describe('timeSplit', () => {
  it('trains on the oldest 80 % and tests on the newest 20 %', () => {
    const times = [50, 10, 40, 30, 20, 100, 90, 80, 70, 60]
    const { train, test } = timeSplit(times)
    expect(Array.from(train)).toEqual([1, 4, 3, 2, 0, 9, 8, 7])
    expect(Array.from(test)).toEqual([6, 5])
  })

  it('refuses rows without a valid time', () => {
    expect(() => timeSplit([1, NaN, 3])).toThrow('row 1')
  })
})

describe('evaluateModel', () => {
  it('reports means over folds that separate an informative feature from noise', () => {
    const random = createRandom(3)
    const rows = 1500
    const x = new Float64Array(rows * 2)
    const y = new Uint8Array(rows)
    for (let i = 0; i < rows; i++) {
      const signal = random()
      x.set([signal, random()], i * 2)
      y[i] = random() < signal * signal ? 1 : 0
    }
    const dataset = createDataset(x, ['signal', 'noise'], y)
    for (const algo of ['lr', 'gbdt'] as const) {
      const summary = evaluateModel(dataset, { algo, folds: 3, seed: 1 })
      expect(summary.folds).toBe(3)
      expect(summary.rows).toBe(rows)
      expect(summary.positives).toBe(y.reduce((sum, v) => sum + v, 0))
      expect(summary.per_fold.map((fold) => fold.test_rows).reduce((a, b) => a + b, 0)).toBe(rows)
      expect(summary.auc).toBeGreaterThan(0.75)
      const meanAuc = summary.per_fold.reduce((sum, fold) => sum + fold.auc, 0) / 3
      expect(summary.auc).toBeCloseTo(meanAuc, 12)
      expect(summary.brier).toBeLessThan(0.2)
    }
  })
})

/** Rows whose chance of converting is the square of an informative feature; a noise column beside. */
function signalDataset(rows: number, seed: number): Dataset {
  const random = createRandom(seed)
  const x = new Float64Array(rows * 2)
  const y = new Uint8Array(rows)
  for (let i = 0; i < rows; i++) {
    const signal = random()
    x.set([signal, random()], i * 2)
    y[i] = random() < signal * signal ? 1 : 0
  }
  return createDataset(x, ['signal', 'noise'], y)
}

describe('crossValidate', () => {
  it('predicts every row exactly once, out of fold, with the summary of evaluateModel', () => {
    const dataset = signalDataset(600, 4)
    const { summary, heldOut } = crossValidate(dataset, { algo: 'lr', folds: 4, seed: 2 })
    expect(summary).toEqual({
      ...evaluateModel(dataset, { algo: 'lr', folds: 4, seed: 2 }),
      fit_seconds: summary.fit_seconds,
      per_fold: summary.per_fold,
    })
    expect(Array.from(heldOut.rows).sort((a, b) => a - b)).toEqual([...Array(600).keys()])
    heldOut.rows.forEach((row, k) => expect(heldOut.labels[k]).toBe(dataset.y[row]))
    expect(heldOut.probabilities.every((p) => p > 0 && p < 1)).toBe(true)
    expect(rocAuc(heldOut.labels, heldOut.probabilities)).toBeGreaterThan(0.75)
  })
})

describe('validateTimeSplit', () => {
  it('trains on the oldest rows and predicts the newest 20 %', () => {
    const dataset = signalDataset(500, 5)
    // Row i was created at 1000 − i: the last rows are the oldest.
    const times = Float64Array.from({ length: 500 }, (_, i) => 1000 - i)
    const { summary, heldOut } = validateTimeSplit(dataset, times, { algo: 'gbdt', seed: 1 })
    expect(summary.folds).toBe(1)
    expect(summary.per_fold[0]).toMatchObject({ train_rows: 400, test_rows: 100 })
    expect(Array.from(heldOut.rows).sort((a, b) => a - b)).toEqual([...Array(100).keys()])
    expect(summary.auc).toBeCloseTo(rocAuc(heldOut.labels, heldOut.probabilities), 12)
    expect(summary.auc).toBeGreaterThan(0.7)
  })

  it('refuses times that do not match the rows or a training share outside (0, 1)', () => {
    const dataset = signalDataset(50, 6)
    expect(() => validateTimeSplit(dataset, [1, 2], { algo: 'lr' })).toThrow('2 times for 50 rows')
    const times = Array.from({ length: 50 }, (_, i) => i)
    expect(() => validateTimeSplit(dataset, times, { algo: 'lr', trainFraction: 1 })).toThrow(
      /trainFraction must be between 0 and 1/,
    )
  })
})
