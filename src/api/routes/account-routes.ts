// Accounts (leads grouped by company, scores rolled up) and the active model's segments with their lead counts.
import type { AccountSortKey } from '../../store/index.js'
import type { RouteDeps } from '../app.js'
import { cursorScope, decodeCursor, encodeCursor, readPage } from '../cursor.js'
import { ApiError } from '../errors.js'
import type { ApiInstance } from '../instance.js'
import { leadToJson, scoreToJson } from '../json.js'
import { accountToJson } from '../record-json.js'
import { AccountLeadsQuery, AccountListJson, AccountListQuery, AccountParams, SegmentListJson } from '../schemas/accounts.js'

export function registerAccountRoutes(app: ApiInstance, deps: RouteDeps): void {
  const listSchema = {
    tags: ['accounts'],
    summary: 'Companies with their leads rolled up: lead count, best and average score, MQLs, SQLs, account score',
    querystring: AccountListQuery,
    response: { 200: AccountListJson },
  }
  app.get('/v1/accounts', { config: { access: 'read' }, schema: listSchema }, async (request) => {
    const { sort = '-account_score', limit = 50, offset = 0, q, min_score } = request.query
    const page = await deps.store.listAccounts({
      sort: sort.replace(/^-/, '') as AccountSortKey,
      descending: sort.startsWith('-'),
      limit,
      offset,
      text: q,
      minScore: min_score,
    })
    return { items: page.items.map(accountToJson), total: page.total, limit, offset }
  })

  const getSchema = {
    tags: ['accounts'],
    summary: 'One account (by domain, else company name) and its leads by score',
    params: AccountParams,
    querystring: AccountLeadsQuery,
  }
  app.get('/v1/accounts/:key', { config: { access: 'read' }, schema: getSchema }, async (request) => {
    const account = await deps.store.getAccount(request.params.key)
    if (account === null) throw new ApiError('not_found', `No account with domain or company name '${request.params.key}'.`)
    const scope = cursorScope({ account: account.key })
    const limit = request.query.limit ?? 50
    const page = await readPage(decodeCursor(scope, request.query.cursor), (after) => deps.store.listLeads({ account: account.key, limit, after }))
    return {
      account: accountToJson(account),
      leads: page.items.map(({ lead, score }) => ({ ...leadToJson(lead), score: score === null ? null : scoreToJson(score, false) })),
      next_cursor: encodeCursor(scope, page.next),
    }
  })

  const segmentsSchema = {
    tags: ['segments'],
    summary: "The active model's segments, in order, with how many leads each holds",
    response: { 200: SegmentListJson },
  }
  app.get('/v1/segments', { config: { access: 'read' }, schema: segmentsSchema }, async () => {
    const active = deps.model()
    const items = []
    let segmented = 0
    for (const segment of active.model.segments) {
      const { total } = await deps.store.listLeads({ segment: segment.id, limit: 0 })
      segmented += total
      items.push({ id: segment.id, label: segment.label, leads: total })
    }
    const { total: scored } = await deps.store.listLeads({ minScore: 0, limit: 0 })
    return { model_version: active.version, items, unsegmented: Math.max(0, scored - segmented) }
  })
}
