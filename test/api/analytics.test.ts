// Analytics, backtest, learned points and fairness routes on an in-memory store filled with the demo data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemoData } from '../../src/cli/demo-command.js'
import { generateDemoData } from '../../src/demo/index.js'
import { parseModel, readTemplate } from '../../src/model/index.js'
import { createTestApp, type TestApp } from '../support/api-app.js'

const NOW = Date.UTC(2026, 5, 1, 12)
const DAY_MS = 86_400_000
let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ now: NOW })
  await loadDemoData(t.store, t.model, generateDemoData({ seed: 3, leads: 1500, days: 90, now: NOW }), NOW)
}, 120_000)
afterAll(async () => {
  await t.close()
})

/** A JSON response body; each test names the shape it reads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

async function get(url: string, scope: 'read' | 'write' = 'read'): Promise<{ status: number; body: Json }> {
  const response = await t.app.inject({ method: 'GET', url, headers: await t.auth(scope) })
  return { status: response.statusCode, body: response.json<Json>() }
}

async function post(url: string, payload: object, scope: 'read' | 'admin' = 'read'): Promise<{ status: number; body: Json }> {
  const response = await t.app.inject({ method: 'POST', url, payload, headers: await t.auth(scope) })
  return { status: response.statusCode, body: response.json<Json>() }
}

describe('GET /v1/analytics/*', () => {
  it('gives the score distribution of every lead in snake_case', async () => {
    const { status, body } = await get('/v1/analytics/distribution?bucket_width=25')
    expect(status).toBe(200)
    expect(body.buckets).toHaveLength(4)
    expect((body.buckets as { count: number }[]).reduce((sum, bucket) => sum + bucket.count, 0)).toBe(body.total)
    expect(body.total + body.unscored).toBe(1500)
    expect(body.median).toBeGreaterThanOrEqual(0)
  })

  it('gives conversion by decile with intervals, top decile converting more than the bottom', async () => {
    const { status, body } = await get('/v1/analytics/conversion?by=decile')
    expect(status).toBe(200)
    expect(body.by).toBe('decile')
    expect(body.groups).toHaveLength(10)
    const [top, bottom] = [body.groups[0], body.groups[9]]
    expect(top).toHaveProperty('with_outcome')
    expect(top.rate as number).toBeGreaterThan(bottom.rate as number)
    expect(top.ci[0] as number).toBeLessThanOrEqual(top.rate as number)
  })

  it('groups conversion by level, cell and status', async () => {
    for (const by of ['level', 'cell', 'status', 'segment', 'grade', 'stage']) {
      const { status, body } = await get(`/v1/analytics/conversion?by=${by}`)
      expect(status, by).toBe(200)
      expect((body.groups as { leads: number }[]).reduce((sum, group) => sum + group.leads, 0)).toBe(body.leads)
    }
  })

  it('gives the funnel with counts that shrink and median days in stage', async () => {
    const { status, body } = await get('/v1/analytics/funnel')
    expect(status).toBe(200)
    const steps = body.steps as { stage: string; leads: number }[]
    expect(steps.map((step) => step.stage)).toEqual(['lead', 'mql', 'sql', 'customer'])
    const counts = steps.map((step) => step.leads)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)
    expect(body.steps[1].timed_leads).toBeGreaterThan(0)
    expect(body.steps[1].median_days_from_previous).toBeGreaterThanOrEqual(0)
  })

  it('gives rule lift with counts and an interval per rule', async () => {
    const { status, body } = await get('/v1/analytics/rule-lift')
    expect(status).toBe(200)
    expect(body.rules.length).toBeGreaterThan(5)
    const rules = body.rules as { rule_id: string; fired_leads: number; not_fired_leads: number; lift: number }[]
    for (const rule of rules) expect(rule.fired_leads + rule.not_fired_leads).toBe(body.with_outcome)
    const demo = rules.find((rule) => rule.rule_id === 'demo_request')!
    expect(demo.lift).toBeGreaterThan(1)
  })

  it('counts trends and gives one lead its trend', async () => {
    const { status, body } = await get('/v1/analytics/trends?window_days=30&top=3')
    expect(status).toBe(200)
    expect(body.improving + body.steady + body.declining).toBe(body.leads)
    expect(body.top_improving.length).toBeLessThanOrEqual(3)
    const lead = (await t.store.listLeads({ limit: 1 })).items[0]!.lead.id
    const trend = await get(`/v1/leads/${encodeURIComponent(lead)}/trend`)
    expect(trend.status).toBe(200)
    expect(trend.body).toMatchObject({ lead_id: lead })
    expect(['improving', 'steady', 'declining']).toContain(trend.body.trend)
    expect((await get('/v1/leads/nobody/trend')).body.error.code).toBe('not_found')
  })

  it('gives a fairness report by a lead field', async () => {
    const { status, body } = await get('/v1/analytics/fairness?attribute=country&min_group_size=5')
    expect(status).toBe(200)
    expect(body.attribute).toBe('country')
    const groups = body.groups as { leads: number; ratio_to_highest: number | null }[]
    expect(groups.reduce((sum, group) => sum + group.leads, 0)).toBe(body.leads)
    const ratios = groups.flatMap((group) => (group.ratio_to_highest === null ? [] : [group.ratio_to_highest]))
    expect(ratios.length).toBeGreaterThan(1)
    expect(Math.max(...ratios)).toBe(1)
  })

  it('rejects bad queries with 400 and a key without read scope with 403', async () => {
    expect((await get('/v1/analytics/conversion?by=colour')).status).toBe(400)
    expect((await get('/v1/analytics/distribution?bucket_width=0')).status).toBe(400)
    expect((await get('/v1/analytics/distribution?bucket_width=0.000001')).status).toBe(400)
    expect((await get('/v1/analytics/funnel?extra=1')).status).toBe(400)
    expect((await get('/v1/analytics/fairness')).status).toBe(400)
    const badAttribute = await get('/v1/analytics/fairness?attribute=a%20b')
    expect(badAttribute).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } })
    expect((await get('/v1/analytics/distribution', 'write')).status).toBe(403)
    const anonymous = await t.app.inject({ method: 'GET', url: '/v1/analytics/distribution' })
    expect(anonymous.statusCode).toBe(401)
  })
})

describe('POST /v1/models/:version/backtest', () => {
  it('compares a draft with the active model as of a past date', async () => {
    const yaml = readTemplate('b2b-saas').replace(/qualification:\n {2}mql: .*\n/, "qualification:\n  mql: 'score >= 35'\n")
    const parsed = parseModel(yaml)
    if (!parsed.ok) throw new Error('draft does not parse')
    const draft = await t.store.createModelVersion({ name: 'looser', yaml, checksum: parsed.checksum }, NOW)
    const at = new Date(NOW - 30 * DAY_MS).toISOString()
    const { status, body } = await post(`/v1/models/${draft.version}/backtest`, { at })
    expect(status).toBe(200)
    expect(body).toMatchObject({ draft_model: `version ${draft.version}`, against_model: `version ${t.model.version} (active)` })
    expect(body.leads).toBeGreaterThan(0)
    expect(body.excluded.created_after).toBeGreaterThan(0)
    expect(body.draft.auc).toBeGreaterThan(0.5)
    expect(body.draft.mqls as number).toBeGreaterThanOrEqual(body.active.mqls as number)
    const confusion = body.draft.confusion as Record<string, number>
    expect(Object.values(confusion).reduce((sum, count) => sum + count, 0)).toBe(body.with_outcome)
    const same = await post(`/v1/models/${t.model.version}/backtest`, { at: NOW - 30 * DAY_MS })
    expect(same.body.segment_changes.leads).toBe(0)
    expect(same.body.draft.auc).toBe(same.body.active.auc)
  })

  it('answers an unknown version with 404 and a bad or future date with 400', async () => {
    expect((await post('/v1/models/999/backtest', { at: '2026-01-01' })).body.error.code).toBe('not_found')
    expect((await post(`/v1/models/${t.model.version}/backtest`, { at: 'yesterday' })).status).toBe(400)
    expect((await post(`/v1/models/${t.model.version}/backtest`, { at: '2030-01-01' })).status).toBe(400)
    expect((await post(`/v1/models/${t.model.version}/backtest`, { at: '2026-01-01', extra: 1 })).status).toBe(400)
  })
})

describe('POST /v1/models/learn', () => {
  it('suggests points per rule and stores a draft that keeps the rest of the model', async () => {
    const before = await t.store.listModelVersions()
    const { status, body } = await post('/v1/models/learn', { create_draft: true }, 'admin')
    expect(status).toBe(200)
    expect(body.model_version).toBe(t.model.version)
    expect(body.rules.length).toBe(t.model.model.fit.length + t.model.model.engagement.length)
    const learned = (body.rules as { note: string; coefficient: number | null }[]).filter((rule) => rule.note === 'learned')
    expect(learned.length).toBeGreaterThan(3)
    expect(typeof learned[0]!.coefficient).toBe('number')
    expect(body.draft_version).toBe(before.length + 1)
    const draft = await t.store.getModelVersion(body.draft_version as number)
    expect(draft).toMatchObject({ status: 'draft', yaml: body.yaml })
    expect(draft!.yaml).toContain('# Lead-scoring model for a B2B software company')
    const reparsed = parseModel(body.yaml as string)
    expect(reparsed.ok).toBe(true)
  })

  it('needs an admin key', async () => {
    expect((await post('/v1/models/learn', {}, 'read')).status).toBe(403)
  })
})
