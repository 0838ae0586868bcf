// POST /v1/events: one event (stored and scored before the response) or a batch (stored, then scored in the background).
import { EVENT_TYPES } from '../../core/index.js'
import { parseEventRecord } from '../../ingest/index.js'
import type { EventInput } from '../../store/index.js'
import type { RouteDeps } from '../app.js'
import { ApiError } from '../errors.js'
import type { ApiInstance } from '../instance.js'
import { EventsBody } from '../schemas.js'

export function registerEventRoutes(app: ApiInstance, deps: RouteDeps): void {
  const schema = {
    tags: ['events'],
    summary: 'Send one event (scored before the response) or a batch of up to 1,000 (stored, then scored within moments)',
    body: EventsBody,
  }
  app.post('/v1/events', { config: { access: 'write' }, schema }, async (request, reply) => {
    const body = request.body
    const single = !('events' in body)
    const items = 'events' in body ? body.events : [body]
    const active = deps.model()
    const knownTypes = [...EVENT_TYPES, ...active.model.eventTypes]
    const allowed = new Set(knownTypes)

    const parsed = items.map((item) => parseEventRecord(item, 'ndjson', allowed, knownTypes))
    // Events the store never sees are counted here; the store's own outcomes are counted where it is called.
    deps.metrics.countEvents('rejected', parsed.filter((result) => !result.ok).length)
    if (single) {
      const only = parsed[0]!
      if (!only.ok) throw new ApiError(only.reason.startsWith('unknown event type') ? 'unknown_event_type' : 'invalid_event', only.reason)
    }
    const valid: EventInput[] = []
    for (const result of parsed) if (result.ok) valid.push(result.value)
    // A single event shares its transaction with those of concurrent requests; a batch is durable once stored
    // and its leads are scored by the background scorer, each once (ADR 4).
    const stored = single
      ? [await deps.ingestSingle(valid[0]!)]
      : await deps.store.ingestEvents(valid, active, deps.now(), { deferScoring: true })
    if (!single) deps.scorePending()

    let next = 0
    const results = parsed.map((result, index) => {
      if (!result.ok) return { index, status: 'rejected', reason: result.reason }
      const outcome = stored[next++]!
      if (outcome.status === 'stored') return { index, status: 'stored', event_id: outcome.eventId, lead_id: outcome.leadId }
      if (outcome.status === 'duplicate') return { index, status: 'duplicate', event_id: outcome.eventId }
      return { index, status: 'rejected', event_id: outcome.eventId, reason: outcome.reason }
    })
    if (single) {
      const only = results[0]!
      if (only.status === 'rejected') throw new ApiError('invalid_event', only.reason)
      // A stored event comes back with the score its transaction wrote; a replay reads the current one.
      const outcome = stored[0]!
      const leadId = 'lead_id' in only ? only.lead_id : undefined
      const score =
        outcome.status === 'stored' && outcome.score !== undefined
          ? outcome.score
          : leadId === undefined
            ? null
            : await deps.store.getScore(leadId)
      void reply.status(only.status === 'stored' ? 201 : 200)
      return { ...only, score: score === null ? null : { score: score.score, status: score.status, cell: score.cell } }
    }
    const count = (status: string): number => results.filter((result) => result.status === status).length
    return { stored: count('stored'), duplicates: count('duplicate'), rejected: count('rejected'), scoring: 'queued', results }
  })
}
