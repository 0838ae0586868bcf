import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildModel, eventRule, fitRule, inactivityRule, lead } from '../../test/support/model-builder.js'
import { applyEvent, applyEvents, buildLeadState, DAY_MS, emptyLeadState, parseLeadState } from './lead-state.js'
import type { Decay, EventRule } from './model-types.js'
import { scoreLead, scoreLeadState } from './score-lead.js'
import type { LeadEvent } from './types.js'

const START = Date.UTC(2026, 0, 1)
const TYPES = ['page_view', 'email_open', 'cart_add', 'unsubscribe']

const decayArbitrary: fc.Arbitrary<Decay> = fc.oneof(
  fc.constant<Decay>({ kind: 'none' }),
  fc.integer({ min: 1, max: 30 }).map<Decay>((halfLifeDays) => ({ kind: 'half_life', halfLifeDays })),
  fc.integer({ min: 1, max: 30 }).map<Decay>((windowDays) => ({ kind: 'window', windowDays })),
)

const ruleArbitrary = (id: string): fc.Arbitrary<EventRule> =>
  fc
    .record({
      type: fc.constantFrom(...TYPES),
      points: fc.integer({ min: -30, max: 40 }),
      scaled: fc.boolean(),
      maxPerDay: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      maxTotal: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      decay: decayArbitrary,
      frequency: fc.option(fc.record({ count: fc.integer({ min: 2, max: 4 }), withinDays: fc.integer({ min: 1, max: 10 }) }), { nil: null }),
    })
    .map((r) =>
      eventRule({
        id,
        eventTypes: [r.type],
        points: r.points,
        perUnit: r.scaled ? { property: 'value', unit: 7, points: 1.5, max: 25 } : null,
        maxPerDay: r.maxPerDay,
        maxTotal: r.maxTotal,
        decay: r.decay,
        frequency: r.frequency,
      }),
    )

const modelArbitrary = fc
  .tuple(ruleArbitrary('r1'), ruleArbitrary('r2'), ruleArbitrary('r3'), fc.integer({ min: 1, max: 40 }))
  .map(([r1, r2, r3, inactiveDays]) =>
    buildModel({
      fit: [fitRule('big', { kind: 'test', field: 'company_size', op: 'gte', value: 10 }, 30)],
      engagement: [r1, r2, r3, inactivityRule({ id: 'quiet', inactiveDays, points: -5 })],
    }),
  )

const eventsArbitrary = fc
  .array(
    fc.record({
      type: fc.constantFrom(...TYPES),
      minute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
      value: fc.integer({ min: 0, max: 100 }),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map<LeadEvent>((row, index) => ({
      id: `e${index}`,
      leadId: 'lead-1',
      type: row.type,
      timestamp: START + row.minute * 60_000,
      properties: { value: row.value },
    })),
  )

/** The events in a random arrival order, each possibly delivered more than once. */
const arrivalArbitrary = eventsArbitrary.chain((events) =>
  fc.tuple(
    fc.constant(events),
    fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
    fc.array(fc.nat(Math.max(0, events.length - 1)), { maxLength: 10 }),
  ),
)

const nowArbitrary = fc.integer({ min: 0, max: 90 }).map((day) => START + day * DAY_MS + 3_600_000)

describe('incremental scoring', () => {
  it('equals a full recompute for any arrival order, with late events and duplicates', () => {
    fc.assert(
      fc.property(modelArbitrary, arrivalArbitrary, nowArbitrary, (model, [events, shuffled, repeats], now) => {
        const arrival = [...shuffled, ...repeats.flatMap((index) => (events[index] ? [events[index]] : []))]
        let stored = JSON.stringify(emptyLeadState())
        for (const event of arrival) {
          const state = parseLeadState(stored)!
          applyEvent(state, event, model)
          stored = JSON.stringify(state)
        }
        const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp)
        const target = lead({ companySize: 50, createdAt: START })
        const incremental = scoreLeadState(target, parseLeadState(stored)!, model, now)
        const full = scoreLeadState(target, buildLeadState(sorted, model), model, now)
        expect(incremental).toEqual(full)
        expect(parseLeadState(stored)).toEqual(buildLeadState(sorted, model))
      }),
      { numRuns: 300 },
    )
  })

  it('folds events in chunks of any size, duplicates included, into the state one-by-one folding gives', () => {
    fc.assert(
      fc.property(
        modelArbitrary,
        arrivalArbitrary,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        (model, [events, shuffled, repeats], chunkSizes) => {
          const arrival = [...shuffled, ...repeats.flatMap((index) => (events[index] ? [events[index]] : []))]
          const oneByOne = emptyLeadState()
          for (const event of arrival) applyEvent(oneByOne, event, model)
          const chunked = emptyLeadState()
          let start = 0
          for (let index = 0; start < arrival.length; index++) {
            const size = chunkSizes[index % chunkSizes.length]!
            applyEvents(chunked, arrival.slice(start, start + size), model)
            start += size
          }
          expect(chunked).toEqual(oneByOne)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('gives contributions that add up exactly to the score', () => {
    fc.assert(
      fc.property(modelArbitrary, eventsArbitrary, nowArbitrary, (model, events, now) => {
        const result = scoreLead(lead({ companySize: 50, createdAt: START }), events, model, now)
        const hundredths = result.contributions.reduce((sum, contribution) => sum + Math.round(contribution.points * 100), 0)
        expect(hundredths).toBe(Math.round(result.score * 100))
        expect(result.score).toBeGreaterThanOrEqual(0)
        expect(result.score).toBeLessThanOrEqual(100)
        for (const contribution of result.contributions) {
          expect(Math.abs(contribution.points * 100 - Math.round(contribution.points * 100))).toBeLessThan(1e-6)
        }
      }),
      { numRuns: 300 },
    )
  })
})
