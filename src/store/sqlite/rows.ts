// SQLite row types and the mappers between them and the domain types; no other file knows column names' shapes.
import type { Lead, LeadEvent, Outcome, ScoreResult } from '../../core/index.js'
import type { ModelVersion, ScoreCause, ScoreChange, StoredScore } from '../store.js'

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
  /** JSON array of contributions. */
  contributions: string
  /** JSON of the engine's LeadState. */
  state: string
  model_version: number
  model_checksum: string
  computed_at: number
}

/** The columns the hot path reads to decide whether a score changed and to continue its state. */
export type ScoreStateRow = Pick<ScoreRow, 'score' | 'status' | 'segment' | 'stage' | 'spam' | 'model_checksum' | 'state'>

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
    contributions: JSON.parse(row.contributions) as ScoreResult['contributions'],
    at: row.computed_at,
  }
}

/** The row for a freshly computed score; `state` is the engine's LeadState, already serialised. */
export function scoreToScoreRow(
  leadId: string,
  result: ScoreResult,
  state: string,
  model: { version: number; checksum: string },
): ScoreRow {
  return {
    lead_id: leadId,
    score: result.score,
    fit: result.fit,
    engagement: result.engagement,
    grade: result.grade,
    level: result.level,
    cell: result.cell,
    stage: result.stage,
    spam: result.spam ? 1 : 0,
    spam_score: result.spamScore,
    spam_reasons: JSON.stringify(result.spamReasons),
    status: result.status,
    fast_track: result.fastTrack,
    segment: result.segment,
    predictive: result.predictive,
    contributions: JSON.stringify(result.contributions),
    state,
    model_version: model.version,
    model_checksum: model.checksum,
    computed_at: result.at,
  }
}

/** The summary a history check needs, from the hot-path row. */
export function scoreStateRowToSummary(row: ScoreStateRow): Pick<ScoreResult, 'score' | 'status' | 'segment' | 'stage' | 'spam'> {
  return {
    score: row.score,
    status: row.status as ScoreResult['status'],
    segment: row.segment,
    stage: row.stage as ScoreResult['stage'],
    spam: row.spam === 1,
  }
}

export function scoreChangeToHistoryRow(change: ScoreChange): ScoreHistoryRow {
  return {
    lead_id: change.leadId,
    at: change.at,
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
