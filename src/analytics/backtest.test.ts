import { describe, expect, it } from 'vitest'
import type { Lead, LeadEvent, ScoringModel } from '../core/index.js'
import { parseModel } from '../model/index.js'
import { backtestRows, summariseBacktest, type BacktestExclusions, type BacktestLead } from './backtest.js'

const DAY_MS = 86_400_000
const AT = Date.UTC(2025, 5, 1)

/** Demo requests score `demoPoints`; an MQL needs 30 points; segments hot (>= 30) and cold. */
function model(demoPoints: number): ScoringModel {
  const parsed = parseModel(`
format: 1
name: backtest-test
weights: { fit: 0, engagement: 1 }
engagement:
  - { id: demo, event: demo_request, points: ${demoPoints}, decay: none }
  - { id: visit, event: page_view, points: 10, decay: none }
qualification: { mql: 'score >= 30' }
segments:
  - { id: hot, when: 'score >= 30' }
  - { id: cold, when: 'true' }
`)
  if (!parsed.ok) throw new Error(parsed.errors.map((issue) => issue.message).join('; '))
  return parsed.model
}

function lead(id: string, createdDaysBefore = 30): Lead {
  return { id, attributes: {}, createdAt: AT - createdDaysBefore * DAY_MS }
}

function events(leadId: string, types: [type: string, daysBefore: number][]): LeadEvent[] {
  return types.map(([type, daysBefore], index) => ({
    id: `${leadId}-${index}`,
    leadId,
    type,
    timestamp: AT - daysBefore * DAY_MS,
    properties: {},
  }))
}

const later = AT + 10 * DAY_MS
const leads: BacktestLead[] = [
  // Requested a demo before the date and converted later: the draft (demo = 40) qualifies it, the active (demo = 20) does not.
  { lead: lead('demo-won'), events: events('demo-won', [['demo_request', 3]]), outcome: { leadId: 'demo-won', converted: true, at: later } },
  // Three visits: 30 points under both models; did not convert.
  { lead: lead('visits-lost'), events: events('visits-lost', [['page_view', 5], ['page_view', 4], ['page_view', 3]]), outcome: { leadId: 'visits-lost', converted: false, at: later } },
  // The demo request comes after the date: it must not count.
  { lead: lead('late-demo'), events: events('late-demo', [['demo_request', -2]]), outcome: { leadId: 'late-demo', converted: true } },
  // No outcome: scored, counted in MQLs, not in precision.
  { lead: lead('open'), events: events('open', [['demo_request', 1]]), outcome: null },
  // Created after the date, and resolved before it: both left out.
  { lead: lead('new', -1), events: [], outcome: null },
  { lead: lead('old'), events: events('old', [['demo_request', 20]]), outcome: { leadId: 'old', converted: true, at: AT - DAY_MS } },
]

describe('backtest', () => {
  const excluded: BacktestExclusions = { createdAfter: 0, resolvedBefore: 0 }
  const rows = backtestRows(leads, model(40), model(20), AT, excluded)
  const result = summariseBacktest(rows, AT, excluded)

  it('scores only leads that existed and were unresolved, with events up to the date', () => {
    expect(rows.map((row) => row.leadId)).toEqual(['demo-won', 'visits-lost', 'late-demo', 'open'])
    expect(result.excluded).toEqual({ createdAfter: 1, resolvedBefore: 1 })
    expect(rows.find((row) => row.leadId === 'late-demo')!.draft.score).toBe(0)
    expect(result).toMatchObject({ leads: 4, withOutcome: 3, converted: 2 })
  })

  it('counts MQLs, precision, recall and the confusion of each model', () => {
    expect(result.draft).toMatchObject({
      mqls: 3,
      precision: 0.5,
      recall: 0.5,
      confusion: { truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 0 },
    })
    expect(result.active).toMatchObject({ mqls: 1, precision: 0, recall: 0 })
  })

  it('computes the AUC of each score against the outcomes', () => {
    // Draft: converted 40 and 0, not converted 30 → pairs (40>30) 1, (0<30) 0 → 0.5.
    expect(result.draft.auc).toBe(0.5)
    // Active: converted 20 and 0, not converted 30 → 0.
    expect(result.active.auc).toBe(0)
  })

  it('lists the leads that change segment and status', () => {
    expect(result.segmentChanges).toEqual({ leads: 2, transitions: [{ from: 'cold', to: 'hot', leads: 2 }] })
    expect(result.statusChanges).toEqual({ leads: 2, transitions: [{ from: 'lead', to: 'mql', leads: 2 }] })
    expect(result.draft.segments).toEqual([
      ['hot', 3],
      ['cold', 1],
    ])
  })

  it('has null metrics without outcomes', () => {
    const empty = summariseBacktest([], AT, { createdAfter: 0, resolvedBefore: 0 })
    expect(empty.draft).toMatchObject({ auc: null, precision: null, recall: null, meanScore: null, mqls: 0 })
  })
})
