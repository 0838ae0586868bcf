// Segment-compatible intake over HTTP: single calls, batches, write-key auth styles, anonymous merges, limits.
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scoreLead } from '../../src/core/index.js'
import { createTestApp, type TestApp } from '../support/api-app.js'

const NOW = Date.UTC(2026, 5, 1, 12)
const iso = (daysAgo: number): string => new Date(NOW - daysAgo * 86_400_000).toISOString()

let t: TestApp
let writeKey: string
beforeEach(async () => {
  t = await createTestApp({ now: NOW })
  writeKey = (await t.auth('write')).authorization!.slice('Bearer '.length)
})
afterEach(async () => {
  await t.close()
})

const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` })

async function send(url: string, payload: object, headers: Record<string, string> = basic(writeKey)) {
  const response = await t.app.inject({ method: 'POST', url, payload, headers })
  return { status: response.statusCode, body: response.json(), headers: response.headers }
}

describe('Segment-compatible intake', () => {
  it('identifies a lead from traits and scores its fit', async () => {
    const response = await send('/v1/identify', {
      userId: 'u-ana',
      traits: { email: 'ana@acme.io', firstName: 'Ana', title: 'VP Marketing', company: { name: 'Acme', employee_count: 300, industry: 'Software' } },
    })
    expect(response).toMatchObject({ status: 200, body: { success: true, status: 'created', lead_id: 'u-ana' } })
    const lead = await t.store.getLead('ana@acme.io')
    expect(lead).toMatchObject({ id: 'u-ana', firstName: 'Ana', jobTitle: 'VP Marketing', companyName: 'Acme', companySize: 300 })
    expect((await t.store.getScore('u-ana'))!.fit).toBeGreaterThan(50)
  })

  it('stores track and page calls once per messageId, with mapped types', async () => {
    const track = { userId: 'u-bo', event: 'Demo Requested', messageId: 'm-1', timestamp: iso(1) }
    expect((await send('/v1/track', track)).body).toMatchObject({ success: true, status: 'stored', event_id: 'm-1', lead_id: 'u-bo' })
    expect((await send('/v1/track', track)).body).toMatchObject({ success: true, status: 'duplicate' })
    await send('/v1/page', { userId: 'u-bo', messageId: 'm-2', name: 'Pricing', properties: { url: 'https://acme.io/pricing' } })
    await send('/v1/track', { userId: 'u-bo', messageId: 'm-3', event: 'Watched Intro Video' })
    const events = await t.store.listEvents('u-bo')
    expect(events.map((e) => [e.id, e.type])).toEqual([
      ['m-1', 'demo_request'],
      ['m-2', 'page_view'],
      ['m-3', 'custom'],
    ])
    expect(events[2]!.properties).toMatchObject({ event: 'Watched Intro Video' })
    const contributions = (await t.store.getScore('u-bo'))!.contributions.map((c) => c.ruleId)
    expect(contributions).toEqual(expect.arrayContaining(['demo_request', 'pricing_page']))
  })

  it("merges an anonymous visitor's history into the lead on identify", async () => {
    const batch = [
      { type: 'page', anonymousId: 'visitor-1', messageId: 'p1', timestamp: iso(3), properties: { url: 'https://acme.io/pricing' } },
      { type: 'page', anonymousId: 'visitor-1', messageId: 'p2', timestamp: iso(2), properties: { url: 'https://acme.io/pricing' } },
      { type: 'track', anonymousId: 'visitor-1', messageId: 't1', timestamp: iso(1), event: 'Webinar Attended' },
      { type: 'identify', anonymousId: 'visitor-1', userId: 'u-cy', messageId: 'i1', traits: { email: 'cy@globex.com', title: 'Head of Sales' } },
    ]
    const response = await send('/v1/batch', { batch, writeKey: 'ignored-when-a-header-names-a-key' })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ success: true, stored: 3, duplicates: 0, rejected: 0 })
    expect(response.body.results[3]).toMatchObject({ status: 'created', lead_id: 'u-cy', merged_events: 3 })
    // The visitor's id is now an alias of the lead.
    expect(await t.store.getLead('anon:visitor-1')).toMatchObject({ id: 'u-cy' })
    const lead = (await t.store.getLead('u-cy'))!
    const events = await t.store.listEvents('u-cy')
    expect(events.map((e) => e.id)).toEqual(['p1', 'p2', 't1'])
    const expected = scoreLead(lead, events, t.model.model, NOW)
    const stored = (await t.store.getScore('u-cy'))!
    expect(stored.score).toBe(expected.score)
    expect(stored.contributions.find((c) => c.ruleId === 'pricing_page')?.count).toBe(2)
  })

  it('sends what an identified visitor does later under the anonymous id alone to the identified lead', async () => {
    await send('/v1/page', { anonymousId: 'visitor-9', messageId: 'q1', timestamp: iso(2), properties: { url: 'https://acme.io/blog' } })
    await send('/v1/identify', { anonymousId: 'visitor-9', userId: 'u-di', messageId: 'q2', traits: { title: 'CEO' } })
    const later = await send('/v1/page', { anonymousId: 'visitor-9', messageId: 'q3', timestamp: iso(1), properties: { url: 'https://acme.io/pricing' } })
    expect(later.status).toBe(200)
    const traits = await send('/v1/identify', { anonymousId: 'visitor-9', messageId: 'q4', traits: { company: 'Initech' } })
    expect(traits.status).toBe(200)
    expect((await t.store.listEvents('u-di')).map((e) => e.id).sort()).toEqual(['q1', 'q3'])
    expect(await t.store.getLead('u-di')).toMatchObject({ jobTitle: 'CEO', companyName: 'Initech' })
    const exported = await t.app.inject({ method: 'GET', url: '/v1/leads/u-di/export', headers: await t.auth('admin') })
    expect(exported.json()).toMatchObject({ lead: { id: 'u-di' }, aliases: ['anon:visitor-9'] })
  })

  it('merges with alias the visitor or the earlier user known as previousId, and refuses an alias without both ids', async () => {
    await send('/v1/page', { anonymousId: 'visitor-5', messageId: 'r1', timestamp: iso(3), properties: { url: 'https://acme.io/pricing' } })
    const first = await send('/v1/alias', { previousId: 'visitor-5', userId: 'u-fay', messageId: 'r2' })
    expect(first).toMatchObject({ status: 200, body: { success: true, status: 'created', lead_id: 'u-fay', merged_events: 1 } })
    await send('/v1/identify', { userId: 'old-account', messageId: 'r3', traits: { title: 'CTO' } })
    await send('/v1/track', { userId: 'old-account', messageId: 'r4', event: 'Demo Requested', timestamp: iso(1) })
    const batch = await send('/v1/batch', {
      batch: [
        { type: 'alias', previousId: 'old-account', userId: 'u-fay', messageId: 'r5' },
        { type: 'page', anonymousId: 'visitor-5', messageId: 'r6', timestamp: iso(0), properties: { url: 'https://acme.io/blog' } },
        { type: 'alias', userId: 'u-fay', messageId: 'r7' },
        { type: 'alias', previousId: 'u-fay', userId: 'u-fay', messageId: 'r8' },
      ],
    })
    const results = batch.body.results as { status: string; reason?: string }[]
    expect(results.map((result) => result.status)).toEqual(['updated', 'stored', 'rejected', 'rejected'])
    expect(results[0]).toMatchObject({ lead_id: 'u-fay', merged_events: 1 })
    expect(results[2]!.reason).toContain('previousId is required')
    expect((await t.store.listEvents('u-fay')).map((e) => e.id).sort()).toEqual(['r1', 'r4', 'r6'])
    expect(await t.store.getLead('u-fay')).toMatchObject({ jobTitle: 'CTO' })
    expect(await t.store.getLead('old-account')).toMatchObject({ id: 'u-fay' })
    const lead = (await t.store.getLead('u-fay'))!
    await t.app.scoringIdle()
    expect((await t.store.getScore('u-fay'))!.score).toBe(scoreLead(lead, await t.store.listEvents('u-fay'), t.model.model, NOW).score)
    // An alias sent before the visitor did anything: what the visitor does next reaches the user.
    expect(await send('/v1/alias', { previousId: 'visitor-6', userId: 'u-gus', messageId: 's1' })).toMatchObject({
      status: 200,
      body: { status: 'created', lead_id: 'u-gus' },
    })
    await send('/v1/page', { anonymousId: 'visitor-6', messageId: 's2', timestamp: iso(0), properties: { url: 'https://acme.io/pricing' } })
    expect((await t.store.listEvents('u-gus')).map((e) => e.id)).toEqual(['s2'])
    const bad = await send('/v1/alias', { previousId: 'visitor-5', messageId: 'r9' })
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_lead' } } })
  })

  it('merges a visitor who already gave an email when the identify repeats it with a userId', async () => {
    await send('/v1/identify', { anonymousId: 'visitor-2', traits: { email: 'eve@acme.io' } })
    await send('/v1/track', { anonymousId: 'visitor-2', event: 'Form Submitted', messageId: 'f-1' })
    const response = await send('/v1/identify', { anonymousId: 'visitor-2', userId: 'u-eve', traits: { email: 'eve@acme.io', title: 'CTO' } })
    expect(response.body).toMatchObject({ success: true, status: 'created', lead_id: 'u-eve', merged_events: 1 })
    expect(await t.store.getLead('eve@acme.io')).toMatchObject({ id: 'u-eve', jobTitle: 'CTO' })
    expect((await t.store.listEvents('u-eve')).map((e) => e.type)).toEqual(['form_submit'])
  })

  it('sets company fields from group', async () => {
    await send('/v1/identify', { userId: 'u-dee', traits: { email: 'dee@initech.com' } })
    const response = await send('/v1/group', { userId: 'u-dee', groupId: 'initech', traits: { name: 'Initech', employees: 800, industry: 'Fintech' } })
    expect(response.body).toMatchObject({ success: true, status: 'updated' })
    expect(await t.store.getLead('u-dee')).toMatchObject({ companyName: 'Initech', companySize: 800, attributes: { group_id: 'initech' } })
  })

  it('accepts the write key as Basic user name, as Bearer, or as writeKey in the body', async () => {
    const message = (id: string) => ({ batch: [{ type: 'track', userId: 'u-e', event: 'Signed Up', messageId: id }] })
    expect((await send('/v1/batch', message('k1'))).status).toBe(200)
    expect((await send('/v1/batch', message('k2'), { authorization: `Bearer ${writeKey}` })).status).toBe(200)
    expect((await send('/v1/batch', { ...message('k3'), writeKey }, {})).status).toBe(200)
    expect((await t.store.listEvents('u-e')).map((e) => e.type)).toEqual(['trial_signup', 'trial_signup', 'trial_signup'])
  })

  it('answers 401 without a key (challenging Basic too) and 403 with a read key, storing nothing', async () => {
    const payload = { userId: 'u-f', event: 'Signed Up', messageId: 'f1' }
    const none = await send('/v1/track', payload, {})
    expect(none.status).toBe(401)
    expect(none.headers['www-authenticate']).toMatch(/Basic realm="leadscore"/)
    const wrong = await send('/v1/track', { ...payload, writeKey: 'ls_write_unknown' }, {})
    expect(wrong.status).toBe(401)
    const readKey = (await t.auth('read')).authorization!
    const forbidden = await send('/v1/track', payload, { authorization: readKey })
    expect(forbidden).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } })
    expect(await t.store.getLead('u-f')).toBeNull()
  })

  it('reports bad messages of a batch one by one and keeps the good ones', async () => {
    const response = await send('/v1/batch', {
      batch: [
        { type: 'track', userId: 'u-g', event: 'Signed Up', messageId: 'g1' },
        { type: 'track', event: 'Signed Up', messageId: 'g2' },
        { type: 'reset', userId: 'u-g' },
        { type: 'track', userId: 'u-g', event: 'Signed Up', messageId: 'g3', timestamp: 'soon' },
        { type: 'page', userId: 'u-g', messageId: 'g4', properties: { big: 'x'.repeat(33 * 1024) } },
      ],
    })
    expect(response.body).toMatchObject({ success: true, stored: 1, rejected: 4 })
    const results = response.body.results as { reason?: string }[]
    expect(results.map((r) => r.reason ?? 'ok')).toEqual([
      'ok',
      expect.stringMatching(/userId or anonymousId/),
      expect.stringMatching(/'reset' is not supported/),
      expect.stringMatching(/bad date in timestamp/),
      expect.stringMatching(/larger than 32 KB/),
    ])
  })

  it('rejects a bad single call with 400 and our error shape', async () => {
    const noLead = await send('/v1/track', { event: 'Signed Up' })
    expect(noLead).toMatchObject({ status: 400, body: { error: { code: 'invalid_event' } } })
    const mismatch = await send('/v1/track', { type: 'page', userId: 'u-h' })
    expect(mismatch).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } })
    const badTraits = await send('/v1/identify', { userId: 'u-h', traits: { employees: 'many' } })
    expect(badTraits).toMatchObject({ status: 400, body: { error: { code: 'invalid_lead' } } })
    const unknownBatchField = await send('/v1/batch', { batch: [], extra: 1 })
    expect(unknownBatchField).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } })
    const tooBig = await send('/v1/track', { userId: 'u-h', event: 'x', properties: { blob: 'x'.repeat(40 * 1024) } })
    expect(tooBig).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } })
    expect(await t.store.getLead('u-h')).toBeNull()
  })

  it('answers any batch of odd messages with 200 or a 4xx, never a 500', async () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string(), fc.string()))
    const message = fc.record(
      {
        type: fc.constantFrom('identify', 'track', 'page', 'screen', 'group', 'alias', ''),
        userId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        anonymousId: fc.oneof(fc.string(), fc.constant('anon:x')),
        messageId: fc.string({ minLength: 1, maxLength: 10 }),
        event: fc.string(),
        groupId: fc.string(),
        traits: fc.dictionary(fc.constantFrom('email', 'name', 'title', 'company', 'employees', 'createdAt', 'address', 'x'), value),
        properties: fc.dictionary(fc.string(), value),
        timestamp: fc.oneof(fc.string(), fc.integer()),
        originalTimestamp: fc.oneof(fc.string(), fc.integer({ min: 0 })),
        context: fc.dictionary(fc.constantFrom('page', 'ip'), value),
      },
      { requiredKeys: ['type'] },
    )
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 6 }), async (batch) => {
        const response = await t.app.inject({ method: 'POST', url: '/v1/batch', payload: { batch }, headers: basic(writeKey) })
        expect(response.statusCode === 200 || (response.statusCode >= 400 && response.statusCode < 500), response.body).toBe(true)
      }),
      { numRuns: 60, seed: 7 },
    )
  })

  it('documents the Segment and key routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, { tags: string[]; summary: string }>> }>()
    for (const path of ['/v1/identify', '/v1/track', '/v1/page', '/v1/screen', '/v1/group', '/v1/batch']) {
      expect(doc.paths[path]?.post?.tags, path).toEqual(['segment'])
    }
    expect(doc.paths['/v1/keys']?.post?.tags).toEqual(['keys'])
    expect(doc.paths['/v1/keys/{id}']?.delete?.summary).toMatch(/Revoke/)
  })

  it('reads JSON sent as text/plain, as browsers send it to avoid a preflight', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/page',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      payload: JSON.stringify({ writeKey, anonymousId: 'browser-1', messageId: 'b1', properties: { url: 'https://acme.io/' } }),
    })
    expect(response.statusCode).toBe(200)
    expect((await t.store.listEvents('anon:browser-1')).map((e) => e.id)).toEqual(['b1'])
    const broken = await t.app.inject({ method: 'POST', url: '/v1/page', headers: { 'content-type': 'text/plain', ...basic(writeKey) }, payload: '{"oops' })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().error.code).toBe('invalid_json')
  })
})
