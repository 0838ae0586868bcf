import { describe, expect, it } from 'vitest'
import { createRandom } from './random.js'
import { learnPoints, type PointsRule } from './learned-points.js'

const rules: PointsRule[] = [
  { id: 'demo', label: 'Requested a demo', kind: 'engagement', points: 20 },
  { id: 'student', label: 'Student', kind: 'fit', points: -10 },
  { id: 'noise', label: 'Opened an email', kind: 'engagement', points: 5 },
  { id: 'rare', label: 'Rare', kind: 'fit', points: 7 },
  { id: 'cart', label: 'Cart value', kind: 'engagement', points: null },
]

/**
 * 2,000 leads: demo fires on half and multiplies the odds by e^1.5, student fires on a quarter and divides
 * them by e^1, noise fires at random with no effect, rare fires on 3 leads only.
 */
function simulate(): { fired: string[][]; labels: number[] } {
  const random = createRandom(7)
  const fired: string[][] = []
  const labels: number[] = []
  for (let i = 0; i < 2000; i++) {
    const ids: string[] = []
    const demo = random() < 0.5
    const student = random() < 0.25
    if (demo) ids.push('demo')
    if (student) ids.push('student')
    if (random() < 0.5) ids.push('noise')
    if (i < 3) ids.push('rare')
    if (random() < 0.3) ids.push('cart')
    const logOdds = -1 + (demo ? 1.5 : 0) + (student ? -1 : 0)
    fired.push(ids)
    labels.push(random() < 1 / (1 + Math.exp(-logOdds)) ? 1 : 0)
  }
  return { fired, labels }
}

describe('learnPoints', () => {
  const { fired, labels } = simulate()
  const result = learnPoints(rules, fired, labels)
  const row = (id: string) => result.rules.find((rule) => rule.ruleId === id)!

  it('recovers the effects of the rules as log-odds coefficients', () => {
    expect(row('demo').coefficient!).toBeGreaterThan(1.2)
    expect(row('demo').coefficient!).toBeLessThan(1.8)
    expect(row('student').coefficient!).toBeLessThan(-0.7)
    expect(row('student').coefficient!).toBeGreaterThan(-1.3)
    expect(Math.abs(row('noise').coefficient!)).toBeLessThan(0.25)
  })

  it('scales coefficients so the learned rules keep their total points', () => {
    const learned = ['demo', 'student', 'noise'].map(row)
    const sumOfCoefficients = learned.reduce((sum, rule) => sum + Math.abs(rule.coefficient!), 0)
    expect(result.pointsPerLogOdds).toBeCloseTo((20 + 10 + 5) / sumOfCoefficients, 12)
    for (const rule of learned) expect(rule.suggestedPoints).toBe(Math.round(rule.coefficient! * result.pointsPerLogOdds) + 0)
    expect(row('demo').suggestedPoints!).toBeGreaterThan(18)
    expect(row('student').suggestedPoints!).toBeLessThan(-8)
    expect(Math.abs(row('noise').suggestedPoints!)).toBeLessThanOrEqual(4)
  })

  it('limits suggestions to ±100 points', () => {
    const big = learnPoints([{ id: 'demo', label: 'Demo', kind: 'engagement', points: 500 }], fired, labels)
    expect(big.rules[0]!.suggestedPoints).toBe(100)
  })

  it('keeps the points of rules with too few leads and of points_per rules', () => {
    expect(row('rare')).toMatchObject({ note: 'too_few_leads', coefficient: null, suggestedPoints: 7, firedLeads: 3 })
    expect(row('cart')).toMatchObject({ note: 'per_unit', suggestedPoints: null, currentPoints: null })
    expect(row('cart').coefficient).not.toBeNull()
  })

  it('reports the support counts of each rule', () => {
    const demo = row('demo')
    expect(demo.firedLeads + demo.notFiredLeads).toBe(2000)
    expect(demo.firedConverted + demo.notFiredConverted).toBe(result.converted)
    expect(demo.firedConverted / demo.firedLeads).toBeGreaterThan(demo.notFiredConverted / demo.notFiredLeads)
  })

  it('scales by log-odds × 10 when no learned rule has points, and refuses mismatched labels', () => {
    const only = learnPoints([{ id: 'demo', label: 'Demo', kind: 'engagement', points: 0 }], fired, labels)
    expect(only.pointsPerLogOdds).toBe(10)
    expect(only.rules[0]!.suggestedPoints).toBe(Math.round(only.rules[0]!.coefficient! * 10))
    expect(() => learnPoints(rules, fired, [1])).toThrow(RangeError)
  })
})
