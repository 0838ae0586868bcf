// Leads: upsert by id or email, the priority list, and one lead with its score explained.
import { scoreLead } from '../../core/index.js'
import { parseLeadRecord } from '../../ingest/index.js'
import type { LeadSortKey } from '../../store/index.js'
import type { RouteDeps } from '../app.js'
import { ApiError } from '../errors.js'
import type { ApiInstance } from '../instance.js'
import { leadToJson, scoreChangeToJson, scoreToJson } from '../json.js'
import { LeadBody, LeadListQuery, LeadParams } from '../schemas.js'

/** Score changes shown with a lead. */
const HISTORY_LIMIT = 20

export function registerLeadRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.post('/v1/leads', { config: { access: 'write' }, schema: { body: LeadBody } }, async (request, reply) => {
    const parsed = parseLeadRecord(request.body, 'ndjson')
    if (!parsed.ok) throw new ApiError('invalid_lead', parsed.reason)
    const [result] = await deps.store.upsertLeads([parsed.value], deps.model(), deps.now())
    if (result === undefined || result.status === 'rejected') {
      throw new ApiError('invalid_lead', result?.reason ?? 'The lead was not stored.')
    }
    const lead = await deps.store.getLead(result.leadId)
    const score = await deps.store.getScore(result.leadId)
    void reply.status(result.status === 'created' ? 201 : 200)
    return {
      status: result.status,
      lead: lead === null ? null : leadToJson(lead),
      score: score === null ? null : scoreToJson(score, false),
    }
  })

  app.get('/v1/leads', { config: { access: 'read' }, schema: { querystring: LeadListQuery } }, async (request) => {
    const query = request.query
    const sort = query.sort ?? '-score'
    const limit = query.limit ?? 50
    const offset = query.offset ?? 0
    const page = await deps.store.listLeads({
      sort: sort.replace(/^-/, '') as LeadSortKey,
      descending: sort.startsWith('-'),
      limit,
      offset,
      grade: query.grade,
      status: query.status,
      segment: query.segment,
      spam: query.spam,
      minScore: query.min_score,
      maxScore: query.max_score,
    })
    return {
      items: page.items.map(({ lead, score }) => ({ ...leadToJson(lead), score: score === null ? null : scoreToJson(score, false) })),
      total: page.total,
      limit,
      offset,
    }
  })

  app.get('/v1/leads/:id', { config: { access: 'read' }, schema: { params: LeadParams } }, async (request) => {
    const lead = await deps.store.getLead(request.params.id)
    if (lead === null) throw new ApiError('not_found', `No lead with id or email '${request.params.id}'.`)
    const model = deps.model()
    // Decay is applied on read: the score is recomputed at this instant from the lead's events.
    const score = scoreLead(lead, await deps.store.listEvents(lead.id), model.model, deps.now())
    const history = await deps.store.scoreHistory(lead.id, HISTORY_LIMIT)
    return {
      lead: leadToJson(lead),
      score: { ...scoreToJson(score, true), model_version: model.version },
      history: history.map(scoreChangeToJson),
    }
  })
}
