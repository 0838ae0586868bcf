// The SQLite store with its fold worker: the store contract unchanged, and what only the worker path has.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { scoreLead, type LeadEvent } from '../../src/core/index.js'
import type { EventInput, Store } from '../../src/store/index.js'
import { FOLD_WORKER_NICENESS } from '../../src/store/sqlite/fold-worker.js'
import { createSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { fixtureActiveModel } from './fixture-model.js'
import { event, NOW, pricingView, runStoreContract, storesClosedAfterEach } from './store-contract.js'

runStoreContract({
  name: 'sqlite in memory with the fold worker',
  newStore: () => Promise.resolve(createSqliteStore({ file: ':memory:', foldWorker: true })),
})

// The worker scoring every lead ahead as soon as another batch leaves it out: the contract still holds.
runStoreContract({
  name: 'sqlite in memory with the fold worker scoring ahead',
  newStore: () => Promise.resolve(createSqliteStore({ file: ':memory:', foldWorker: { aheadAfterEvents: 1 } })),
})

const model = fixtureActiveModel

/** What `scoreLead` gives at `at` for the events of `leadId` among `inputs`, as `getScore` returns it. */
async function expectedScore(store: Store, leadId: string, inputs: readonly EventInput[], at = NOW): Promise<unknown> {
  const own: LeadEvent[] = inputs.filter((input) => input.leadId === leadId).map((input) => ({ ...input, leadId }))
  const lead = await store.getLead(leadId)
  return { ...(JSON.parse(JSON.stringify(scoreLead(lead!, own, model.model, at))) as object), leadId, modelVersion: 1 }
}

/** Every one of the first `leads` leads has the score `scoreLead` gives at `at` for its events among `inputs`. */
async function expectScoredAsAtOnce(store: Store, leads: number, inputs: readonly EventInput[], at = NOW): Promise<void> {
  for (let lead = 0; lead < leads; lead++) {
    expect(await store.getScore(`lead-${lead}`)).toEqual(await expectedScore(store, `lead-${lead}`, inputs, at))
  }
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
    expect(store.foldWorkerStats()).toEqual({ scoredByWorker: 40, scoredAhead: 0, scoredHere: 0 })
    await expectScoredAsAtOnce(store, 40, inputs)
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
    expect(store.foldWorkerStats()).toEqual({ scoredByWorker: 3, scoredAhead: 0, scoredHere: 1 })
    await expectScoredAsAtOnce(store, 4, [...inputs, ...late])
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
    expect(store.foldWorkerStats()).toEqual({ scoredByWorker: 2, scoredAhead: 0, scoredHere: 1 })
    await expectScoredAsAtOnce(store, 3, inputs)
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
    await expectScoredAsAtOnce(store, 3, [...committed, ...more])
  })

  it('scores on its own thread once the worker has stopped, losing nothing', async () => {
    const store = (await open()) as SqliteStore
    const before = workload(6, 2)
    await store.ingestEvents(before, model, NOW, { deferScoring: true })
    await store.stopFoldWorker()
    const after = workload(6, 4).slice(12)
    await store.ingestEvents(after, model, NOW, { deferScoring: true })
    expect(await store.rescorePending(model, NOW)).toMatchObject({ leads: 6 })
    expect(store.foldWorkerStats()).toEqual({ scoredByWorker: 0, scoredAhead: 0, scoredHere: 6 })
    await expectScoredAsAtOnce(store, 6, [...before, ...after])
  })

  it('scores ahead the leads a later batch leaves out, and writes those scores at the end', async () => {
    const store = createSqliteStore({ file: ':memory:', foldWorker: { aheadAfterEvents: 10 } })
    open.track(store)
    const early = workload(4, 3)
    const late = workload(10, 3)
      .filter((input) => Number(input.leadId!.slice(5)) >= 4)
      .map((input) => ({ ...input, id: `late-${input.id}` }))
    await store.ingestEvents(early, model, NOW, { deferScoring: true })
    await store.ingestEvents(late, model, NOW, { deferScoring: true })
    await store.foldWorkerSettled()
    expect(await store.rescorePending(model, NOW)).toEqual({ leads: 10, changed: 10 })
    // The 4 early leads got nothing in the 18 events after theirs; the 6 late ones are scored when asked.
    expect(store.foldWorkerStats()).toEqual({ scoredByWorker: 10, scoredAhead: 4, scoredHere: 0 })
    await expectScoredAsAtOnce(store, 10, [...early, ...late])
  })

  it('scores again a lead scored ahead that gets more events, or that is asked for at another time', async () => {
    const store = createSqliteStore({ file: ':memory:', foldWorker: { aheadAfterEvents: 1 } })
    open.track(store)
    const first = workload(3, 2)
    const again = [pricingView('again', 'lead-0', 3)]
    const others = [event('other-1', 'lead-1', 'email_open', 4), event('other-2', 'lead-2', 'email_open', 5)]
    await store.ingestEvents(first, model, NOW, { deferScoring: true })
    await store.ingestEvents(again, model, NOW, { deferScoring: true })
    await store.foldWorkerSettled()
    await store.ingestEvents(others, model, NOW, { deferScoring: true })
    await store.foldWorkerSettled()
    // lead-1 and lead-2 were scored ahead, then got another event: their scores are computed again. lead-0's holds.
    const inputs = [...first, ...again, ...others]
    await store.rescorePending(model, NOW)
    expect(store.foldWorkerStats()).toMatchObject({ scoredByWorker: 3, scoredAhead: 1 })
    await expectScoredAsAtOnce(store, 3, inputs)

    // Scored ahead at the ingest's time, asked for a week later: computed again at that time.
    const later = NOW + 7 * 86_400_000
    await store.ingestEvents([pricingView('next-0', 'lead-0', 6)], model, NOW, { deferScoring: true })
    await store.ingestEvents([pricingView('next-1', 'lead-1', 7)], model, NOW, { deferScoring: true })
    await store.foldWorkerSettled()
    await store.rescorePending(model, later)
    expect(store.foldWorkerStats()).toMatchObject({ scoredByWorker: 5, scoredAhead: 1 })
    const all = [...inputs, pricingView('next-0', 'lead-0', 6), pricingView('next-1', 'lead-1', 7)]
    await expectScoredAsAtOnce(store, 2, all, later)
  })

  // Linux alone gives a thread its own priority; elsewhere the worker runs at the writer's.
  it.skipIf(process.platform !== 'linux')('runs the worker below the writer’s priority, so that it never holds the writer up (Linux)', async () => {
    const nicenessOf = (statFile: string): number => {
      const stat = readFileSync(statFile, 'utf8')
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
    }
    const niceness = (): number[] => readdirSync('/proc/self/task').map((task) => nicenessOf(`/proc/self/task/${task}/stat`))
    const writer = nicenessOf('/proc/thread-self/stat')
    const expected = Math.min(19, writer + FOLD_WORKER_NICENESS)
    const before = niceness().filter((value) => value === expected).length
    const store = (await open()) as SqliteStore
    await store.ingestEvents(workload(2, 2), model, NOW, { deferScoring: true })
    await store.foldWorkerSettled()
    expect(niceness().filter((value) => value === expected)).toHaveLength(before + 1)
    // The writer's own thread keeps its priority.
    expect(nicenessOf('/proc/thread-self/stat')).toBe(writer)
  })

  it('waits twice as long before scoring a lead ahead once more than a quarter of those scores were thrown away', async () => {
    const store = createSqliteStore({ file: ':memory:', foldWorker: { aheadAfterEvents: 1 } })
    open.track(store)
    const leads = 300
    const round = (name: string): EventInput[] =>
      Array.from({ length: leads }, (_, lead) => event(`${name}-${lead}`, `lead-${lead}`, 'email_open', 1))
    const aside = (name: string, day: number): EventInput[] => [event(name, `lead-${leads}`, 'email_open', day)]
    // All 300 are scored ahead once another batch leaves them out, then all get events again: 300 thrown away.
    await store.ingestEvents(round('first'), model, NOW, { deferScoring: true })
    await store.ingestEvents(aside('aside-1', 2), model, NOW, { deferScoring: true })
    await store.foldWorkerSettled()
    await store.ingestEvents(round('second'), model, NOW, { deferScoring: true })
    // One event later they would be quiet enough at the span the store was given; at twice that they are not.
    await store.ingestEvents(aside('aside-2', 3), model, NOW, { deferScoring: true })
    await store.foldWorkerSettled()
    await store.rescorePending(model, NOW)
    expect(store.foldWorkerStats()).toEqual({ scoredByWorker: leads + 1, scoredAhead: 0, scoredHere: 0 })
    const inputs = [...round('first'), ...aside('aside-1', 2), ...round('second'), ...aside('aside-2', 3)]
    await expectScoredAsAtOnce(store, leads + 1, inputs)
  })
})
