import { describe, expect, it } from 'vitest'
import { scoreTrend } from './score-trend.js'

const DAY_MS = 86_400_000
const daily = (scores: number[], startDay = 0) =>
  scores.map((score, index) => ({ at: (startDay + index) * DAY_MS, score }))

describe('scoreTrend', () => {
  it('calls a score rising 1 point a day improving (14 points over 14 days)', () => {
    const result = scoreTrend(daily([10, 11, 12, 13, 14]))
    expect(result.trend).toBe('improving')
    expect(result.slopePerDay).toBeCloseTo(1, 12)
    expect(result.change).toBeCloseTo(14, 12)
  })

  it('calls a falling score declining', () => {
    expect(scoreTrend(daily([50, 45, 40])).trend).toBe('declining')
  })

  it('calls a small change steady: 0.25 a day is 3.5 over 14 days, under 5', () => {
    const result = scoreTrend(daily([20, 20.25, 20.5, 20.75]))
    expect(result.trend).toBe('steady')
    expect(result.change).toBeCloseTo(3.5, 12)
  })

  it('uses the least-squares slope, not the first and last points', () => {
    // x = 0,1,2,3; y = 0,10,0,10 → slope = Σ(x−1.5)(y−5) / Σ(x−1.5)² = 10 / 5 = 2 per day.
    expect(scoreTrend(daily([0, 10, 0, 10])).slopePerDay).toBeCloseTo(2, 12)
  })

  it('ignores points older than the window before the latest point', () => {
    // Day 0 at 90 is 20 days before the latest point; days 15–20 are flat.
    const points = [{ at: 0, score: 90 }, ...daily([40, 40, 40, 40, 40, 40], 15)]
    const result = scoreTrend(points)
    expect(result).toMatchObject({ trend: 'steady', slopePerDay: 0, pointsUsed: 6 })
  })

  it('scales the change with the window and the threshold', () => {
    // 0.5 a day: 7 over 14 days (improving), 3.5 over 7 days (steady), improving with threshold 3.
    const points = daily([0, 0.5, 1, 1.5])
    expect(scoreTrend(points).trend).toBe('improving')
    expect(scoreTrend(points, { windowDays: 7 }).trend).toBe('steady')
    expect(scoreTrend(points, { windowDays: 7, threshold: 3 }).trend).toBe('improving')
  })

  it('is steady with a zero slope for fewer than two points', () => {
    expect(scoreTrend([])).toMatchObject({ trend: 'steady', slopePerDay: 0, pointsUsed: 0 })
    expect(scoreTrend(daily([70]))).toMatchObject({
      trend: 'steady',
      slopePerDay: 0,
      pointsUsed: 1,
    })
  })
})
