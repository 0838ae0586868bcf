// The Store port: where leads, events, scores, history, model versions and outcomes live.
import type { ScoringModel } from '../core/model-types.js'
import type { EpochMs, Lead, LeadEvent, Outcome, ScoreResult } from '../core/types.js'

/** A lead as sent by a client: matched by `id`, else by `email`; absent fields are left as they are. */
export interface LeadInput {
  id?: string | undefined
  email?: string | undefined
  firstName?: string | undefined
  lastName?: string | undefined
  phone?: string | undefined
  jobTitle?: string | undefined
  seniority?: string | undefined
  department?: string | undefined
  country?: string | undefined
  language?: string | undefined
  source?: string | undefined
  owner?: string | undefined
  companyName?: string | undefined
  companyDomain?: string | undefined
  industry?: string | undefined
  companySize?: number | undefined
  annualRevenue?: number | undefined
  /** Merged into the stored custom attributes. */
  attributes?: Record<string, unknown> | undefined
  createdAt?: EpochMs | undefined
}

/** An event as sent by a client: the lead by `leadId`, else by `email` (a lead is created when unknown). */
export interface EventInput {
  id: string
  leadId?: string | undefined
  email?: string | undefined
  type: string
  timestamp: EpochMs
  properties: Record<string, unknown>
}

/** The model scores are computed with, as stored in the model versions. */
export interface ActiveModel {
  version: number
  checksum: string
  model: ScoringModel
}

export type UpsertLeadResult =
  | { status: 'created' | 'updated' | 'unchanged'; leadId: string }
  | { status: 'rejected'; reason: string }

export type IngestResult =
  | { status: 'stored'; eventId: string; leadId: string; leadCreated: boolean }
  | { status: 'duplicate'; eventId: string }
  | { status: 'rejected'; eventId: string; reason: string }

export type OutcomeResult =
  | { status: 'stored' | 'updated' | 'unchanged'; leadId: string }
  | { status: 'rejected'; leadId: string; reason: string }

/** What caused a stored score to change. */
export type ScoreCause = 'event' | 'lead' | 'model' | 'decay'

/** The current score of a lead as stored, with the model version that computed it. */
export interface StoredScore extends ScoreResult {
  leadId: string
  modelVersion: number
}

/** One entry of a lead's score history. */
export interface ScoreChange {
  leadId: string
  at: EpochMs
  cause: ScoreCause
  /** The event that caused it (the latest one, when a batch did). */
  eventId: string | null
  modelVersion: number
  score: number
  previousScore: number | null
  fit: number
  engagement: number
  status: ScoreResult['status']
  segment: string | null
}

export type ModelStatus = 'draft' | 'published'

export interface ModelVersion {
  version: number
  name: string
  yaml: string
  checksum: string
  status: ModelStatus
  active: boolean
  createdAt: EpochMs
  publishedAt: EpochMs | null
}

export type LeadSortKey = 'score' | 'fit' | 'engagement' | 'updated' | 'created'

export interface LeadQuery {
  /** Sort key; prefix with `-` in the API for descending. Default: score descending. */
  sort?: LeadSortKey | undefined
  descending?: boolean | undefined
  /** Page size. Default: 50. */
  limit?: number | undefined
  /** Rows to skip. */
  offset?: number | undefined
  minScore?: number | undefined
  maxScore?: number | undefined
  grade?: string | undefined
  status?: string | undefined
  segment?: string | undefined
  spam?: boolean | undefined
}

export interface LeadWithScore {
  lead: Lead
  score: StoredScore | null
}

/** Differences between store implementations, in one place. */
export interface StoreCapabilities {
  /** Several processes may write at once (PostgreSQL), not only one (SQLite). */
  supportsConcurrentWriters: boolean
}

export interface RescoreProgress {
  done: number
  total: number
}

/** How `ingestEvents` treats the scores of the leads it touches. */
export interface IngestOptions {
  /**
   * Store the events (deduplicated, unknown leads created) without rescoring their leads; the leads are
   * recorded as pending, durably and in the same transaction, until `rescorePending` scores them. For bulk
   * imports, where a lead spread over many batches would otherwise be rescored once per batch.
   * Default: false.
   */
  deferScoring?: boolean | undefined
}

/** Where leads, events and scores live. Every method is atomic: it changes everything or nothing. */
export interface Store {
  readonly capabilities: StoreCapabilities

  /** Creates or updates leads (by id, else email) and rescores the changed ones with `model` when given. */
  upsertLeads(leads: LeadInput[], model: ActiveModel | null, now: EpochMs): Promise<UpsertLeadResult[]>

  /**
   * Stores the events and rescores their leads, writing score history, in one transaction.
   * A known event id changes nothing and reports `duplicate`. Results are in input order. With
   * `deferScoring` the touched leads are recorded as pending instead of rescored (see `rescorePending`);
   * a lead still pending when it is rescored by any other call is rebuilt from all its events first.
   */
  ingestEvents(events: EventInput[], model: ActiveModel, now: EpochMs, options?: IngestOptions): Promise<IngestResult[]>

  /**
   * Scores the leads that deferred ingests left pending, in chunks of one transaction each: each is rebuilt
   * from all its stored events and scored at `now`, with a history entry (cause `event`, its newest event)
   * when the score moved. Pending leads survive a crash, so a later call finishes an interrupted job.
   */
  rescorePending(
    model: ActiveModel,
    now: EpochMs,
    onProgress?: (progress: RescoreProgress) => void,
  ): Promise<{ leads: number; changed: number }>

  /** Records converted / not converted per lead; the lead must exist. */
  recordOutcomes(outcomes: Outcome[], now: EpochMs): Promise<OutcomeResult[]>

  /** A lead by external id or (case-insensitive) email. */
  getLead(idOrEmail: string): Promise<Lead | null>

  /** The stored current score (as of its last computation; decay is applied by the caller on read). */
  getScore(leadId: string): Promise<StoredScore | null>

  /** The lead's events, oldest first. Default limit: all. */
  listEvents(leadId: string, limit?: number): Promise<LeadEvent[]>

  /** The most recent score changes first. Default limit: 50. */
  scoreHistory(leadId: string, limit?: number): Promise<ScoreChange[]>

  listLeads(query: LeadQuery): Promise<{ items: LeadWithScore[]; total: number }>

  getOutcome(leadId: string): Promise<Outcome | null>

  /** Recomputes the leads' scores at `now` from their stored state (or all events when the model changed). */
  rescoreAll(
    model: ActiveModel,
    now: EpochMs,
    cause: ScoreCause,
    onProgress?: (progress: RescoreProgress) => void,
  ): Promise<{ leads: number; changed: number }>

  /** Stores a new draft model version and returns it. */
  createModelVersion(input: { name: string; yaml: string; checksum: string }, now: EpochMs): Promise<ModelVersion>
  /** Marks a version published and active (the previous active one stays published). */
  publishModelVersion(version: number, now: EpochMs): Promise<ModelVersion>
  /** Makes an already published version the active one. */
  activateModelVersion(version: number, now: EpochMs): Promise<ModelVersion>
  listModelVersions(): Promise<ModelVersion[]>
  getModelVersion(version: number): Promise<ModelVersion | null>
  getActiveModelVersion(): Promise<ModelVersion | null>

  close(): Promise<void>
}
