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
import { isScoreChanged, type ScoreSummary } from '../score-change.js'
import type { ActiveModel, ScoreCause } from '../store.js'
import type { LeadCache, PendingState, ScoredState } from './lead-cache.js'
import {
  eventRowToEvent,
  scoreChangeToHistoryRowValues,
  scoreStateRowToSummary,
  scoreToScoreRowValues,
  type ScoreRowValues,
} from './rows.js'
import { scoreValuesUpdate, type SqliteStatements } from './sqlite-statements.js'

/** What a write transaction works with: the connection's statements and its lead cache. */
export interface SqliteWriteContext {
  statements: SqliteStatements
  cache: LeadCache
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
  const folded = wasPending ? cache.pendingState(lead.id, model.checksum) : undefined
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
    predictive: predictiveProbability(context, request),
    profile: cache.profile(lead, model.model),
  })
  writeScoreRow(statements, previous, result, scoreToScoreRowValues(lead.id, result, JSON.stringify(state), model))
  const { score, status, segment, stage, spam, cell } = result
  cache.setScored(lead, { checksum: model.checksum, state, summary: { score, status, segment, stage, spam, cell } })
  if (!isScoreChanged(previous, result)) return { result, changed: false }
  statements.insertHistory.run(
    ...scoreChangeToHistoryRowValues({
      leadId: lead.id,
      at: now,
      cause: request.cause,
      eventId: request.eventId,
      modelVersion: model.version,
      score,
      previousScore: previous?.score ?? null,
      fit: result.fit,
      engagement: result.engagement,
      status,
      segment,
    }),
  )
  return { result, changed: true }
}

/**
 * Writes the lead's scores row. When the row exists with the same status, cell and segment, only the other
 * columns are updated, which leaves those three indexes untouched (a third of the pages a rescore writes).
 */
function writeScoreRow(statements: SqliteStatements, previous: ScoreSummary | null, result: ScoreResult, values: ScoreRowValues): void {
  const keysKept =
    previous !== null && previous.status === result.status && previous.cell === result.cell && previous.segment === result.segment
  if (keysKept && statements.updateScoreValues.run(...scoreValuesUpdate(values)).changes === 1) return
  statements.upsertScore.run(...values)
}

/**
 * The published predictive model's conversion probability for the lead at `now`, blended into the stored
 * score with `weights.predictive`; null without one. Its features need the lead's events, so with a
 * predictive model every rescore reads them (the rule state alone does not carry them).
 */
function predictiveProbability(context: SqliteWriteContext, request: LeadRescore): number | null {
  const predictive = request.model.predictive
  if (predictive === undefined) return null
  const events = context.statements.eventsOfLead.all(request.lead.id).map(eventRowToEvent)
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
    // Folded in place: the tracked state is this lead's alone, and a failed transaction clears the cache.
    applyEvents(tracked.state, request.newEvents, model.model)
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
  applyEvents(base.state, request.newEvents, model.model)
  const later = newest.timestamp >= base.newest.timestamp
  cache.setPendingState(lead.id, {
    checksum: model.checksum,
    state: base.state,
    previous: base.previous,
    newest: later ? { id: newest.id, timestamp: newest.timestamp } : base.newest,
  })
}

/** The lead's state before this transaction's events, when it can be had without reading its events; else null. */
function knownStateBefore(context: SqliteWriteContext, request: DeferredLead): Omit<PendingState, 'checksum'> | null {
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
