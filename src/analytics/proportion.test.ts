import { describe, expect, it } from 'vitest'
import { newcombeDifferenceInterval, rateOf, wilsonInterval } from './proportion.js'

describe('wilsonInterval', () => {
  it('matches the published interval for 8 of 10', () => {
    const [low, high] = wilsonInterval(8, 10)!
    expect(low).toBeCloseTo(0.4902, 4)
    expect(high).toBeCloseTo(0.9433, 4)
  })

  it('starts at 0 for no successes and is not degenerate', () => {
    const [low, high] = wilsonInterval(0, 10)!
    expect(low).toBe(0)
    expect(high).toBeCloseTo(0.2775, 4)
  })

  it('ends at 1 when every trial succeeds', () => {
    const [low, high] = wilsonInterval(10, 10)!
    expect(low).toBeCloseTo(0.7225, 4)
    expect(high).toBeCloseTo(1, 12)
  })

  it('is null without trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull()
  })
})

describe('newcombeDifferenceInterval', () => {
  it("matches Newcombe's worked example 56/70 − 48/80", () => {
    const [low, high] = newcombeDifferenceInterval(56, 70, 48, 80)!
    expect(low).toBeCloseTo(0.0524, 4)
    expect(high).toBeCloseTo(0.3339, 4)
  })

  it('is null when a group is empty', () => {
    expect(newcombeDifferenceInterval(1, 2, 0, 0)).toBeNull()
  })
})

describe('rateOf', () => {
  it('divides, and is null for zero trials', () => {
    expect(rateOf(1, 4)).toBe(0.25)
    expect(rateOf(0, 0)).toBeNull()
  })
})
