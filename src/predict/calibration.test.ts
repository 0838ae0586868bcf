import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { calibrationTable, decileTable, precisionRecallAt } from './calibration.js'

describe('calibrationTable', () => {
  it('groups rows into probability tenths with mean prediction and observed rate', () => {
    const table = calibrationTable([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 1, 0, 1])
    expect(table).toHaveLength(10)
    expect(table[0]).toEqual({
      lower: 0,
      upper: 0.1,
      count: 1,
      positives: 0,
      mean_predicted: 0.05,
      observed_rate: 0,
    })
    expect(table[1]!.mean_predicted).toBeCloseTo(0.135, 12)
    expect(table[1]).toMatchObject({ count: 2, positives: 2, observed_rate: 1 })
    // 1 itself belongs to the last bin.
    expect(table[9]).toMatchObject({
      count: 2,
      positives: 1,
      mean_predicted: 0.975,
      observed_rate: 0.5,
    })
  })

  it('keeps empty bins with a zero count and null rates', () => {
    const table = calibrationTable([0.05], [1], 4)
    expect(table.map((bin) => bin.count)).toEqual([1, 0, 0, 0])
    expect(table[2]).toEqual({
      lower: 0.5,
      upper: 0.75,
      count: 0,
      positives: 0,
      mean_predicted: null,
      observed_rate: null,
    })
  })

  it('puts every row in exactly one bin', () => {
    const rows = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
      maxLength: 80,
    })
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 20 }), (pairs, bins) => {
        const table = calibrationTable(
          pairs.map(([p]) => p),
          pairs.map(([, converted]) => (converted ? 1 : 0)),
          bins,
        )
        expect(table).toHaveLength(bins)
        expect(table.reduce((sum, bin) => sum + bin.count, 0)).toBe(pairs.length)
        const converted = pairs.filter(([, c]) => c).length
        expect(table.reduce((sum, bin) => sum + bin.positives, 0)).toBe(converted)
      }),
    )
  })

  it('rejects mismatched lengths, missing probabilities and a bad bin count', () => {
    expect(() => calibrationTable([0.1, 0.2], [1])).toThrow(/2 probabilities but 1 labels/)
    expect(() => calibrationTable([0.1, NaN], [1, 0])).toThrow(/row 1 has no finite probability/)
    expect(() => calibrationTable([0.1], [1], 0)).toThrow(/bins must be an integer >= 1/)
  })
})

describe('decileTable', () => {
  it('ranks by probability and reports conversion and lift per tenth', () => {
    // 20 rows, listed lowest first: only the two best probabilities convert.
    const probabilities = Array.from({ length: 20 }, (_, i) => (i + 1) / 21)
    const labels = probabilities.map((_, i) => (i >= 18 ? 1 : 0))
    const deciles = decileTable(probabilities, labels)
    expect(deciles).toHaveLength(10)
    expect(deciles[0]).toEqual({
      decile: 1,
      count: 2,
      positives: 2,
      conversion_rate: 1,
      lift: 10,
      cumulative_recall: 1,
      min_probability: 19 / 21,
      max_probability: 20 / 21,
    })
    expect(deciles.slice(1).every((row) => row.positives === 0 && row.count === 2)).toBe(true)
    expect(deciles[9]).toMatchObject({ min_probability: 1 / 21, max_probability: 2 / 21 })
  })

  it('has a lift of 1 in every decile when the probabilities carry no information', () => {
    const deciles = decileTable(new Array<number>(10).fill(0.3), [1, 0, 1, 0, 1, 0, 1, 0, 1, 0])
    // Ties keep row order, so each decile holds one row: converted ones alternate.
    expect(deciles.map((row) => row.positives)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0])
    expect(deciles.map((row) => row.cumulative_recall)).toEqual([
      0.2, 0.2, 0.4, 0.4, 0.6, 0.6, 0.8, 0.8, 1, 1,
    ])
  })

  it('leaves deciles empty below ten rows and reports zero lift without conversions', () => {
    const deciles = decileTable([0.9, 0.1, 0.5], [0, 0, 0])
    expect(deciles.reduce((sum, row) => sum + row.count, 0)).toBe(3)
    expect(deciles.filter((row) => row.count === 0)).toHaveLength(7)
    expect(deciles.find((row) => row.count === 0)).toMatchObject({
      min_probability: null,
      max_probability: null,
      conversion_rate: 0,
    })
    expect(deciles.every((row) => row.lift === 0 && row.cumulative_recall === 0)).toBe(true)
  })

  it('ends with all converted rows recalled and a count-weighted mean lift of 1', () => {
    const rows = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
      minLength: 1,
      maxLength: 80,
    })
    fc.assert(
      fc.property(rows, (pairs) => {
        const labels = pairs.map(([, converted]) => (converted ? 1 : 0))
        fc.pre(labels.includes(1))
        const deciles = decileTable(
          pairs.map(([p]) => p),
          labels,
        )
        expect(deciles[9]!.cumulative_recall).toBeCloseTo(1, 12)
        const weighted = deciles.reduce((sum, row) => sum + row.lift * row.count, 0)
        expect(weighted / pairs.length).toBeCloseTo(1, 10)
        for (let d = 1; d < 10; d++) {
          const previous = deciles[d - 1]!
          const current = deciles[d]!
          if (previous.count > 0 && current.count > 0) {
            expect(current.max_probability!).toBeLessThanOrEqual(previous.min_probability!)
          }
        }
      }),
    )
  })

  it('rejects mismatched lengths', () => {
    expect(() => decileTable([0.5], [1, 0])).toThrow(/1 probabilities but 2 labels/)
  })
})

describe('precisionRecallAt', () => {
  it('calls rows at or above the threshold positive', () => {
    expect(precisionRecallAt([0.9, 0.6, 0.4, 0.1], [1, 0, 1, 0], 0.5)).toEqual({
      threshold: 0.5,
      true_positives: 1,
      false_positives: 1,
      false_negatives: 1,
      true_negatives: 1,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    })
    expect(precisionRecallAt([0.5], [1], 0.5)).toMatchObject({ true_positives: 1, recall: 1 })
  })

  it('reports zero precision when none is called positive, zero recall without conversions', () => {
    expect(precisionRecallAt([0.2, 0.3], [1, 0], 0.9)).toMatchObject({
      precision: 0,
      recall: 0,
      f1: 0,
      false_negatives: 1,
    })
    expect(precisionRecallAt([0.2, 0.3], [0, 0], 0.1)).toMatchObject({
      recall: 0,
      false_positives: 2,
    })
  })

  it('never loses recall when the threshold goes down', () => {
    const rows = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
      maxLength: 60,
    })
    const threshold = fc.double({ min: 0, max: 1, noNaN: true })
    fc.assert(
      fc.property(rows, threshold, threshold, (pairs, a, b) => {
        const probabilities = pairs.map(([p]) => p)
        const labels = pairs.map(([, c]) => (c ? 1 : 0))
        const low = precisionRecallAt(probabilities, labels, Math.min(a, b))
        const high = precisionRecallAt(probabilities, labels, Math.max(a, b))
        expect(low.recall).toBeGreaterThanOrEqual(high.recall)
        const { true_positives, false_positives, false_negatives, true_negatives } = low
        expect(true_positives + false_positives + false_negatives + true_negatives).toBe(
          pairs.length,
        )
      }),
    )
  })

  it('rejects a threshold that is not a number', () => {
    expect(() => precisionRecallAt([0.5], [1], Number.NaN)).toThrow(
      /threshold must be a finite number/,
    )
  })
})
