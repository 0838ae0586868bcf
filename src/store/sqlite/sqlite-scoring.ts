// Recomputes one lead's stored score inside the current transaction: continue or rebuild its state, score, record.
import {
  applyEvent,
  buildLeadState,
  emptyLeadState,
  parseLeadState,
  scoreLeadState,
  type EpochMs,
  type Lead,
  type LeadEvent,
  type LeadState,
} from '../../core/index.js'
import { predictLead } from '../../predict/index.js'
import { isScoreChanged } from '../score-change.js'
import type { ActiveModel, ScoreCause } from '../store.js'
import type { LeadCache, PendingState, ScoredState } from './lead-cache.js'
import { eventRowToEvent, scoreChangeToHistoryRowValues, scoreStateRowToSummary, scoreToScoreRowValues } from './rows.js'
import type { SqliteStatements } from './sqlite-statements.js'

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
  newEvents: readonly LeadEvent[]
  /** The lead was created in this transaction, so `newEvents` are all of its events. */
  isNewLead: boolean
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
function hasOnlyNewEvents(context: SqliteWriteContext, leadId: string, newEvents: readonly LeadEvent[]): boolean {
  return context.statements.countEventsOfLead.get(leadId) === newEvents.length
}

/**
 * Brings the lead's stored score up to date: the stored state continues with the new events when it
 * was built with this model (same checksum), is readable and the lead is not pending a deferred
 * rescore (which this clears), otherwise it is rebuilt from every stored event. Writes the score
 * and, when it moved, one history entry. Returns whether it moved.
 */
export function rescoreLead(context: SqliteWriteContext, request: LeadRescore): boolean {
  const { lead, model, now } = request
  const { statements } = context
  const previous = loadScoredState(context, lead.id)
  // A deferred ingest left the stored state behind the stored events: only a full rebuild is right.
  const wasPending = statements.deletePendingRescore.run(lead.id).changes > 0
  let state: LeadState
  if (wasPending) {
    const folded = context.cache.pendingState(lead.id, model.checksum)
    context.cache.forgetPending(lead.id)
    if (folded === undefined) {
      state = buildLeadState(statements.eventsOfLead.all(lead.id).map(eventRowToEvent), model.model)
    } else {
      state = folded.state
      for (const event of request.newEvents) applyEvent(state, event, model.model)
    }
  } else if (previous?.state != null && previous.checksum === model.checksum) {
    state = previous.state
    for (const event of request.newEvents) applyEvent(state, event, model.model)
  } else if (previous === null && (request.isNewLead || hasOnlyNewEvents(context, lead.id, request.newEvents))) {
    state = emptyLeadState()
    for (const event of request.newEvents) applyEvent(state, event, model.model)
  } else {
    state = buildLeadState(statements.eventsOfLead.all(lead.id).map(eventRowToEvent), model.model)
  }
  const result = scoreLeadState(lead, state, model.model, now, { predictive: predictiveProbability(context, request) })
  statements.upsertScore.run(...scoreToScoreRowValues(lead.id, result, JSON.stringify(state), model))
  const { score, status, segment, stage, spam } = result
  context.cache.setScored(lead, { checksum: model.checksum, state, summary: { score, status, segment, stage, spam } })
  if (!isScoreChanged(previous?.summary ?? null, result)) return false
  statements.insertHistory.run(
    ...scoreChangeToHistoryRowValues({
      leadId: lead.id,
      at: now,
      cause: request.cause,
      eventId: request.eventId,
      modelVersion: model.version,
      score,
      previousScore: previous?.summary.score ?? null,
      fit: result.fit,
      engagement: result.engagement,
      status,
      segment,
    }),
  )
  return true
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
  newEvents: readonly LeadEvent[]
  /** The newest of `newEvents`. */
  newest: LeadEvent
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
  const newlyPending = statements.insertPendingRescore.run(lead.id).changes > 0
  let base: { state: LeadState; newest: PendingState['newest'] } | null
  if (newlyPending) {
    base = knownStateBefore(context, request)
  } else {
    const folded = cache.pendingState(lead.id, model.checksum)
    base = folded === undefined ? null : { state: folded.state, newest: folded.newest }
  }
  cache.forgetScored(lead.id)
  if (base === null) {
    cache.forgetPending(lead.id)
    return
  }
  for (const event of request.newEvents) applyEvent(base.state, event, model.model)
  const previous = base.newest
  const newer = previous !== null && newest.timestamp >= previous.timestamp
  cache.setPendingState(lead.id, {
    checksum: model.checksum,
    state: base.state,
    newest: previous === null ? null : newer ? { id: newest.id, timestamp: newest.timestamp } : previous,
  })
}

/** The lead's state before this transaction's events, when it can be had without reading its events; else null. */
function knownStateBefore(
  context: SqliteWriteContext,
  request: DeferredLead,
): { state: LeadState; newest: PendingState['newest'] } | null {
  const { lead, model, newest } = request
  const previous = loadScoredState(context, lead.id)
  // A cached state object is handed over: the cache forgets it, and a failed transaction clears the cache.
  if (previous?.state != null && previous.checksum === model.checksum) return { state: previous.state, newest: null }
  if (previous === null && (request.isNewLead || hasOnlyNewEvents(context, lead.id, request.newEvents))) {
    // Every event of the lead is in this transaction, so `newest` is its newest overall.
    return { state: emptyLeadState(), newest: { id: newest.id, timestamp: newest.timestamp } }
  }
  return null
}
