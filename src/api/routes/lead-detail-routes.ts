// One lead's resources: patch, its score explained, its score history, its event timeline and its outcome.
import type { Lead } from '../../core/index.js'
import type { Page } from '../../store/index.js'
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

  /** A lead's records newest first, a page at a time: its score history, or its event timeline. */
  const registerLeadPages = <T>(
    kind: 'history' | 'events',
    summary: string,
    read: (leadId: string, page: { limit: number; after?: string | undefined }) => Promise<Page<T>>,
    toJson: (item: T) => Record<string, unknown>,
  ): void => {
    const schema = { tags: ['leads'], summary, params: LeadParams, querystring: TimelineQuery }
    app.get(`/v1/leads/:id/${kind}`, { config: { access: 'read' }, schema }, async (request) => {
      const lead = await requireLead(deps, request.params.id)
      const scope = cursorScope({ [kind]: lead.id })
      const limit = request.query.limit ?? DEFAULT_TIMELINE_PAGE
      const page = await readPage(decodeCursor(scope, request.query.cursor), (after) => read(lead.id, { limit, after }))
      return { lead_id: lead.id, items: page.items.map(toJson), limit, next_cursor: encodeCursor(scope, page.next) }
    })
  }
  registerLeadPages('history', 'The score changes of a lead, newest first, with their cause', (id, page) => deps.store.scoreHistoryPage(id, page), scoreChangeToJson)
  registerLeadPages('events', 'The event timeline of a lead, newest first', (id, page) => deps.store.eventTimeline(id, page), eventToJson)

  const outcomeSchema = { tags: ['outcomes'], summary: 'Whether a lead converted, as recorded', params: LeadParams }
  app.get('/v1/leads/:id/outcome', { config: { access: 'read' }, schema: outcomeSchema }, async (request) => {
    const lead = await requireLead(deps, request.params.id)
    const outcome = await deps.store.getOutcome(lead.id)
    return { lead_id: lead.id, outcome: outcome === null ? null : outcomeToJson(outcome) }
  })
}
