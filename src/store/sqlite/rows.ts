// SQLite row types and the mappers between them and the domain types; no other file knows column names' shapes.
import type { Contribution, Lead, LeadEvent, Outcome, ScoreResult } from '../../core/index.js'
import type { ModelVersion, ScoreCause, ScoreChange, StoredScore } from '../store.js'
import type { ScoreSummary } from '../score-change.js'

export interface LeadRow {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  phone: string | null
  job_title: string | null
  seniority: string | null
  department: string | null
  country: string | null
  language: string | null
  source: string | null
  owner: string | null
  company_name: string | null
  company_domain: string | null
  industry: string | null
  company_size: number | null
  annual_revenue: number | null
  /** JSON object. */
  attributes: string
  created_at: number
  updated_at: number
}

export interface EventRow {
  id: string
  lead_id: string
  type: string
  timestamp: number
  /** JSON object. */
  properties: string
}

export interface ScoreRow {
  lead_id: string
  score: number
  fit: number
  engagement: number
  grade: string
  level: number
  cell: string
  stage: string
  spam: 0 | 1
  spam_score: number
  /** JSON array of strings. */
  spam_reasons: string
  status: string
  fast_track: string | null
  segment: string | null
  predictive: number | null
  /** JSON array of contributions, each a positional array (see `contributionsToJson`). */
  contributions: string
  /** JSON of the engine's LeadState. */
  state: string
  model_version: number
  model_checksum: string
  computed_at: number
}

/** The columns the hot path reads to decide whether a score changed and to continue its state. */
export type ScoreStateRow = Pick<ScoreRow, 'score' | 'status' | 'segment' | 'stage' | 'spam' | 'cell' | 'model_checksum' | 'state'>

export interface ScoreHistoryRow {
  lead_id: string
  at: number
  cause: string
  event_id: string | null
  model_version: number
  score: number
  previous_score: number | null
  fit: number
  engagement: number
  status: string
  segment: string | null
}

export interface ModelVersionRow {
  version: number
  name: string
  yaml: string
  checksum: string
  status: string
  active: 0 | 1
  created_at: number
  published_at: number | null
}

export interface OutcomeRow {
  lead_id: string
  converted: 0 | 1
  at: number | null
  recorded_at: number
}

/** Lead property → column, for the plain value fields (everything but id, email, attributes and timestamps). */
export const LEAD_COLUMNS = {
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  jobTitle: 'job_title',
  seniority: 'seniority',
  department: 'department',
  country: 'country',
  language: 'language',
  source: 'source',
  owner: 'owner',
  companyName: 'company_name',
  companyDomain: 'company_domain',
  industry: 'industry',
  companySize: 'company_size',
  annualRevenue: 'annual_revenue',
} as const satisfies Partial<Record<keyof Lead, keyof LeadRow>>

const LEAD_COLUMN_ENTRIES = Object.entries(LEAD_COLUMNS) as [keyof typeof LEAD_COLUMNS, keyof LeadRow][]

export function leadRowToLead(row: LeadRow): Lead {
  const lead: Lead = {
    id: row.id,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
  if (row.email !== null) lead.email = row.email
  const target = lead as unknown as Record<string, unknown>
  for (const [key, column] of LEAD_COLUMN_ENTRIES) {
    const value = row[column]
    if (value !== null) target[key] = value
  }
  return lead
}

export function leadToLeadRow(lead: Lead): LeadRow {
  return {
    id: lead.id,
    email: lead.email ?? null,
    first_name: lead.firstName ?? null,
    last_name: lead.lastName ?? null,
    phone: lead.phone ?? null,
    job_title: lead.jobTitle ?? null,
    seniority: lead.seniority ?? null,
    department: lead.department ?? null,
    country: lead.country ?? null,
    language: lead.language ?? null,
    source: lead.source ?? null,
    owner: lead.owner ?? null,
    company_name: lead.companyName ?? null,
    company_domain: lead.companyDomain ?? null,
    industry: lead.industry ?? null,
    company_size: lead.companySize ?? null,
    annual_revenue: lead.annualRevenue ?? null,
    attributes: JSON.stringify(lead.attributes),
    created_at: lead.createdAt,
    updated_at: lead.updatedAt ?? lead.createdAt,
  }
}

export function eventRowToEvent(row: EventRow): LeadEvent {
  return {
    id: row.id,
    leadId: row.lead_id,
    type: row.type,
    timestamp: row.timestamp,
    properties: JSON.parse(row.properties) as Record<string, unknown>,
  }
}

/** The score columns a reader needs: everything but the engine state. */
export type StoredScoreRow = Omit<ScoreRow, 'state' | 'model_checksum'>

export function scoreRowToStoredScore(row: StoredScoreRow): StoredScore {
  return {
    leadId: row.lead_id,
    modelVersion: row.model_version,
    score: row.score,
    fit: row.fit,
    engagement: row.engagement,
    grade: row.grade as ScoreResult['grade'],
    level: row.level as ScoreResult['level'],
    cell: row.cell,
    stage: row.stage as ScoreResult['stage'],
    spam: row.spam === 1,
    spamScore: row.spam_score,
    spamReasons: JSON.parse(row.spam_reasons) as string[],
    status: row.status as ScoreResult['status'],
    fastTrack: row.fast_track,
    segment: row.segment,
    predictive: row.predictive,
    contributions: contributionsFromJson(row.contributions),
    at: row.computed_at,
  }
}

/**
 * The values of a scores row in `SCORE_COLUMNS` order, bound positionally: the intake path writes
 * one per rescored lead, and binding by position skips a name look-up per column.
 */
export type ScoreRowValues = [
  lead_id: string,
  score: number,
  fit: number,
  engagement: number,
  grade: string,
  level: number,
  cell: string,
  stage: string,
  spam: 0 | 1,
  spam_score: number,
  spam_reasons: string,
  status: string,
  fast_track: string | null,
  segment: string | null,
  predictive: number | null,
  contributions: string,
  state: string,
  model_version: number,
  model_checksum: string,
  computed_at: number,
]

/** The scores row columns, in the order of `ScoreRowValues`. */
export const SCORE_COLUMNS = [
  'lead_id',
  'score',
  'fit',
  'engagement',
  'grade',
  'level',
  'cell',
  'stage',
  'spam',
  'spam_score',
  'spam_reasons',
  'status',
  'fast_track',
  'segment',
  'predictive',
  'contributions',
  'state',
  'model_version',
  'model_checksum',
  'computed_at',
] as const satisfies readonly (keyof ScoreRow)[] & { length: ScoreRowValues['length'] }

/** The row values for a freshly computed score; `state` is the engine's LeadState, already serialised. */
export function scoreToScoreRowValues(
  leadId: string,
  result: ScoreResult,
  state: string,
  model: { version: number; checksum: string },
): ScoreRowValues {
  return [
    leadId,
    result.score,
    result.fit,
    result.engagement,
    result.grade,
    result.level,
    result.cell,
    result.stage,
    result.spam ? 1 : 0,
    result.spamScore,
    result.spamReasons.length === 0 ? '[]' : JSON.stringify(result.spamReasons),
    result.status,
    result.fastTrack,
    result.segment,
    result.predictive,
    contributionsToJson(result.contributions),
    state,
    model.version,
    model.checksum,
    result.at,
  ]
}

/**
 * A contribution as stored: positional, so a score row does not repeat seven key names per line
 * (it is written for every rescored lead, and the keys were a third of its bytes).
 */
type StoredContribution = [
  ruleId: string,
  label: string,
  kind: Contribution['kind'],
  points: number,
  subScorePoints: number,
  originalPoints: number,
  count: number,
]

export function contributionsToJson(contributions: readonly Contribution[]): string {
  const stored = new Array<StoredContribution>(contributions.length)
  for (let index = 0; index < contributions.length; index++) {
    const c = contributions[index]!
    stored[index] = [c.ruleId, c.label, c.kind, c.points, c.subScorePoints, c.originalPoints, c.count]
  }
  return JSON.stringify(stored)
}

/** Reads the stored contributions; rows written before the positional form hold the objects themselves. */
export function contributionsFromJson(json: string): Contribution[] {
  const stored = JSON.parse(json) as (StoredContribution | Contribution)[]
  return stored.map((item) => {
    if (!Array.isArray(item)) return item
    const [ruleId, label, kind, points, subScorePoints, originalPoints, count] = item
    return { ruleId, label, kind, points, subScorePoints, originalPoints, count }
  })
}

/** The summary a history check needs, from the hot-path row. */
export function scoreStateRowToSummary(row: ScoreStateRow): ScoreSummary {
  return {
    score: row.score,
    cell: row.cell,
    status: row.status as ScoreResult['status'],
    segment: row.segment,
    stage: row.stage as ScoreResult['stage'],
    spam: row.spam === 1,
  }
}

/** The values of a score history row in `HISTORY_COLUMNS` order, bound positionally (see `ScoreRowValues`). */
export type ScoreHistoryRowValues = [
  lead_id: string,
  at: number,
  cause: string,
  event_id: string | null,
  model_version: number,
  score: number,
  previous_score: number | null,
  fit: number,
  engagement: number,
  status: string,
  segment: string | null,
]

/** The score history columns, in the order of `ScoreHistoryRowValues`. */
export const HISTORY_COLUMNS = [
  'lead_id',
  'at',
  'cause',
  'event_id',
  'model_version',
  'score',
  'previous_score',
  'fit',
  'engagement',
  'status',
  'segment',
] as const satisfies readonly (keyof ScoreHistoryRow)[] & { length: ScoreHistoryRowValues['length'] }

export function scoreChangeToHistoryRowValues(change: ScoreChange): ScoreHistoryRowValues {
  return [
    change.leadId,
    change.at,
    change.cause,
    change.eventId,
    change.modelVersion,
    change.score,
    change.previousScore,
    change.fit,
    change.engagement,
    change.status,
    change.segment,
  ]
}

export function historyRowToScoreChange(row: ScoreHistoryRow): ScoreChange {
  return {
    leadId: row.lead_id,
    at: row.at,
    cause: row.cause as ScoreCause,
    eventId: row.event_id,
    modelVersion: row.model_version,
    score: row.score,
    previousScore: row.previous_score,
    fit: row.fit,
    engagement: row.engagement,
    status: row.status as ScoreResult['status'],
    segment: row.segment,
  }
}

export function modelVersionRowToModelVersion(row: ModelVersionRow): ModelVersion {
  return {
    version: row.version,
    name: row.name,
    yaml: row.yaml,
    checksum: row.checksum,
    status: row.status as ModelVersion['status'],
    active: row.active === 1,
    createdAt: row.created_at,
    publishedAt: row.published_at,
  }
}

export function outcomeRowToOutcome(row: OutcomeRow): Outcome {
  return row.at === null
    ? { leadId: row.lead_id, converted: row.converted === 1 }
    : { leadId: row.lead_id, converted: row.converted === 1, at: row.at }
}
