// The Store port: where leads, events, scores, history, model versions and outcomes live.
import type { ScoringModel } from '../core/model-types.js'
import type { EpochMs, Lead, LeadEvent, LeadStatus, Outcome, ScoreResult } from '../core/types.js'
import type { LoadedArtifact, PredictiveArtifact, TrainingReport } from '../predict/index.js'

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
  /**
   * The published predictive model, loaded, when there is one: its probability is blended into the score
   * with `weights.predictive` (see `predictLead`). Default: none.
   */
  predictive?: { id: number; artifact: LoadedArtifact } | undefined
}

export type UpsertLeadResult =
  | { status: 'created' | 'updated' | 'unchanged'; leadId: string }
  | { status: 'rejected'; reason: string }

export type IngestResult =
  | {
      status: 'stored'
      eventId: string
      leadId: string
      leadCreated: boolean
      /** The lead's score once the call's events are in, when the call scored it (absent with `deferScoring`). */
      score?: IngestedScore | undefined
    }
  | { status: 'duplicate'; eventId: string }
  | { status: 'rejected'; eventId: string; reason: string }

/** The part of a lead's new score an ingest reports back with each stored event. */
export interface IngestedScore {
  score: number
  status: LeadStatus
  cell: string
}

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
  /** Rows to skip (after `after`, when both are given). Default: 0. */
  offset?: number | undefined
  /**
   * Start after this position: the `next` token of the previous page, asked with the same sort and
   * filters. Keyset paging: rows inserted meanwhile neither repeat nor shift the following pages.
   */
  after?: string | undefined
  minScore?: number | undefined
  maxScore?: number | undefined
  grade?: string | undefined
  /** Engagement level 1–4. */
  level?: number | undefined
  /** Matrix cell, e.g. `B2`. */
  cell?: string | undefined
  stage?: string | undefined
  status?: string | undefined
  segment?: string | undefined
  owner?: string | undefined
  spam?: boolean | undefined
  /** Created at or after (inclusive). */
  createdAfter?: EpochMs | undefined
  /** Created strictly before. */
  createdBefore?: EpochMs | undefined
  /** Last changed at or after (inclusive). */
  updatedAfter?: EpochMs | undefined
  /** Last changed strictly before. */
  updatedBefore?: EpochMs | undefined
  /**
   * Text contained in the first name, last name, email or company name; case and accents are ignored
   * (`garcia` finds García).
   */
  text?: string | undefined
  /** Only the leads of this account (an `AccountSummary.key`, or a domain or company name in any case). */
  account?: string | undefined
}

/** One page of leads. */
export interface LeadPage {
  items: LeadWithScore[]
  /** Leads matching the filters in all pages. */
  total: number
  /** The `after` token of the next page; null on the last page. */
  next: string | null
}

/** Which page of a lead's events or score history to read. */
export interface PageRequest {
  /** Page size. */
  limit: number
  /** The `next` token of the previous page; absent for the first page. */
  after?: string | undefined
}

/** A page of records, newest first, and where the next one starts (null on the last page). */
export interface Page<T> {
  items: T[]
  next: string | null
}

/** A company: its leads grouped by `company_domain`, else by company name, with their scores rolled up. */
export interface AccountSummary {
  /**
   * The company domain, or the company name for leads without a domain, in lower case without accents
   * (`acme.io`, `societe generale`): what `getAccount` and the lead filter `account` take.
   */
  key: string
  /** The company name (the first one in alphabetical order when its leads spell it differently). */
  name: string | null
  domain: string | null
  /** Every lead of the account, spam included. */
  leads: number
  /** Leads flagged as spam; they are left out of the score roll-up. */
  spamLeads: number
  mqls: number
  sqls: number
  /** Highest score of its scored, non-spam leads; null when there is none. */
  bestScore: number | null
  /** Mean score of its scored, non-spam leads, to hundredths; null when there is none. */
  averageScore: number | null
  /**
   * The account score: the mean of its three best non-spam scores (of all of them when fewer), to
   * hundredths. One hot lead counts, several engaged people count more. Null when no lead is scored.
   */
  accountScore: number | null
  /** Newest change of any of its leads. */
  updatedAt: EpochMs
}

export type AccountSortKey = 'account_score' | 'best_score' | 'leads' | 'updated'

export interface AccountQuery {
  /** Default: account score, descending. */
  sort?: AccountSortKey | undefined
  descending?: boolean | undefined
  /** Default: 50. */
  limit?: number | undefined
  offset?: number | undefined
  /** Text contained in the domain or name, ignoring case and accents. */
  text?: string | undefined
  /** Lowest account score. */
  minScore?: number | undefined
}

/** Everything the store holds about one lead, for a GDPR export. */
export interface LeadRecord {
  lead: Lead
  /** Every event, oldest first. */
  events: LeadEvent[]
  score: StoredScore | null
  /** Every score change, newest first. */
  history: ScoreChange[]
  outcome: Outcome | null
  /** Whether a bulk import left the lead waiting to be rescored. */
  pendingRescore: boolean
  /** Ids merged into this lead (`mergeLeads`), which still name it. */
  aliases: string[]
}

export interface LeadWithScore {
  lead: Lead
  score: StoredScore | null
}

/** What `scanLeads` reads besides each lead, its score and its outcome. */
export interface LeadScanOptions {
  /** Leads per page (one read transaction each). Default: 500. */
  pageSize?: number | undefined
  /** Also read every event of each lead, oldest first. Default: false. */
  events?: boolean | undefined
  /** Also read each lead's whole score history, oldest first. Default: false. */
  history?: boolean | undefined
  /** Only leads with a recorded outcome. Default: false (every lead). */
  withOutcome?: boolean | undefined
}

/** One lead as analytics, backtests and learned points read it. */
export interface ScannedLead {
  lead: Lead
  /** The stored current score; null for a lead never scored. */
  score: StoredScore | null
  outcome: Outcome | null
  /**
   * When the lead first became an MQL (or went straight to SQL), from its score history: the timestamp of
   * the event that caused the change, else the time the change was recorded. Null when it never did.
   */
  mqlAt: EpochMs | null
  /** When the lead first became an SQL, as `mqlAt`. Null when it never did. */
  sqlAt: EpochMs | null
  /** The lead's events, oldest first, when `events` was asked for; else empty. */
  events: LeadEvent[]
  /** The lead's score history, oldest first, when `history` was asked for; else empty. */
  history: ScoreChange[]
}

/** One lead with a known outcome, for predictive training. */
export interface TrainingSetItem {
  lead: Lead
  outcome: Outcome
  /** When the outcome was recorded. */
  recordedAt: EpochMs
  /** Every event of the lead, oldest first. */
  events: LeadEvent[]
}

export type PredictiveModelStatus = 'draft' | 'published'

/** A trained predictive model to store. */
export interface PredictiveModelInput {
  artifact: PredictiveArtifact
  report: TrainingReport
}

/** A stored predictive model without its artifact (which may be large). */
export interface PredictiveModelSummary {
  id: number
  algo: PredictiveArtifact['algo']
  status: PredictiveModelStatus
  /** The one whose probability is blended into scores; at most one is active. */
  active: boolean
  report: TrainingReport
  createdAt: EpochMs
  publishedAt: EpochMs | null
}

/** A stored predictive model with its artifact (check it with `loadArtifact` before use). */
export interface PredictiveModel extends PredictiveModelSummary {
  artifact: PredictiveArtifact
}

export const TRAINING_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const
export type TrainingJobStatus = (typeof TRAINING_JOB_STATUSES)[number]

/** A background training run and where it is. */
export interface TrainingJob {
  id: number
  status: TrainingJobStatus
  algo: string
  seed: number
  /** The step running now (e.g. `cross_validation`); null before it starts. */
  phase: string | null
  done: number
  total: number
  /** Why it failed; null otherwise. */
  error: string | null
  /** The draft it produced, once it succeeded. */
  modelId: number | null
  createdAt: EpochMs
  startedAt: EpochMs | null
  finishedAt: EpochMs | null
}

/** What `updateTrainingJob` changes; absent fields stay. */
export interface TrainingJobChange {
  status?: TrainingJobStatus | undefined
  phase?: string | undefined
  done?: number | undefined
  total?: number | undefined
  error?: string | undefined
  modelId?: number | undefined
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

/** What an API key may do: `write` ingests only, `read` reads, `admin` may do everything. */
export type ApiKeyScope = 'write' | 'read' | 'admin'

/** Every scope, in the order they are shown. */
export const API_KEY_SCOPES = ['write', 'read', 'admin'] as const satisfies readonly ApiKeyScope[]

/** An API key as stored: never the secret, never its hash. */
export interface ApiKey {
  /** Stable id (`key_...`), used to revoke it. */
  id: string
  /** What it is for, e.g. `website intake`. */
  name: string
  scopes: ApiKeyScope[]
  /** The first characters of the secret (`ls_write_Ab3x`), to tell keys apart; not enough to use it. */
  prefix: string
  createdAt: EpochMs
  /** When it last authenticated a request (recorded at most about once a minute); null when never. */
  lastUsedAt: EpochMs | null
  /** When it was revoked; a revoked key authenticates nothing. Null while active. */
  revokedAt: EpochMs | null
}

/** A key to store: the caller generates the secret and hands in only its SHA-256 hash (hex). */
export interface ApiKeyInput {
  id: string
  name: string
  scopes: ApiKeyScope[]
  secretHash: string
  prefix: string
}

/** What `mergeLeads` did. */
export interface MergeLeadsResult {
  /** False when the source lead did not exist (nothing to merge). */
  merged: boolean
  /** Events moved from the source lead to the target. */
  movedEvents: number
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
   * Scores the leads that deferred ingests left pending, in chunks of one transaction each: each is scored
   * at `now` exactly as a rebuild from all its stored events would (an implementation may keep the states
   * its deferred ingests folded), with a history entry when the score moved: cause `event`, naming the
   * newest of the events ingested since the lead was last scored (after a restart: its newest event).
   * Pending leads survive a crash, so a later call finishes an interrupted job.
   */
  rescorePending(
    model: ActiveModel,
    now: EpochMs,
    onProgress?: (progress: RescoreProgress) => void,
  ): Promise<{ leads: number; changed: number }>

  /** Records converted / not converted per lead; the lead must exist. */
  recordOutcomes(outcomes: Outcome[], now: EpochMs): Promise<OutcomeResult[]>

  /** A lead by external id, (case-insensitive) email, or an id merged into it (see `mergeLeads`). */
  getLead(idOrEmail: string): Promise<Lead | null>

  /** The stored current score (as of its last computation; decay is applied by the caller on read). */
  getScore(leadId: string): Promise<StoredScore | null>

  /** The lead's events, oldest first. Default limit: all. */
  listEvents(leadId: string, limit?: number): Promise<LeadEvent[]>

  /** The most recent score changes first. Default limit: 50. */
  scoreHistory(leadId: string, limit?: number): Promise<ScoreChange[]>

  /** Leads matching `query`, one page of them, sorted; leads without a score come last. */
  listLeads(query: LeadQuery): Promise<LeadPage>

  /** A page of the lead's events, newest first (by timestamp, then arrival). */
  eventTimeline(leadId: string, page: PageRequest): Promise<Page<LeadEvent>>

  /** A page of the lead's score changes, newest first. */
  scoreHistoryPage(leadId: string, page: PageRequest): Promise<Page<ScoreChange>>

  /** Accounts (leads grouped by company) with their roll-up, one page of them. */
  listAccounts(query: AccountQuery): Promise<{ items: AccountSummary[]; total: number }>

  /** One account by its key (its domain, else its company name; case and accents ignored); null when unknown. */
  getAccount(key: string): Promise<AccountSummary | null>

  /** Everything held about a lead (by id or email), read in one consistent snapshot; null when unknown. */
  exportLead(idOrEmail: string): Promise<LeadRecord | null>

  /**
   * Erases a lead (by id) and everything derived from it — events, score, history, outcome, pending rescore —
   * in one transaction. Resolves false when there is no such lead. Other leads are untouched.
   */
  eraseLead(id: string): Promise<boolean>

  getOutcome(leadId: string): Promise<Outcome | null>

  /**
   * Every lead (or every lead with an outcome) in pages ordered by lead id, each page read in one
   * transaction with a fixed number of queries (no query per lead): the stored score, outcome, first
   * MQL / SQL times and, when asked, events and score history. For analytics, backtests and learned points.
   */
  scanLeads(options?: LeadScanOptions): AsyncIterable<ScannedLead[]>

  /** Recomputes the leads' scores at `now` from their stored state (or all events when the model changed). */
  rescoreAll(
    model: ActiveModel,
    now: EpochMs,
    cause: ScoreCause,
    onProgress?: (progress: RescoreProgress) => void,
  ): Promise<{ leads: number; changed: number }>

  /**
   * Rescores, with cause `model`, every lead whose stored score another model computed (its checksum differs
   * from `model`'s), in chunks like `rescoreAll`: what finishes a model change's rescore that a crash or a
   * restart interrupted. Leads already scored with `model` are not touched.
   */
  rescoreOutdated(
    model: ActiveModel,
    now: EpochMs,
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

  /**
   * Merges lead `fromId` (e.g. an anonymous visitor, `anon:<id>`) into lead `intoId` in one transaction:
   * its events move to the target, its fields fill only those the target lacks (attributes key by key),
   * its outcome moves when the target has none, and the source lead is deleted with its scores and
   * history. The target is then rebuilt from all its events and rescored with `model` (history cause
   * `lead`). A missing target is a `not_found` StoreError. The source's id (and every id merged into it
   * before) becomes an alias of the target — also when there is no source lead, which merges nothing: events
   * and upserts naming it, and `getLead` / `exportLead`, reach the target; erasing the target erases its aliases.
   */
  mergeLeads(fromId: string, intoId: string, model: ActiveModel, now: EpochMs): Promise<MergeLeadsResult>

  /** Stores a new API key; a duplicate id or secret hash is a `conflict` StoreError. */
  createApiKey(input: ApiKeyInput, now: EpochMs): Promise<ApiKey>

  /** Every key, active and revoked, oldest first. */
  listApiKeys(): Promise<ApiKey[]>

  /** The key whose secret hashes to `secretHash` (revoked ones too: the caller checks `revokedAt`). */
  findApiKeyByHash(secretHash: string): Promise<ApiKey | null>

  /** Revokes the key (revoking it again keeps the first time); an unknown id is a `not_found` StoreError. */
  revokeApiKey(id: string, now: EpochMs): Promise<ApiKey>

  /**
   * Records that the key authenticated a request at `at`. Cheap: the row is written only when the stored
   * time is at least a minute older, so callers may call it on every request.
   */
  recordApiKeyUse(id: string, at: EpochMs): Promise<void>

  /** Resolves when the store answers a trivial query (readiness checks); rejects when it cannot, e.g. once closed. */
  ping(): Promise<void>

  /** Leads that deferred ingests left waiting for `rescorePending`: the depth of the rescoring queue. */
  countPendingRescores(): Promise<number>

  /**
   * Every lead with a recorded outcome, with the outcome (and when it was recorded) and all its events
   * oldest first, read in one snapshot with a fixed number of queries: what predictive training learns from.
   */
  trainingSet(): Promise<TrainingSetItem[]>

  /** Stores a trained predictive model as a draft and returns it. */
  createPredictiveModel(input: PredictiveModelInput, now: EpochMs): Promise<PredictiveModel>
  /** Publishes a predictive model and makes it the active one (the previous one stays published). */
  publishPredictiveModel(id: number, now: EpochMs): Promise<PredictiveModel>
  /** Every predictive model, newest first, without artifacts. */
  listPredictiveModels(): Promise<PredictiveModelSummary[]>
  /** One predictive model with its artifact and report; null when unknown. */
  getPredictiveModel(id: number): Promise<PredictiveModel | null>
  /** The active (published) predictive model; null when none was published. */
  getActivePredictiveModel(): Promise<PredictiveModel | null>
  /** The id of the active predictive model, without reading it; null when none. Cheap: for caches. */
  activePredictiveModelId(): Promise<number | null>

  /**
   * Records a queued training job. Refused with a `conflict` StoreError while another job is queued or
   * running, so at most one trains at a time.
   */
  createTrainingJob(input: { algo: string; seed: number }, now: EpochMs): Promise<TrainingJob>
  /** Changes a job's status, progress, error or model; an unknown id is a `not_found` StoreError. */
  updateTrainingJob(id: number, change: TrainingJobChange, now: EpochMs): Promise<TrainingJob>
  getTrainingJob(id: number): Promise<TrainingJob | null>
  /**
   * Marks every queued or running job failed with `error`: for a process starting up, as jobs run in the
   * process that started them and die with it. Resolves how many were failed.
   */
  failUnfinishedTrainingJobs(error: string, now: EpochMs): Promise<number>

  close(): Promise<void>
}
