import { describe, expect, it } from 'vitest'
import { buildModel, detector, eventRule, expression, fitRule, glob, inactivityRule, lead } from '../../test/support/model-builder.js'
import { DAY_MS } from './lead-state.js'
import { scoreLead } from './score-lead.js'
import type { LeadEvent, ScoreResult } from './types.js'

const NOW = Date.UTC(2026, 5, 1, 12)
let sequence = 0
function event(type: string, daysAgo: number, properties: Record<string, unknown> = {}): LeadEvent {
  return { id: `e${++sequence}`, leadId: 'lead-1', type, timestamp: NOW - daysAgo * DAY_MS, properties }
}
const engagementOnly = { weights: { fit: 0, engagement: 1, predictive: 0 } }
function points(result: ScoreResult, ruleId: string): number | undefined {
  return result.contributions.find((contribution) => contribution.ruleId === ruleId)?.points
}
function sum(result: ScoreResult): number {
  return Math.round(result.contributions.reduce((total, contribution) => total + contribution.points * 100, 0)) / 100
}

describe('engagement rules', () => {
  it('gives fixed points per matching event type and URL glob', () => {
    const model = buildModel({
      ...engagementOnly,
      engagement: [eventRule({ id: 'pricing', eventTypes: ['page_view'], urlPatterns: [glob('*/pricing*')], points: 10 })],
    })
    const result = scoreLead(
      lead(),
      [event('page_view', 1, { url: 'https://x.io/pricing?plan=pro' }), event('page_view', 1, { url: 'https://x.io/blog' }), event('email_open', 1, { url: 'https://x.io/pricing' })],
      model,
      NOW,
    )
    expect(points(result, 'pricing')).toBe(10)
    expect(result.contributions[0]).toMatchObject({ count: 1, originalPoints: 10 })
  })

  it('applies numeric property predicates such as call duration', () => {
    const model = buildModel({
      ...engagementOnly,
      engagement: [eventRule({ id: 'long_call', eventTypes: ['call'], where: { kind: 'test', field: 'duration_seconds', op: 'gte', value: 120 }, points: 15 })],
    })
    const result = scoreLead(lead(), [event('call', 0, { duration_seconds: 300 }), event('call', 0, { duration_seconds: 30 })], model, NOW)
    expect(result.contributions[0]).toMatchObject({ ruleId: 'long_call', count: 1, points: 15 })
  })

  it('scales points with a numeric property and caps them per event', () => {
    const model = buildModel({
      ...engagementOnly,
      engagement: [eventRule({ id: 'cart', eventTypes: ['cart_add'], perUnit: { property: 'value', unit: 50, points: 1, max: 30 } })],
    })
    const result = scoreLead(lead(), [event('cart_add', 0, { value: 125 }), event('cart_add', 0, { value: 99_999 }), event('cart_add', 0, {})], model, NOW)
    expect(points(result, 'cart')).toBe(32.5)
    expect(result.contributions[0]!.count).toBe(2)
  })

  it('counts a once rule a single time', () => {
    const model = buildModel({ ...engagementOnly, engagement: [eventRule({ id: 'demo', eventTypes: ['demo_request'], points: 30, maxTotal: 1 })] })
    expect(points(scoreLead(lead(), [event('demo_request', 3), event('demo_request', 2)], model, NOW), 'demo')).toBe(30)
  })

  it('stops counting after max_per_day and after max_total', () => {
    const model = buildModel({
      ...engagementOnly,
      engagement: [
        eventRule({ id: 'daily', eventTypes: ['email_open'], points: 2, maxPerDay: 2 }),
        eventRule({ id: 'total', eventTypes: ['email_click'], points: 3, maxTotal: 3 }),
      ],
    })
    const events = [0, 0, 0, 1, 1, 1].map((day) => event('email_open', day)).concat([0, 1, 2, 3, 4].map((day) => event('email_click', day)))
    const result = scoreLead(lead(), events, model, NOW)
    expect(points(result, 'daily')).toBe(8)
    expect(points(result, 'total')).toBe(9)
  })

  it('halves points every half-life and drops them outside a window', () => {
    const model = buildModel({
      ...engagementOnly,
      engagement: [
        eventRule({ id: 'decayed', eventTypes: ['download'], points: 20, decay: { kind: 'half_life', halfLifeDays: 10 } }),
        eventRule({ id: 'windowed', eventTypes: ['webinar'], points: 20, decay: { kind: 'window', windowDays: 30 } }),
      ],
    })
    const result = scoreLead(lead(), [event('download', 10), event('download', 20), event('webinar', 29), event('webinar', 31)], model, NOW)
    expect(result.contributions.find((c) => c.ruleId === 'decayed')).toMatchObject({ points: 15, originalPoints: 40, count: 2 })
    expect(result.contributions.find((c) => c.ruleId === 'windowed')).toMatchObject({ points: 20, count: 1 })
  })

  it('fires a frequency rule only when enough matches fall within the span', () => {
    const model = buildModel({
      ...engagementOnly,
      engagement: [eventRule({ id: 'burst', eventTypes: ['page_view'], points: 15, maxTotal: 1, frequency: { count: 3, withinDays: 7 } })],
    })
    const spread = [0, 10, 20].map((day) => event('page_view', day))
    expect(points(scoreLead(lead(), spread, model, NOW), 'burst')).toBeUndefined()
    const bursty = [1, 3, 5].map((day) => event('page_view', day))
    expect(points(scoreLead(lead(), bursty, model, NOW), 'burst')).toBe(15)
  })

  it('penalises inactivity, measured from the last activity or the creation date', () => {
    const model = buildModel({ ...engagementOnly, engagement: [inactivityRule({ id: 'quiet', inactiveDays: 30, points: -10 }), eventRule({ id: 'view', points: 40 })] })
    const quiet = scoreLead(lead(), [event('page_view', 45)], model, NOW)
    expect(points(quiet, 'quiet')).toBe(-10)
    expect(points(scoreLead(lead(), [event('page_view', 5)], model, NOW), 'quiet')).toBeUndefined()
    expect(points(scoreLead(lead({ createdAt: NOW - 3 * DAY_MS }), [], model, NOW), 'quiet')).toBeUndefined()
  })

  it('subtracts negative points such as an unsubscribe', () => {
    const model = buildModel({
      ...engagementOnly,
      engagement: [eventRule({ id: 'open', eventTypes: ['email_open'], points: 30 }), eventRule({ id: 'unsubscribe', eventTypes: ['unsubscribe'], points: -20 })],
    })
    const result = scoreLead(lead(), [event('email_open', 1), event('unsubscribe', 0)], model, NOW)
    expect(result.engagement).toBe(10)
    expect(points(result, 'unsubscribe')).toBe(-20)
  })

  it('ignores events after the scoring time', () => {
    const model = buildModel({ ...engagementOnly, engagement: [eventRule({ id: 'view', points: 5 })] })
    expect(scoreLead(lead(), [event('page_view', -1)], model, NOW).score).toBe(0)
  })
})

describe('composition', () => {
  const model = buildModel({
    fit: [fitRule('exec', { kind: 'test', field: 'job_title', op: 'contains', values: ['vp'] }, 80), fitRule('big', { kind: 'test', field: 'company_size', op: 'gte', value: 100 }, 40)],
    engagement: [eventRule({ id: 'view', points: 7.5 })],
    spam: { threshold: 10, detectors: [detector({ id: 'caps', type: 'name_not_capitalized', points: -5, spamPoints: 10, reason: 'Name not capitalised' })] },
  })

  it('weights fit and engagement and shows clamping as its own contribution', () => {
    const result = scoreLead(lead({ jobTitle: 'VP Sales', companySize: 500 }), [event('page_view', 0), event('page_view', 0)], model, NOW)
    expect(result.fit).toBe(100)
    expect(result.engagement).toBe(15)
    expect(result.score).toBe(57.5)
    expect(result.contributions.map((c) => [c.ruleId, c.points])).toEqual([
      ['exec', 40],
      ['big', 20],
      ['fit_clamp', -10],
      ['view', 7.5],
    ])
    expect(sum(result)).toBe(result.score)
  })

  it('flags spam over the threshold, with reasons, and never qualifies it', () => {
    const spammy = buildModel({ ...model, qualification: { mql: expression('score >= 0') } })
    const result = scoreLead(lead({ firstName: 'ana' }), [], spammy, NOW)
    expect(result).toMatchObject({ spam: true, spamScore: 10, spamReasons: ['Name not capitalised'], status: 'lead' })
    expect(points(result, 'caps')).toBe(-5)
    expect(points(result, 'score_clamp')).toBe(5)
    expect(result.score).toBe(0)
    expect(sum(result)).toBe(0)
    expect(scoreLead(lead({ firstName: 'Ana' }), [], spammy, NOW)).toMatchObject({ spam: false, status: 'mql' })
  })

  it('blends a predictive probability with its weight, or spreads the weight when there is none', () => {
    const blended = buildModel({ weights: { fit: 0.25, engagement: 0.25, predictive: 0.5 }, engagement: [eventRule({ id: 'view', points: 40 })] })
    expect(scoreLead(lead(), [event('page_view', 0)], blended, NOW, { predictive: 0.8 }).score).toBe(50)
    expect(scoreLead(lead(), [event('page_view', 0)], blended, NOW).score).toBe(20)
  })
})

describe('grades, stages, qualification and segments', () => {
  const model = buildModel({
    weights: { fit: 0.5, engagement: 0.5, predictive: 0 },
    grades: { A: 70, B: 45, C: 20 },
    levels: { 1: 60, 2: 40, 3: 10 },
    fit: [fitRule('exec', { kind: 'test', field: 'job_title', op: 'contains', values: ['vp'] }, 50)],
    engagement: [
      eventRule({ id: 'pricing', eventTypes: ['page_view'], urlPatterns: [glob('*/pricing')], points: 10 }),
      eventRule({ id: 'demo', eventTypes: ['demo_request'], points: 40, maxTotal: 1 }),
      eventRule({ id: 'proposal', eventTypes: ['proposal_sent'], points: 5 }),
    ],
    stages: [
      { stage: 'action', rules: ['proposal'], withinDays: 30 },
      { stage: 'decision', rules: ['pricing', 'demo'], withinDays: null },
    ],
    qualification: {
      mql: expression('score >= 40 and fit_grade <= "B"'),
      sql: expression('count("proposal", 30) >= 1'),
      fastTrack: [{ id: 'demo_fit', label: 'Demo from a fit lead', when: expression('fired("demo") and fit_grade <= "B"'), to: 'sql' }],
    },
    segments: [
      { id: 'hot', label: 'Hot', when: expression('status == "sql"') },
      { id: 'warm', label: 'Warm', when: expression('score >= 20') },
    ],
  })

  it('places the lead in the grade × level matrix', () => {
    const result = scoreLead(lead({ jobTitle: 'VP' }), [event('page_view', 0, { url: '/pricing' })], model, NOW)
    expect(result).toMatchObject({ fit: 50, engagement: 10, grade: 'B', level: 3, cell: 'B3', stage: 'decision' })
  })

  it('reaches the action stage only within its lookback', () => {
    expect(scoreLead(lead(), [event('proposal_sent', 10)], model, NOW).stage).toBe('action')
    expect(scoreLead(lead(), [event('proposal_sent', 40)], model, NOW).stage).toBe('awareness')
  })

  it('qualifies MQL by condition and SQL by fast-track, then segments by status', () => {
    const mql = scoreLead(lead({ jobTitle: 'VP' }), [event('page_view', 0, { url: '/pricing' }), event('page_view', 1, { url: '/pricing' }), event('page_view', 2, { url: '/pricing' })], model, NOW)
    expect(mql).toMatchObject({ status: 'mql', fastTrack: null, segment: 'warm' })
    const fast = scoreLead(lead({ jobTitle: 'VP' }), [event('demo_request', 0)], model, NOW)
    expect(fast).toMatchObject({ status: 'sql', fastTrack: 'demo_fit', segment: 'hot' })
    const unfit = scoreLead(lead({ jobTitle: 'Student' }), [event('demo_request', 0)], model, NOW)
    expect(unfit).toMatchObject({ status: 'lead', fastTrack: null, segment: 'warm' })
    expect(scoreLead(lead(), [], model, NOW)).toMatchObject({ status: 'lead', segment: null, cell: 'D4' })
  })
})
