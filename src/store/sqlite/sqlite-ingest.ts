// The event intake hot path: store a batch of events, create unknown leads, rescore (or defer) each touched lead once.
import type { EpochMs, Lead } from '../../core/index.js'
import { newLead, newLeadId, normaliseEmail } from '../lead-merge.js'
import type { ActiveModel, EventInput, IngestResult } from '../store.js'
import { leadRowToLead, leadToLeadRow } from './rows.js'
import { deferRescore, rescoreLead, type SqliteWriteContext } from './sqlite-scoring.js'

type StoredResult = Extract<IngestResult, { status: 'stored' }>

/** What one batch did to one lead. */
interface TouchedLead {
  lead: Lead
  isNew: boolean
  /** The events stored for it, as given (folding needs neither their lead nor a copy). */
  events: EventInput[]
  /** The newest of `events` (latest timestamp; the later one in the batch on a tie). */
  newest: EventInput | null
  /** `events`' properties as stored (JSON), when the call defers scoring and there is a fold worker to read them. */
  properties: string[]
  /** The results of `events`, which get the lead's new score when the call scores it. */
  stored: StoredResult[]
}

function touchedLead(lead: Lead, isNew: boolean): TouchedLead {
  return { lead, isNew, events: [], newest: null, properties: [], stored: [] }
}

/** Why an event cannot be stored, or null when it can. */
export function checkEventInput(event: EventInput): string | null {
  if (typeof event.id !== 'string' || event.id === '') return 'the event has no id'
  if (typeof event.type !== 'string' || event.type === '') return 'the event has no type'
  if (!Number.isFinite(event.timestamp)) return 'the event timestamp is not a number of milliseconds'
  if (typeof event.properties !== 'object' || event.properties === null) return 'the event properties are not an object'
  if (event.leadId === '') return 'leadId is empty'
  if (event.leadId === undefined && normaliseEmail(event.email) === undefined) {
    return 'the event names no lead: give leadId or email'
  }
  return null
}

/**
 * Runs inside one transaction: every event is stored or reported, then each touched lead is rescored
 * once, or with `deferScoring` recorded as pending for `rescorePending`.
 */
export function ingestBatch(
  context: SqliteWriteContext,
  events: readonly EventInput[],
  model: ActiveModel,
  now: EpochMs,
  deferScoring = false,
): IngestResult[] {
  const { statements, cache } = context
  const results = new Array<IngestResult>(events.length)
  const touched = new Map<string, TouchedLead>()
  const leadIdByEmail = new Map<string, string>()
  const leadIdByAlias = new Map<string, string>()

  const findLead = (input: EventInput, email: string | undefined): TouchedLead | undefined => {
    let id = input.leadId
    if (id === undefined) {
      id = leadIdByEmail.get(email!)
      if (id === undefined) {
        const row = statements.leadByEmail.get(email!)
        if (row === undefined) return undefined
        id = row.id
        leadIdByEmail.set(email!, id)
        if (!touched.has(id)) touched.set(id, touchedLead(leadRowToLead(row), false))
      }
    }
    id = leadIdByAlias.get(id) ?? id
    let entry = touched.get(id)
    if (entry === undefined) {
      let lead = cache.lead(id)
      if (lead === undefined) {
        const row = statements.leadById.get(id) ?? statements.leadByAlias.get(id)
        if (row === undefined) return undefined
        lead = leadRowToLead(row)
        cache.remember(lead)
        if (lead.id !== id) {
          // An id merged away (an alias) stands for the lead it was merged into.
          leadIdByAlias.set(id, lead.id)
          entry = touched.get(lead.id)
          if (entry !== undefined) return entry
        }
      }
      entry = touchedLead(lead, false)
      touched.set(lead.id, entry)
    }
    return entry
  }

  for (let index = 0; index < events.length; index++) {
    const input = events[index]!
    const problem = checkEventInput(input)
    if (problem !== null) {
      results[index] = { status: 'rejected', eventId: typeof input.id === 'string' ? input.id : '', reason: problem }
      continue
    }
    const email = normaliseEmail(input.email)
    let entry = findLead(input, email)
    let leadCreated = false
    if (entry === undefined) {
      // Only a new lead needs this look-up: a replayed event must not leave an empty lead behind.
      if (statements.eventExists.get(input.id) !== undefined) {
        results[index] = { status: 'duplicate', eventId: input.id }
        continue
      }
      const owner = email === undefined ? undefined : statements.leadIdByEmail.get(email)
      if (owner !== undefined) {
        results[index] = {
          status: 'rejected',
          eventId: input.id,
          reason: `email ${email} belongs to lead ${owner}, not ${input.leadId}`,
        }
        continue
      }
      const lead = newLead(input.leadId ?? newLeadId(), email, now)
      statements.insertLead.run(leadToLeadRow(lead))
      cache.setNewLead(lead)
      if (email !== undefined) leadIdByEmail.set(email, lead.id)
      entry = touchedLead(lead, true)
      touched.set(lead.id, entry)
      leadCreated = true
    }
    const leadId = entry.lead.id
    const properties = JSON.stringify(input.properties)
    if (statements.insertEvent.run(input.id, leadId, input.type, input.timestamp, properties, now).changes === 0) {
      results[index] = { status: 'duplicate', eventId: input.id }
      continue
    }
    entry.events.push(input)
    // Only the fold worker reads them (a server's batch intake has none).
    if (deferScoring && context.folds !== null) entry.properties.push(properties)
    if (entry.newest === null || input.timestamp >= entry.newest.timestamp) entry.newest = input
    const stored: StoredResult = { status: 'stored', eventId: input.id, leadId, leadCreated }
    if (!deferScoring) entry.stored.push(stored)
    results[index] = stored
  }

  for (const entry of touched.values()) {
    if (entry.newest === null) continue
    if (deferScoring) {
      const { lead, events: newEvents, newest, properties, isNew: isNewLead } = entry
      deferRescore(context, { lead, model, newEvents, newest, properties, isNewLead })
      continue
    }
    const { result } = rescoreLead(context, {
      lead: entry.lead,
      model,
      now,
      cause: 'event',
      eventId: entry.newest.id,
      newEvents: entry.events,
      isNewLead: entry.isNew,
    })
    const score = { score: result.score, status: result.status, cell: result.cell }
    for (const stored of entry.stored) stored.score = score
  }
  return results
}
