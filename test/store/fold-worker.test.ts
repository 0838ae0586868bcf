// The SQLite store with its fold worker: the store contract unchanged, and what only the worker path has.
import { describe, expect, it } from 'vitest'
import { scoreLead, type LeadEvent } from '../../src/core/index.js'
import type { EventInput, Store } from '../../src/store/index.js'
import { createSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { fixtureActiveModel } from './fixture-model.js'
import { event, NOW, pricingView, runStoreContract, storesClosedAfterEach } from './store-contract.js'

runStoreContract({
  name: 'sqlite in memory with the fold worker',
  newStore: () => Promise.resolve(createSqliteStore({ file: ':memory:', foldWorker: true })),
})

const model = fixtureActiveModel

/** What `scoreLead` gives for the events of `leadId` among `inputs`, as `getScore` returns it. */
async function expectedScore(store: Store, leadId: string, inputs: readonly EventInput[]): Promise<unknown> {
  const own: LeadEvent[] = inputs.filter((input) => input.leadId === leadId).map((input) => ({ ...input, leadId }))
  const lead = await store.getLead(leadId)
  return { ...(JSON.parse(JSON.stringify(scoreLead(lead!, own, model.model, NOW))) as object), leadId, modelVersion: 1 }
}

function workload(leads: number, eventsPerLead: number): EventInput[] {
  const inputs: EventInput[] = []
  for (let index = 0; index < leads * eventsPerLead; index++) {
    const leadId = `lead-${index % leads}`
    inputs.push(index % 3 === 0 ? pricingView(`e${index}`, leadId, index % 20) : event(`e${index}`, leadId, 'email_open', index % 30))
  }
  return inputs
}

describe('SqliteStore with the fold worker', () => {
  const open = storesClosedAfterEach({ name: 'fold worker', newStore: () => Promise.resolve(createSqliteStore({ file: ':memory:', foldWorker: true })) })

  it('scores deferred leads on the worker, exactly as scoring every event at once does', async () => {
    const store = (await open()) as SqliteStore
    const inputs = workload(40, 6)
    for (let start = 0; start < inputs.length; start += 50) {
      await store.ingestEvents(inputs.slice(start, start + 50), model, NOW, { deferScoring: true })
    }
    expect(await store.rescorePending(model, NOW)).toEqual({ leads: 40, changed: 40 })
    expect(store.foldWorkerStats()).toEqual({ scoredByWorker: 40, scoredHere: 0 })
    for (let lead = 0; lead < 40; lead++) {
      expect(await store.getScore(`lead-${lead}`)).toEqual(await expectedScore(store, `lead-${lead}`, inputs))
    }
    expect(await store.countPendingRescores()).toBe(0)
  })

  it('continues from a lead’s stored score, and writes history only when the score moved', async () => {
    const store = (await open()) as SqliteStore
    const first = workload(5, 2)
    await store.ingestEvents(first, model, NOW)
    const before = await Promise.all([0, 1, 2, 3, 4].map((lead) => store.getScore(`lead-${lead}`)))
    const second = workload(5, 4).slice(10)
    await store.ingestEvents(second, model, NOW, { deferScoring: true })
    await store.rescorePending(model, NOW)
    expect(store.foldWorkerStats().scoredByWorker).toBe(5)
    let moved = 0
    for (let lead = 0; lead < 5; lead++) {
      const leadId = `lead-${lead}`
      const after = await store.getScore(leadId)
      expect(after).toEqual(await expectedScore(store, leadId, [...first, ...second]))
      const history = await store.scoreHistory(leadId)
      if (after!.score === before[lead]!.score) {
        expect(history).toHaveLength(1)
        continue
      }
      moved++
      expect(history).toHaveLength(2)
      expect(history[0]).toMatchObject({ cause: 'event', score: after!.score, previousScore: before[lead]!.score })
    }
    expect(moved).toBeGreaterThan(0)
  })

  it('rescores a lead itself when events reach it after the worker was asked for its score', async () => {
    const store = createSqliteStore({ file: ':memory:', foldWorker: true, rescoreChunkSize: 1 })
    open.track(store)
    const inputs = workload(4, 3)
    await store.ingestEvents(inputs, model, NOW, { deferScoring: true })
    const late = [pricingView('late-1', 'lead-1', 0), pricingView('late-2', 'lead-1', 1)]
    // One lead per chunk: once lead-0 is written, the worker is already scoring lead-1, without the late events.
    let sent = false
    await store.rescorePending(model, NOW, ({ done }) => {
      if (done !== 1 || sent) return
      sent = true
      void store.ingestEvents(late, model, NOW, { deferScoring: true })
    })
    expect(sent).toBe(true)
    expect(store.foldWorkerStats()).toEqual({ scoredByWorker: 3, scoredHere: 1 })
    for (let lead = 0; lead < 4; lead++) {
      expect(await store.getScore(`lead-${lead}`)).toEqual(await expectedScore(store, `lead-${lead}`, [...inputs, ...late]))
    }
    expect(await store.countPendingRescores()).toBe(0)
  })

  it('scores a lead whose fields changed after the worker got it as it is now', async () => {
    const store = (await open()) as SqliteStore
    const inputs = workload(3, 3)
    await store.ingestEvents(inputs, model, NOW, { deferScoring: true })
    // No model: the lead is updated without being rescored, and stays pending.
    await store.upsertLeads([{ id: 'lead-1', companySize: 500, jobTitle: 'VP Marketing' }], null, NOW)
    expect(await store.countPendingRescores()).toBe(3)
    await store.rescorePending(model, NOW)
    expect(store.foldWorkerStats()).toEqual({ scoredByWorker: 2, scoredHere: 1 })
    for (let lead = 0; lead < 3; lead++) {
      expect(await store.getScore(`lead-${lead}`)).toEqual(await expectedScore(store, `lead-${lead}`, inputs))
    }
    expect((await store.getScore('lead-1'))!.fit).toBeGreaterThan((await store.getScore('lead-0'))!.fit)
  })

  it('forgets what a failed transaction sent, and scores from what was committed', async () => {
    const store = (await open()) as SqliteStore
    const committed = workload(3, 2)
    await store.ingestEvents(committed, model, NOW, { deferScoring: true })
    // Fails on the new lead, after lead-0's event was handed over for the worker: the whole call is rolled back.
    const broken = Object.defineProperty({ ...model }, 'predictive', {
      get: () => {
        throw new Error('broken model')
      },
    })
    const failing = [pricingView('lost', 'lead-0', 0), pricingView('lost-too', 'lead-new', 0)]
    await expect(store.ingestEvents(failing, broken, NOW, { deferScoring: true })).rejects.toThrow('broken model')
    const more = [pricingView('kept', 'lead-0', 1), event('kept-too', 'lead-1', 'email_open', 2)]
    await store.ingestEvents(more, model, NOW, { deferScoring: true })
    await store.rescorePending(model, NOW)
    expect(await store.getLead('lead-new')).toBeNull()
    for (let lead = 0; lead < 3; lead++) {
      expect(await store.getScore(`lead-${lead}`)).toEqual(await expectedScore(store, `lead-${lead}`, [...committed, ...more]))
    }
  })

  it('scores on its own thread once the worker has stopped, losing nothing', async () => {
    const store = (await open()) as SqliteStore
    const before = workload(6, 2)
    await store.ingestEvents(before, model, NOW, { deferScoring: true })
    await store.stopFoldWorker()
    const after = workload(6, 4).slice(12)
    await store.ingestEvents(after, model, NOW, { deferScoring: true })
    expect(await store.rescorePending(model, NOW)).toMatchObject({ leads: 6 })
    expect(store.foldWorkerStats()).toEqual({ scoredByWorker: 0, scoredHere: 6 })
    for (let lead = 0; lead < 6; lead++) {
      expect(await store.getScore(`lead-${lead}`)).toEqual(await expectedScore(store, `lead-${lead}`, [...before, ...after]))
    }
  })
})
