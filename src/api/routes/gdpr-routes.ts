// GDPR: export everything held about a lead as one JSON document, and erase a lead with everything derived from it.
import type { RouteDeps } from '../app.js'
import { ApiError } from '../errors.js'
import type { ApiInstance } from '../instance.js'
import { leadToJson, scoreChangeToJson, scoreToJson } from '../json.js'
import { eventToJson, outcomeToJson } from '../record-json.js'
import { LeadParams } from '../schemas.js'

/** A file name safe in a Content-Disposition header, from a lead id. */
function exportFileName(leadId: string): string {
  return `lead-${leadId.replace(/[^\w.-]+/g, '_').slice(0, 100)}.json`
}

export function registerGdprRoutes(app: ApiInstance, deps: RouteDeps): void {
  const exportSchema = {
    tags: ['gdpr'],
    summary: 'Everything held about a lead (fields, attributes, events, score, history, outcome) as a JSON download',
    params: LeadParams,
  }
  app.get('/v1/leads/:id/export', { config: { access: 'admin' }, schema: exportSchema }, async (request, reply) => {
    const record = await deps.store.exportLead(request.params.id)
    if (record === null) throw new ApiError('not_found', `No lead with id or email '${request.params.id}'.`)
    void reply.header('content-disposition', `attachment; filename="${exportFileName(record.lead.id)}"`)
    return {
      exported_at: new Date(deps.now()).toISOString(),
      lead: leadToJson(record.lead),
      events: record.events.map(eventToJson),
      score:
        record.score === null
          ? null
          : { ...scoreToJson(record.score, true), model_version: record.score.modelVersion, predictive: record.score.predictive },
      history: record.history.map(scoreChangeToJson),
      outcome: record.outcome === null ? null : outcomeToJson(record.outcome),
      pending_rescore: record.pendingRescore,
      aliases: record.aliases,
    }
  })

  const eraseSchema = {
    tags: ['gdpr'],
    summary: 'Erase a lead and everything derived from it (events, score, history, outcome), in one transaction',
    params: LeadParams,
  }
  app.delete('/v1/leads/:id', { config: { access: 'admin' }, schema: eraseSchema }, async (request, reply) => {
    // By id or email, like every lead route; the erase itself goes by the id found.
    const lead = await deps.store.getLead(request.params.id)
    if (lead === null || !(await deps.store.eraseLead(lead.id))) {
      throw new ApiError('not_found', `No lead with id or email '${request.params.id}'.`)
    }
    request.log.info({ leadId: lead.id }, 'lead erased')
    return reply.status(204).send()
  })
}
