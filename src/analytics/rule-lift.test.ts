import { describe, expect, it } from 'vitest'
import type { Contribution } from '../core/index.js'
import { ruleLift } from './rule-lift.js'
import { scoredLead } from './test-leads.js'

/** `n` leads, the first `converted` of them converted, with the given fired rules. */
function cohort(prefix: string, n: number, converted: number, fired: string[]) {
  return Array.from({ length: n }, (_, i) =>
    scoredLead(`${prefix}${i}`, { fired, converted: i < converted }),
  )
}

describe('ruleLift', () => {
  // demo fires on 10 leads (6 convert); not on 20 leads (6 convert): 60 % vs 30 %, lift 2.
  // email fires on 10 + 10 of those (4 + 3 convert), i.e. 7/20 vs 5/10.
  const leads = [
    ...cohort('a', 10, 6, ['demo', 'email']),
    ...cohort('b', 10, 3, ['email']),
    ...cohort('c', 10, 3, []),
    scoredLead('open', { fired: ['demo'] }),
  ]

  it('finds a lift of 2 for a rule that doubles conversion, ranked first', () => {
    const [demo, email] = ruleLift(leads)
    expect(demo).toMatchObject({
      ruleId: 'demo',
      label: 'Rule demo',
      firedLeads: 10,
      firedConverted: 6,
      notFiredLeads: 20,
      notFiredConverted: 6,
    })
    expect(demo!.firedRate).toBeCloseTo(0.6, 12)
    expect(demo!.notFiredRate).toBeCloseTo(0.3, 12)
    expect(demo!.lift).toBeCloseTo(2, 12)
    expect(demo!.difference).toBeCloseTo(0.3, 12)
    expect(email!.ruleId).toBe('email')
    expect(email!.lift).toBeCloseTo(0.45 / 0.3, 12)
  })

  it('gives the Newcombe interval of the difference', () => {
    const demo = ruleLift(leads)[0]!
    const [low, high] = demo.ci!
    expect(low).toBeLessThan(0.3)
    expect(high).toBeGreaterThan(0.3)
    // Wilson 6/10 = [0.3127, 0.8318], 6/20 = [0.1455, 0.5190];
    // low = 0.3 − √(0.2873² + 0.2190²), high = 0.3 + √(0.2318² + 0.1545²).
    expect(low).toBeCloseTo(-0.0613, 3)
    expect(high).toBeCloseTo(0.5786, 3)
  })

  it('ignores spam and adjustment contributions and contributions with count 0', () => {
    const extra = (kind: Contribution['kind'], count: number): Contribution => ({
      ruleId: `${kind}-${count}`,
      label: kind,
      kind,
      points: 1,
      subScorePoints: 1,
      originalPoints: 1,
      count,
    })
    const lead = scoredLead('x', { converted: true })
    lead.score.contributions.push(extra('spam', 1), extra('adjustment', 1), extra('fit', 0))
    const rows = ruleLift([lead, scoredLead('y', { converted: false })])
    expect(rows.map((row) => row.ruleId)).toEqual(['fit-0'])
    expect(rows[0]).toMatchObject({ firedLeads: 0, firedRate: null, lift: null, ci: null })
  })

  it('has null lift when a rate is missing or the baseline is 0, listed after known lifts', () => {
    // 8 leads, 3 converted. mid: 2/4 vs 1/4 → 2; half: 1/2 vs 2/6 → 1.5;
    // always: fired on all, no baseline → null; zero: 3/6 vs 0/2 → baseline 0 → null.
    const rows = ruleLift([
      ...cohort('p', 2, 1, ['always', 'half', 'mid', 'zero']),
      ...cohort('q', 2, 1, ['always', 'mid', 'zero']),
      ...cohort('r', 2, 0, ['always']),
      ...cohort('s', 2, 1, ['always', 'zero']),
    ])
    expect(rows.map((row) => row.ruleId)).toEqual(['mid', 'half', 'always', 'zero'])
    expect(rows[0]!.lift).toBeCloseTo(2, 12)
    expect(rows[1]!.lift).toBeCloseTo(1.5, 12)
    expect(rows[2]).toMatchObject({ notFiredLeads: 0, lift: null, difference: null, ci: null })
    expect(rows[3]).toMatchObject({ notFiredRate: 0, lift: null, difference: 0.5 })
  })
})
