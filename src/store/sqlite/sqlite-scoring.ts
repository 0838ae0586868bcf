// Recomputes one lead's stored score inside the current transaction: continue or rebuild its state, score, record.
import {
  applyEvents,
  buildLeadState,
  emptyLeadState,
  parseLeadState,
  scoreLeadState,
  type EpochMs,
  type Lead,
  type FoldedEvent,
  type LeadState,
  type ScoreResult,
} from '../../core/index.js'
import { predictLead } from '../../predict/index.js'
import type { ScoreSummary } from '../score-change.js'
import type { ActiveModel, ScoreCause } from '../store.js'
import type { FoldWorker } from './fold-worker.js'
import type { LeadCache, PendingState, ScoredState } from './lead-cache.js'
import { eventRowToEvent, scoreStateRowToSummary } from './rows.js'
import { scoreWrite, type ScoreWrite } from './score-write.js'
import { scoreValuesUpdate, type SqliteStatements } from './sqlite-statements.js'

/** What a write transaction works with: the connection's statements and its lead cache. */
export interface SqliteWriteContext {
  statements: SqliteStatements
  cache: LeadCache
  /** Where deferred ingests fold their events when it is available (a second thread), or null: on this thread. */
  folds: FoldWorker | null
}

export interface LeadRescore {
  lead: Lead
  model: ActiveModel
  now: EpochMs
  cause: ScoreCause
  /** The event recorded in the history entry, when an event caused the change. */
  eventId: string | null
  /** Events stored in this transaction that the stored state has not seen yet. */
  newEvents: readonly FoldedEvent[]
  /** The lead was created in this transaction, so `newEvents` are all of its events. */
  isNewLead: boolean
  /** The caller knows the lead is pending and clears its pending row itself (`rescorePending`, a chunk at a time). */
  knownPending?: boolean
}

/** The lead's stored state, from the cache or the scores row; null when it has no score yet. */
function loadScoredState(context: SqliteWriteContext, leadId: string): ScoredState | null {
  const cached = context.cache.scored(leadId)
  if (cached !== undefined) return cached
  const row = context.statements.scoreStateByLead.get(leadId)
  if (row === undefined) return null
  return { checksum: row.model_checksum, state: parseLeadState(row.state), summary: scoreStateRowToSummary(row) }
}

/**
 * True when the lead has no stored events but `newEvents`, so its state builds from them without
 * reading and parsing its events back (the first rescore of leads a CRM sync created).
 */
function hasOnlyNewEvents(context: SqliteWriteContext, leadId: string, newEvents: readonly FoldedEvent[]): boolean {
  return context.statements.countEventsOfLead.get(leadId) === newEvents.length
}

/**
 * Brings the lead's stored score up to date. A lead pending a deferred rescore (which this clears) continues
 * from the state its deferred ingests folded in memory, or is rebuilt from every stored event when none was
 * folded; any other lead continues from its stored state when that was built with this model (same
 * checksum) and is readable, and is rebuilt otherwise. Writes the score and, when it moved, one history
 * entry. Returns the new score and whether it moved.
 */
export function rescoreLead(context: SqliteWriteContext, request: LeadRescore): { result: ScoreResult; changed: boolean } {
  const { lead, model, now } = request
  const { statements, cache } = context
  const wasPending = request.knownPending === true || statements.deletePendingRescore.run(lead.id).changes > 0
  const tracked = wasPending ? cache.pendingState(lead.id, model.checksum) : undefined
  // A state the fold worker holds is not here: the lead is rebuilt from its events.
  const folded = tracked?.remote === null ? tracked : undefined
  cache.forgetPending(lead.id)
  let previous: ScoreSummary | null
  let state: LeadState
  if (folded !== undefined) {
    previous = folded.previous
    state = folded.state
    applyEvents(state, request.newEvents, model.model)
  } else {
    const stored = loadScoredState(context, lead.id)
    previous = stored?.summary ?? null
    if (!wasPending && stored?.state != null && stored.checksum === model.checksum) {
      state = stored.state
      applyEvents(state, request.newEvents, model.model)
    } else if (!wasPending && stored === null && (request.isNewLead || hasOnlyNewEvents(context, lead.id, request.newEvents))) {
      state = emptyLeadState()
      applyEvents(state, request.newEvents, model.model)
    } else {
      // A deferred ingest left the stored state behind the stored events (or it is stale): only a rebuild is right.
      state = buildLeadState(statements.eventsOfLead.all(lead.id).map(eventRowToEvent), model.model)
    }
  }
  const result = scoreLeadState(lead, state, model.model, now, {
    predictive: predictiveProbability(statements, request),
    profile: cache.profile(lead, model.model),
  })
  const write = scoreWrite(request, state, previous, result)
  applyScoreWrite(statements, write)
  cache.setScored(lead, { checksum: model.checksum, state, summary: scoreSummary(result) })
  return { result, changed: write.history !== null }
}

/** What the write path keeps of a score. */
function scoreSummary(result: ScoreResult): ScoreSummary {
  const { score, status, segment, stage, spam, cell } = result
  return { score, status, segment, stage, spam, cell }
}

/**
 * Writes a lead's scores row and history entry. When the row exists with the same status, cell and segment, only
 * the other columns are updated, which leaves those three indexes untouched (a third of the pages a rescore writes).
 */
export function applyScoreWrite(statements: SqliteStatements, write: ScoreWrite): void {
  if (!write.keysKept || statements.updateScoreValues.run(...scoreValuesUpdate(write.values)).changes !== 1) {
    statements.upsertScore.run(...write.values)
  }
  if (write.history !== null) statements.insertHistory.run(...write.history)
}

/**
 * The published predictive model's conversion probability for the lead at `now`, blended into the stored
 * score with `weights.predictive`; null without one. Its features need the lead's events, so with a
 * predictive model every rescore reads them (the rule state alone does not carry them).
 */
function predictiveProbability(statements: SqliteStatements, request: Pick<LeadRescore, 'lead' | 'model' | 'now'>): number | null {
  const predictive = request.model.predictive
  if (predictive === undefined) return null
  const events = statements.eventsOfLead.all(request.lead.id).map(eventRowToEvent)
  return predictLead(predictive.artifact, request.lead, events, request.now).probability
}

/** A lead whose rescore a bulk ingest defers, with what this transaction stored for it. */
export interface DeferredLead {
  lead: Lead
  model: ActiveModel
  /** Events stored in this transaction for the lead. */
  newEvents: readonly FoldedEvent[]
  /** The newest of `newEvents`. */
  newest: FoldedEvent
  /** Each of `newEvents`' properties as stored (JSON), for the fold worker. */
  properties: readonly string[]
  /** The lead was created in this transaction. */
  isNewLead: boolean
}

/**
 * Records the lead as pending (durably, in this transaction) and, when its state before this transaction
 * is known, folds the new events into an in-memory copy, so `rescorePending` scores it without reading its
 * events back. The known bases: an empty state for a lead with no other events, the scored state (cached
 * or stored) of a lead that was not pending, or the folded state of a lead pending since an earlier call.
 */
export function deferRescore(context: SqliteWriteContext, request: DeferredLead): void {
  const { lead, model, newest } = request
  const { statements, cache } = context
  // A lead whose folded state the cache tracks is pending already: its row exists, committed or in this transaction.
  const tracked = cache.pendingState(lead.id, model.checksum)
  if (tracked !== undefined) {
    foldPending(context, tracked, request)
    if (newest.timestamp >= tracked.newest.timestamp) tracked.newest = { id: newest.id, timestamp: newest.timestamp }
    return
  }
  const newlyPending = statements.insertPendingRescore.run(lead.id).changes > 0
  const base = newlyPending ? knownStateBefore(context, request) : null
  cache.forgetScored(lead.id)
  if (base === null) {
    cache.forgetPending(lead.id)
    return
  }
  const entry: PendingState = { checksum: model.checksum, ...base, remote: null }
  cache.setPendingState(lead.id, entry)
  // Beyond the cache's capacity the lead is not tracked (it is rebuilt from its events when rescored).
  if (cache.pendingState(lead.id, model.checksum) !== entry) return
  const folds = context.folds
  if (folds?.available === true && model.predictive === undefined) {
    const trackId = folds.track(lead, entry.state, entry.previous, entry.newest, model)
    entry.remote = { trackId, away: 0 }
  }
  foldPending(context, entry, request)
}

/**
 * Folds a deferred lead's new events into its tracked state: on the fold worker when it holds the state, else here,
 * in place (the state is this lead's alone, and a failed transaction clears the cache).
 */
function foldPending(context: SqliteWriteContext, entry: PendingState, request: DeferredLead): void {
  const { lead, model } = request
  if (entry.remote !== null && context.folds !== null) {
    context.folds.add(lead.id, request.newEvents, request.properties, model)
    entry.remote.away++
  } else {
    applyEvents(entry.state, request.newEvents, model.model)
  }
}

/** The lead's state before this transaction's events, when it can be had without reading its events; else null. */
function knownStateBefore(context: SqliteWriteContext, request: DeferredLead): Omit<PendingState, 'checksum' | 'remote'> | null {
  const { lead, model, newest } = request
  const stored = loadScoredState(context, lead.id)
  const first = { id: newest.id, timestamp: newest.timestamp }
  // A cached state object is handed over: the cache forgets it, and a failed transaction clears the cache.
  if (stored?.state != null && stored.checksum === model.checksum) return { state: stored.state, previous: stored.summary, newest: first }
  if (stored === null && (request.isNewLead || hasOnlyNewEvents(context, lead.id, request.newEvents))) {
    return { state: emptyLeadState(), previous: null, newest: first }
  }
  return null
}
