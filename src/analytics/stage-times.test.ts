import { describe, expect, it } from 'vitest'
import { stageTimes } from './stage-times.js'

const DAY_MS = 86_400_000
const at = (days: number) => days * DAY_MS

describe('stageTimes', () => {
  it('gives the median days of each step over the leads that have both ends', () => {
    const times = stageTimes([
      { createdAt: at(0), mqlAt: at(2), sqlAt: at(3), convertedAt: at(13) },
      { createdAt: at(0), mqlAt: at(4), sqlAt: null, convertedAt: null },
      { createdAt: at(0), mqlAt: at(10), sqlAt: at(10), convertedAt: null },
      { createdAt: at(5), mqlAt: null, sqlAt: null, convertedAt: null },
    ])
    expect(times).toEqual([
      { stage: 'mql', leads: 3, medianDays: 4 },
      { stage: 'sql', leads: 2, medianDays: 0.5 },
      { stage: 'customer', leads: 1, medianDays: 10 },
    ])
  })

  it('counts a stage stamped before the previous one as 0 days and skips unknown creation times', () => {
    const times = stageTimes([
      { createdAt: at(5), mqlAt: at(1), sqlAt: at(2), convertedAt: at(1) },
      { createdAt: Number.NaN, mqlAt: at(1), sqlAt: null, convertedAt: null },
    ])
    expect(times.map((time) => [time.leads, time.medianDays])).toEqual([
      [1, 0],
      [1, 1],
      [1, 0],
    ])
  })

  it('has null medians without leads', () => {
    expect(stageTimes([]).map((time) => time.medianDays)).toEqual([null, null, null])
  })
})
