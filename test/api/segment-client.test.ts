// Real traffic from the official @segment/analytics-node client to the server on a real socket.
import { Analytics } from '@segment/analytics-node'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/api/api-keys.js'
import { serve, type Listening } from '../../src/api/index.js'
import { scoreLead } from '../../src/core/index.js'
import { createTestApp, type TestApp } from '../support/api-app.js'

const DAY_MS = 86_400_000

let t: TestApp
let server: Listening
afterEach(async () => {
  await server.close()
  await t.store.close()
})

/** A client pointed at our server; it posts batches to /v1/batch with the write key in the body. */
function client(writeKey: string, flushAt: number): { analytics: Analytics; errors: unknown[] } {
  const analytics = new Analytics({ writeKey, host: server.url, flushAt, maxRetries: 0 })
  const errors: unknown[] = []
  analytics.on('error', (error) => errors.push(error))
  return { analytics, errors }
}

describe('@segment/analytics-node against leadscore', () => {
  it('scores a lead from its anonymous pricing visits once it is identified, counting replays once', async () => {
    // The real clock: the client stamps messages with the current time.
    t = await createTestApp({ deps: { now: () => Date.now() } })
    server = await serve(t.app, { port: 0, host: '127.0.0.1' })
    const { secret } = await createApiKey(t.store, { name: 'segment', scopes: ['write'] }, Date.now())
    const now = Date.now()

    // One batch, in order: three pricing visits on three days as a visitor, then the identify that names them.
    const first = client(secret, 50)
    for (const daysAgo of [3, 2, 1]) {
      first.analytics.page({
        anonymousId: 'visitor-42',
        name: 'Pricing',
        properties: { url: 'https://acme.example/pricing', path: '/pricing' },
        timestamp: new Date(now - daysAgo * DAY_MS),
      })
    }
    first.analytics.identify({
      userId: 'user-42',
      anonymousId: 'visitor-42',
      traits: { email: 'maria@globex.example', firstName: 'María', title: 'VP Marketing', company: { name: 'Globex', employee_count: 400, industry: 'Software' } },
    })
    await first.analytics.closeAndFlush()
    expect(first.errors).toEqual([])

    // Then, one request per message: a webinar, and the same message sent twice (a client retry).
    const second = client(secret, 1)
    const webinar = { userId: 'user-42', event: 'Webinar Attended', messageId: 'webinar-1', timestamp: new Date(now - DAY_MS / 2) }
    second.analytics.track(webinar)
    second.analytics.track(webinar)
    await second.analytics.closeAndFlush()
    expect(second.errors).toEqual([])

    expect(await t.store.getLead('anon:visitor-42')).toMatchObject({ id: 'user-42' })
    const lead = (await t.store.getLead('maria@globex.example'))!
    expect(lead).toMatchObject({ id: 'user-42', firstName: 'María', jobTitle: 'VP Marketing', companyName: 'Globex', companySize: 400 })
    const events = await t.store.listEvents('user-42')
    expect(events.map((event) => event.type)).toEqual(['page_view', 'page_view', 'page_view', 'webinar'])

    const response = await fetch(`${server.url}/v1/leads/user-42`, { headers: await t.auth('read') })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { score: { score: number; contributions: { rule_id: string; count: number; original_points: number }[] } }
    const byRule = new Map(body.score.contributions.map((c) => [c.rule_id, c]))
    // The b2b-saas template: 10 points per daily pricing view, 15 for three in seven days, 12 for a webinar.
    expect(byRule.get('pricing_page')).toMatchObject({ count: 3, original_points: 30 })
    expect(byRule.get('pricing_burst')).toMatchObject({ count: 1, original_points: 15 })
    expect(byRule.get('webinar')).toMatchObject({ count: 1, original_points: 12 })
    expect(byRule.get('title_executive')).toBeDefined()

    // Without the merged visitor history the same lead would score lower.
    const withoutHistory = scoreLead(lead, events.filter((event) => event.type === 'webinar'), t.model.model, Date.now())
    expect(body.score.score).toBeGreaterThan(withoutHistory.score)
  })

  it('gets its batch refused with a key that is not a write key, and nothing is stored', async () => {
    t = await createTestApp({ deps: { now: () => Date.now() } })
    server = await serve(t.app, { port: 0, host: '127.0.0.1' })
    const readKey = (await createApiKey(t.store, { name: 'reader', scopes: ['read'] }, Date.now())).secret
    for (const key of ['ls_write_notarealkey', readKey]) {
      const { analytics, errors } = client(key, 1)
      analytics.track({ userId: 'user-7', event: 'Signed Up' })
      await analytics.closeAndFlush()
      expect(errors).toHaveLength(1)
    }
    expect(await t.store.getLead('user-7')).toBeNull()
  })
})
