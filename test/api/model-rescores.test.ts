// The model the app scores with after an API change, and the background rescore jobs, on a real SQLite store.
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { ActiveModelSource, ModelRescores } from '../../src/api/model-rescores.js'
import type { ActiveModel } from '../../src/store/index.js'
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { fixtureActiveModel, fixtureActiveModelV2 } from '../store/fixture-model.js'
import { NOW } from '../store/store-contract.js'

describe('ActiveModelSource', () => {
  it('uses a changed model at once, and the host model again once the host has moved on', async () => {
    let hosted: ActiveModel = fixtureActiveModel
    const told: number[] = []
    const source = new ActiveModelSource(() => hosted, (active) => void told.push(active.version))
    expect(source.current()).toBe(fixtureActiveModel)
    await source.change(fixtureActiveModelV2)
    expect(told).toEqual([2])
    expect(source.current()).toBe(fixtureActiveModelV2)
    // The host caught up (serve re-read its workspace), later changes come from the host alone.
    hosted = { ...fixtureActiveModelV2 }
    expect(source.current()).toBe(hosted)
    hosted = { ...fixtureActiveModel, version: 3 }
    expect(source.current()).toBe(hosted)
  })
})

describe('ModelRescores', () => {
  const setUp = async () => {
    const store = createSqliteStore({ file: ':memory:', rescoreChunkSize: 2 })
    await store.upsertLeads(Array.from({ length: 12 }, (_, index) => ({ id: `l${index}`, jobTitle: 'VP' })), fixtureActiveModel, NOW)
    return { store, rescores: new ModelRescores(store, () => NOW, pino({ enabled: false })) }
  }

  it('rescores every lead with the new model and reports progress and changes', async () => {
    const { store, rescores } = await setUp()
    const job = rescores.start(fixtureActiveModelV2, 12)
    expect(job.status).toBe('queued')
    const seen: number[] = []
    while (job.status === 'queued' || job.status === 'running') {
      if (seen.at(-1) !== job.done) seen.push(job.done)
      await new Promise((resolve) => setImmediate(resolve))
    }
    // Version 2 only adds a download rule and these leads have no events: rescored, none changed.
    expect(job).toMatchObject({ status: 'done', done: 12, total: 12, changed: 0, startedAt: NOW, finishedAt: NOW })
    expect(seen.length).toBeGreaterThan(2)
    expect(rescores.job(2)).toBe(job)
    expect((await store.getScore('l0'))?.modelVersion).toBe(2)
    await store.close()
  })

  it('stops before starting a queued rescore when the app closes', async () => {
    const { store, rescores } = await setUp()
    const job = rescores.start(fixtureActiveModelV2, 12)
    await rescores.stop()
    expect(job).toMatchObject({ status: 'cancelled', done: 0 })
    expect((await store.getScore('l0'))?.modelVersion).toBe(1)
    await store.close()
  })

  it('finishes an interrupted change: only the leads another model scored, listed as a job once it finds one', async () => {
    const { store, rescores } = await setUp()
    const interrupted = rescores.start(fixtureActiveModelV2, 12)
    while (interrupted.done < 4) await new Promise((resolve) => setImmediate(resolve))
    await rescores.stop()
    const restarted = new ModelRescores(store, () => NOW + 1, pino({ enabled: false }))
    const job = restarted.start(fixtureActiveModelV2, 0, 'outdated')
    while (job.status === 'queued' || job.status === 'running') await new Promise((resolve) => setImmediate(resolve))
    expect(job).toMatchObject({ status: 'done', done: 12 - interrupted.done, total: 12 - interrupted.done })
    expect(restarted.job(2)).toBe(job)
    const versions = await Promise.all(Array.from({ length: 12 }, async (_, index) => (await store.getScore(`l${index}`))?.modelVersion))
    expect(new Set(versions)).toEqual(new Set([2]))
    // Nothing left to finish: the job runs, finds no lead and is not listed.
    const again = new ModelRescores(store, () => NOW + 2, pino({ enabled: false }))
    const idle = again.start(fixtureActiveModelV2, 0, 'outdated')
    while (idle.status === 'queued' || idle.status === 'running') await new Promise((resolve) => setImmediate(resolve))
    expect(idle).toMatchObject({ status: 'done', done: 0 })
    expect(again.job(2)).toBeNull()
    await store.close()
  })

  it('cancels a running rescore between chunks when another model change arrives, then runs that one', async () => {
    const { store, rescores } = await setUp()
    const first = rescores.start(fixtureActiveModelV2, 12)
    while (first.done === 0) await new Promise((resolve) => setImmediate(resolve))
    const second = rescores.start(fixtureActiveModel, 12)
    while (second.status === 'queued' || second.status === 'running') await new Promise((resolve) => setImmediate(resolve))
    expect(first.status).toBe('cancelled')
    expect(first.done).toBeLessThan(12)
    expect(second).toMatchObject({ status: 'done', done: 12 })
    const versions = await Promise.all(Array.from({ length: 12 }, async (_, index) => (await store.getScore(`l${index}`))?.modelVersion))
    expect(new Set(versions)).toEqual(new Set([1]))
    await store.close()
  })
})
