// The operational members every Store implements: the readiness ping and the rescoring queue depth.
import { describe, expect, it } from 'vitest'
import { fixtureActiveModel } from './fixture-model.js'
import { NOW, pricingView, type StoreContractOptions, storesClosedAfterEach } from './store-contract.js'

export function runOpsContract(options: StoreContractOptions): void {
  describe(`Store contract (operations): ${options.name}`, () => {
    const newStore = storesClosedAfterEach(options)

    it('answers a ping while open and refuses it once closed', async () => {
      const store = await newStore()
      await expect(store.ping()).resolves.toBeUndefined()
      await store.close()
      await expect(store.ping()).rejects.toThrow()
    })

    it('counts the leads a deferred ingest left pending until rescorePending scores them', async () => {
      const store = await newStore()
      expect(await store.countPendingRescores()).toBe(0)
      const events = [pricingView('q1', 'a', 2), pricingView('q2', 'b', 1), pricingView('q3', 'a', 0)]
      await store.ingestEvents(events, fixtureActiveModel, NOW, { deferScoring: true })
      expect(await store.countPendingRescores()).toBe(2)
      await store.rescorePending(fixtureActiveModel, NOW)
      expect(await store.countPendingRescores()).toBe(0)
    })

    it('leaves the queue empty when events are scored as they arrive', async () => {
      const store = await newStore()
      await store.ingestEvents([pricingView('s1', 'a', 1)], fixtureActiveModel, NOW)
      expect(await store.countPendingRescores()).toBe(0)
    })
  })
}
