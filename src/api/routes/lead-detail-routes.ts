// One lead's resources: patch, its score explained, its score history, its event timeline and its outcome.
import type { Lead } from '../../core/index.js'
import { parseLeadRecord } from '../../ingest/index.js'
import { scoreAtRead } from '../active-predictive.js'
import type { RouteDeps } from '../app.js'
import { cursorScope, decodeCursor, encodeCursor, readPage } from '../cursor.js'
import { ApiError } from '../errors.js'
import type { ApiInstance } from '../instance.js'
import { leadToJson, scoreChangeToJson, scoreToJson } from '../json.js'
import { eventToJson, outcomeToJson } from '../record-json.js'
import { LeadParams } from '../schemas.js'
import { LeadPatchBody, TimelineQuery } from '../schemas/leads.js'

/** Events or score changes per page when the client names no limit. */
const DEFAULT_TIMELINE_PAGE = 50

/** The lead by id or email, or a 404. */
export async function requireLead(deps: RouteDeps, idOrEmail: string): Promise<Lead> {
  const lead = await deps.store.getLead(idOrEmail)
  if (lead === null) throw new ApiError('not_found', `No lead with id or email '${idOrEmail}'.`)
  return lead
}

export function registerLeadDetailRoutes(app: ApiInstance, deps: RouteDeps): void {
  const patchSchema = {
    tags: ['leads'],
    summary: 'Change some fields of a lead; it is rescored',
    params: LeadParams,
    body: LeadPatchBody,
  }
  app.patch('/v1/leads/:id', { config: { access: 'write' }, schema: patchSchema }, async (request) => {
    const existing = await requireLead(deps, request.params.id)
    const parsed = parseLeadRecord({ ...request.body, id: existing.id }, 'ndjson')
    if (!parsed.ok) throw new ApiError('invalid_lead', parsed.reason)
    const [result] = await deps.store.upsertLeads([parsed.value], deps.model(), deps.now())
    if (result === undefined || result.status === 'rejected') {
      throw new ApiError('invalid_lead', result?.reason ?? 'The lead was not stored.')
    }
    const lead = await requireLead(deps, existing.id)
    const score = await deps.store.getScore(existing.id)
    return { status: result.status, lead: leadToJson(lead), score: score === null ? null : scoreToJson(score, false) }
  })

  const scoreSchema = { tags: ['leads'], summary: 'The score of a lead now, with every contribution', params: LeadParams }
  app.get('/v1/leads/:id/score', { config: { access: 'read' }, schema: scoreSchema }, async (request) => {
    const lead = await requireLead(deps, request.params.id)
    const model = deps.model()
    const { score } = await scoreAtRead(deps.store, model.model, lead, deps.now())
    const stored = await deps.store.getScore(lead.id)
    return {
      lead_id: lead.id,
      ...scoreToJson(score, true),
      model_version: model.version,
      stored: stored === null ? null : { score: stored.score, model_version: stored.modelVersion, computed_at: new Date(stored.at).toISOString() },
    }
  })

  const historySchema = {
    tags: ['leads'],
    summary: 'The score changes of a lead, newest first, with their cause',
    params: LeadParams,
    querystring: TimelineQuery,
  }
  app.get('/v1/leads/:id/history', { config: { access: 'read' }, schema: historySchema }, async (request) => {
    const lead = await requireLead(deps, request.params.id)
    const scope = cursorScope({ history: lead.id })
    const limit = request.query.limit ?? DEFAULT_TIMELINE_PAGE
    const page = await readPage(decodeCursor(scope, request.query.cursor), (after) => deps.store.scoreHistoryPage(lead.id, { limit, after }))
    return { lead_id: lead.id, items: page.items.map(scoreChangeToJson), limit, next_cursor: encodeCursor(scope, page.next) }
  })

  const eventsSchema = {
    tags: ['leads'],
    summary: 'The event timeline of a lead, newest first',
    params: LeadParams,
    querystring: TimelineQuery,
  }
  app.get('/v1/leads/:id/events', { config: { access: 'read' }, schema: eventsSchema }, async (request) => {
    const lead = await requireLead(deps, request.params.id)
    const scope = cursorScope({ events: lead.id })
    const limit = request.query.limit ?? DEFAULT_TIMELINE_PAGE
    const page = await readPage(decodeCursor(scope, request.query.cursor), (after) => deps.store.eventTimeline(lead.id, { limit, after }))
    return { lead_id: lead.id, items: page.items.map(eventToJson), limit, next_cursor: encodeCursor(scope, page.next) }
  })

  const outcomeSchema = { tags: ['outcomes'], summary: 'Whether a lead converted, as recorded', params: LeadParams }
  app.get('/v1/leads/:id/outcome', { config: { access: 'read' }, schema: outcomeSchema }, async (request) => {
    const lead = await requireLead(deps, request.params.id)
    const outcome = await deps.store.getOutcome(lead.id)
    return { lead_id: lead.id, outcome: outcome === null ? null : outcomeToJson(outcome) }
  })
}
