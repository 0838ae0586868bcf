import { describe, expect, it } from 'vitest'
import { scoreDistribution } from './score-distribution.js'
import { scoredLead } from './test-leads.js'

const withScores = (scores: number[]) =>
  scores.map((score, index) => scoredLead(`l${index}`, { score }))

describe('scoreDistribution', () => {
  it('counts scores into ten buckets, with 100 in the last and 10 in the second', () => {
    const result = scoreDistribution(withScores([0, 9.99, 10, 55, 90, 100]))
    expect(result.buckets.map((bucket) => bucket.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2])
    expect(result.buckets[9]).toEqual({ from: 90, to: 100, count: 2 })
    expect(result.total).toBe(6)
  })

  it('uses the given bucket width', () => {
    const result = scoreDistribution(withScores([10, 30, 60]), { bucketWidth: 25 })
    expect(result.buckets).toEqual([
      { from: 0, to: 25, count: 1 },
      { from: 25, to: 50, count: 1 },
      { from: 50, to: 75, count: 1 },
      { from: 75, to: 100, count: 0 },
    ])
  })

  it('computes mean, median and interpolated p90', () => {
    // Sorted 10..100 step 10: median (50+60)/2 = 55; p90 at position 8.1 → 90 + 0.1 × 10 = 91.
    const result = scoreDistribution(withScores([100, 10, 20, 30, 40, 50, 60, 70, 80, 90]))
    expect(result.mean).toBe(55)
    expect(result.median).toBe(55)
    expect(result.p90).toBeCloseTo(91, 10)
  })

  it('reports null statistics for no leads', () => {
    const result = scoreDistribution([])
    expect([result.mean, result.median, result.p90]).toEqual([null, null, null])
    expect(result.buckets.every((bucket) => bucket.count === 0)).toBe(true)
  })

  it('rejects a bucket width outside (0, 100]', () => {
    expect(() => scoreDistribution([], { bucketWidth: 0 })).toThrow(RangeError)
  })
})
