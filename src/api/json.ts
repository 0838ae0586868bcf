// Domain values as JSON responses: snake_case keys and ISO dates, like the files users import.
import { LEAD_FIELD_NAMES, LEAD_FIELDS, type Contribution, type Lead, type ScoreResult } from '../core/index.js'
import type { ScoreChange } from '../store/index.js'

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
