import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  averagePrecision,
  brierScore,
  calibrationTable,
  liftByDecile,
  logLoss,
  precisionRecallAt,
  rocAuc,
} from './metrics.js'

describe('rocAuc', () => {
  it('counts the share of positive–negative pairs ranked correctly', () => {
    // Pairs (pos, neg): (0.35, 0.1) right, (0.35, 0.4) wrong, (0.8, 0.1) right, (0.8, 0.4) right.
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12)
  })

  it('counts tied scores as half a correct pair', () => {
    expect(rocAuc([1, 0, 1, 0, 1], [0.9, 0.9, 0.5, 0.5, 0.2])).toBeCloseTo(1 / 3, 12)
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5)
  })

  it('is NaN when one class is absent', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN()
  })

  it('reverses to 1 − AUC when the scores are negated', () => {
    const rows = fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 })), {
      minLength: 2,
      maxLength: 60,
    })
    fc.assert(
      fc.property(rows, (pairs) => {
        const y = pairs.map(([label]) => (label ? 1 : 0))
        fc.pre(y.includes(1) && y.includes(0))
        const scores = pairs.map(([, score]) => score)
        expect(rocAuc(y, scores) + rocAuc(y, scores.map((s) => -s))).toBeCloseTo(1, 10)
      }),
    )
  })
})

describe('averagePrecision', () => {
  it('matches scikit-learn average_precision_score on small rankings', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 12)
    expect(averagePrecision([1, 0, 1, 0, 1], [0.9, 0.9, 0.5, 0.5, 0.2])).toBeCloseTo(8 / 15, 12)
  })
})

describe('logLoss and brierScore', () => {
  it('average the per-row losses', () => {
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12)
    expect(brierScore([1, 0], [0.8, 0.3])).toBeCloseTo((0.04 + 0.09) / 2, 12)
  })

  it('clips certain wrong predictions to a finite log loss', () => {
    const loss = logLoss([1], [0])
    expect(loss).toBeCloseTo(-Math.log(1e-15), 6)
  })
})

describe('calibrationTable', () => {
  it('groups rows into probability tenths with mean prediction and observed rate', () => {
    const table = calibrationTable([0, 1, 1, 0, 1], [0.05, 0.15, 0.12, 0.95, 1])
    expect(table).toEqual([
      { lower: 0, upper: 0.1, meanPredicted: 0.05, observedRate: 0, count: 1 },
      {
        lower: 0.1,
        upper: 0.2,
        meanPredicted: expect.closeTo(0.135, 12) as number,
        observedRate: 1,
        count: 2,
      },
      { lower: 0.9, upper: 1, meanPredicted: 0.975, observedRate: 0.5, count: 2 },
    ])
  })
})

describe('liftByDecile', () => {
  it('ranks by score and reports conversion and lift per tenth', () => {
    // 20 rows: the two best scores convert, nothing else does.
    const scores = Array.from({ length: 20 }, (_, i) => 20 - i)
    const y = scores.map((_, i) => (i < 2 ? 1 : 0))
    const deciles = liftByDecile(y, scores)
    expect(deciles).toHaveLength(10)
    expect(deciles[0]).toEqual({
      decile: 1,
      count: 2,
      positives: 2,
      conversionRate: 1,
      lift: 10,
      cumulativeRecall: 1,
    })
    expect(deciles.slice(1).every((row) => row.positives === 0 && row.count === 2)).toBe(true)
  })
})

describe('precisionRecallAt', () => {
  it('calls rows at or above the threshold positive', () => {
    expect(precisionRecallAt([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.1], 0.5)).toEqual({
      threshold: 0.5,
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
      precision: 0.5,
      recall: 0.5,
    })
  })
})
