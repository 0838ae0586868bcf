import { describe, expect, it } from 'vitest'
import { summariseTrends } from './trend-summary.js'

const DAY_MS = 86_400_000
const daily = (scores: number[]) => scores.map((score, index) => ({ at: index * DAY_MS, score }))

describe('summariseTrends', () => {
  const leads = [
    { leadId: 'up-fast', points: daily([10, 20, 30]) },
    { leadId: 'up-slow', points: daily([10, 11, 12]) },
    { leadId: 'flat', points: daily([40, 40]) },
    { leadId: 'down', points: daily([60, 50, 40]) },
    { leadId: 'single', points: daily([70]) },
  ]

  it('counts each direction and lists the fastest movers first', () => {
    const summary = summariseTrends(leads)
    expect(summary).toMatchObject({ leads: 5, improving: 2, steady: 2, declining: 1 })
    expect(summary.topImproving.map((trend) => trend.leadId)).toEqual(['up-fast', 'up-slow'])
    expect(summary.topDeclining.map((trend) => trend.leadId)).toEqual(['down'])
    expect(summary.topDeclining[0]!.slopePerDay).toBeCloseTo(-10, 12)
  })

  it('lists at most `top` leads and passes the window on', () => {
    const summary = summariseTrends(leads, { top: 1, windowDays: 1, threshold: 5 })
    expect(summary.topImproving.map((trend) => trend.leadId)).toEqual(['up-fast'])
    // Over a one-day window only the two latest points count: 10 a day for up-fast and down.
    expect(summary).toMatchObject({ improving: 1, declining: 1, steady: 3 })
  })
})
