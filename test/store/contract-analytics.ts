// The analytics read contract: scanLeads pages every lead with its score, outcome, qualification times, events, history.
import { describe, expect, it } from 'vitest'
import type { ScannedLead, Store } from '../../src/store/index.js'
import { DAY_MS, fixtureActiveModel } from './fixture-model.js'
import { event, NOW, pricingView, type StoreContractOptions, storesClosedAfterEach } from './store-contract.js'

const model = fixtureActiveModel

async function collect(pages: AsyncIterable<ScannedLead[]>): Promise<ScannedLead[][]> {
  const result: ScannedLead[][] = []
  for await (const page of pages) result.push(page)
  return result
}

/**
 * Five leads: `a` fits and requests a demo (fast-tracked to SQL), `b` views pricing twice, `c` and `d` only
 * exist, `e` is a student. `a` converted, `b` did not.
 */
async function seed(store: Store): Promise<void> {
  await store.upsertLeads(
    [
      { id: 'a', jobTitle: 'VP Marketing', companySize: 300 },
      { id: 'b', jobTitle: 'Analyst' },
      { id: 'c' },
      { id: 'd' },
      { id: 'e', jobTitle: 'Student' },
    ],
    model,
    NOW - 10 * DAY_MS,
  )
  await store.ingestEvents([pricingView('b1', 'b', 5), pricingView('b2', 'b', 4)], model, NOW - 3 * DAY_MS)
  await store.ingestEvents([event('a1', 'a', 'demo_request', 2)], model, NOW)
  await store.recordOutcomes(
    [
      { leadId: 'a', converted: true, at: NOW - DAY_MS },
      { leadId: 'b', converted: false },
    ],
    NOW,
  )
}

/** Runs the analytics read contract against a store implementation. */
export function runAnalyticsContract(options: StoreContractOptions): void {
  describe(`Store analytics contract: ${options.name}`, () => {
    const newStore = storesClosedAfterEach(options)

    it('pages every lead in id order with its stored score and outcome', async () => {
      const store = await newStore()
      await seed(store)
      const pages = await collect(store.scanLeads({ pageSize: 2 }))
      expect(pages.map((page) => page.map((item) => item.lead.id))).toEqual([['a', 'b'], ['c', 'd'], ['e']])
      const byId = new Map(pages.flat().map((item) => [item.lead.id, item]))
      expect(byId.get('a')!.score).toEqual(await store.getScore('a'))
      expect(byId.get('a')!.outcome).toEqual({ leadId: 'a', converted: true, at: NOW - DAY_MS })
      expect(byId.get('b')!.outcome).toEqual({ leadId: 'b', converted: false })
      expect(byId.get('c')!.outcome).toBeNull()
      expect(byId.get('a')!.events).toEqual([])
      expect(byId.get('a')!.history).toEqual([])
    })

    it('dates the first MQL and SQL by the event that caused them, and leaves them null otherwise', async () => {
      const store = await newStore()
      await seed(store)
      const [page] = await collect(store.scanLeads())
      const byId = new Map(page!.map((item) => [item.lead.id, item]))
      expect(byId.get('a')!.score?.status).toBe('sql')
      expect(byId.get('a')).toMatchObject({ mqlAt: NOW - 2 * DAY_MS, sqlAt: NOW - 2 * DAY_MS })
      expect(byId.get('c')).toMatchObject({ mqlAt: null, sqlAt: null })
    })

    it('reads events and history oldest first, each with its own lead only', async () => {
      const store = await newStore()
      await seed(store)
      const [page] = await collect(store.scanLeads({ events: true, history: true }))
      const b = page!.find((item) => item.lead.id === 'b')!
      expect(b.events.map((item) => item.id)).toEqual(['b1', 'b2'])
      expect(b.events.every((item) => item.leadId === 'b')).toBe(true)
      const history = [...(await store.scoreHistory('b', 100))].reverse()
      expect(b.history).toEqual(history)
      expect(b.history.length).toBeGreaterThan(0)
      expect(page!.find((item) => item.lead.id === 'c')!.events).toEqual([])
    })

    it('reads only leads with an outcome when asked, paging past the others', async () => {
      const store = await newStore()
      await seed(store)
      await store.recordOutcomes([{ leadId: 'e', converted: false }], NOW)
      const pages = await collect(store.scanLeads({ withOutcome: true, pageSize: 1, events: true }))
      expect(pages.map((page) => page.map((item) => item.lead.id))).toEqual([['a'], ['b'], ['e']])
      expect(pages[0]![0]!.events.map((item) => item.id)).toEqual(['a1'])
    })

    it('yields nothing for an empty store and refuses a bad page size', async () => {
      const store = await newStore()
      expect(await collect(store.scanLeads())).toEqual([])
      await expect(collect(store.scanLeads({ pageSize: 0 }))).rejects.toMatchObject({ code: 'invalid' })
    })
  })
}
