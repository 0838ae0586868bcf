import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPendingScorer, type PendingScorer } from '../../src/api/pending-scorer.js'
import { scoreLead } from '../../src/core/index.js'
import type { ActiveModel, EventInput, Store } from '../../src/store/index.js'
import { memoryWorkspace } from '../support/workspace.js'

const NOW = Date.UTC(2026, 5, 1, 12)

const pricingView = (id: string, leadId: string, hoursAgo: number): EventInput => ({
  id,
  leadId,
  type: 'page_view',
  timestamp: NOW - hoursAgo * 3_600_000,
  properties: { url: 'https://example.com/pricing' },
})

let store: Store
let model: ActiveModel
let scorer: PendingScorer
let drains: { leads: number; changed: number }[]
let errors: unknown[]

beforeEach(async () => {
  ;({ store, model } = await memoryWorkspace())
  drains = []
  errors = []
  scorer = createPendingScorer({
    store,
    model: () => model,
    now: () => NOW,
    delayMs: 5,
    onDrained: ({ leads, changed }) => drains.push({ leads, changed }),
    onError: (error) => errors.push(error),
  })
})
afterEach(async () => {
  await scorer.close()
  await store.close()
})

describe('PendingScorer', () => {
  it('scores the leads of several deferred batches once, exactly as scoring each batch would', async () => {
    const first = [pricingView('e1', 'ana', 30), pricingView('e2', 'ben', 20)]
    const second = [pricingView('e3', 'ana', 10), pricingView('e4', 'ana', 5)]
    await store.ingestEvents(first, model, NOW, { deferScoring: true })
    scorer.schedule()
    await store.ingestEvents(second, model, NOW, { deferScoring: true })
    scorer.schedule()
    expect(await store.getScore('ana')).toBeNull()

    await scorer.idle()
    expect(drains).toEqual([{ leads: 2, changed: 2 }])
    const ana = await store.getLead('ana')
    const expected = scoreLead(ana!, await store.listEvents('ana'), model.model, NOW)
    expect((await store.getScore('ana'))?.score).toBe(expected.score)
    expect((await store.getScore('ana'))?.contributions).toEqual(expected.contributions)
    expect(errors).toEqual([])
  })

  it('drains again when a batch arrives while a drain runs, and close waits for the running drain', async () => {
    await store.ingestEvents([pricingView('e1', 'ana', 3)], model, NOW, { deferScoring: true })
    scorer.schedule()
    await new Promise((resolve) => setTimeout(resolve, 6))
    await store.ingestEvents([pricingView('e2', 'ben', 2)], model, NOW, { deferScoring: true })
    scorer.schedule()
    await scorer.idle()
    expect(await store.getScore('ana')).not.toBeNull()
    expect(await store.getScore('ben')).not.toBeNull()
    expect(drains.reduce((sum, drain) => sum + drain.leads, 0)).toBe(2)

    await store.ingestEvents([pricingView('e3', 'cid', 1)], model, NOW, { deferScoring: true })
    await scorer.close()
    scorer.schedule()
    await scorer.idle()
    // Closed: nothing more is scored; the lead stays pending for the next start.
    expect(await store.getScore('cid')).toBeNull()
    expect(await store.rescorePending(model, NOW)).toEqual({ leads: 1, changed: 1 })
  })

  it('reports a failed drain and leaves the leads pending for the next one', async () => {
    await store.ingestEvents([pricingView('e1', 'ana', 3)], model, NOW, { deferScoring: true })
    const broken = createPendingScorer({
      store,
      model: () => {
        throw new Error('no active model')
      },
      now: () => NOW,
      delayMs: 1,
      onError: (error) => errors.push(error),
    })
    broken.schedule()
    await broken.idle()
    await broken.close()
    expect(errors).toHaveLength(1)
    scorer.schedule()
    await scorer.idle()
    expect(await store.getScore('ana')).not.toBeNull()
  })
})

describe('batch intake through the app', () => {
  it('answers before scoring, scores moments later, and drains what is pending when the app closes', async () => {
    const { createTestApp } = await import('../support/api-app.js')
    const t = await createTestApp({ now: NOW })
    const headers = await t.auth('write')
    const batch = (ids: string[]) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers,
        payload: { events: ids.map((id) => ({ id, lead_id: `lead-${id}`, type: 'demo_request', timestamp: new Date(NOW).toISOString() })) },
      })
    expect((await batch(['b1', 'b2'])).json()).toMatchObject({ stored: 2, scoring: 'queued' })
    await t.app.scoringIdle()
    expect((await t.store.getScore('lead-b1'))?.score).toBeGreaterThan(0)

    expect((await batch(['b3'])).statusCode).toBe(200)
    // Closing the app scores what is pending before the store is released.
    await t.app.close()
    expect((await t.store.getScore('lead-b3'))?.score).toBeGreaterThan(0)
    expect(await t.store.countPendingRescores()).toBe(0)
    await t.store.close()
  })
})
