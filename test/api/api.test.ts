import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/index.js'
import { createTestApp, type TestApp } from '../support/api-app.js'

const NOW = Date.UTC(2026, 5, 1, 12)
const iso = (daysAgo: number): string => new Date(NOW - daysAgo * 86_400_000).toISOString()

let app: FastifyInstance
let store: Store
let testApp: TestApp

beforeEach(async () => {
  testApp = await createTestApp({ now: NOW })
  app = testApp.app
  store = testApp.store
})
afterEach(async () => {
  await testApp.close()
})

async function post(url: string, payload: unknown) {
  const response = await app.inject({ method: 'POST', url, payload: payload as object, headers: await testApp.auth('write') })
  return { status: response.statusCode, body: response.json() }
}

async function get(url: string) {
  return app.inject({ method: 'GET', url, headers: await testApp.auth('read') })
}

describe('HTTP API v1 (first slice)', () => {
  it('upserts a lead by id, then by email, and scores its fit', async () => {
    const created = await post('/v1/leads', {
      id: 'ana',
      email: 'Ana@Acme.com',
      first_name: 'Ana',
      last_name: 'García',
      job_title: 'VP Marketing',
      company: 'Acme',
      company_size: 400,
      industry: 'Software',
      country: 'US',
      attributes: { plan: 'pro' },
    })
    expect(created.status).toBe(201)
    expect(created.body.lead).toMatchObject({ id: 'ana', email: 'ana@acme.com', attributes: { plan: 'pro' } })
    expect(created.body.score.fit).toBeGreaterThan(0)
    const updated = await post('/v1/leads', { email: 'ana@acme.com', phone: '+1 555 123 4567' })
    expect(updated.status).toBe(200)
    expect(updated.body.lead).toMatchObject({ id: 'ana', phone: '+1 555 123 4567' })
  })

  it('stores and scores an event, and a replay changes nothing', async () => {
    await post('/v1/leads', { id: 'bo', email: 'bo@acme.com', job_title: 'CTO', company_size: 300 })
    const event = { id: 'evt-1', lead_id: 'bo', type: 'demo_request', timestamp: iso(0), properties: { form: 'demo' } }
    const first = await post('/v1/events', event)
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ status: 'stored', event_id: 'evt-1', lead_id: 'bo' })
    const before = first.body.score.score
    expect(before).toBeGreaterThan(0)
    const replay = await post('/v1/events', event)
    expect(replay.status).toBe(200)
    expect(replay.body.status).toBe('duplicate')
    const lead = await get('/v1/leads/bo')
    expect(lead.json().score.score).toBe(before)
    expect((await store.listEvents('bo')).length).toBe(1)
  })

  it('explains a lead: contributions add up to the score, with history', async () => {
    await post('/v1/events', {
      events: [
        { id: 'a1', email: 'cy@bigco.com', type: 'page_view', timestamp: iso(2), properties: { url: 'https://x.io/pricing' } },
        { id: 'a2', email: 'cy@bigco.com', type: 'email_click', timestamp: iso(1) },
      ],
    })
    await app.scoringIdle()
    const response = await get('/v1/leads/cy@bigco.com')
    expect(response.statusCode).toBe(200)
    const body = response.json<{ score: { score: number; contributions: { points: number }[] }; history: unknown[] }>()
    const total = body.score.contributions.reduce((sum: number, c: { points: number }) => sum + Math.round(c.points * 100), 0)
    expect(total).toBe(Math.round(body.score.score * 100))
    expect(body.history.length).toBeGreaterThan(0)
    expect(body.history[0]).toMatchObject({ cause: 'event', event_id: 'a2' })
  })

  it('accepts a batch with per-item results and keeps the good items', async () => {
    const response = await post('/v1/events', {
      events: [
        { id: 'b1', lead_id: 'dee', type: 'page_view', timestamp: iso(1) },
        { id: 'b2', lead_id: 'dee', type: 'pageview', timestamp: iso(1) },
        { id: 'b3', lead_id: 'dee', type: 'page_view', timestamp: 'yesterday' },
      ],
    })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ stored: 1, rejected: 2 })
    expect(response.body.results[1].reason).toMatch(/unknown event type 'pageview'/)
    expect(response.body.results[2].reason).toMatch(/bad date/)
    expect((await store.listEvents('dee')).map((e) => e.id)).toEqual(['b1'])
  })

  it('lists leads by score, with filters', async () => {
    await post('/v1/events', {
      events: [
        { id: 'c1', lead_id: 'hot', type: 'demo_request', timestamp: iso(0) },
        { id: 'c2', lead_id: 'cold', type: 'email_open', timestamp: iso(20) },
      ],
    })
    await app.scoringIdle()
    const list = await get('/v1/leads?sort=-score&limit=10')
    expect(list.statusCode).toBe(200)
    const items = list.json().items as { id: string; score: { score: number } }[]
    expect(items.map((item) => item.id)).toEqual(['hot', 'cold'])
    expect(items[0]!.score.score).toBeGreaterThanOrEqual(items[1]!.score.score)
    const spamOnly = await get('/v1/leads?spam=true')
    expect(spamOnly.json().total).toBe(0)
  })

  it('rejects bad input with 4xx and a machine-readable code', async () => {
    const unknownField = await post('/v1/leads', { id: 'x', favourite_colour: 'red' })
    expect(unknownField.status).toBe(400)
    expect(unknownField.body.error).toMatchObject({ code: 'validation_failed' })
    expect(unknownField.body.error.message).toMatch(/favourite_colour/)
    const noIdentity = await post('/v1/leads', { first_name: 'Nobody' })
    expect(noIdentity.body.error.code).toBe('invalid_lead')
    const badType = await post('/v1/events', { id: 'z', lead_id: 'x', type: 'teleport', timestamp: iso(0) })
    expect(badType).toMatchObject({ status: 400, body: { error: { code: 'unknown_event_type' } } })
    const wrongType = await post('/v1/leads', { id: 'x', company_size: 'many' })
    expect(wrongType.status).toBe(400)
    const broken = await app.inject({
      method: 'POST',
      url: '/v1/events',
      payload: '{"id": ',
      headers: { ...(await testApp.auth('write')), 'content-type': 'application/json' },
    })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().error.code).toBe('invalid_json')
    const missing = await get('/v1/leads/nobody')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('not_found')
    const badQuery = await get('/v1/leads?sort=name')
    expect(badQuery.statusCode).toBe(400)
    expect((await store.listLeads({})).total).toBe(0)
  })

  it('answers health checks', async () => {
    const response = await get('/healthz')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ status: 'ok', leads: 0 })
  })
})
