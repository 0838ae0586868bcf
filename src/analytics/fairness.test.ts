import { describe, expect, it } from 'vitest'
import { fairnessReport, OTHER_GROUP, type FairnessLead } from './fairness.js'

/** `n` leads of `group`, the first `qualified` of them MQLs, scores 0..n-1, the first `converted` converted. */
function members(group: string | null, n: number, qualified: number, converted = 0): FairnessLead[] {
  return Array.from({ length: n }, (_, i) => ({ group, score: i, qualified: i < qualified, converted: i < converted }))
}

describe('fairnessReport', () => {
  it('flags a group qualified at under four fifths of the highest rate', () => {
    const report = fairnessReport([...members('x', 40, 20), ...members('y', 30, 9), ...members('z', 30, 13)])
    expect(report.groups.map((group) => [group.group, group.qualifiedRate])).toEqual([
      ['x', 0.5],
      ['y', 0.3],
      ['z', 13 / 30],
    ])
    expect(report.reference).toBe('x')
    expect(report.groups[1]!.ratioToHighest).toBeCloseTo(0.6, 12)
    expect(report.groups[2]!.ratioToHighest).toBeCloseTo(0.8667, 4)
    expect(report.flagged).toEqual(['y'])
  })

  it('summarises scores and conversion with Wilson intervals', () => {
    const [group] = fairnessReport(members('x', 10, 8, 8), { minGroupSize: 1 }).groups
    expect(group).toMatchObject({ leads: 10, scoreMean: 4.5, scoreQ1: 2.25, scoreMedian: 4.5, scoreQ3: 6.75 })
    expect(group!.conversionRate).toBe(0.8)
    expect(group!.conversionCi![0]).toBeCloseTo(0.4902, 4)
    expect(group!.qualifiedCi[1]).toBeCloseTo(0.9433, 4)
  })

  it('leaves small groups out of the comparison and lists the missing group last', () => {
    const report = fairnessReport([...members(null, 25, 25), ...members('big', 30, 3), ...members('tiny', 2, 0)])
    expect(report.groups.map((group) => group.group)).toEqual(['big', 'tiny', null])
    // The missing group (25 leads, all qualified) is shown but not compared: 'big' is the reference.
    expect(report.reference).toBe('big')
    expect(report.groups.find((group) => group.group === 'big')!.ratioToHighest).toBe(1)
    expect(report.groups.find((group) => group.group === 'tiny')!.ratioToHighest).toBeNull()
    expect(report.groups.find((group) => group.group === null)!.ratioToHighest).toBeNull()
    expect(report.flagged).toEqual([])
  })

  it('pools the smallest groups beyond maxGroups', () => {
    const report = fairnessReport([...members('a', 5, 1), ...members('b', 4, 1), ...members('c', 3, 1), ...members('d', 2, 1)], {
      maxGroups: 3,
      minGroupSize: 1,
    })
    expect(report.groups.map((group) => [group.group, group.leads])).toEqual([
      ['a', 5],
      ['b', 4],
      [OTHER_GROUP, 5],
    ])
  })

  it('gives no ratios when nobody is qualified', () => {
    const report = fairnessReport(members('a', 30, 0))
    expect(report.groups[0]!.ratioToHighest).toBeNull()
    expect(report.flagged).toEqual([])
  })
})
