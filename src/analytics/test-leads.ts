// Builds ScoredLead fixtures for the analytics tests.
import type { Contribution, ScoreResult } from '../core/index.js'
import type { ScoredLead } from './scored-lead.js'

/** Options for {@link scoredLead}: score fields, fired rule ids, outcome (undefined = none). */
export interface TestLeadOptions extends Partial<ScoreResult> {
  fired?: string[]
  converted?: boolean
}

/** A ScoredLead with neutral defaults; `fired` rules become engagement contributions, count 1. */
export function scoredLead(leadId: string, options: TestLeadOptions = {}): ScoredLead {
  const { fired = [], converted, ...overrides } = options
  const contributions: Contribution[] = fired.map((ruleId) => ({
    ruleId,
    label: `Rule ${ruleId}`,
    kind: 'engagement',
    points: 5,
    subScorePoints: 5,
    originalPoints: 5,
    count: 1,
  }))
  const score: ScoreResult = {
    score: 50,
    fit: 50,
    engagement: 50,
    grade: 'B',
    level: 2,
    cell: 'B2',
    stage: 'investigation',
    spam: false,
    spamScore: 0,
    spamReasons: [],
    status: 'lead',
    fastTrack: null,
    segment: null,
    predictive: null,
    contributions,
    at: 0,
    ...overrides,
  }
  return { leadId, score, outcome: converted === undefined ? null : { leadId, converted } }
}
