// Predictive models, training jobs and the training set: the members every Store implements for issue 5.
import { describe, expect, it } from 'vitest'
import { scoreLead, type Lead, type LeadEvent } from '../../src/core/index.js'
import {
  loadArtifact,
  predictLead,
  runTraining,
  trainLeadsSteps,
  trainPredictiveModel,
  type TrainingItem,
  type TrainingResult,
} from '../../src/predict/index.js'
import { StoreError, type ActiveModel } from '../../src/store/index.js'
import { DAY_MS, fixtureActiveModel } from './fixture-model.js'
import { event, NOW, type StoreContractOptions, storesClosedAfterEach } from './store-contract.js'

/** A real (small) trained model: 100 leads, where more page views mean conversion more often. */
function trainedModel(algo: 'lr' | 'gbdt' = 'lr'): TrainingResult {
  const records = Array.from({ length: 100 }, (_, i) => ({ views: i % 10, country: i % 3 === 0 ? 'US' : 'DE' }))
  const labels = Uint8Array.from(records, (record, i) => (record.views + (i % 4) > 6 ? 1 : 0))
  const createdAt = Float64Array.from(records, (_, i) => NOW - (100 - i) * DAY_MS)
  return trainPredictiveModel(records, labels, createdAt, { algo, seed: 1, folds: 3 })
}

/** A model trained on lead features (page views predict conversion), published with half of the score's weight. */
function blendingModel(): ActiveModel {
  const items: TrainingItem[] = Array.from({ length: 120 }, (_, i) => {
    const views = i % 6
    const lead: Lead = { id: `t${i}`, attributes: {}, createdAt: NOW - (200 - i) * DAY_MS }
    const events: LeadEvent[] = Array.from({ length: views }, (_, k) => ({
      id: `t${i}-${k}`,
      leadId: lead.id,
      type: 'page_view',
      timestamp: NOW - (100 - k) * DAY_MS,
      properties: {},
    }))
    return { lead, outcome: { leadId: lead.id, converted: views + (i % 3) >= 5, at: NOW - 50 * DAY_MS }, recordedAt: NOW, events }
  })
  const trained = runTraining(trainLeadsSteps(items, { algo: 'lr', seed: 1, folds: 3 }))
  const artifact = loadArtifact(JSON.parse(JSON.stringify(trained.artifact)))
  const weights = { fit: 0.25, engagement: 0.25, predictive: 0.5 }
  return { ...fixtureActiveModel, model: { ...fixtureActiveModel.model, weights }, predictive: { id: 1, artifact } }
}

export function runPredictiveContract(options: StoreContractOptions): void {
  describe(`Store contract (predictive): ${options.name}`, () => {
    const newStore = storesClosedAfterEach(options)

    it('reads the leads with an outcome, their outcome and recording time and every event oldest first', async () => {
      const store = await newStore()
      await store.upsertLeads([{ id: 'a', jobTitle: 'VP Sales' }, { id: 'b' }, { id: 'c' }], null, NOW - 10 * DAY_MS)
      await store.ingestEvents(
        [event('a2', 'a', 'meeting', 1), event('a1', 'a', 'page_view', 3), event('b1', 'b', 'page_view', 2), event('c1', 'c', 'page_view', 2)],
        fixtureActiveModel,
        NOW,
      )
      await store.recordOutcomes([{ leadId: 'a', converted: true, at: NOW - DAY_MS / 2 }, { leadId: 'b', converted: false }], NOW)
      const items = await store.trainingSet()
      expect(items.map((item) => item.lead.id)).toEqual(['a', 'b'])
      const [a, b] = items
      expect(a!.lead.jobTitle).toBe('VP Sales')
      expect(a!.outcome).toEqual({ leadId: 'a', converted: true, at: NOW - DAY_MS / 2 })
      expect(a!.recordedAt).toBe(NOW)
      expect(a!.events.map((e) => e.id)).toEqual(['a1', 'a2'])
      expect(b!.outcome).toEqual({ leadId: 'b', converted: false })
      expect(b!.events.map((e) => e.id)).toEqual(['b1'])
    })

    it('blends the published predictive model into the stored score on every event, as a read would', async () => {
      const store = await newStore()
      const model = blendingModel()
      const inputs = [event('v1', 'z', 'page_view', 3), event('v2', 'z', 'page_view', 2)]
      await store.ingestEvents(inputs.slice(0, 1), model, NOW)
      await store.ingestEvents(inputs.slice(1), model, NOW, { deferScoring: true })
      await store.rescorePending(model, NOW)
      const lead = (await store.getLead('z'))!
      const events = await store.listEvents('z')
      const probability = predictLead(model.predictive!.artifact, lead, events, NOW).probability
      const expected = scoreLead(lead, events, model.model, NOW, { predictive: probability })
      const stored = await store.getScore('z')
      expect(stored?.predictive).toBe(expected.predictive)
      expect(stored?.predictive).toBeGreaterThan(0)
      expect(stored?.score).toBe(expected.score)
      expect(stored?.contributions).toEqual(expected.contributions)
      expect(stored?.contributions.some((line) => line.ruleId === 'predictive')).toBe(true)
    })

    it('returns an empty training set when no outcome is recorded', async () => {
      const store = await newStore()
      await store.ingestEvents([event('x', 'a', 'page_view', 1)], fixtureActiveModel, NOW)
      expect(await store.trainingSet()).toEqual([])
    })

    it('stores a trained model as a draft and gives back the same artifact and report', async () => {
      const store = await newStore()
      const trained = trainedModel('gbdt')
      const stored = await store.createPredictiveModel(trained, NOW)
      expect(stored).toMatchObject({ algo: 'gbdt', status: 'draft', active: false, createdAt: NOW, publishedAt: null })
      expect(stored.artifact).toEqual(JSON.parse(JSON.stringify(trained.artifact)))
      expect(stored.report).toEqual(JSON.parse(JSON.stringify(trained.report)))
      expect(await store.getPredictiveModel(stored.id)).toEqual(stored)
      expect(await store.getActivePredictiveModel()).toBeNull()
      expect(await store.activePredictiveModelId()).toBeNull()
    })

    it('publishes one model at a time as the active one and lists them newest first without artifacts', async () => {
      const store = await newStore()
      const first = await store.createPredictiveModel(trainedModel('lr'), NOW)
      const second = await store.createPredictiveModel(trainedModel('gbdt'), NOW + 1)
      await store.publishPredictiveModel(first.id, NOW + 2)
      const published = await store.publishPredictiveModel(second.id, NOW + 3)
      expect(published).toMatchObject({ status: 'published', active: true, publishedAt: NOW + 3 })
      expect((await store.getActivePredictiveModel())?.id).toBe(second.id)
      expect(await store.activePredictiveModelId()).toBe(second.id)
      const list = await store.listPredictiveModels()
      expect(list.map((model) => [model.id, model.status, model.active])).toEqual([
        [second.id, 'published', true],
        [first.id, 'published', false],
      ])
      expect(list.every((model) => !('artifact' in model))).toBe(true)
      // Publishing again makes it active again and keeps the first publication time.
      expect(await store.publishPredictiveModel(first.id, NOW + 9)).toMatchObject({ active: true, publishedAt: NOW + 2 })
    })

    it('refuses to publish an unknown model', async () => {
      const store = await newStore()
      await expect(store.publishPredictiveModel(42, NOW)).rejects.toMatchObject({ code: 'not_found' })
      expect(await store.getPredictiveModel(42)).toBeNull()
    })

    it('runs one training job at a time and records its progress, model and end', async () => {
      const store = await newStore()
      const job = await store.createTrainingJob({ algo: 'gbdt', seed: 7 }, NOW)
      expect(job).toMatchObject({ status: 'queued', algo: 'gbdt', seed: 7, done: 0, total: 0, error: null, startedAt: null })
      const second = store.createTrainingJob({ algo: 'lr', seed: 1 }, NOW)
      await expect(second).rejects.toBeInstanceOf(StoreError)
      await expect(store.createTrainingJob({ algo: 'lr', seed: 1 }, NOW)).rejects.toMatchObject({ code: 'conflict' })

      const running = await store.updateTrainingJob(job.id, { status: 'running', phase: 'cross_validation', done: 1, total: 7 }, NOW + 1)
      expect(running).toMatchObject({ status: 'running', phase: 'cross_validation', done: 1, total: 7, startedAt: NOW + 1, finishedAt: null })
      const model = await store.createPredictiveModel(trainedModel(), NOW + 2)
      const finished = await store.updateTrainingJob(job.id, { status: 'succeeded', done: 7, modelId: model.id }, NOW + 3)
      expect(finished).toMatchObject({ status: 'succeeded', phase: 'cross_validation', done: 7, modelId: model.id, startedAt: NOW + 1, finishedAt: NOW + 3 })
      expect(await store.getTrainingJob(job.id)).toEqual(finished)

      const next = await store.createTrainingJob({ algo: 'lr', seed: 1 }, NOW + 4)
      expect(next.id).not.toBe(job.id)
    })

    it('fails the jobs a stopped process left unfinished, and nothing else', async () => {
      const store = await newStore()
      const done = await store.createTrainingJob({ algo: 'lr', seed: 1 }, NOW)
      await store.updateTrainingJob(done.id, { status: 'failed', error: 'needs 40 converted' }, NOW)
      const left = await store.createTrainingJob({ algo: 'lr', seed: 1 }, NOW)
      expect(await store.failUnfinishedTrainingJobs('interrupted', NOW + 5)).toBe(1)
      expect(await store.getTrainingJob(left.id)).toMatchObject({ status: 'failed', error: 'interrupted', finishedAt: NOW + 5 })
      expect(await store.getTrainingJob(done.id)).toMatchObject({ status: 'failed', error: 'needs 40 converted' })
      await expect(store.updateTrainingJob(999, { status: 'running' }, NOW)).rejects.toMatchObject({ code: 'not_found' })
      expect(await store.getTrainingJob(999)).toBeNull()
    })
  })
}
