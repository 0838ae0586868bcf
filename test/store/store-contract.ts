// The behaviour every Store implementation must show, run unchanged against each of them on a real database.
import { afterEach, describe, expect, it } from 'vitest'
import { scoreLead, type EpochMs, type LeadEvent } from '../../src/core/index.js'
import { StoreError, type ActiveModel, type EventInput, type Store } from '../../src/store/index.js'
import { DAY_MS, fixtureActiveModel, fixtureActiveModelV2 } from './fixture-model.js'
import { runIngestOrderProperty } from './store-contract-property.js'

export interface StoreContractOptions {
  name: string
  /** A new, empty store. */
  newStore: () => Promise<Store>
  /** Opens the data of the store `newStore` created last again, after it was closed (durable stores only). */
  reopen?: () => Promise<Store>
}

export const NOW: EpochMs = Date.UTC(2025, 0, 31, 12)
const model = fixtureActiveModel

export function event(id: string, leadId: string, type: string, daysAgo: number, properties = {}): EventInput {
  return { id, leadId, type, timestamp: NOW - daysAgo * DAY_MS, properties }
}

export function pricingView(id: string, leadId: string, daysAgo: number): EventInput {
  return event(id, leadId, 'page_view', daysAgo, { url: 'https://acme.io/pricing' })
}

function asLeadEvents(inputs: readonly EventInput[]): LeadEvent[] {
  return inputs.map(({ id, leadId, type, timestamp, properties }) => ({ id, leadId: leadId!, type, timestamp, properties }))
}

/** A copy of `base` whose scoring throws, to make a transaction fail after it has written rows. */
function failingModel(base: ActiveModel): ActiveModel {
  const broken = Object.defineProperty({ ...base.model }, 'weights', {
    get(): never {
      throw new Error('scoring failed')
    },
  })
  return { ...base, model: broken }
}

/** Opens a store of the implementation under test; `track` adds one opened otherwise (e.g. reopened). */
export interface StoreOpener {
  (): Promise<Store>
  track: (store: Store) => Store
}

/**
 * Inside a `describe`: a `newStore` that opens a store of the implementation under test and closes every
 * store it opened or tracked after each test (closing twice is harmless).
 */
export function storesClosedAfterEach(options: StoreContractOptions): StoreOpener {
  const opened: Store[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })
  const track = (store: Store): Store => {
    opened.push(store)
    return store
  }
  return Object.assign(async () => track(await options.newStore()), { track })
}

export function runStoreContract(options: StoreContractOptions): void {
  describe(`Store contract: ${options.name}`, () => {
    const newStore = storesClosedAfterEach(options)

    it('stores a duplicate event id once and counts it once', async () => {
      const store = await newStore()
      await store.ingestEvents([pricingView('e1', 'a', 1)], model, NOW)
      const before = await store.getScore('a')
      const replay = await store.ingestEvents(
        [pricingView('e1', 'a', 1), { ...pricingView('e1', 'a', 0), properties: { url: '/pricing?again' } }],
        model,
        NOW,
      )
      expect(replay.map((result) => result.status)).toEqual(['duplicate', 'duplicate'])
      expect(await store.listEvents('a')).toHaveLength(1)
      expect(await store.getScore('a')).toEqual(before)
      expect(await store.scoreHistory('a')).toHaveLength(1)

      const inBatch = await store.ingestEvents([pricingView('e2', 'a', 0), pricingView('e2', 'a', 0)], model, NOW)
      expect(inBatch.map((result) => result.status)).toEqual(['stored', 'duplicate'])
      expect(await store.listEvents('a')).toHaveLength(2)
    })

    it('reports with each stored event the score its call gave the lead, and none when scoring is deferred', async () => {
      const store = await newStore()
      const results = await store.ingestEvents([pricingView('s1', 'a', 2), pricingView('s2', 'b', 1), pricingView('s3', 'a', 0)], model, NOW)
      for (const leadId of ['a', 'b']) {
        const stored = await store.getScore(leadId)
        const reported = results.filter((result) => result.status === 'stored' && result.leadId === leadId)
        expect(reported.length).toBeGreaterThan(0)
        for (const result of reported) {
          expect(result).toMatchObject({ score: { score: stored!.score, status: stored!.status, cell: stored!.cell } })
        }
      }
      const deferred = await store.ingestEvents([pricingView('s4', 'a', 0)], model, NOW, { deferScoring: true })
      expect(deferred[0]).toEqual({ status: 'stored', eventId: 's4', leadId: 'a', leadCreated: false })
    })

    it('stores the good events of a batch and reports each bad one', async () => {
      const store = await newStore()
      const results = await store.ingestEvents(
        [
          pricingView('g1', 'a', 2),
          { ...pricingView('', 'a', 1) },
          { id: 'nobody', type: 'page_view', timestamp: NOW, properties: {} },
          pricingView('g2', 'a', 1),
        ],
        model,
        NOW,
      )
      expect(results).toEqual([
        { status: 'stored', eventId: 'g1', leadId: 'a', leadCreated: true, score: expect.any(Object) },
        { status: 'rejected', eventId: '', reason: expect.stringContaining('id') },
        { status: 'rejected', eventId: 'nobody', reason: expect.stringContaining('leadId or email') },
        { status: 'stored', eventId: 'g2', leadId: 'a', leadCreated: false, score: expect.any(Object) },
      ])
      expect((await store.listEvents('a')).map((stored) => stored.id)).toEqual(['g1', 'g2'])
    })

    it('creates a lead for an event that names only an email, and finds it again by email', async () => {
      const store = await newStore()
      const input = { id: 'm1', email: ' Ana@Example.COM ', type: 'demo_request', timestamp: NOW, properties: {} }
      const [first] = await store.ingestEvents([input], model, NOW)
      expect(first).toMatchObject({ status: 'stored', leadCreated: true })
      const leadId = first?.status === 'stored' ? first.leadId : ''
      expect(leadId).toMatch(/^ld_[0-9a-z]+$/)
      expect(await store.getLead('ANA@example.com')).toMatchObject({ id: leadId, email: 'ana@example.com' })

      const [second] = await store.ingestEvents([{ ...input, id: 'm2', email: 'ana@example.com' }], model, NOW)
      expect(second).toEqual({ status: 'stored', eventId: 'm2', leadId, leadCreated: false, score: expect.any(Object) })
      expect(await store.listEvents(leadId)).toHaveLength(2)
      expect((await store.getScore(leadId))?.stage).toBe('action')
    })

    it('gives events out of order the same score as in order', async () => {
      const store = await newStore()
      const events = (leadId: string): EventInput[] => [
        pricingView(`${leadId}1`, leadId, 20),
        pricingView(`${leadId}2`, leadId, 5),
        pricingView(`${leadId}3`, leadId, 5),
        pricingView(`${leadId}4`, leadId, 5),
        event(`${leadId}5`, leadId, 'email_click', 40),
        event(`${leadId}6`, leadId, 'email_click', 3),
      ]
      await store.ingestEvents(events('a'), model, NOW)
      for (const input of events('b').reverse()) await store.ingestEvents([input], model, NOW)
      const inOrder = await store.getScore('a')
      const outOfOrder = await store.getScore('b')
      expect(outOfOrder).toEqual({ ...inOrder, leadId: 'b' })
      // max_per_day keeps the two earliest views of the day, whatever order they came in.
      expect(inOrder?.contributions.find((line) => line.ruleId === 'pricing_view')?.count).toBe(3)
    })

    it('writes one history entry per lead and batch, with cause event and the newest event id', async () => {
      const store = await newStore()
      await store.ingestEvents(
        [pricingView('h1', 'a', 9), pricingView('h2', 'a', 1), pricingView('h3', 'a', 4), pricingView('x1', 'b', 1)],
        model,
        NOW,
      )
      const first = await store.getScore('a')
      expect(await store.scoreHistory('a')).toEqual([
        {
          leadId: 'a',
          at: NOW,
          cause: 'event',
          eventId: 'h2',
          modelVersion: 1,
          score: first!.score,
          previousScore: null,
          fit: first!.fit,
          engagement: first!.engagement,
          status: first!.status,
          segment: first!.segment,
        },
      ])
      await store.ingestEvents([event('h4', 'a', 'demo_request', 0)], model, NOW + 1)
      const history = await store.scoreHistory('a')
      expect(history.map((change) => [change.eventId, change.previousScore])).toEqual([
        ['h4', first!.score],
        ['h2', null],
      ])
      // An event no rule scores leaves score, status, segment, stage and spam as they were: no entry.
      await store.ingestEvents([event('h5', 'a', 'custom', 0)], model, NOW + 1)
      expect(await store.scoreHistory('a')).toHaveLength(2)
      expect(await store.scoreHistory('a', 1)).toHaveLength(1)
      expect((await store.listEvents('a')).map((stored) => stored.id)).toEqual(['h1', 'h3', 'h2', 'h4', 'h5'])
    })

    it('rebuilds the state from every event after a model change and records cause model', async () => {
      const store = await newStore()
      const inputs = [pricingView('r1', 'a', 3), event('r2', 'a', 'download', 2), event('r3', 'a', 'download', 1)]
      await store.ingestEvents(inputs, model, NOW)
      const progress: { done: number; total: number }[] = []
      const counts = await store.rescoreAll(fixtureActiveModelV2, NOW, 'model', (step) => progress.push(step))
      expect(counts).toEqual({ leads: 1, changed: 1 })
      expect(progress.at(-1)).toEqual({ done: 1, total: 1 })

      const lead = await store.getLead('a')
      const expected = scoreLead(lead!, asLeadEvents(inputs), fixtureActiveModelV2.model, NOW)
      expect(await store.getScore('a')).toEqual({ ...expected, leadId: 'a', modelVersion: 2 })
      expect(expected.contributions.some((line) => line.ruleId === 'download')).toBe(true)
      expect((await store.scoreHistory('a'))[0]).toMatchObject({ cause: 'model', modelVersion: 2, eventId: null })

      // A later event continues the rebuilt state with the new model.
      await store.ingestEvents([event('r4', 'a', 'download', 0)], fixtureActiveModelV2, NOW)
      const all = [...inputs, event('r4', 'a', 'download', 0)]
      expect((await store.getScore('a'))?.score).toBe(scoreLead(lead!, asLeadEvents(all), fixtureActiveModelV2.model, NOW).score)
    })

    it('finishes an interrupted model rescore: only the leads scored with another model, cause model', async () => {
      const store = await newStore()
      const inputs = [event('o1', 'a', 'download', 2), event('o2', 'b', 'download', 1), pricingView('o3', 'c', 1)]
      await store.ingestEvents(inputs, model, NOW)
      // As if the rescore after publishing version 2 had reached only lead c before a restart.
      await store.ingestEvents([event('o4', 'c', 'download', 0)], fixtureActiveModelV2, NOW)
      const historyOfC = await store.scoreHistory('c')

      const progress: { done: number; total: number }[] = []
      expect(await store.rescoreOutdated(fixtureActiveModelV2, NOW + 1, (step) => progress.push(step))).toEqual({ leads: 2, changed: 2 })
      expect(progress.at(-1)).toEqual({ done: 2, total: 2 })
      for (const id of ['a', 'b']) {
        const lead = (await store.getLead(id))!
        const events = asLeadEvents(inputs.filter((input) => input.leadId === id))
        const expected = scoreLead(lead, events, fixtureActiveModelV2.model, NOW + 1)
        expect(await store.getScore(id)).toEqual({ ...expected, leadId: id, modelVersion: 2 })
        expect((await store.scoreHistory(id))[0]).toMatchObject({ cause: 'model', modelVersion: 2 })
      }
      expect(await store.scoreHistory('c')).toEqual(historyOfC)
      expect(await store.rescoreOutdated(fixtureActiveModelV2, NOW + 2)).toEqual({ leads: 0, changed: 0 })
    })

    it('lowers an engagement score with decay when rescored later, and records cause decay', async () => {
      const store = await newStore()
      await store.ingestEvents([pricingView('d1', 'a', 0), pricingView('d2', 'a', 1)], model, NOW)
      const fresh = await store.getScore('a')
      const later = NOW + 28 * DAY_MS
      expect(await store.rescoreAll(model, later, 'decay')).toEqual({ leads: 1, changed: 1 })
      const decayed = await store.getScore('a')
      expect(decayed!.engagement).toBeLessThan(fresh!.engagement)
      expect(decayed!.at).toBe(later)
      expect((await store.scoreHistory('a'))[0]).toMatchObject({ cause: 'decay', at: later, previousScore: fresh!.score })
      // Nothing moved since: no new history entry.
      expect(await store.rescoreAll(model, later, 'decay')).toEqual({ leads: 1, changed: 0 })
      expect(await store.scoreHistory('a')).toHaveLength(2)
    })

    it('merges attributes on upsert and matches leads by email case-insensitively', async () => {
      const store = await newStore()
      const [created] = await store.upsertLeads(
        [{ email: 'Bo@Acme.io', firstName: 'Bo', attributes: { plan: 'pro', seats: 3 } }],
        null,
        NOW,
      )
      expect(created).toMatchObject({ status: 'created' })
      const id = created?.status === 'created' ? created.leadId : ''
      const results = await store.upsertLeads(
        [
          { email: 'bo@ACME.io', attributes: { seats: 5, region: 'eu' } },
          { email: 'BO@acme.io', firstName: 'Bo' },
          {},
          { id: 'someone-else', email: 'bo@acme.io' },
        ],
        null,
        NOW + 1,
      )
      expect(results).toEqual([
        { status: 'updated', leadId: id },
        { status: 'unchanged', leadId: id },
        { status: 'rejected', reason: expect.any(String) },
        { status: 'rejected', reason: expect.stringContaining('bo@acme.io') },
      ])
      expect(await store.getLead('someone-else')).toBeNull()
      expect(await store.getLead(id)).toEqual({
        id,
        email: 'bo@acme.io',
        firstName: 'Bo',
        attributes: { plan: 'pro', seats: 5, region: 'eu' },
        createdAt: NOW,
        updatedAt: NOW + 1,
      })
    })

    it('rescores a changed lead on upsert with a model and records cause lead', async () => {
      const store = await newStore()
      await store.ingestEvents([pricingView('u1', 'a', 1)], model, NOW)
      const before = await store.getScore('a')
      await store.upsertLeads([{ id: 'a', jobTitle: 'VP Sales', companySize: 500 }], model, NOW)
      const after = await store.getScore('a')
      expect(after!.fit).toBe(70)
      expect(after!.engagement).toBe(before!.engagement)
      expect((await store.scoreHistory('a'))[0]).toMatchObject({ cause: 'lead', eventId: null, previousScore: before!.score })
      // The same values again change nothing and write nothing.
      expect(await store.upsertLeads([{ id: 'a', jobTitle: 'VP Sales' }], model, NOW)).toEqual([
        { status: 'unchanged', leadId: 'a' },
      ])
      expect(await store.scoreHistory('a')).toHaveLength(2)
    })

    it('scores events against the lead as it is now when its fields change between events', async () => {
      const store = await newStore()
      for (const [index, eventId] of ['u1', 'u2', 'u3'].entries()) {
        await store.ingestEvents([pricingView(eventId, 'a', index + 1)], model, NOW)
      }
      expect((await store.getScore('a'))!.fit).toBe(0)
      await store.upsertLeads([{ id: 'a', jobTitle: 'VP Sales', companySize: 500 }], null, NOW)
      await store.ingestEvents([pricingView('u4', 'a', 4)], model, NOW)
      expect((await store.getScore('a'))!.fit).toBe(70)
      await store.upsertLeads([{ id: 'a', jobTitle: 'Student' }], null, NOW)
      await store.ingestEvents([pricingView('u5', 'a', 5)], model, NOW, { deferScoring: true })
      await store.rescorePending(model, NOW)
      const fresh = scoreLead((await store.getLead('a'))!, await store.listEvents('a'), model.model, NOW)
      expect((await store.getScore('a'))!.fit).toBe(fresh.fit)
      expect(fresh.fit).not.toBe(70)
    })

    it('lists leads by score descending and filters by grade, status, spam and minimum score', async () => {
      const store = await newStore()
      await store.upsertLeads(
        [
          { id: 'top', jobTitle: 'Head of Growth', companySize: 1000 },
          { id: 'mid', jobTitle: 'Director', companySize: 10 },
          { id: 'spam', firstName: 'Test', companySize: 900 },
          { id: 'low', jobTitle: 'Student' },
        ],
        model,
        NOW,
      )
      await store.upsertLeads([{ id: 'unscored' }], null, NOW)
      await store.ingestEvents(
        [
          event('l1', 'top', 'demo_request', 0),
          event('l2', 'mid', 'demo_request', 0),
          event('l3', 'spam', 'demo_request', 0),
          pricingView('l4', 'low', 0),
        ],
        model,
        NOW,
      )

      const all = await store.listLeads({})
      expect(all.total).toBe(5)
      expect(all.items.map((item) => item.lead.id)).toEqual(['top', 'mid', 'spam', 'low', 'unscored'])
      expect(all.items.at(-1)?.score).toBeNull()
      expect(all.items[0]?.score).toMatchObject({ leadId: 'top', grade: 'A', status: 'sql', modelVersion: 1 })

      const ids = async (query: Parameters<Store['listLeads']>[0]): Promise<string[]> =>
        (await store.listLeads(query)).items.map((item) => item.lead.id)
      expect(await ids({ descending: false })).toEqual(['low', 'spam', 'mid', 'top', 'unscored'])
      expect(await ids({ grade: 'C' })).toEqual(['mid', 'spam'])
      expect(await ids({ status: 'mql' })).toEqual(['mid'])
      expect(await ids({ spam: true })).toEqual(['spam'])
      expect(await ids({ spam: false, minScore: 30 })).toEqual(['top', 'mid'])
      expect(await ids({ limit: 2, offset: 1 })).toEqual(['mid', 'spam'])
      expect((await store.listLeads({ limit: 1, spam: false })).total).toBe(3)
      expect(await ids({ sort: 'fit' })).toEqual(['top', 'mid', 'spam', 'low', 'unscored'])
    })

    it('takes model versions from draft to published and active, one active at a time', async () => {
      const store = await newStore()
      const first = await store.createModelVersion({ name: 'b2b', yaml: 'name: b2b\n', checksum: 'c1' }, NOW)
      const second = await store.createModelVersion({ name: 'b2b', yaml: 'name: b2b 2\n', checksum: 'c2' }, NOW + 1)
      expect(first).toEqual({
        version: first.version,
        name: 'b2b',
        yaml: 'name: b2b\n',
        checksum: 'c1',
        status: 'draft',
        active: false,
        createdAt: NOW,
        publishedAt: null,
      })
      expect(second.version).toBeGreaterThan(first.version)
      expect(await store.getActiveModelVersion()).toBeNull()
      await expect(store.activateModelVersion(first.version, NOW)).rejects.toMatchObject({ code: 'conflict' })

      expect(await store.publishModelVersion(first.version, NOW + 2)).toMatchObject({ status: 'published', active: true, publishedAt: NOW + 2 })
      expect(await store.publishModelVersion(second.version, NOW + 3)).toMatchObject({ active: true })
      expect(await store.getModelVersion(first.version)).toMatchObject({ status: 'published', active: false })
      expect(await store.activateModelVersion(first.version, NOW + 4)).toMatchObject({ active: true, publishedAt: NOW + 2 })
      expect((await store.listModelVersions()).map((version) => [version.version, version.active])).toEqual([
        [first.version, true],
        [second.version, false],
      ])
      expect((await store.getActiveModelVersion())?.version).toBe(first.version)

      const unknown = store.publishModelVersion(9999, NOW)
      await expect(unknown).rejects.toBeInstanceOf(StoreError)
      await expect(unknown).rejects.toMatchObject({ code: 'not_found' })
      await expect(store.activateModelVersion(9999, NOW)).rejects.toMatchObject({ code: 'not_found' })
      expect(await store.getModelVersion(9999)).toBeNull()
    })

    it('records outcomes, updates them and refuses unknown leads', async () => {
      const store = await newStore()
      await store.upsertLeads([{ id: 'a' }], null, NOW)
      expect(await store.recordOutcomes([{ leadId: 'a', converted: false }, { leadId: 'ghost', converted: true }], NOW)).toEqual([
        { status: 'stored', leadId: 'a' },
        { status: 'rejected', leadId: 'ghost', reason: expect.any(String) },
      ])
      expect(await store.recordOutcomes([{ leadId: 'a', converted: false }], NOW)).toEqual([{ status: 'unchanged', leadId: 'a' }])
      expect(await store.recordOutcomes([{ leadId: 'a', converted: true, at: NOW }], NOW)).toEqual([{ status: 'updated', leadId: 'a' }])
      expect(await store.getOutcome('a')).toEqual({ leadId: 'a', converted: true, at: NOW })
      expect(await store.getOutcome('ghost')).toBeNull()
    })

    it('leaves nothing half-written when scoring fails in the middle of a batch', async () => {
      const store = await newStore()
      await store.ingestEvents([pricingView('t1', 'a', 1)], model, NOW)
      const score = await store.getScore('a')
      const batch = [
        pricingView('t2', 'a', 0),
        pricingView('t3', 'b', 0),
        { id: 't4', email: 'new@example.com', type: 'page_view', timestamp: NOW, properties: {} },
      ]
      await expect(store.ingestEvents(batch, failingModel(model), NOW)).rejects.toThrow('scoring failed')
      expect(await store.listEvents('a')).toHaveLength(1)
      expect(await store.getScore('a')).toEqual(score)
      expect(await store.scoreHistory('a')).toHaveLength(1)
      expect(await store.getLead('b')).toBeNull()
      expect(await store.getLead('new@example.com')).toBeNull()

      await expect(store.upsertLeads([{ id: 'c' }, { id: 'a', jobTitle: 'VP' }], failingModel(model), NOW)).rejects.toThrow()
      expect(await store.getLead('c')).toBeNull()
      expect((await store.getLead('a'))?.jobTitle).toBeUndefined()

      // The failed batch leaves no trace in later scores either.
      await store.ingestEvents([event('t5', 'a', 'email_click', 0)], model, NOW)
      const lead = await store.getLead('a')
      const kept = asLeadEvents([pricingView('t1', 'a', 1), event('t5', 'a', 'email_click', 0)])
      expect((await store.getScore('a'))?.contributions).toEqual(scoreLead(lead!, kept, model.model, NOW).contributions)

      // Nothing of the failed batch was kept, so it is new when it comes again.
      const retry = await store.ingestEvents(batch, model, NOW)
      expect(retry.map((result) => result.status)).toEqual(['stored', 'stored', 'stored'])
    })

    it('scores deferred events with rescorePending exactly as an ingest that scores them', async () => {
      const inputs = [
        pricingView('f1', 'a', 9),
        event('f2', 'a', 'email_click', 3),
        pricingView('f3', 'b', 2),
        pricingView('f4', 'a', 1),
        event('f5', 'a', 'demo_request', 4),
      ]
      const scored = await newStore()
      await scored.ingestEvents(inputs, model, NOW)
      const deferred = await newStore()
      const first = await deferred.ingestEvents(inputs.slice(0, 3), model, NOW, { deferScoring: true })
      const second = await deferred.ingestEvents([...inputs.slice(3), inputs[0]!], model, NOW, { deferScoring: true })
      expect([...first, ...second].map((result) => result.status)).toEqual([
        ...['stored', 'stored', 'stored', 'stored', 'stored'],
        'duplicate',
      ])
      expect(await deferred.listEvents('a')).toHaveLength(4)
      expect(await deferred.getScore('a')).toBeNull()
      expect(await deferred.scoreHistory('a')).toEqual([])

      const progress: { done: number; total: number }[] = []
      expect(await deferred.rescorePending(model, NOW, (step) => progress.push(step))).toEqual({ leads: 2, changed: 2 })
      expect(progress.at(-1)).toEqual({ done: 2, total: 2 })
      for (const leadId of ['a', 'b']) {
        expect(await deferred.getScore(leadId)).toEqual(await scored.getScore(leadId))
        expect(await deferred.scoreHistory(leadId)).toEqual(await scored.scoreHistory(leadId))
      }
      expect((await deferred.scoreHistory('a'))[0]).toMatchObject({ cause: 'event', eventId: 'f4', previousScore: null })
      const lead = await deferred.getLead('a')
      const events = asLeadEvents(inputs.filter((input) => input.leadId === 'a'))
      expect((await deferred.getScore('a'))?.contributions).toEqual(scoreLead(lead!, events, model.model, NOW).contributions)
      // Nothing is pending any more.
      expect(await deferred.rescorePending(model, NOW)).toEqual({ leads: 0, changed: 0 })
    })

    it('rebuilds a pending lead from all its events when an ingest or upsert rescores it', async () => {
      const store = await newStore()
      const inputs = [pricingView('q1', 'a', 6), pricingView('q2', 'a', 5), event('q3', 'a', 'email_click', 2)]
      await store.ingestEvents(inputs.slice(0, 1), model, NOW)
      const before = await store.getScore('a')
      await store.ingestEvents(inputs.slice(1), model, NOW, { deferScoring: true })
      // The stored score waits for the rescore.
      expect(await store.getScore('a')).toEqual(before)

      const later = event('q4', 'a', 'download', 1)
      await store.ingestEvents([later], model, NOW)
      const lead = await store.getLead('a')
      const all = asLeadEvents([...inputs, later])
      expect((await store.getScore('a'))?.contributions).toEqual(scoreLead(lead!, all, model.model, NOW).contributions)
      expect((await store.scoreHistory('a'))[0]).toMatchObject({ cause: 'event', eventId: 'q4', previousScore: before!.score })
      expect(await store.rescorePending(model, NOW)).toEqual({ leads: 0, changed: 0 })

      const last = pricingView('q5', 'a', 0)
      await store.ingestEvents([last], model, NOW, { deferScoring: true })
      await store.upsertLeads([{ id: 'a', jobTitle: 'VP Sales' }], model, NOW)
      const updated = await store.getLead('a')
      const expected = scoreLead(updated!, asLeadEvents([...inputs, later, last]), model.model, NOW)
      expect(await store.getScore('a')).toEqual({ ...expected, leadId: 'a', modelVersion: 1 })
      expect(await store.rescorePending(model, NOW)).toEqual({ leads: 0, changed: 0 })
    })

    if (options.reopen !== undefined) {
      const reopen = options.reopen
      it('keeps pending leads across close and reopen, for rescorePending to finish', async () => {
        const store = await newStore()
        const inputs = [pricingView('o1', 'a', 2), event('o2', 'a', 'demo_request', 1)]
        await store.ingestEvents(inputs, model, NOW, { deferScoring: true })
        await store.close()
        const again = newStore.track(await reopen())
        expect(await again.getScore('a')).toBeNull()
        expect(await again.rescorePending(model, NOW)).toEqual({ leads: 1, changed: 1 })
        const lead = await again.getLead('a')
        const expected = scoreLead(lead!, asLeadEvents(inputs), model.model, NOW)
        expect(await again.getScore('a')).toEqual({ ...expected, leadId: 'a', modelVersion: 1 })
        expect((await again.scoreHistory('a'))[0]).toMatchObject({ cause: 'event', eventId: 'o2' })
      })

      it('keeps every kind of record across close and reopen', async () => {
        const store = await newStore()
        await store.ingestEvents([pricingView('p1', 'a', 1)], model, NOW)
        await store.upsertLeads([{ id: 'a', attributes: { plan: 'pro' } }], model, NOW)
        await store.recordOutcomes([{ leadId: 'a', converted: true }], NOW)
        const version = await store.createModelVersion({ name: 'm', yaml: 'y', checksum: 'c' }, NOW)
        await store.publishModelVersion(version.version, NOW)
        const snapshot = {
          lead: await store.getLead('a'),
          score: await store.getScore('a'),
          events: await store.listEvents('a'),
          history: await store.scoreHistory('a'),
          outcome: await store.getOutcome('a'),
          versions: await store.listModelVersions(),
        }
        await store.close()
        const again = newStore.track(await reopen())
        expect({
          lead: await again.getLead('a'),
          score: await again.getScore('a'),
          events: await again.listEvents('a'),
          history: await again.scoreHistory('a'),
          outcome: await again.getOutcome('a'),
          versions: await again.listModelVersions(),
        }).toEqual(snapshot)
        // The stored state is still usable: a replay is a duplicate, a new event continues it.
        expect(await again.ingestEvents([pricingView('p1', 'a', 1)], model, NOW)).toEqual([{ status: 'duplicate', eventId: 'p1' }])
      })
    }

    runIngestOrderProperty(options.newStore)
  })
}
