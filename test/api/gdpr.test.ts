// GDPR over HTTP: export everything held about a lead, erase it (then 404 everywhere), other leads untouched.
import { describe, expect, it } from 'vitest'
import { useTestApp, type TestApp } from '../support/api-app.js'

const NOW = Date.UTC(2026, 5, 1, 12)
const iso = (daysAgo: number): string => new Date(NOW - daysAgo * 86_400_000).toISOString()

const app = useTestApp({ now: NOW })
const call: TestApp['call'] = (...args) => app.current().call(...args)

async function seed(): Promise<void> {
  await call('POST', '/v1/leads', { id: 'ana', email: 'ana@acme.io', first_name: 'Ana', job_title: 'CEO', company_domain: 'acme.io', company_size: 300, attributes: { plan: 'pro' } }, 'write')
  await call('POST', '/v1/leads', { id: 'bo', email: 'bo@acme.io', job_title: 'CTO', company_domain: 'acme.io', company_size: 300 }, 'write')
  const events = [
    { id: 'a1', lead_id: 'ana', type: 'page_view', timestamp: iso(3), properties: { url: 'https://acme.io/pricing' } },
    { id: 'a2', lead_id: 'ana', type: 'demo_request', timestamp: iso(1) },
    { id: 'b1', lead_id: 'bo', type: 'webinar', timestamp: iso(2) },
  ]
  await call('POST', '/v1/events', { events }, 'write')
  await app.current().app.scoringIdle()
  await call('POST', '/v1/outcomes', { lead_id: 'ana', converted: true, converted_at: iso(0) })
}

describe('GDPR', () => {
  it('exports the lead, its attributes, events, score with breakdown, history and outcome as a download', async () => {
    await seed()
    const { status, headers, body } = await call('GET', '/v1/leads/ana@acme.io/export')
    expect(status).toBe(200)
    expect(headers['content-disposition']).toBe('attachment; filename="lead-ana.json"')
    expect(body).toMatchObject({
      exported_at: iso(0),
      lead: { id: 'ana', email: 'ana@acme.io', first_name: 'Ana', attributes: { plan: 'pro' } },
      outcome: { converted: true, converted_at: iso(0) },
      pending_rescore: false,
    })
    expect((body.events as { id: string }[]).map((event) => event.id)).toEqual(['a1', 'a2'])
    expect(body.score.contributions.length).toBeGreaterThan(0)
    expect(body.history.length).toBeGreaterThanOrEqual(2)
    expect((await call('GET', '/v1/leads/ana/export', undefined, 'read')).status).toBe(403)
    expect((await call('GET', '/v1/leads/ghost/export')).status).toBe(404)
  })

  it('erases a lead: 204, then 404 on every read, the other lead and the account roll-up as if it never was', async () => {
    await seed()
    const boBefore = (await call('GET', '/v1/leads/bo/export')).body
    expect((await call('DELETE', '/v1/leads/ana', undefined, 'write')).status).toBe(403)
    const erased = await call('DELETE', '/v1/leads/ana@acme.io')
    expect(erased.status).toBe(204)
    expect(erased.body).toBeNull()
    for (const path of ['', '/score', '/history', '/events', '/outcome', '/export']) {
      expect((await call('GET', `/v1/leads/ana${path}`)).status, path).toBe(404)
    }
    expect((await call('DELETE', '/v1/leads/ana')).status).toBe(404)
    expect((await call('GET', '/v1/leads/bo/export')).body).toEqual(boBefore)
    expect((await call('GET', '/v1/leads?q=ana', undefined, 'read')).body.total).toBe(0)
    expect((await call('GET', '/v1/accounts/acme.io', undefined, 'read')).body.account.leads).toBe(1)

    // A replay of an erased lead's event creates a new lead from scratch: nothing was kept to deduplicate against.
    const replay = await call('POST', '/v1/events', { id: 'a1', lead_id: 'ana', type: 'page_view', timestamp: iso(3) }, 'write')
    expect(replay).toMatchObject({ status: 201, body: { status: 'stored' } })
    const reborn = (await call('GET', '/v1/leads/ana/export')).body
    expect(reborn.lead.attributes).toEqual({})
    expect(reborn.events).toHaveLength(1)
    expect(reborn.outcome).toBeNull()
  })
})
