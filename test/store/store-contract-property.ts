// The contract's property: arrival order and replays never change a stored score (incremental = full recompute).
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { scoreLead, type LeadEvent } from '../../src/core/index.js'
import type { EventInput, Store } from '../../src/store/index.js'
import { DAY_MS, fixtureActiveModel } from './fixture-model.js'

const NOW = Date.UTC(2025, 0, 31, 12)
const LEADS = ['p1', 'p2'] as const

const KINDS = {
  pricing: { type: 'page_view', properties: { url: 'https://acme.io/pricing' } },
  blog: { type: 'page_view', properties: { url: 'https://acme.io/blog/x' } },
  demo: { type: 'demo_request', properties: {} },
  click: { type: 'email_click', properties: { campaign: 'spring' } },
  unsubscribe: { type: 'unsubscribe', properties: {} },
  custom: { type: 'custom', properties: {} },
} as const

const eventSpec = fc.record({
  leadId: fc.constantFrom(...LEADS),
  kind: fc.constantFrom(...(Object.keys(KINDS) as (keyof typeof KINDS)[])),
  // Mostly recent days so max_per_day bites; some up to 40 days back so windows and half-lives do.
  daysAgo: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 40 })),
  // A few distinct minutes only, so equal timestamps happen.
  minute: fc.integer({ min: 0, max: 3 }),
})

const streams = fc.array(eventSpec, { minLength: 1, maxLength: 30 }).chain((specs) => {
  const events: EventInput[] = specs.map((spec, index) => ({
    id: `ev${index}`,
    leadId: spec.leadId,
    type: KINDS[spec.kind].type,
    timestamp: NOW - spec.daysAgo * DAY_MS - spec.minute * 60_000,
    properties: { ...KINDS[spec.kind].properties },
  }))
  return fc.record({
    events: fc.constant(events),
    order: fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
    replays: fc.array(fc.tuple(fc.nat({ max: events.length - 1 }), fc.nat(), fc.boolean()), { maxLength: 10 }),
    /** How a third store receives the arrival: chunk sizes, each deferred or scored, then maybe rescorePending. */
    chunks: fc.array(fc.record({ size: fc.integer({ min: 1, max: 8 }), defer: fc.boolean(), thenRescore: fc.boolean() }), {
      minLength: 1,
      maxLength: 12,
    }),
  })
})

export function runIngestOrderProperty(newStore: () => Promise<Store>): void {
  it('stores the same score for any arrival order with replays, in deferred or scored chunks, as for one batch and scoreLead', async () => {
    await fc.assert(
      fc.asyncProperty(streams, async ({ events, order, replays, chunks }) => {
        const arrival = [...order]
        for (const [which, where, altered] of replays) {
          const original = events[which]!
          // A replay is the same id; an altered one carries other content and must still count for nothing.
          const replay = altered ? { ...original, type: 'demo_request', timestamp: NOW } : original
          // A replay comes after the first arrival of its id (which is then the one that counts).
          const first = arrival.findIndex((input) => input.id === original.id)
          arrival.splice(first + 1 + (where % (arrival.length - first)), 0, replay)
        }
        const oneByOne = await newStore()
        const sortedBatch = await newStore()
        const chunked = await newStore()
        try {
          for (const input of arrival) await oneByOne.ingestEvents([input], fixtureActiveModel, NOW)
          const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp)
          await sortedBatch.ingestEvents(sorted, fixtureActiveModel, NOW)
          // Deferred chunks fold pending leads in memory; scored chunks in between must continue from them exactly.
          let start = 0
          for (let index = 0; start < arrival.length; index++) {
            const chunk = chunks[index % chunks.length]!
            const slice = arrival.slice(start, start + chunk.size)
            start += chunk.size
            await chunked.ingestEvents(slice, fixtureActiveModel, NOW, { deferScoring: chunk.defer })
            if (chunk.thenRescore) await chunked.rescorePending(fixtureActiveModel, NOW)
          }
          await chunked.rescorePending(fixtureActiveModel, NOW)

          for (const leadId of new Set(events.map((input) => input.leadId!))) {
            const own: LeadEvent[] = events
              .filter((input) => input.leadId === leadId)
              .map((input) => ({ ...input, leadId }))
            const lead = await oneByOne.getLead(leadId)
            const recomputed = scoreLead(lead!, own, fixtureActiveModel.model, NOW)
            const expected = { ...(JSON.parse(JSON.stringify(recomputed)) as object), leadId, modelVersion: 1 }
            expect(await oneByOne.getScore(leadId)).toEqual(expected)
            expect(await sortedBatch.getScore(leadId)).toEqual(expected)
            expect(await chunked.getScore(leadId)).toEqual(expected)
            expect(await oneByOne.listEvents(leadId)).toHaveLength(own.length)
          }
        } finally {
          await oneByOne.close()
          await sortedBatch.close()
          await chunked.close()
        }
      }),
      { numRuns: 50 },
    )
  })
}
