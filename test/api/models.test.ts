// Model versions over HTTP: list, read, validate, create drafts (YAML or JSON), publish, activate, background rescore.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readTemplate } from '../../src/model/index.js'
import type { ActiveModel } from '../../src/store/index.js'
import { createTestApp, type TestApp } from '../support/api-app.js'

const NOW = Date.UTC(2026, 5, 1, 12)
const TEMPLATE = readTemplate('b2b-saas')
/** The template with executives worth far more, so a rescore visibly changes scores. */
const RICHER = TEMPLATE.replace('name: b2b-saas', 'name: b2b-saas-richer').replace(/(id: title_executive[\s\S]*?points: )25/, '$150')
/** An error on line 4 (a string where points must be a number). */
const INVALID = 'format: 1\nname: broken\nfit:\n  - { id: a, label: A, when: { field: job_title, contains: [ceo] }, points: lots }\n'

let t: TestApp
let changes: ActiveModel[]

beforeEach(async () => {
  changes = []
  t = await createTestApp({ now: NOW, deps: { onModelChanged: (active) => void changes.push(active) } })
})
afterEach(async () => {
  await t.close()
})

async function call(method: 'GET' | 'POST', url: string, options: { payload?: unknown; yaml?: string; scope?: 'read' | 'write' | 'admin' } = {}) {
  const headers: Record<string, string> = { ...(await t.auth(options.scope ?? 'admin')) }
  if (options.yaml !== undefined) headers['content-type'] = 'application/yaml'
  const payload = options.yaml ?? (options.payload as object | undefined)
  const response = await t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) })
  return { status: response.statusCode, body: response.json() }
}

/** Polls the version until its background rescore has finished; returns its final state. */
async function rescoreOf(version: number): Promise<{ status: string; done: number; total: number; changed: number | null }> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { body } = await call('GET', `/v1/models/${version}`, { scope: 'read' })
    const rescore = body.rescore as { status: string; done: number; total: number; changed: number | null } | null
    if (rescore !== null && !['queued', 'running'].includes(rescore.status)) return rescore
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`the rescore of version ${version} did not finish`)
}

describe('model versions', () => {
  it('lists the versions and shows one with its YAML', async () => {
    const list = await call('GET', '/v1/models', { scope: 'read' })
    expect(list.body).toMatchObject({ active_version: t.model.version, items: [{ version: t.model.version, status: 'published', active: true }] })
    expect(list.body.items[0].yaml).toBeUndefined()
    const one = await call('GET', `/v1/models/${t.model.version}`, { scope: 'read' })
    expect(one.body).toMatchObject({ name: 'b2b-saas', yaml: TEMPLATE, rescore: null })
    expect((await call('GET', '/v1/models/999', { scope: 'read' })).status).toBe(404)
    expect((await call('GET', '/v1/models/latest', { scope: 'read' })).status).toBe(400)
  })

  it('validates without storing: errors and warnings with line, column and path', async () => {
    const bad = await call('POST', '/v1/models/validate', { yaml: INVALID, scope: 'read' })
    expect(bad.status).toBe(200)
    expect(bad.body.valid).toBe(false)
    expect(bad.body.errors[0]).toMatchObject({ line: 4, path: expect.stringContaining('fit[0]') })
    expect(bad.body.errors[0].column).toBeGreaterThan(1)
    const good = await call('POST', '/v1/models/validate', { payload: { yaml: RICHER }, scope: 'read' })
    expect(good.body).toMatchObject({ valid: true, name: 'b2b-saas-richer', errors: [] })
    expect(good.body.rules).toBeGreaterThan(10)
    expect((await call('GET', '/v1/models', { scope: 'read' })).body.items).toHaveLength(1)
  })

  it('creates drafts from YAML or JSON and refuses an invalid model with 400 invalid_model', async () => {
    const invalid = await call('POST', '/v1/models', { yaml: INVALID })
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'invalid_model' } } })
    expect(invalid.body.error.details[0]).toMatchObject({ line: 4, path: expect.stringContaining('fit[0]') })
    const fromYaml = await call('POST', '/v1/models', { yaml: RICHER })
    expect(fromYaml).toMatchObject({ status: 201, body: { name: 'b2b-saas-richer', status: 'draft', active: false } })
    const fromJson = await call('POST', '/v1/models', { payload: { name: 'named by hand', yaml: RICHER } })
    expect(fromJson).toMatchObject({ status: 201, body: { name: 'named by hand', version: fromYaml.body.version + 1 } })
    expect((await call('POST', '/v1/models', { payload: { yaml: RICHER, extra: 1 } })).status).toBe(400)
    expect((await call('POST', '/v1/models', { yaml: RICHER, scope: 'read' })).status).toBe(403)
    expect((await call('GET', '/v1/models', { scope: 'read' })).body.items).toHaveLength(3)
    expect(changes).toEqual([])
  })

  it('publishes a draft: the app scores with it at once and every lead is rescored in the background', async () => {
    for (let index = 0; index < 30; index++) {
      const lead = { id: `l${index}`, job_title: index % 2 === 0 ? 'CEO' : 'Analyst', company_size: 300 }
      await t.app.inject({ method: 'POST', url: '/v1/leads', headers: await t.auth('write'), payload: lead })
    }
    const before = (await call('GET', '/v1/leads/l0/score', { scope: 'read' })).body
    const draft = (await call('POST', '/v1/models', { yaml: RICHER })).body
    expect((await call('POST', `/v1/models/${draft.version}/activate`)).status).toBe(409)

    const published = await call('POST', `/v1/models/${draft.version}/publish`)
    expect(published.status).toBe(200)
    expect(published.body).toMatchObject({ version: draft.version, status: 'published', active: true, rescore: { total: 30 } })
    expect(changes.map((active) => active.version)).toEqual([draft.version])
    expect((await call('GET', '/v1/leads/l0/score', { scope: 'read' })).body).toMatchObject({ model_version: draft.version })

    const rescore = await rescoreOf(draft.version as number)
    expect(rescore).toMatchObject({ status: 'done', done: 30, total: 30, changed: 15 })
    const after = (await call('GET', '/v1/leads/l0/score', { scope: 'read' })).body
    expect(after.fit).toBeGreaterThan(before.fit as number)
    expect(after.stored).toMatchObject({ model_version: draft.version, score: after.score })
    const history = (await call('GET', '/v1/leads/l0/history', { scope: 'read' })).body.items
    expect(history[0]).toMatchObject({ cause: 'model', model_version: draft.version })
    expect((await call('GET', '/v1/models', { scope: 'read' })).body.active_version).toBe(draft.version)

    // Back to the first version: published before, so it can be activated, and leads are rescored again.
    const activated = await call('POST', `/v1/models/${t.model.version}/activate`)
    expect(activated.body).toMatchObject({ version: t.model.version, active: true })
    expect(await rescoreOf(t.model.version)).toMatchObject({ status: 'done', changed: 15 })
    expect((await call('GET', '/v1/leads/l0/score', { scope: 'read' })).body).toMatchObject({ model_version: t.model.version, score: before.score })
    expect(changes.map((active) => active.version)).toEqual([draft.version, t.model.version])
    expect((await call('POST', '/v1/models/999/publish')).status).toBe(404)
    expect((await call('POST', `/v1/models/${draft.version}/publish`, { scope: 'read' })).status).toBe(403)
  })

  it('refuses YAML on routes that take JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/leads',
      headers: { ...(await t.auth('write')), 'content-type': 'application/yaml' },
      payload: 'id: ana\n',
    })
    expect(response.statusCode).toBe(415)
  })
})
