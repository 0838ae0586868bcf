// Domain values as JSON responses: snake_case keys and ISO dates, like the files users import.
import { LEAD_FIELD_NAMES, LEAD_FIELDS, type Contribution, type EpochMs, type Lead, type ScoreResult } from '../core/index.js'
import type { PredictiveAlgo } from '../predict/index.js'
import type { PredictiveModelSummary, ScoreChange } from '../store/index.js'

/** An instant as ISO 8601, or null when there is none. */
export const isoOrNull = (at: EpochMs | null): string | null => (at === null ? null : new Date(at).toISOString())

/** A stored predictive model's summary, as the API and `leadscore train` / `leadscore predictive` show it. */
export interface PredictiveModelInfo {
  id: number
  algo: PredictiveAlgo
  status: PredictiveModelSummary['status']
  active: boolean
  created_at: string
  published_at: string | null
}

export function predictiveModelToJson(model: PredictiveModelSummary): PredictiveModelInfo {
  return {
    id: model.id,
    algo: model.algo,
    status: model.status,
    active: model.active,
    created_at: new Date(model.createdAt).toISOString(),
    published_at: isoOrNull(model.publishedAt),
  }
}

export function leadToJson(lead: Lead): Record<string, unknown> {
  const json: Record<string, unknown> = {}
  for (const name of LEAD_FIELD_NAMES) {
    const value = lead[LEAD_FIELDS[name].key]
    if (value === undefined) continue
    json[name] = LEAD_FIELDS[name].type === 'timestamp' ? new Date(value).toISOString() : value
  }
  json.attributes = lead.attributes
  if (lead.updatedAt !== undefined) json.updated_at = new Date(lead.updatedAt).toISOString()
  return json
}

/** The score summary; with `breakdown` the contributions too. */
export function scoreToJson(score: ScoreResult, breakdown: boolean): Record<string, unknown> {
  return {
    score: score.score,
    fit: score.fit,
    engagement: score.engagement,
    grade: score.grade,
    level: score.level,
    cell: score.cell,
    stage: score.stage,
    spam: score.spam,
    spam_reasons: score.spamReasons,
    status: score.status,
    fast_track: score.fastTrack,
    segment: score.segment,
    computed_at: new Date(score.at).toISOString(),
    ...(breakdown ? { contributions: score.contributions.map(contributionToJson) } : {}),
  }
}

export function contributionToJson(contribution: Contribution): Record<string, unknown> {
  return {
    rule_id: contribution.ruleId,
    label: contribution.label,
    kind: contribution.kind,
    points: contribution.points,
    sub_score_points: contribution.subScorePoints,
    original_points: contribution.originalPoints,
    count: contribution.count,
  }
}

export function scoreChangeToJson(change: ScoreChange): Record<string, unknown> {
  return {
    at: new Date(change.at).toISOString(),
    cause: change.cause,
    event_id: change.eventId,
    model_version: change.modelVersion,
    score: change.score,
    previous_score: change.previousScore,
    fit: change.fit,
    engagement: change.engagement,
    status: change.status,
    segment: change.segment,
  }
}
