// The OpenAPI document is generated from the registered routes, and /docs browses it without internet access.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { packageVersion } from '../../src/api/openapi.js'
import { createTestApp, type TestApp } from '../support/api-app.js'

interface Operation {
  tags?: string[]
  summary?: string
  description?: string
  security?: Record<string, string[]>[]
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; anyOf?: unknown[] } }> }
  parameters?: { in: string; name: string; required?: boolean }[]
}
interface Document {
  openapi: string
  info: { title: string; version: string }
  components: { securitySchemes: Record<string, { type: string; scheme: string }> }
  paths: Record<string, Record<string, Operation>>
}

let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(async () => {
  await t.close()
})

async function document(): Promise<Document> {
  const response = await t.app.inject({ method: 'GET', url: '/openapi.json' })
  expect(response.statusCode).toBe(200)
  return response.json<Document>()
}

describe('GET /openapi.json', () => {
  it('is public OpenAPI 3 with the package version and bearer and basic security schemes', async () => {
    const doc = await document()
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.info).toMatchObject({ title: 'leadscore', version: packageVersion() })
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/)
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      basic: expect.objectContaining({ type: 'http', scheme: 'basic' }),
    })
  })

  it('lists every route with tags, a summary and the security its access needs', async () => {
    const doc = await document()
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    )
    expect(operations.map((entry) => entry.route)).toEqual(
      expect.arrayContaining(['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /openapi.json', 'POST /v1/events', 'GET /v1/leads/{id}']),
    )
    for (const { route, operation } of operations) {
      expect(operation.tags?.length ?? 0, `${route} has no tags`).toBeGreaterThan(0)
      expect(operation.summary ?? '', `${route} has no summary`).not.toBe('')
    }
    expect(doc.paths['/healthz']!.get!.security).toEqual([])
    expect(doc.paths['/v1/events']!.post!.security).toEqual([{ bearer: [] }, { basic: [] }])
    expect(doc.paths['/v1/events']!.post!.description).toMatch(/`write` scope/)
    expect(Object.keys(doc.paths).some((path) => path.startsWith('/docs'))).toBe(false)
  })

  it('renders the TypeBox schemas: bodies, query strings and path parameters', async () => {
    const doc = await document()
    const leadBody = doc.paths['/v1/leads']!.post!.requestBody!.content['application/json']!.schema
    expect(Object.keys(leadBody.properties ?? {})).toEqual(expect.arrayContaining(['id', 'email', 'company_size', 'attributes']))
    expect(doc.paths['/v1/events']!.post!.requestBody!.content['application/json']!.schema.anyOf).toHaveLength(2)
    const list = doc.paths['/v1/leads']!.get!.parameters ?? []
    expect(list.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['sort', 'limit', 'min_score']),
    )
    expect(doc.paths['/v1/leads/{id}']!.get!.parameters).toContainEqual(expect.objectContaining({ in: 'path', name: 'id', required: true }))
  })
})

describe('/docs', () => {
  it('serves swagger-ui and every file its page loads from the package itself, no internet needed', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    const assets = [...page.body.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1]!)
    expect(assets.filter((url) => url.endsWith('.js')).length).toBeGreaterThan(0)
    expect(assets.every((url) => url.startsWith('/docs/'))).toBe(true)
    for (const url of assets) {
      const asset = await t.app.inject({ method: 'GET', url })
      expect(asset.statusCode, url).toBe(200)
    }
    const spec = await t.app.inject({ method: 'GET', url: '/docs/json' })
    expect(spec.json()).toMatchObject({ info: { title: 'leadscore' } })
  })
})
