// Predictive models over HTTP: train in the background, poll the job, publish, and read a lead's prediction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadDemoData } from '../../src/cli/demo-command.js'
import { generateDemoData } from '../../src/demo/index.js'
import { parseModel, readTemplate } from '../../src/model/index.js'
import type { ActiveModel } from '../../src/store/index.js'
import { createTestApp, type TestApp } from '../support/api-app.js'

const NOW = Date.UTC(2026, 5, 1, 12)

/** The b2b-saas template with a fifth of the score from the predictive model. */
function blendedModel(): ActiveModel {
  const parsed = parseModel(readTemplate('b2b-saas'))
  if (!parsed.ok) throw new Error('template does not parse')
  return { version: 1, checksum: parsed.checksum, model: { ...parsed.model, weights: { fit: 0.4, engagement: 0.4, predictive: 0.2 } } }
}

let testApp: TestApp

beforeEach(async () => {
  testApp = await createTestApp({ now: NOW, deps: { model: blendedModel } })
})
afterEach(async () => {
  await testApp.close()
})

async function request(method: 'GET' | 'POST', url: string, scope: 'read' | 'admin', payload?: object) {
  const response = await testApp.app.inject({ method, url, headers: await testApp.auth(scope), ...(payload === undefined ? {} : { payload }) })
  return { status: response.statusCode, body: response.json() }
}

async function loadDemo(leads: number): Promise<void> {
  await loadDemoData(testApp.store, blendedModel(), generateDemoData({ seed: 3, leads, now: NOW }), NOW)
}

/** Polls the job until it is finished (the job yields to the event loop between steps). */
async function waitForJob(id: number): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 2000; attempt++) {
    const { body } = await request('GET', `/v1/predictive/jobs/${id}`, 'read')
    if (body.status === 'succeeded' || body.status === 'failed') return body as Record<string, unknown>
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`job ${id} did not finish`)
}

describe('predictive API', () => {
  it('trains in the background, publishes the model and explains a lead with it', async () => {
    await loadDemo(1500)
    const started = await request('POST', '/v1/predictive/train', 'admin', { algo: 'lr', seed: 7 })
    expect(started.status).toBe(202)
    expect(started.body).toEqual({ job_id: expect.any(Number), status: 'queued' })

    const job = await waitForJob(started.body.job_id as number)
    expect(job).toMatchObject({ status: 'succeeded', algo: 'lr', seed: 7, error: null, progress: 1, done: 7, total: 7 })
    const modelId = job.model_id as number

    const list = await request('GET', '/v1/predictive/models', 'read')
    expect(list.body.items).toEqual([expect.objectContaining({ id: modelId, algo: 'lr', status: 'draft', active: false, rows: 592, positives: 55 })])
    const detail = await request('GET', `/v1/predictive/models/${modelId}`, 'read')
    expect(detail.body.report).toMatchObject({ algo: 'lr', seed: 7, rows: 592, positives: 55, split: { kind: 'time', test_rows: 118 } })
    expect(detail.body.report.auc).toBeGreaterThan(0.8)
    expect(detail.body.report.deciles).toHaveLength(10)
    expect(detail.body.report.calibration).toHaveLength(10)

    // Before publishing there is nothing to predict with.
    const leadId = 'lead_00001'
    expect((await request('GET', `/v1/leads/${leadId}/predictive`, 'read')).status).toBe(404)

    const published = await request('POST', `/v1/predictive/models/${modelId}/publish`, 'admin')
    expect(published.body).toMatchObject({ id: modelId, status: 'published', active: true })

    const prediction = await request('GET', `/v1/leads/${leadId}/predictive`, 'read')
    expect(prediction.status).toBe(200)
    const { probability, score, factors } = prediction.body
    expect(probability).toBeGreaterThanOrEqual(0)
    expect(probability).toBeLessThanOrEqual(1)
    expect(score).toBeCloseTo(probability * 100, 1)
    expect(factors.positive.length + factors.negative.length).toBeGreaterThan(0)
    for (const factor of factors.positive) expect(factor.contribution).toBeGreaterThan(0)
    for (const factor of factors.negative) expect(factor.contribution).toBeLessThan(0)

    // The lead read blends the probability into the breakdown with the model's predictive weight.
    const lead = await request('GET', `/v1/leads/${leadId}`, 'read')
    expect(lead.body.predictive).toEqual(prediction.body)
    const contributions = lead.body.score.contributions as { kind: string; points: number }[]
    const line = contributions.find((contribution) => contribution.kind === 'predictive')
    expect(line?.points).toBeCloseTo(0.2 * probability * 100, 1)
    const now = await request('GET', `/v1/leads/${leadId}/score`, 'read')
    const blended = (now.body.contributions as { kind: string; points: number }[]).find((contribution) => contribution.kind === 'predictive')
    expect(blended?.points).toBe(line?.points)

    // Publishing rescored every stored score in the background, and new events are blended as they arrive.
    for (let attempt = 0; attempt < 500; attempt++) {
      const version = await request('GET', '/v1/models/1', 'read')
      if (version.body.rescore?.status === 'done') break
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const stored = await testApp.store.getScore(leadId)
    expect(stored?.predictive).toBeCloseTo(probability * 100, 1)
    expect(stored?.contributions.find((contribution) => contribution.kind === 'predictive')?.points).toBe(line?.points)
    const event = { id: 'after-publish', lead_id: 'lead_00002', type: 'webinar', timestamp: new Date(NOW).toISOString() }
    const posted = await testApp.app.inject({ method: 'POST', url: '/v1/events', headers: await testApp.auth('write'), payload: event })
    expect(posted.statusCode).toBe(201)
    expect((await testApp.store.getScore('lead_00002'))?.predictive).toEqual(expect.any(Number))
  })

  it('refuses a second training while one runs, and accepts one again once it finished', async () => {
    await loadDemo(1500)
    // No body at all: every option has its default.
    const first = await request('POST', '/v1/predictive/train', 'admin')
    expect(first.status).toBe(202)
    const second = await request('POST', '/v1/predictive/train', 'admin', { algo: 'lr' })
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('conflict')
    expect(await waitForJob(first.body.job_id as number)).toMatchObject({ status: 'succeeded', algo: 'gbdt', seed: 42 })
    expect((await request('POST', '/v1/predictive/train', 'admin', { algo: 'lr' })).status).toBe(202)
  })

  it('answers 422 with the counts when there are too few outcomes, and records no job', async () => {
    await loadDemo(1200)
    const response = await request('POST', '/v1/predictive/train', 'admin', { algo: 'gbdt' })
    expect(response.status).toBe(422)
    expect(response.body.error.code).toBe('not_enough_data')
    expect(response.body.error.message).toBe('Not enough outcomes to train: needs 40 converted and 40 not converted leads; have 39 / 413.')
    expect(response.body.error.details).toBeUndefined()
    expect((await request('GET', '/v1/predictive/jobs/1', 'read')).status).toBe(404)
  })

  it('rejects bad requests with 4xx and keeps writes for admin keys', async () => {
    expect((await request('POST', '/v1/predictive/train', 'admin', { algo: 'svm' })).status).toBe(400)
    expect((await request('POST', '/v1/predictive/train', 'admin', { folds: 1 })).status).toBe(400)
    expect((await request('POST', '/v1/predictive/train', 'admin', { extra: true })).body.error.code).toBe('validation_failed')
    expect((await request('GET', '/v1/predictive/jobs/0', 'read')).status).toBe(400)
    expect((await request('GET', '/v1/predictive/jobs/99', 'read')).body.error.code).toBe('not_found')
    expect((await request('GET', '/v1/predictive/models/99', 'read')).status).toBe(404)
    expect((await request('POST', '/v1/predictive/models/99/publish', 'admin')).status).toBe(404)
    expect((await request('GET', '/v1/leads/nobody/predictive', 'read')).status).toBe(404)
    const asReader = await testApp.app.inject({ method: 'POST', url: '/v1/predictive/train', headers: await testApp.auth('read'), payload: {} })
    expect(asReader.statusCode).toBe(403)
  })
})
