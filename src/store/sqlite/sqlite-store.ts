// The Store port on an embedded SQLite file (better-sqlite3): one process writes, transactions are synchronous.
import type Database from 'better-sqlite3'
import type { EpochMs, Lead, LeadEvent, Outcome } from '../../core/index.js'
import { StoreError } from '../errors.js'
import type {
  AccountQuery,
  AccountSummary,
  ActiveModel,
  ApiKey,
  ApiKeyInput,
  EventInput,
  IngestOptions,
  IngestResult,
  LeadInput,
  LeadPage,
  LeadQuery,
  LeadRecord,
  Page,
  PageRequest,
  LeadScanOptions,
  MergeLeadsResult,
  ModelVersion,
  OutcomeResult,
  RescoreProgress,
  ScannedLead,
  ScoreCause,
  ScoreChange,
  Store,
  StoreCapabilities,
  StoredScore,
  UpsertLeadResult,
  PredictiveModel,
  PredictiveModelInput,
  PredictiveModelSummary,
  TrainingJob,
  TrainingJobChange,
  TrainingSetItem,
} from '../store.js'
import {
  eventRowToEvent,
  historyRowToScoreChange,
  leadRowToLead,
  modelVersionRowToModelVersion,
  outcomeRowToOutcome,
  scoreRowToStoredScore,
  type LeadRow,
} from './rows.js'
import { scanSqliteLeads } from './sqlite-analytics.js'
import { openSqliteDatabase } from './sqlite-database.js'
import { ingestBatch } from './sqlite-ingest.js'
import { prepareApiKeys, type SqliteApiKeys } from './sqlite-keys.js'
import { getAccount, listAccounts } from './sqlite-accounts.js'
import { SqliteLeadRecords } from './sqlite-lead-records.js'
import { listLeads } from './sqlite-list-leads.js'
import { mergeLeadsInTransaction, prepareMergeStatements } from './sqlite-merge-leads.js'
import { prepareOps, type SqliteOps } from './sqlite-ops.js'
import { SqlitePredictive } from './sqlite-predictive.js'
import { LeadCache } from './lead-cache.js'
import { applyScoreWrite, rescoreLead, type SqliteWriteContext } from './sqlite-scoring.js'
import { FoldWorker, type FoldWorkerOptions, type RemoteScore } from './fold-worker.js'
import { findLeadRow, prepareStatements, type SqliteStatements } from './sqlite-statements.js'
import { upsertLeadBatch } from './sqlite-upsert.js'
import { startWalCheckpointer, type WalCheckpointer, type WalCheckpointStats } from './wal-checkpointer.js'

export interface SqliteStoreOptions {
  /** Database file path, or `:memory:` for a private in-memory database. Created when missing. */
  file: string
  /** Leads rescored per transaction by `rescoreAll` and `rescorePending`. Default: 500. */
  rescoreChunkSize?: number | undefined
  /**
   * Leads (with their engine state) kept in memory for the intake path. The cache is dropped when
   * another connection writes, so it never serves stale data. Default: 50,000.
   */
  cachedLeads?: number | undefined
  /**
   * Checkpoint the WAL from a worker thread (`startWalCheckpointer`) instead of the writing thread: for a
   * long-running server or a bulk import on a file database. Ignored for `:memory:`. Default: false.
   */
  backgroundCheckpoints?: boolean | undefined
  /**
   * Fold and score the leads deferred ingests leave pending on a second thread (`FoldWorker`, ADR 7) while this one
   * stores the next batch; `rescorePending` writes what it computed. For a bulk import. Options tune when it scores
   * leads ahead (`FoldWorkerOptions`). Default: false.
   */
  foldWorker?: boolean | FoldWorkerOptions | undefined
}

/** How `rescorePending` scored pending leads with the fold worker. */
export interface FoldWorkerStats {
  /** Scores the worker computed that were written. */
  scoredByWorker: number
  /** Of those, the ones it had computed ahead, while events were still being stored. */
  scoredAhead: number
  /** Leads this thread rescored itself (the worker's score no longer held, or it had none). */
  scoredHere: number
}

/** Leads per request to the fold worker (and per write transaction): the writer waits for the first one. */
const FOLD_WORKER_CHUNK = 1_000

/** History entries returned when the caller names no limit. */
const DEFAULT_HISTORY_LIMIT = 50

/** Runs `work` now and hands its result or error back as a promise, as the async port expects. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()))
}

/**
 * Opens (creating and migrating when needed) a SQLite store.
 *
 * @example
 * const store = createSqliteStore({ file: './data/leadscore.db' })
 * await store.ingestEvents([{ id: 'e1', email: 'ana@acme.io', type: 'page_view', timestamp: now, properties: {} }], model, now)
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = openSqliteDatabase(options.file)
  return new SqliteStore(db, {
    rescoreChunkSize: options.rescoreChunkSize ?? 500,
    cachedLeads: options.cachedLeads ?? 50_000,
    checkpointer: options.backgroundCheckpoints === true && !db.memory ? startWalCheckpointer(db) : null,
    folds: options.foldWorker ? new FoldWorker(options.foldWorker === true ? {} : options.foldWorker) : null,
  })
}

export class SqliteStore implements Store {
  readonly capabilities: StoreCapabilities = { supportsConcurrentWriters: false }
  private readonly statements: SqliteStatements
  private readonly ops: SqliteOps
  private readonly context: SqliteWriteContext
  private readonly dataVersion: Database.Statement<[], number>
  private lastDataVersion: number | null = null
  private readonly ingestTransaction
  private readonly upsertTransaction
  private readonly rescoreTransaction
  private readonly rescoreOutdatedTransaction
  private readonly rescorePendingTransaction
  private readonly writeRemoteScoresTransaction
  private readonly leadRecords: SqliteLeadRecords
  private readonly mergeTransaction
  private readonly apiKeys: SqliteApiKeys
  private readonly predictive: SqlitePredictive
  private readonly checkpointer: WalCheckpointer | null
  private readonly folds: FoldWorker | null
  private readonly rescoreChunkSize: number
  private readonly foldStats: FoldWorkerStats = { scoredByWorker: 0, scoredAhead: 0, scoredHere: 0 }

  constructor(
    private readonly db: Database.Database,
    options: { rescoreChunkSize: number; cachedLeads: number; checkpointer?: WalCheckpointer | null; folds?: FoldWorker | null },
  ) {
    this.checkpointer = options.checkpointer ?? null
    const folds = options.folds ?? null
    this.folds = folds
    this.rescoreChunkSize = options.rescoreChunkSize
    const statements = prepareStatements(db)
    const context = { statements, cache: new LeadCache(options.cachedLeads, folds), folds }
    this.statements = statements
    this.ops = prepareOps(db)
    this.context = context
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()
    this.leadRecords = new SqliteLeadRecords(db, statements)
    this.ingestTransaction = this.writeTransaction(
      (events: readonly EventInput[], model: ActiveModel, now: EpochMs, deferScoring: boolean): IngestResult[] =>
        ingestBatch(context, events, model, now, deferScoring),
    )
    this.upsertTransaction = this.writeTransaction(
      (leads: readonly LeadInput[], model: ActiveModel | null, now: EpochMs): UpsertLeadResult[] =>
        upsertLeadBatch(context, leads, model, now),
    )
    const rescoreRows = (rows: LeadRow[], afterId: string, model: ActiveModel, now: EpochMs, cause: ScoreCause) => {
      let changed = 0
      for (const row of rows) {
        const lead = leadRowToLead(row)
        const request = { lead, model, now, cause, eventId: null, newEvents: [], isNewLead: false }
        if (rescoreLead(context, request).changed) changed++
      }
      return { count: rows.length, changed, lastId: rows.at(-1)?.id ?? afterId }
    }
    this.rescoreTransaction = this.writeTransaction((afterId: string, model: ActiveModel, now: EpochMs, cause: ScoreCause) =>
      rescoreRows(statements.leadsAfter.all(afterId, options.rescoreChunkSize), afterId, model, now, cause),
    )
    this.rescoreOutdatedTransaction = this.writeTransaction((afterId: string, model: ActiveModel, now: EpochMs) =>
      rescoreRows(statements.outdatedLeadsAfter.all(afterId, model.checksum, options.rescoreChunkSize), afterId, model, now, 'model'),
    )
    const mergeStatements = prepareMergeStatements(db)
    this.mergeTransaction = this.writeTransaction((fromId: string, intoId: string, model: ActiveModel, now: EpochMs) =>
      mergeLeadsInTransaction(context, mergeStatements, fromId, intoId, model, now),
    )
    this.apiKeys = prepareApiKeys(db)
    this.predictive = new SqlitePredictive(db)
    this.writeRemoteScoresTransaction = this.writeTransaction(
      (ids: readonly string[], scores: ReadonlyMap<string, RemoteScore>, model: ActiveModel, now: EpochMs) =>
        this.writeRemoteScores(ids, scores, model, now),
    )
    this.rescorePendingTransaction = this.writeTransaction((afterId: string, model: ActiveModel, now: EpochMs) => {
      const ids = statements.pendingIdsAfter.all(afterId, options.rescoreChunkSize)
      let changed = 0
      for (const id of ids) if (this.rescorePendingLead(id, model, now)) changed++
      const lastId = ids.at(-1) ?? afterId
      statements.deletePendingRange.run(afterId, lastId)
      return { count: ids.length, changed, lastId }
    })
  }

  /**
   * Wraps `work` in an immediate (write-locking) transaction that keeps the lead cache honest: it
   * is dropped when another connection committed since our last look, and when `work` fails.
   */
  private writeTransaction<Args extends unknown[], Result>(
    work: (...args: Args) => Result,
  ): (...args: Args) => Result {
    const transaction = this.db.transaction((...args: Args): Result => {
      const version = this.dataVersion.get()!
      if (version !== this.lastDataVersion) this.context.cache.clear()
      this.lastDataVersion = version
      return work(...args)
    })
    return (...args: Args): Result => {
      try {
        return transaction.immediate(...args)
      } catch (error) {
        this.context.cache.clear()
        throw error
      }
    }
  }

  /** The underlying connection, for SQLite-only maintenance and tests (pragmas, backups). */
  get database(): Database.Database {
    return this.db
  }

  upsertLeads(leads: LeadInput[], model: ActiveModel | null, now: EpochMs): Promise<UpsertLeadResult[]> {
    return settle(() => this.upsertTransaction(leads, model, now))
  }

  ingestEvents(events: EventInput[], model: ActiveModel, now: EpochMs, options?: IngestOptions): Promise<IngestResult[]> {
    return settle(() => {
      const results = this.ingestTransaction(events, model, now, options?.deferScoring === true)
      // Committed: what it handed over for the fold worker goes (a failed transaction took it back).
      this.folds?.commit(now)
      return results
    })
  }

  recordOutcomes(outcomes: Outcome[], now: EpochMs): Promise<OutcomeResult[]> {
    const statements = this.statements
    const record = this.db.transaction((items: readonly Outcome[]) =>
      items.map((outcome): OutcomeResult => {
        if (statements.leadExists.get(outcome.leadId) === undefined) {
          return { status: 'rejected', leadId: outcome.leadId, reason: `no lead with id ${outcome.leadId}` }
        }
        const previous = statements.outcomeByLead.get(outcome.leadId)
        const converted = outcome.converted ? 1 : 0
        const at = outcome.at ?? null
        if (previous !== undefined && previous.converted === converted && previous.at === at) {
          return { status: 'unchanged', leadId: outcome.leadId }
        }
        statements.upsertOutcome.run({ lead_id: outcome.leadId, converted, at, recorded_at: now })
        return { status: previous === undefined ? 'stored' : 'updated', leadId: outcome.leadId }
      }),
    )
    return settle(() => record.immediate(outcomes))
  }

  getLead(idOrEmail: string): Promise<Lead | null> {
    return settle(() => {
      const row = findLeadRow(this.statements, idOrEmail)
      return row === undefined ? null : leadRowToLead(row)
    })
  }

  getScore(leadId: string): Promise<StoredScore | null> {
    return settle(() => {
      const row = this.statements.storedScoreByLead.get(leadId)
      return row === undefined ? null : scoreRowToStoredScore(row)
    })
  }

  listEvents(leadId: string, limit?: number): Promise<LeadEvent[]> {
    return settle(() => {
      const rows =
        limit === undefined
          ? this.statements.eventsOfLead.all(leadId)
          : this.statements.eventsOfLeadLimited.all(leadId, limit)
      return rows.map(eventRowToEvent)
    })
  }

  scoreHistory(leadId: string, limit = DEFAULT_HISTORY_LIMIT): Promise<ScoreChange[]> {
    return settle(() => this.statements.historyOfLead.all(leadId, limit).map(historyRowToScoreChange))
  }

  listLeads(query: LeadQuery): Promise<LeadPage> {
    return settle(() => listLeads(this.db, query))
  }

  eventTimeline(leadId: string, page: PageRequest): Promise<Page<LeadEvent>> {
    return settle(() => this.leadRecords.timeline(leadId, page))
  }

  scoreHistoryPage(leadId: string, page: PageRequest): Promise<Page<ScoreChange>> {
    return settle(() => this.leadRecords.history(leadId, page))
  }

  listAccounts(query: AccountQuery): Promise<{ items: AccountSummary[]; total: number }> {
    return settle(() => listAccounts(this.db, query))
  }

  getAccount(key: string): Promise<AccountSummary | null> {
    return settle(() => getAccount(this.db, key))
  }

  exportLead(idOrEmail: string): Promise<LeadRecord | null> {
    return settle(() => this.leadRecords.export(idOrEmail))
  }

  eraseLead(id: string): Promise<boolean> {
    return settle(() => {
      try {
        return this.leadRecords.erase(id)
      } finally {
        // Otherwise the cache would hand the erased lead (and its state) to the next event with its id.
        this.context.cache.forget(id)
      }
    })
  }

  getOutcome(leadId: string): Promise<Outcome | null> {
    return settle(() => {
      const row = this.statements.outcomeByLead.get(leadId)
      return row === undefined ? null : outcomeRowToOutcome(row)
    })
  }

  scanLeads(options?: LeadScanOptions): AsyncIterable<ScannedLead[]> {
    return scanSqliteLeads(this.db, options)
  }

  async rescoreAll(
    model: ActiveModel,
    now: EpochMs,
    cause: ScoreCause,
    onProgress?: (progress: RescoreProgress) => void,
  ): Promise<{ leads: number; changed: number }> {
    const total = this.statements.countLeads.get() ?? 0
    return this.rescoreInChunks(total, (afterId) => this.rescoreTransaction(afterId, model, now, cause), onProgress)
  }

  async rescoreOutdated(
    model: ActiveModel,
    now: EpochMs,
    onProgress?: (progress: RescoreProgress) => void,
  ): Promise<{ leads: number; changed: number }> {
    const total = this.statements.countOutdatedScores.get(model.checksum) ?? 0
    return this.rescoreInChunks(total, (afterId) => this.rescoreOutdatedTransaction(afterId, model, now), onProgress)
  }

  async rescorePending(
    model: ActiveModel,
    now: EpochMs,
    onProgress?: (progress: RescoreProgress) => void,
  ): Promise<{ leads: number; changed: number }> {
    const total = this.statements.countPendingRescores.get() ?? 0
    const folds = this.folds
    if (folds?.available === true && model.predictive === undefined) {
      return this.rescorePendingWithWorker(folds, total, model, now, onProgress)
    }
    return this.rescoreInChunks(total, (afterId) => this.rescorePendingTransaction(afterId, model, now), onProgress)
  }

  /**
   * `rescorePending` with the fold worker: it scores the leads of the next chunk while this thread writes the
   * scores of the current one, each chunk in its own transaction.
   */
  private async rescorePendingWithWorker(
    folds: FoldWorker,
    total: number,
    model: ActiveModel,
    now: EpochMs,
    onProgress: ((progress: RescoreProgress) => void) | undefined,
  ): Promise<{ leads: number; changed: number }> {
    const { pendingIdsAfter } = this.statements
    const chunkSize = Math.min(this.rescoreChunkSize, FOLD_WORKER_CHUNK)
    let ids = pendingIdsAfter.all('', chunkSize)
    let scoring = folds.score(ids, now)
    let leads = 0
    let changed = 0
    while (ids.length > 0) {
      const scores = await scoring
      const next = pendingIdsAfter.all(ids.at(-1)!, chunkSize)
      scoring = next.length > 0 ? folds.score(next, now) : Promise.resolve(new Map<string, RemoteScore>())
      changed += this.writeRemoteScoresTransaction(ids, scores, model, now)
      leads += ids.length
      onProgress?.({ done: leads, total: Math.max(total, leads) })
      ids = next
      // Let requests in between chunks, as `rescoreInChunks` does.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    return { leads, changed }
  }

  /**
   * Writes the scores the fold worker computed for pending leads, each only if it still holds: the lead is still
   * pending (nobody rescored it since its id was read), and the worker scored the state this thread tracks with every
   * batch sent to it (a change to the lead drops that state, see `LeadCache.setLead`). Any other lead is rescored
   * here. Returns how many scores moved.
   */
  private writeRemoteScores(ids: readonly string[], scores: ReadonlyMap<string, RemoteScore>, model: ActiveModel, now: EpochMs): number {
    const { statements, cache } = this.context
    let changed = 0
    for (const id of ids) {
      if (statements.deletePendingRescore.run(id).changes === 0) continue
      const remote = cache.pendingState(id, model.checksum)?.remote ?? null
      const score = scores.get(id)
      if (remote !== null && score?.trackId === remote.trackId && score.batches === remote.away) {
        applyScoreWrite(statements, score.write)
        cache.settlePending(id)
        cache.forgetScored(id)
        if (score.write.history !== null) changed++
        this.foldStats.scoredByWorker++
        if (score.ahead) this.foldStats.scoredAhead++
        continue
      }
      if (this.rescorePendingLead(id, model, now)) changed++
    }
    return changed
  }

  /**
   * Rescores one pending lead on this thread (its pending row already cleared by the caller): from the state the
   * cache folded for it, or rebuilt from its events. Returns whether its score moved.
   */
  private rescorePendingLead(id: string, model: ActiveModel, now: EpochMs): boolean {
    const { statements, cache } = this.context
    const lead = cache.lead(id) ?? leadRowToLead(statements.leadById.get(id)!)
    const eventId = cache.pendingState(id, model.checksum)?.newest.id ?? statements.newestEventIdOfLead.get(id) ?? null
    const request = { lead, model, now, cause: 'event' as const, eventId, newEvents: [], isNewLead: false, knownPending: true }
    this.foldStats.scoredHere++
    return rescoreLead(this.context, request).changed
  }

  /** Runs `rescoreChunk` (one transaction over the leads after an id) until it finds no more leads. */
  private async rescoreInChunks(
    total: number,
    rescoreChunk: (afterId: string) => { count: number; changed: number; lastId: string },
    onProgress: ((progress: RescoreProgress) => void) | undefined,
  ): Promise<{ leads: number; changed: number }> {
    let afterId = ''
    let leads = 0
    let changed = 0
    for (;;) {
      const chunk = rescoreChunk(afterId)
      if (chunk.count === 0) break
      leads += chunk.count
      changed += chunk.changed
      afterId = chunk.lastId
      onProgress?.({ done: leads, total: Math.max(total, leads) })
      // Let requests in between chunks: a rescore of many leads must not stall the process.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    return { leads, changed }
  }

  createModelVersion(input: { name: string; yaml: string; checksum: string }, now: EpochMs): Promise<ModelVersion> {
    return settle(() => {
      const { lastInsertRowid } = this.statements.insertModelVersion.run({ ...input, created_at: now })
      return this.requireModelVersion(Number(lastInsertRowid))
    })
  }

  publishModelVersion(version: number, now: EpochMs): Promise<ModelVersion> {
    const publish = this.db.transaction(() => {
      this.requireModelVersion(version)
      this.statements.deactivateModelVersions.run()
      this.statements.publishModelVersion.run(now, version)
      return this.requireModelVersion(version)
    })
    return settle(() => publish.immediate())
  }

  activateModelVersion(version: number, _now: EpochMs): Promise<ModelVersion> {
    const activate = this.db.transaction(() => {
      const current = this.requireModelVersion(version)
      if (current.status !== 'published') {
        throw new StoreError('conflict', `Model version ${version} is a draft. Publish it before activating it.`)
      }
      this.statements.deactivateModelVersions.run()
      this.statements.activateModelVersion.run(version)
      return this.requireModelVersion(version)
    })
    return settle(() => activate.immediate())
  }

  listModelVersions(): Promise<ModelVersion[]> {
    return settle(() => this.statements.modelVersions.all().map(modelVersionRowToModelVersion))
  }

  getModelVersion(version: number): Promise<ModelVersion | null> {
    return settle(() => {
      const row = this.statements.modelVersion.get(version)
      return row === undefined ? null : modelVersionRowToModelVersion(row)
    })
  }

  getActiveModelVersion(): Promise<ModelVersion | null> {
    return settle(() => {
      const row = this.statements.activeModelVersion.get()
      return row === undefined ? null : modelVersionRowToModelVersion(row)
    })
  }

  ping(): Promise<void> {
    return settle(() => this.ops.ping())
  }

  countPendingRescores(): Promise<number> {
    return settle(() => this.ops.countPendingRescores())
  }

  mergeLeads(fromId: string, intoId: string, model: ActiveModel, now: EpochMs): Promise<MergeLeadsResult> {
    return settle(() => this.mergeTransaction(fromId, intoId, model, now))
  }

  createApiKey(input: ApiKeyInput, now: EpochMs): Promise<ApiKey> {
    return settle(() => this.apiKeys.create(input, now))
  }

  listApiKeys(): Promise<ApiKey[]> {
    return settle(() => this.apiKeys.list())
  }

  findApiKeyByHash(secretHash: string): Promise<ApiKey | null> {
    return settle(() => this.apiKeys.findByHash(secretHash))
  }

  revokeApiKey(id: string, now: EpochMs): Promise<ApiKey> {
    return settle(() => this.apiKeys.revoke(id, now))
  }

  recordApiKeyUse(id: string, at: EpochMs): Promise<void> {
    return settle(() => this.apiKeys.recordUse(id, at))
  }

  trainingSet(): Promise<TrainingSetItem[]> {
    return settle(() => this.predictive.trainingSet())
  }

  createPredictiveModel(input: PredictiveModelInput, now: EpochMs): Promise<PredictiveModel> {
    return settle(() => this.predictive.createModel(input, now))
  }

  publishPredictiveModel(id: number, now: EpochMs): Promise<PredictiveModel> {
    return settle(() => this.predictive.publishModel(id, now))
  }

  listPredictiveModels(): Promise<PredictiveModelSummary[]> {
    return settle(() => this.predictive.listModels())
  }

  getPredictiveModel(id: number): Promise<PredictiveModel | null> {
    return settle(() => this.predictive.getModel(id))
  }

  getActivePredictiveModel(): Promise<PredictiveModel | null> {
    return settle(() => this.predictive.activeModel())
  }

  activePredictiveModelId(): Promise<number | null> {
    return settle(() => this.predictive.activeModelId())
  }

  createTrainingJob(input: { algo: string; seed: number }, now: EpochMs): Promise<TrainingJob> {
    return settle(() => this.predictive.createJob(input, now))
  }

  updateTrainingJob(id: number, change: TrainingJobChange, now: EpochMs): Promise<TrainingJob> {
    return settle(() => this.predictive.updateJob(id, change, now))
  }

  getTrainingJob(id: number): Promise<TrainingJob | null> {
    return settle(() => this.predictive.getJob(id))
  }

  failUnfinishedTrainingJobs(error: string, now: EpochMs): Promise<number> {
    return settle(() => this.predictive.failUnfinishedJobs(error, now))
  }

  /**
   * Pending leads `rescorePending` wrote as the fold worker scored them, and those it rescored on this thread instead
   * (no fold worker, or the lead changed after the worker was asked), since the store was opened.
   */
  foldWorkerStats(): FoldWorkerStats {
    return { ...this.foldStats }
  }

  /** Stops the fold worker (tests of what happens without it): deferred leads are then scored on this thread. */
  async stopFoldWorker(): Promise<void> {
    await this.folds?.stop()
  }

  /** Resolves once the fold worker has scored ahead every pending lead it can so far (tests). */
  async foldWorkerSettled(): Promise<void> {
    await this.folds?.settled()
  }

  /** What the background checkpointer has done, or null when the connection checkpoints by itself. */
  walCheckpoints(): WalCheckpointStats | null {
    return this.checkpointer?.stats() ?? null
  }

  async close(): Promise<void> {
    await this.folds?.stop()
    // The worker's connection closes first, so that this one is the last and folds the WAL back on closing.
    await this.checkpointer?.stop()
    if (this.db.open) {
      // Refreshes the planner's statistics where this connection's queries showed them stale (SQLite's advice).
      this.db.pragma('optimize')
      this.db.close()
    }
  }

  private requireModelVersion(version: number): ModelVersion {
    const row = this.statements.modelVersion.get(version)
    if (row === undefined) throw new StoreError('not_found', `There is no model version ${version}.`)
    return modelVersionRowToModelVersion(row)
  }
}
