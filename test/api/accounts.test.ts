// Accounts over HTTP: leads grouped by company domain (else name) with their scores rolled up.
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../support/api-app.js'

const NOW = Date.UTC(2026, 5, 1, 12)
const iso = (daysAgo: number): string => new Date(NOW - daysAgo * 86_400_000).toISOString()

const app = useTestApp({ now: NOW })
const get = (url: string) => app.current().call('GET', url, undefined, 'read')

async function seed(): Promise<void> {
  const leads = [
    { id: 'a1', job_title: 'CEO', company: 'Acme', company_domain: 'acme.io', company_size: 400, industry: 'Software', country: 'US' },
    { id: 'a2', job_title: 'Director of Sales', company_domain: 'ACME.io', company_size: 400 },
    { id: 'a3', job_title: 'Manager', company_domain: 'acme.io', company_size: 400 },
    { id: 'a4', job_title: 'Student', company_domain: 'acme.io' },
    { id: 'a5', first_name: 'asdf', last_name: 'qwerty', email: 'asdf@mailinator.com', company_domain: 'acme.io' },
    { id: 'm1', job_title: 'Engineer', company: 'Müller GmbH' },
    { id: 'solo', email: 'solo@example.com' },
  ]
  for (const lead of leads) expect((await app.current().app.inject({ method: 'POST', url: '/v1/leads', headers: await app.current().auth('write'), payload: lead })).statusCode).toBe(201)
  const events = [
    { id: 'x1', lead_id: 'a1', type: 'demo_request', timestamp: iso(1) },
    { id: 'x2', lead_id: 'a2', type: 'page_view', timestamp: iso(1), properties: { url: 'https://acme.io/pricing' } },
  ]
  await app.current().app.inject({ method: 'POST', url: '/v1/events', headers: await app.current().auth('write'), payload: { events } })
}

describe('accounts', () => {
  it('lists companies with lead counts, best, average and top-3 account scores, spam left out', async () => {
    await seed()
    const { status, body } = await get('/v1/accounts')
    expect(status).toBe(200)
    expect(body.total).toBe(2)
    const acme = body.items[0]
    expect(acme).toMatchObject({ key: 'acme.io', domain: 'acme.io', name: 'Acme', leads: 5 })

    const leads = (await get('/v1/leads?account=acme.io&limit=100')).body.items as { id: string; score: { score: number; spam: boolean; status: string } }[]
    expect(leads).toHaveLength(5)
    const clean = leads.filter((lead) => !lead.score.spam).map((lead) => lead.score.score)
    expect(acme.spam_leads).toBe(leads.length - clean.length)
    expect(acme.spam_leads).toBeGreaterThan(0)
    const top3 = [...clean].sort((x, y) => y - x).slice(0, 3)
    expect(acme.best_score).toBe(Math.max(...clean))
    expect(acme.account_score).toBeCloseTo(top3.reduce((sum, value) => sum + value, 0) / 3, 2)
    expect(acme.average_score).toBeCloseTo(clean.reduce((sum, value) => sum + value, 0) / clean.length, 2)
    expect(acme.mqls + acme.sqls).toBe(leads.filter((lead) => lead.score.status !== 'lead').length)

    const found = (await get('/v1/accounts?q=muller')).body.items as { key: string }[]
    expect(found.map((account) => account.key)).toEqual(['muller gmbh'])
    expect((await get('/v1/accounts?sort=account_score')).body.items[0].key).toBe('muller gmbh')
    expect((await get('/v1/accounts?limit=1&offset=1')).body.items).toHaveLength(1)
    expect((await get('/v1/accounts?sort=size')).status).toBe(400)
  })

  it('shows one account by domain or name with its leads by score, and 404s an unknown one', async () => {
    await seed()
    const { status, body } = await get('/v1/accounts/ACME.IO?limit=2')
    expect(status).toBe(200)
    expect(body.account).toMatchObject({ key: 'acme.io', leads: 5 })
    expect(body.leads).toHaveLength(2)
    const [best, second] = body.leads as { score: { score: number } }[]
    expect(best!.score.score).toBeGreaterThanOrEqual(second!.score.score)
    const rest = (await get(`/v1/accounts/acme.io?limit=10&cursor=${body.next_cursor}`)).body
    expect(rest.leads).toHaveLength(3)
    expect(rest.next_cursor).toBeNull()
    expect((await get(`/v1/accounts/${encodeURIComponent('Müller GmbH')}`)).body.account.leads).toBe(1)
    expect((await get('/v1/accounts/nowhere.example')).status).toBe(404)
  })
})
