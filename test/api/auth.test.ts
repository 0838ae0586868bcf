// API keys over HTTP: 401 without a valid key, 403 without the scope, the admin key routes, revocation, last use, CORS.
import { afterEach, describe, expect, it } from 'vitest'
import { KEY_CACHE_TTL_MS } from '../../src/api/auth.js'
import { createApiKey } from '../../src/api/api-keys.js'
import { createTestApp, type TestApp } from '../support/api-app.js'

const NOW = Date.UTC(2026, 5, 1, 12)
const event = (id: string) => ({ id, lead_id: 'ana', type: 'page_view', timestamp: new Date(NOW).toISOString() })

let t: TestApp
afterEach(async () => {
  await t.close()
})

describe('API keys: authentication and scopes', () => {
  it('answers 401 unauthorized with WWW-Authenticate when no key, a malformed header or an unknown key is sent', async () => {
    t = await createTestApp({ now: NOW })
    for (const headers of [{}, { authorization: 'Token abc' }, { authorization: 'Bearer ls_read_doesnotexist' }]) {
      const response = await t.app.inject({ method: 'GET', url: '/v1/leads', headers })
      expect(response.statusCode).toBe(401)
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="leadscore"/)
      expect(response.json().error).toMatchObject({ code: 'unauthorized' })
    }
    const health = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(health.statusCode).toBe(200)
  })

  it('answers 403 forbidden when the key lacks the scope, and lets admin do everything', async () => {
    t = await createTestApp({ now: NOW })
    const cases = [
      { scope: 'write', method: 'POST', url: '/v1/events', payload: event('w1'), status: 201 },
      { scope: 'write', method: 'GET', url: '/v1/leads', status: 403 },
      { scope: 'write', method: 'GET', url: '/v1/keys', status: 403 },
      { scope: 'read', method: 'GET', url: '/v1/leads', status: 200 },
      { scope: 'read', method: 'POST', url: '/v1/events', payload: event('r1'), status: 403 },
      { scope: 'read', method: 'POST', url: '/v1/keys', payload: { scopes: ['write'] }, status: 403 },
      { scope: 'admin', method: 'GET', url: '/v1/leads', status: 200 },
      { scope: 'admin', method: 'POST', url: '/v1/events', payload: event('a1'), status: 201 },
      { scope: 'admin', method: 'GET', url: '/v1/keys', status: 200 },
    ] as const
    for (const { scope, method, url, status, ...rest } of cases) {
      const payload = 'payload' in rest ? rest.payload : undefined
      const response = await t.app.inject({ method, url, headers: await t.auth(scope), ...(payload === undefined ? {} : { payload }) })
      expect({ scope, method, url, status: response.statusCode }).toEqual({ scope, method, url, status })
      if (status === 403) expect(response.json().error.code).toBe('forbidden')
    }
    expect((await t.store.listEvents('ana')).map((e) => e.id)).toEqual(['w1', 'a1'])
  })

  it('accepts HTTP Basic with the key as user name (password ignored), as Segment sends it', async () => {
    t = await createTestApp({ now: NOW })
    const bearer = (await t.auth('read')).authorization!
    const secret = bearer.slice('Bearer '.length)
    const basic = `Basic ${Buffer.from(`${secret}:anything`).toString('base64')}`
    const response = await t.app.inject({ method: 'GET', url: '/v1/leads', headers: { authorization: basic } })
    expect(response.statusCode).toBe(200)
    const noUser = await t.app.inject({ method: 'GET', url: '/v1/leads', headers: { authorization: `Basic ${Buffer.from(':x').toString('base64')}` } })
    expect(noUser.statusCode).toBe(401)
  })

  it('creates a key through the admin API, shows its secret once, lists it without secret and revokes it at once', async () => {
    t = await createTestApp({ now: NOW })
    const admin = await t.auth('admin')
    const created = await t.app.inject({ method: 'POST', url: '/v1/keys', headers: admin, payload: { scopes: ['write'], name: 'website' } })
    expect(created.statusCode).toBe(201)
    const { key, secret } = created.json<{ key: { id: string; prefix: string }; secret: string }>()
    expect(secret).toMatch(/^ls_write_[0-9A-Za-z]{32}$/)
    expect(secret.startsWith(key.prefix)).toBe(true)
    expect(key).toMatchObject({ name: 'website', scopes: ['write'], active: true, last_used_at: null })

    const use = () => t.app.inject({ method: 'POST', url: '/v1/events', headers: { authorization: `Bearer ${secret}` }, payload: event(`k${Math.random()}`) })
    expect((await use()).statusCode).toBe(201)

    const list = await t.app.inject({ method: 'GET', url: '/v1/keys', headers: admin })
    const listed = list.json<{ items: Record<string, unknown>[] }>().items
    expect(JSON.stringify(listed)).not.toContain(secret)
    expect(listed.find((item) => item.id === key.id)).toMatchObject({ name: 'website', last_used_at: new Date(NOW).toISOString() })
    expect(listed.every((item) => !('secret' in item) && !('secret_hash' in item))).toBe(true)

    const revoked = await t.app.inject({ method: 'DELETE', url: `/v1/keys/${key.id}`, headers: admin })
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json()).toMatchObject({ id: key.id, active: false, revoked_at: new Date(NOW).toISOString() })
    const after = await use()
    expect(after.statusCode).toBe(401)
    expect(after.json().error.message).toMatch(/revoked/)

    const unknown = await t.app.inject({ method: 'DELETE', url: '/v1/keys/key_nope', headers: admin })
    expect(unknown.statusCode).toBe(404)
    const badBody = await t.app.inject({ method: 'POST', url: '/v1/keys', headers: admin, payload: { scopes: ['root'] } })
    expect(badBody.statusCode).toBe(400)
    expect(badBody.json().error.code).toBe('validation_failed')
  })

  it('stops a key revoked by another process within the cache bound, and records last use at most once a minute', async () => {
    let clock = NOW
    t = await createTestApp({ now: NOW, deps: { now: () => clock } })
    const { key, secret } = await createApiKey(t.store, { name: 'cli', scopes: ['read'] }, NOW)
    const headers = { authorization: `Bearer ${secret}` }
    const read = async () => (await t.app.inject({ method: 'GET', url: '/v1/leads', headers })).statusCode
    const lastUsed = async () => (await t.store.listApiKeys()).find((k) => k.id === key.id)!.lastUsedAt

    expect(await read()).toBe(200)
    expect(await lastUsed()).toBe(NOW)
    clock = NOW + 30_000
    expect(await read()).toBe(200)
    expect(await lastUsed()).toBe(NOW)
    clock = NOW + 61_000
    expect(await read()).toBe(200)
    expect(await lastUsed()).toBe(NOW + 61_000)

    // Revoked straight in the store, as `leadscore keys revoke` does from another process.
    await t.store.revokeApiKey(key.id, clock)
    clock += KEY_CACHE_TTL_MS + 1
    expect(await read()).toBe(401)
  })

  it('answers CORS preflights for the configured origins only', async () => {
    t = await createTestApp({ now: NOW, deps: { corsOrigins: ['https://www.acme.io'] } })
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/v1/events',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      })
    const allowed = await preflight('https://www.acme.io')
    expect(allowed.statusCode).toBe(204)
    expect(allowed.headers['access-control-allow-origin']).toBe('https://www.acme.io')
    expect(String(allowed.headers['access-control-allow-headers'])).toMatch(/authorization/)
    const other = await preflight('https://evil.example')
    expect(other.headers['access-control-allow-origin']).toBeUndefined()

    const posted = await t.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...(await t.auth('write')), origin: 'https://www.acme.io' },
      payload: event('c1'),
    })
    expect(posted.statusCode).toBe(201)
    expect(posted.headers['access-control-allow-origin']).toBe('https://www.acme.io')
  })

  it('sends no CORS headers and answers no preflight when CORS is not configured', async () => {
    t = await createTestApp({ now: NOW })
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/events',
      headers: { origin: 'https://www.acme.io', 'access-control-request-method': 'POST' },
    })
    expect(preflight.statusCode).toBe(404)
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
  })
})
