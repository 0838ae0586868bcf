// The lead resources over HTTP: list filters and cursor paging, patch, score, history, timeline, outcomes, segments.
import { describe, expect, it } from 'vitest'
import { useTestApp, type TestApp } from '../support/api-app.js'

const NOW = Date.UTC(2026, 5, 1, 12)
const iso = (daysAgo: number): string => new Date(NOW - daysAgo * 86_400_000).toISOString()

const app = useTestApp({ now: NOW })
const call: TestApp['call'] = (...args) => app.current().call(...args)

/** Three fitting leads at Acme, two others, with some events. */
async function seed(): Promise<void> {
  const leads = [
    { id: 'ana', email: 'ana@acme.io', first_name: 'Ana', last_name: 'García', job_title: 'VP Marketing', company: 'Acme', company_domain: 'acme.io', company_size: 400, industry: 'Software', country: 'US', owner: 'rep1', created_at: iso(30) },
    { id: 'bo', email: 'bo@acme.io', first_name: 'Bo', job_title: 'Marketing Manager', company: 'Acme', company_domain: 'acme.io', company_size: 400, owner: 'rep2', created_at: iso(20) },
    { id: 'cy', email: 'cy@globex.com', first_name: 'Cy', job_title: 'Student', company: 'Globex', created_at: iso(10) },
    { id: 'dee', email: 'dee@initech.com', first_name: 'Dee', job_title: 'Director of IT', company: 'Initech', company_size: 2000, created_at: iso(5) },
    { id: 'eve', email: 'eve@acme.io', first_name: 'Eve', job_title: 'CTO', company_domain: 'acme.io', company_size: 400, created_at: iso(1) },
  ]
  for (const lead of leads) expect((await call('POST', '/v1/leads', lead, 'write')).status).toBe(201)
  const events = [
    { id: 's1', lead_id: 'ana', type: 'demo_request', timestamp: iso(2) },
    { id: 's2', lead_id: 'ana', type: 'page_view', timestamp: iso(1), properties: { url: 'https://acme.io/pricing' } },
    { id: 's3', lead_id: 'bo', type: 'page_view', timestamp: iso(3), properties: { url: 'https://acme.io/pricing' } },
    { id: 's4', lead_id: 'dee', type: 'webinar', timestamp: iso(4) },
  ]
  expect((await call('POST', '/v1/events', { events }, 'write')).body).toMatchObject({ stored: 4, scoring: 'queued' })
  // A batch is scored in the background (ADR 4).
  await app.current().app.scoringIdle()
}

describe('GET /v1/leads', () => {
  it('filters by level, cell, stage, owner, dates and text', async () => {
    await seed()
    const ids = async (query: string): Promise<string[]> => {
      const { status, body } = await call('GET', `/v1/leads?${query}`, undefined, 'read')
      expect(status).toBe(200)
      return (body.items as { id: string }[]).map((item) => item.id).sort()
    }
    const ana = (await call('GET', '/v1/leads/ana', undefined, 'read')).body.score
    expect(await ids(`cell=${ana.cell}`)).toContain('ana')
    expect(await ids(`level=${ana.level}`)).toContain('ana')
    expect(await ids('stage=decision')).toEqual(['ana', 'bo'])
    expect(await ids('owner=rep1')).toEqual(['ana'])
    expect(await ids(`created_after=${encodeURIComponent(iso(10))}`)).toEqual(['cy', 'dee', 'eve'])
    expect(await ids(`created_after=${NOW - 21 * 86_400_000}&created_before=${encodeURIComponent(iso(5))}`)).toEqual(['bo', 'cy'])
    expect(await ids(`updated_before=${encodeURIComponent(iso(0))}`)).toEqual([])
    expect(await ids('q=GARCIA')).toEqual(['ana'])
    expect(await ids('q=globex')).toEqual(['cy'])
    expect(await ids('q=acme.io')).toEqual(['ana', 'bo', 'eve'])
    expect(await ids('account=ACME.IO&owner=rep2')).toEqual(['bo'])
  })

  it('pages with next_cursor through every lead once, and refuses a cursor from another query', async () => {
    await seed()
    const whole = (await call('GET', '/v1/leads?limit=100', undefined, 'read')).body
    expect(whole.next_cursor).toBeNull()
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const url: string = `/v1/leads?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`
      const page = (await call('GET', url, undefined, 'read')).body
      expect(page.total).toBe(5)
      seen.push(...(page.items as { id: string }[]).map((item) => item.id))
      cursor = page.next_cursor
    } while (cursor !== null)
    expect(seen).toEqual((whole.items as { id: string }[]).map((item) => item.id))

    const first = (await call('GET', '/v1/leads?limit=2', undefined, 'read')).body
    const foreign = await call('GET', `/v1/leads?limit=2&sort=fit&cursor=${first.next_cursor}`, undefined, 'read')
    expect(foreign).toMatchObject({ status: 400, body: { error: { code: 'invalid_cursor' } } })
    expect((await call('GET', '/v1/leads?cursor=bm9wZQ', undefined, 'read')).body.error.code).toBe('invalid_cursor')
    // Right scope, forged position inside: still a clear invalid_cursor.
    const [scope] = JSON.parse(Buffer.from(first.next_cursor as string, 'base64url').toString()) as [string, string]
    const forged = Buffer.from(JSON.stringify([scope, '[9'])).toString('base64url')
    expect((await call('GET', `/v1/leads?limit=2&cursor=${forged}`, undefined, 'read')).body.error.code).toBe('invalid_cursor')
    expect((await call('GET', `/v1/leads?offset=1&cursor=${first.next_cursor}`, undefined, 'read')).status).toBe(400)
  })

  it('rejects bad filters with 400 and the parameter named', async () => {
    for (const query of ['cell=E9', 'level=7', 'stage=buying', 'created_after=yesterday', 'q=', 'nonsense=1']) {
      const { status, body } = await call('GET', `/v1/leads?${query}`, undefined, 'read')
      expect(status, query).toBe(400)
      expect(body.error.code).toBe('validation_failed')
    }
    expect((await call('GET', '/v1/leads?created_after=yesterday', undefined, 'read')).body.error.message).toContain('created_after')
  })
})

describe('one lead', () => {
  it('patches a lead by id or email, rescores it, and 404s an unknown one', async () => {
    await seed()
    const before = (await call('GET', '/v1/leads/cy/score', undefined, 'read')).body
    const patched = await call('PATCH', '/v1/leads/cy@globex.com', { job_title: 'VP Sales', company_size: 300, attributes: { plan: 'pro' } }, 'write')
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ status: 'updated', lead: { id: 'cy', job_title: 'VP Sales', attributes: { plan: 'pro' } } })
    expect(patched.body.score.fit).toBeGreaterThan(before.fit as number)
    const history = (await call('GET', '/v1/leads/cy/history', undefined, 'read')).body
    expect(history.items[0]).toMatchObject({ cause: 'lead', previous_score: before.stored.score })

    expect((await call('PATCH', '/v1/leads/cy', { job_title: 'VP Sales' }, 'write')).body.status).toBe('unchanged')
    expect((await call('PATCH', '/v1/leads/ghost', { job_title: 'CEO' }, 'write')).status).toBe(404)
    expect((await call('PATCH', '/v1/leads/cy', { id: 'other' }, 'write')).status).toBe(400)
    const taken = await call('PATCH', '/v1/leads/cy', { email: 'ana@acme.io' }, 'write')
    expect(taken).toMatchObject({ status: 400, body: { error: { code: 'invalid_lead' } } })
  })

  it('explains the score at read time with contributions that add up', async () => {
    await seed()
    const { status, body } = await call('GET', '/v1/leads/ana/score', undefined, 'read')
    expect(status).toBe(200)
    expect(body).toMatchObject({ lead_id: 'ana', model_version: app.current().model.version, stored: { model_version: app.current().model.version } })
    const sum = (body.contributions as { points: number }[]).reduce((total, item) => total + item.points, 0)
    expect(Math.round(sum * 100) / 100).toBe(body.score)
    expect((await call('GET', '/v1/leads/nobody/score', undefined, 'read')).status).toBe(404)
  })

  it('pages the event timeline newest first and the score history', async () => {
    await seed()
    const events = Array.from({ length: 5 }, (_, index) => ({ id: `tl${index}`, lead_id: 'eve', type: 'email_open', timestamp: iso(index) }))
    await call('POST', '/v1/events', { events: [...events].reverse() }, 'write')
    await app.current().app.scoringIdle()
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { status: number; body: { items: { id: string }[]; next_cursor: string | null } } = await call(
        'GET',
        `/v1/leads/eve/events?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
        undefined,
        'read',
      )
      expect(page.status).toBe(200)
      seen.push(...page.body.items.map((item) => item.id))
      cursor = page.body.next_cursor
    } while (cursor !== null)
    expect(seen).toEqual(['tl0', 'tl1', 'tl2', 'tl3', 'tl4'])

    const firstPage = (await call('GET', '/v1/leads/eve/events?limit=2', undefined, 'read')).body
    const elsewhere = await call('GET', `/v1/leads/ana/events?cursor=${firstPage.next_cursor}`, undefined, 'read')
    expect(elsewhere.body.error.code).toBe('invalid_cursor')
    const history = await call('GET', '/v1/leads/eve/history?limit=1', undefined, 'read')
    expect(history.body.items).toHaveLength(1)
    expect(history.body.next_cursor).not.toBeNull()
    expect((await call('GET', '/v1/leads/eve/history?limit=0', undefined, 'read')).status).toBe(400)
  })
})

describe('outcomes', () => {
  it('records one outcome by email, a batch with per-item results, and reads it back', async () => {
    await seed()
    const one = await call('POST', '/v1/outcomes', { email: 'ANA@acme.io', converted: true, converted_at: iso(0) })
    expect(one).toMatchObject({ status: 201, body: { status: 'stored', lead_id: 'ana' } })
    expect((await call('GET', '/v1/leads/ana/outcome', undefined, 'read')).body).toEqual({
      lead_id: 'ana',
      outcome: { lead_id: 'ana', converted: true, converted_at: iso(0) },
    })
    const batch = await call('POST', '/v1/outcomes', {
      outcomes: [
        { lead_id: 'bo', converted: false },
        { lead_id: 'ghost', converted: true },
        { lead_id: 'ana', converted: true, converted_at: iso(0) },
        { lead_id: 'cy', converted: true, converted_at: 'last week' },
        { converted: true },
      ],
    })
    expect(batch.status).toBe(200)
    expect(batch.body).toMatchObject({ stored: 1, unchanged: 1, rejected: 3 })
    expect((batch.body.results as { status: string }[]).map((result) => result.status)).toEqual([
      'stored',
      'rejected',
      'unchanged',
      'rejected',
      'rejected',
    ])
    expect((await call('GET', '/v1/leads/cy/outcome', undefined, 'read')).body.outcome).toBeNull()
    expect((await call('POST', '/v1/outcomes', { lead_id: 'ghost', converted: true })).status).toBe(404)
    expect((await call('POST', '/v1/outcomes', { lead_id: 'bo' })).status).toBe(400)
    expect((await call('POST', '/v1/outcomes', { converted: true })).body.error.code).toBe('invalid_outcome')
    expect((await call('POST', '/v1/outcomes', { lead_id: 'bo', converted: true }, 'write')).status).toBe(403)
  })
})

describe('GET /v1/segments', () => {
  it("counts the leads in each of the active model's segments", async () => {
    await seed()
    const { status, body } = await call('GET', '/v1/segments', undefined, 'read')
    expect(status).toBe(200)
    expect(body.model_version).toBe(app.current().model.version)
    expect((body.items as { id: string }[]).map((item) => item.id)).toEqual(app.current().model.model.segments.map((segment) => segment.id))
    const listed = (await call('GET', '/v1/leads?limit=100', undefined, 'read')).body.items as { score: { segment: string | null } }[]
    for (const item of body.items as { id: string; leads: number }[]) {
      expect(item.leads).toBe(listed.filter((lead) => lead.score.segment === item.id).length)
    }
    const counted = (body.items as { leads: number }[]).reduce((sum, item) => sum + item.leads, 0)
    expect(counted + (body.unsegmented as number)).toBe(5)
  })
})
