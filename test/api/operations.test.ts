// Operating the API: readiness, Prometheus metrics, rate limits per key, the body limit, request ids in responses and logs.
import { Writable } from 'node:stream'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { FailedAuthLimiter } from '../../src/api/auth.js'
import { MAX_BODY_DEPTH, nestsDeeperThan } from '../../src/api/body-depth.js'
import { createApp } from '../../src/api/index.js'
import { openStore } from '../../src/store/index.js'
import { createTestApp, type TestApp, type TestAppOptions } from '../support/api-app.js'

const NOW = Date.UTC(2026, 5, 1, 12)
const iso = (hoursAgo: number): string => new Date(NOW - hoursAgo * 3_600_000).toISOString()

const opened: TestApp[] = []
async function testApp(options: TestAppOptions = {}): Promise<TestApp> {
  const t = await createTestApp({ now: NOW, ...options })
  opened.push(t)
  return t
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()))
})

describe('GET /readyz', () => {
  it('is 200 with the active model version when the store answers and a model is active', async () => {
    const t = await testApp()
    const response = await t.app.inject({ method: 'GET', url: '/readyz' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ready', model_version: t.model.version })
  })

  it('is 503 not_ready with reason no_active_model on a store without a published model', async () => {
    const t = await testApp()
    const empty = await openStore({ url: ':memory:' })
    const app = await createApp({ store: empty, model: () => t.model, now: () => NOW })
    const response = await app.inject({ method: 'GET', url: '/readyz' })
    await app.close()
    await empty.close()
    expect(response.statusCode).toBe(503)
    expect(response.json().error).toMatchObject({ code: 'not_ready', details: { reason: 'no_active_model' } })
  })

  it('is 503 not_ready with reason store_unavailable once the store is closed, while /healthz is public', async () => {
    const t = await testApp()
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
    await t.store.close()
    const response = await t.app.inject({ method: 'GET', url: '/readyz' })
    expect(response.statusCode).toBe(503)
    expect(response.json().error).toMatchObject({ code: 'not_ready', details: { reason: 'store_unavailable' } })
  })
})

/** The value of one sample line of the Prometheus text, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('GET /metrics', () => {
  it('counts requests by route pattern, events by outcome, scoring time and queue depth', async () => {
    const t = await testApp({ deps: { queueDepth: () => ({ decay_sweep: 7 }) } })
    const write = await t.auth('write')
    const read = await t.auth('read')
    const event = { id: 'm1', lead_id: 'ana', type: 'page_view', timestamp: iso(1) }
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/v1/events', headers: write, payload })
    expect((await post(event)).statusCode).toBe(201)
    expect((await post(event)).statusCode).toBe(200)
    const batch = await post({ events: [{ ...event, id: 'm2' }, { ...event, id: 'm3', type: 'teleport' }] })
    expect(batch.json()).toMatchObject({ stored: 1, rejected: 1 })
    await t.app.scoringIdle()
    expect((await post({ ...event, id: 'm4', timestamp: 'yesterday' })).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: '/v1/leads/ana', headers: read })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/v1/leads/nobody', headers: read })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: '/no/such/route' })).statusCode).toBe(404)

    const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: await t.auth('admin') })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = response.body
    expect(sample(text, 'http_requests_total{method="POST",route="/v1/events",status="201"}')).toBe(1)
    expect(sample(text, 'http_requests_total{method="POST",route="/v1/events",status="400"}')).toBe(1)
    expect(sample(text, 'http_requests_total{method="GET",route="/v1/leads/:id",status="404"}')).toBe(1)
    expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1)
    expect(text).not.toMatch(/route="\/v1\/leads\/(ana|nobody)"/)
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/v1/events"}')).toBe(4)
    expect(sample(text, 'leadscore_events_ingested_total{status="stored"}')).toBe(2)
    expect(sample(text, 'leadscore_events_ingested_total{status="duplicate"}')).toBe(1)
    expect(sample(text, 'leadscore_events_ingested_total{status="rejected"}')).toBe(2)
    expect(sample(text, 'leadscore_scoring_seconds_count{operation="ingest_events"}')).toBe(3)
    expect(sample(text, 'leadscore_queue_depth{queue="pending_rescores"}')).toBe(0)
    expect(sample(text, 'leadscore_queue_depth{queue="decay_sweep"}')).toBe(7)
    expect(text).not.toMatch(/nodejs_heap_size_total_bytes/)
  })

  it('reports leads left pending by a deferred import as queue depth', async () => {
    const t = await testApp({ deps: { metricsAccess: 'public' } })
    const events = [{ id: 'p1', leadId: 'a', type: 'page_view', timestamp: NOW - 1000, properties: {} }]
    await t.store.ingestEvents(events, t.model, NOW, { deferScoring: true })
    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
    expect(sample(text, 'leadscore_queue_depth{queue="pending_rescores"}')).toBe(1)
  })

  it('needs an admin key unless made public, and adds the Node.js process metrics when asked', async () => {
    const guarded = await testApp()
    const refused = await guarded.app.inject({ method: 'GET', url: '/metrics', headers: await guarded.auth('read') })
    expect([401, 403]).toContain(refused.statusCode)
    expect(refused.json().error.code).toMatch(/^(unauthorized|forbidden)$/)
    const open = await testApp({ deps: { metricsAccess: 'public', processMetrics: true } })
    const response = await open.app.inject({ method: 'GET', url: '/metrics' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toMatch(/^nodejs_heap_size_total_bytes \d+/m)
    expect(response.body).toMatch(/^process_cpu_user_seconds_total /m)
  })
})

describe('rate limits', () => {
  it('answers 429 rate_limited with Retry-After once a key spends its budget, per key and per scope', async () => {
    const t = await testApp({ deps: { rateLimits: { write: 2, read: 0 } } })
    const write = await t.auth('write')
    const post = (id: string, headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/v1/events', headers, payload: { id, lead_id: 'bo', type: 'page_view', timestamp: iso(1) } })
    expect((await post('r1', write)).statusCode).toBe(201)
    expect((await post('r2', write)).statusCode).toBe(201)
    const limited = await post('r3', write)
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(limited.headers['x-request-id']).toBeDefined()
    expect(limited.json().error).toMatchObject({
      code: 'rate_limited',
      details: { limit_per_minute: 2, retry_after_seconds: expect.any(Number) },
      requestId: limited.headers['x-request-id'],
    })
    expect(await t.store.listEvents('bo')).toHaveLength(2)
    // Another key has its own budget; a read limit of 0 means no limit; public routes are never limited.
    expect((await post('r4', await t.auth('admin'))).statusCode).toBe(201)
    const read = await t.auth('read')
    for (let request = 0; request < 5; request++) {
      expect((await t.app.inject({ method: 'GET', url: '/v1/leads', headers: read })).statusCode).toBe(200)
    }
    for (let request = 0; request < 5; request++) {
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
    }
  })
})

describe('failed key checks', () => {
  it('answers 429 to an address past its unknown keys for the minute, before even a valid key, and to no one else', async () => {
    const t = await testApp({ deps: { failedAuthLimit: 2 } })
    const read = await t.auth('read')
    const list = (headers: Record<string, string>, remoteAddress = '203.0.113.7') =>
      t.app.inject({ method: 'GET', url: '/v1/leads', headers, remoteAddress })
    expect((await list(read)).statusCode).toBe(200)
    for (const guess of ['ls_read_guess1', 'ls_read_guess2']) {
      expect((await list({ authorization: `Bearer ${guess}` })).statusCode).toBe(401)
    }
    const blocked = await list({ authorization: 'Bearer ls_read_guess3' })
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().error).toMatchObject({ code: 'rate_limited', details: { retry_after_seconds: expect.any(Number) } })
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    expect((await list(read)).statusCode).toBe(429)
    // Another address is not affected, and a request without any key costs nothing and is still a 401.
    expect((await list(read, '198.51.100.1')).statusCode).toBe(200)
    expect((await list({ authorization: 'Bearer ls_read_guess4' }, '198.51.100.1')).statusCode).toBe(401)
    expect((await list({})).statusCode).toBe(401)
  })

  it('counts failures per address in one-minute windows, and not at all with a limit of 0', () => {
    let now = 0
    const limiter = new FailedAuthLimiter(2, () => now)
    limiter.recordFailure('a')
    expect(limiter.retryAfterSeconds('a')).toBeNull()
    limiter.recordFailure('a')
    expect(limiter.retryAfterSeconds('a')).toBe(60)
    now = 45_500
    expect(limiter.retryAfterSeconds('a')).toBe(15)
    expect(limiter.retryAfterSeconds('b')).toBeNull()
    now = 60_000
    expect(limiter.retryAfterSeconds('a')).toBeNull()
    const off = new FailedAuthLimiter(0, () => now)
    for (let failure = 0; failure < 10; failure++) off.recordFailure('a')
    expect(off.retryAfterSeconds('a')).toBeNull()
  })
})

describe('body limit', () => {
  it('refuses a body over the configured limit with 413 payload_too_large and stores nothing', async () => {
    const t = await testApp({ deps: { bodyLimitBytes: 1_000 } })
    const headers = { ...(await t.auth('write')), 'x-request-id': 'big-1' }
    const payload = { id: 'b1', lead_id: 'cy', type: 'page_view', timestamp: iso(1), properties: { note: 'x'.repeat(2_000) } }
    const response = await t.app.inject({ method: 'POST', url: '/v1/events', headers, payload })
    expect(response.statusCode).toBe(413)
    expect(response.json().error).toMatchObject({ code: 'payload_too_large', requestId: 'big-1' })
    expect(response.headers['x-request-id']).toBe('big-1')
    expect(await t.store.getLead('cy')).toBeNull()
    const small = await t.app.inject({ method: 'POST', url: '/v1/events', headers, payload: { ...payload, properties: {} } })
    expect(small.statusCode).toBe(201)
  })
})

describe('body depth', () => {
  it('refuses a body nested deeper than 64 levels with 400 validation_failed, before any route sees it', async () => {
    const t = await testApp()
    const headers = { ...(await t.auth('write')), 'content-type': 'application/json' }
    const deep = (levels: number): string => `{"id":"d1","lead_id":"dee","type":"page_view","timestamp":"${iso(1)}","properties":{"x":${'['.repeat(levels)}${']'.repeat(levels)}}}`
    const refused = await t.app.inject({ method: 'POST', url: '/v1/events', headers, payload: deep(100_000) })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/deeper than 64/) })
    expect(await t.store.getLead('dee')).toBeNull()
    expect(nestsDeeperThan(JSON.parse(deep(62)), MAX_BODY_DEPTH)).toBe(false)
    expect(nestsDeeperThan(JSON.parse(deep(63)), MAX_BODY_DEPTH)).toBe(true)
    expect(nestsDeeperThan([1, 'a', null, { a: [{}] }], 4)).toBe(false)
    expect(nestsDeeperThan([1, 'a', null, { a: [{}] }], 3)).toBe(true)
  })
})

describe('request ids', () => {
  it('echoes a given x-request-id on successes and errors, and makes one up for a missing or unsafe one', async () => {
    const t = await testApp()
    const write = await t.auth('write')
    const cases = [
      { method: 'GET' as const, url: '/healthz', status: 200 },
      { method: 'GET' as const, url: '/nowhere', status: 404 },
      { method: 'POST' as const, url: '/v1/leads', status: 400, payload: { id: 'x', colour: 'red' } },
    ]
    for (const { method, url, status, payload } of cases) {
      const response = await t.app.inject({ method, url, payload, headers: { ...write, 'x-request-id': `req-${status}` } })
      expect(response.statusCode).toBe(status)
      expect(response.headers['x-request-id']).toBe(`req-${status}`)
    }
    const unsafe = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\u0000<script>' } })
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const missing = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(missing.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('writes JSON log lines that carry the request id', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''))
        done()
      },
    })
    const t = await testApp({ deps: { logger: pino({ level: 'info' }, sink) } })
    await t.app.inject({ method: 'GET', url: '/v1/leads/nobody', headers: { ...(await t.auth('read')), 'x-request-id': 'trace-42' } })
    const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; msg?: string; res?: { statusCode?: number } })
    const ours = entries.filter((entry) => entry.reqId === 'trace-42')
    expect(ours.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']))
    expect(ours.find((entry) => entry.msg === 'request completed')?.res?.statusCode).toBe(404)
  })
})
