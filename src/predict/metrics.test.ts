import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { precisionRecallAt } from './calibration.js'
import { averagePrecision, brierScore, logLoss, rocAuc } from './metrics.js'

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

describe('averagePrecision against precisionRecallAt', () => {
  it('is the mean precision at the score of each converted row, ties included', () => {
    const rows = fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 10 })), {
      minLength: 1,
      maxLength: 60,
    })
    fc.assert(
      fc.property(rows, (pairs) => {
        const y = pairs.map(([label]) => (label ? 1 : 0))
        fc.pre(y.includes(1))
        const scores = pairs.map(([, score]) => score / 10)
        const precisions = scores
          .filter((_, i) => y[i] === 1)
          .map((score) => precisionRecallAt(scores, y, score).precision)
        const mean = precisions.reduce((sum, p) => sum + p, 0) / precisions.length
        expect(averagePrecision(y, scores)).toBeCloseTo(mean, 10)
      }),
    )
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
