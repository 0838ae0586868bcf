// POST /v1/outcomes: record that leads converted or were lost, one or a batch; the ground truth for analytics.
import type { Static } from 'typebox'
import type { Outcome } from '../../core/index.js'
import { parseTimestamp } from '../../ingest/index.js'
import type { RouteDeps } from '../app.js'
import { ApiError } from '../errors.js'
import type { ApiInstance } from '../instance.js'
import { OutcomesBody, type OutcomeBody } from '../schemas/outcomes.js'

type Resolved = { ok: true; outcome: Outcome } | { ok: false; reason: string; unknownLead: boolean }

/** The outcome of one body item, with its lead found by id or email. */
async function resolveOutcome(deps: RouteDeps, item: Static<typeof OutcomeBody>): Promise<Resolved> {
  const reference = item.lead_id ?? item.email
  if (reference === undefined) return { ok: false, reason: 'an outcome needs a lead_id or an email', unknownLead: false }
  const lead = await deps.store.getLead(reference)
  if (lead === null) return { ok: false, reason: `no lead with id or email '${reference}'`, unknownLead: true }
  const outcome: Outcome = { leadId: lead.id, converted: item.converted }
  if (item.converted_at !== undefined && item.converted_at !== null && item.converted_at !== '') {
    const at = parseTimestamp('converted_at', item.converted_at)
    if (!at.ok) return { ok: false, reason: at.reason, unknownLead: false }
    outcome.at = at.value
  }
  return { ok: true, outcome }
}

export function registerOutcomeRoutes(app: ApiInstance, deps: RouteDeps): void {
  const schema = {
    tags: ['outcomes'],
    summary: 'Record that leads converted (true) or were lost (false); one outcome or { outcomes: [...] }',
    body: OutcomesBody,
  }
  // Admin only: outcomes train models and drive analytics, so a browser-embedded write key must not forge them.
  app.post('/v1/outcomes', { config: { access: 'admin' }, schema }, async (request, reply) => {
    const body = request.body
    const single = !('outcomes' in body)
    const items = 'outcomes' in body ? body.outcomes : [body]
    const resolved: Resolved[] = []
    for (const item of items) resolved.push(await resolveOutcome(deps, item))
    if (single) {
      const only = resolved[0]!
      if (!only.ok) throw new ApiError(only.unknownLead ? 'not_found' : 'invalid_outcome', `${only.reason}.`)
    }
    const valid = resolved.flatMap((result) => (result.ok ? [result.outcome] : []))
    const stored = await deps.store.recordOutcomes(valid, deps.now())
    let next = 0
    const results = resolved.map((result, index) => {
      if (!result.ok) return { index, status: 'rejected', reason: result.reason }
      const outcome = stored[next++]!
      if (outcome.status === 'rejected') return { index, status: 'rejected', lead_id: outcome.leadId, reason: outcome.reason }
      return { index, status: outcome.status, lead_id: outcome.leadId }
    })
    if (single) {
      const only = results[0]!
      if (only.status === 'rejected') throw new ApiError('invalid_outcome', only.reason)
      void reply.status(only.status === 'stored' ? 201 : 200)
      return only
    }
    const count = (status: string): number => results.filter((result) => result.status === status).length
    return { stored: count('stored'), updated: count('updated'), unchanged: count('unchanged'), rejected: count('rejected'), results }
  })
}
