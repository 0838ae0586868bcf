// Leads: upsert by id or email, the priority list, and one lead with its score explained.
import { parseLeadRecord } from '../../ingest/index.js'
import type { LeadSortKey } from '../../store/index.js'
import { predictionToJson, scoreAtRead } from '../active-predictive.js'
import type { RouteDeps } from '../app.js'
import { ApiError } from '../errors.js'
import type { ApiInstance } from '../instance.js'
import { leadToJson, scoreChangeToJson, scoreToJson } from '../json.js'
import { cursorScope, decodeCursor, encodeCursor, readPage } from '../cursor.js'
import { parseQueryInstant } from '../query-values.js'
import { LeadBody, LeadParams } from '../schemas.js'
import { LeadListQuery } from '../schemas/leads.js'

/** Score changes shown with a lead. */
const HISTORY_LIMIT = 20

export function registerLeadRoutes(app: ApiInstance, deps: RouteDeps): void {
  const upsertSchema = { tags: ['leads'], summary: 'Create or update a lead (by id, else email)', body: LeadBody }
  app.post('/v1/leads', { config: { access: 'write' }, schema: upsertSchema }, async (request, reply) => {
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

  const listSchema = { tags: ['leads'], summary: 'The priority list: leads by score, with filters', querystring: LeadListQuery }
  app.get('/v1/leads', { config: { access: 'read' }, schema: listSchema }, async (request) => {
    const { sort = '-score', limit = 50, offset, cursor, ...query } = request.query
    if (offset !== undefined && cursor !== undefined) {
      throw new ApiError('validation_failed', 'Send either offset or cursor, not both: cursor paging replaces offsets.')
    }
    const filters = {
      grade: query.grade,
      level: query.level,
      cell: query.cell,
      stage: query.stage,
      status: query.status,
      segment: query.segment,
      owner: query.owner,
      account: query.account,
      spam: query.spam,
      minScore: query.min_score,
      maxScore: query.max_score,
      createdAfter: parseQueryInstant('created_after', query.created_after),
      createdBefore: parseQueryInstant('created_before', query.created_before),
      updatedAfter: parseQueryInstant('updated_after', query.updated_after),
      updatedBefore: parseQueryInstant('updated_before', query.updated_before),
      text: query.q,
    }
    // The cursor is tied to the sort and filters it was made for (not to the page size).
    const scope = cursorScope({ list: 'leads', sort, ...filters })
    const page = await readPage(decodeCursor(scope, cursor), (after) =>
      deps.store.listLeads({ ...filters, sort: sort.replace(/^-/, '') as LeadSortKey, descending: sort.startsWith('-'), limit, offset, after }),
    )
    return {
      items: page.items.map(({ lead, score }) => ({ ...leadToJson(lead), score: score === null ? null : scoreToJson(score, false) })),
      total: page.total,
      limit,
      offset: offset ?? 0,
      next_cursor: encodeCursor(scope, page.next),
    }
  })

  const getSchema = { tags: ['leads'], summary: 'One lead with its score explained and its score history', params: LeadParams }
  app.get('/v1/leads/:id', { config: { access: 'read' }, schema: getSchema }, async (request) => {
    const lead = await deps.store.getLead(request.params.id)
    if (lead === null) throw new ApiError('not_found', `No lead with id or email '${request.params.id}'.`)
    const model = deps.model()
    const { score, prediction } = await scoreAtRead(deps.store, model.model, lead, deps.now())
    const history = await deps.store.scoreHistory(lead.id, HISTORY_LIMIT)
    return {
      lead: leadToJson(lead),
      score: { ...scoreToJson(score, true), model_version: model.version },
      predictive: prediction === null ? null : predictionToJson(lead.id, prediction),
      history: history.map(scoreChangeToJson),
    }
  })
}
