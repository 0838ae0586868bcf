// The store contract against SQLite (in memory and on a file), plus what only SQLite has: pragmas, migrations, urls.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { scoreLead } from '../../src/core/index.js'
import { openStore, StoreError } from '../../src/store/index.js'
import { SQLITE_MIGRATIONS } from '../../src/store/migrations/index.js'
import { SQLITE_CACHE_KIB } from '../../src/store/sqlite/sqlite-database.js'
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { runAnalyticsContract } from './contract-analytics.js'
import { runKeysContract } from './contract-keys.js'
import { fixtureActiveModel } from './fixture-model.js'
import { runPredictiveContract } from './contract-predictive.js'
import { runLeadsContract } from './contract-leads.js'
import { runOpsContract } from './contract-ops.js'
import { event, NOW, pricingView, runStoreContract } from './store-contract.js'

const directory = mkdtempSync(join(tmpdir(), 'leadscore-store-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

let fileCount = 0
const newFile = (): string => join(directory, `store-${++fileCount}.db`)
let lastFile = ''

runStoreContract({ name: 'sqlite in memory', newStore: () => Promise.resolve(createSqliteStore({ file: ':memory:' })) })

runStoreContract({
  name: 'sqlite file',
  newStore: () => {
    lastFile = newFile()
    return Promise.resolve(createSqliteStore({ file: lastFile }))
  },
  reopen: () => Promise.resolve(createSqliteStore({ file: lastFile })),
})

runOpsContract({ name: 'sqlite in memory', newStore: () => Promise.resolve(createSqliteStore({ file: ':memory:' })) })

runAnalyticsContract({ name: 'sqlite in memory', newStore: () => Promise.resolve(createSqliteStore({ file: ':memory:' })) })

runLeadsContract({ name: 'sqlite in memory', newStore: () => Promise.resolve(createSqliteStore({ file: ':memory:' })) })

runPredictiveContract({ name: 'sqlite in memory', newStore: () => Promise.resolve(createSqliteStore({ file: ':memory:' })) })

runKeysContract({ name: 'sqlite in memory', newStore: () => Promise.resolve(createSqliteStore({ file: ':memory:' })) })

describe('SqliteStore', () => {
  it('opens a file in WAL mode with synchronous NORMAL, foreign keys, a busy timeout and a large page cache', async () => {
    const store = createSqliteStore({ file: newFile() })
    const db = store.database
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(1)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0)
    expect(db.pragma('cache_size', { simple: true })).toBe(-SQLITE_CACHE_KIB)
    await store.close()
  })

  it('applies each migration once and changes nothing when reopened', async () => {
    const file = newFile()
    await (await openStore({ url: `sqlite:${file}` })).close()
    const store = createSqliteStore({ file })
    await store.ingestEvents([pricingView('e1', 'a', 0)], fixtureActiveModel, NOW)
    await store.close()
    await (await openStore({ url: file })).close()

    const db = new Database(file, { readonly: true })
    const versions = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()
    expect(versions).toEqual(SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name })))
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 })
    db.close()
  })

  it('refuses a database whose schema is newer than the code', () => {
    const file = newFile()
    createSqliteStore({ file }).database.close()
    const db = new Database(file)
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from-the-future', 0)").run()
    db.close()
    expect(() => createSqliteStore({ file })).toThrow(StoreError)
  })

  it('keeps emails unique and events tied to an existing lead at the schema level', async () => {
    const store = createSqliteStore({ file: ':memory:' })
    const insertLead = store.database.prepare(
      "INSERT INTO leads (id, email, attributes, created_at, updated_at) VALUES (?, 'x@y.io', '{}', 0, 0)",
    )
    insertLead.run('one')
    expect(() => insertLead.run('two')).toThrow(/UNIQUE/)
    const insertEvent = store.database.prepare(
      "INSERT INTO events (id, lead_id, type, timestamp, properties, received_at) VALUES ('e', 'ghost', 't', 0, '{}', 0)",
    )
    expect(() => insertEvent.run()).toThrow(/FOREIGN KEY/)
    await store.close()
  })

  it('keeps scores right when another connection writes the same file', async () => {
    const file = newFile()
    const first = createSqliteStore({ file })
    const second = createSqliteStore({ file })
    const inputs = [pricingView('c1', 'a', 3), event('c2', 'a', 'demo_request', 2), pricingView('c3', 'a', 1)]
    await first.ingestEvents([inputs[0]!], fixtureActiveModel, NOW)
    await second.ingestEvents([inputs[1]!], fixtureActiveModel, NOW)
    await first.ingestEvents([inputs[2]!], fixtureActiveModel, NOW)
    const lead = await first.getLead('a')
    const events = inputs.map((input) => ({ ...input, leadId: 'a' }))
    const expected = scoreLead(lead!, events, fixtureActiveModel.model, NOW)
    expect((await second.getScore('a'))?.contributions).toEqual(expected.contributions)
    await first.close()
    await second.close()
  })

  it('stores contributions as positional arrays and still reads rows that hold them as objects', async () => {
    const store = createSqliteStore({ file: ':memory:' })
    await store.ingestEvents([pricingView('p1', 'a', 1), event('p2', 'a', 'demo_request', 0)], fixtureActiveModel, NOW)
    const stored = (await store.getScore('a'))!
    const column = store.database.prepare<[], string>("SELECT contributions FROM scores WHERE lead_id = 'a'").pluck()
    expect(column.get()).toMatch(/^\[\["/)
    store.database.prepare("UPDATE scores SET contributions = ? WHERE lead_id = 'a'").run(JSON.stringify(stored.contributions))
    expect(await store.getScore('a')).toEqual(stored)
    await store.close()
  })

  it('rebuilds a lead from every stored event when its score row is missing', async () => {
    const file = newFile()
    const first = createSqliteStore({ file })
    await first.upsertLeads([{ id: 'a', jobTitle: 'VP Marketing' }], null, NOW)
    await first.ingestEvents([pricingView('r1', 'a', 3), pricingView('r2', 'a', 2)], fixtureActiveModel, NOW)
    await first.close()
    const db = new Database(file)
    db.prepare("DELETE FROM scores WHERE lead_id = 'a'").run()
    db.close()
    const store = createSqliteStore({ file })
    await store.ingestEvents([pricingView('r3', 'a', 1)], fixtureActiveModel, NOW)
    const lead = await store.getLead('a')
    const events = [pricingView('r1', 'a', 3), pricingView('r2', 'a', 2), pricingView('r3', 'a', 1)]
    const expected = scoreLead(lead!, events.map((input) => ({ ...input, leadId: 'a' })), fixtureActiveModel.model, NOW)
    expect((await store.getScore('a'))?.contributions).toEqual(expected.contributions)
    await store.close()
  })

  it('keeps status, cell and segment and their indexes right whether a rescore rewrites them or leaves them', async () => {
    const store = createSqliteStore({ file: ':memory:' })
    await store.upsertLeads([{ id: 'a', jobTitle: 'VP Marketing' }], null, NOW)
    const byIndex = (index: string, column: string) =>
      store.database.prepare<[string], string>(`SELECT lead_id FROM scores INDEXED BY ${index} WHERE ${column} = ?`).pluck()
    const inputs = [
      pricingView('k1', 'a', 20),
      pricingView('k2', 'a', 10),
      event('k3', 'a', 'email_click', 5),
      pricingView('k4', 'a', 3),
      event('k5', 'a', 'unsubscribe', 2),
      pricingView('k6', 'a', 1),
      event('k7', 'a', 'demo_request', 0),
    ]
    const seen = new Set<string>()
    for (let count = 1; count <= inputs.length; count++) {
      await store.ingestEvents([inputs[count - 1]!], fixtureActiveModel, NOW)
      const lead = (await store.getLead('a'))!
      const events = inputs.slice(0, count).map((input) => ({ ...input, leadId: 'a' }))
      const expected = scoreLead(lead, events, fixtureActiveModel.model, NOW)
      const stored = (await store.getScore('a'))!
      expect({ score: stored.score, status: stored.status, cell: stored.cell, segment: stored.segment }).toEqual({
        score: expected.score,
        status: expected.status,
        cell: expected.cell,
        segment: expected.segment,
      })
      expect(byIndex('scores_status', 'status').all(expected.status)).toEqual(['a'])
      expect(byIndex('scores_cell', 'cell').all(expected.cell)).toEqual(['a'])
      expect(byIndex('scores_segment', 'segment').all(expected.segment!)).toEqual(['a'])
      seen.add(`${expected.status} ${expected.cell} ${expected.segment}`)
    }
    // The sequence moves the keys several times and also keeps them across some events.
    expect(seen.size).toBeGreaterThanOrEqual(3)
    expect(seen.size).toBeLessThan(inputs.length)
    await store.close()
  })

  it('rescores in chunks and reports progress after each', async () => {
    const store = createSqliteStore({ file: ':memory:', rescoreChunkSize: 2 })
    await store.upsertLeads(['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })), null, NOW)
    const progress: number[] = []
    const counts = await store.rescoreAll(fixtureActiveModel, NOW, 'model', (step) => progress.push(step.done))
    expect(counts).toEqual({ leads: 5, changed: 5 })
    expect(progress).toEqual([2, 4, 5])
    expect((await store.listLeads({})).items.every((item) => item.score !== null)).toBe(true)
    await store.close()
  })

  it('opens stores by url and rejects urls it cannot serve', async () => {
    const store = await openStore({ url: 'sqlite::memory:' })
    expect(store.capabilities.supportsConcurrentWriters).toBe(false)
    await store.close()
    await expect(openStore({ url: 'postgres://localhost/leadscore' })).rejects.toMatchObject({ code: 'invalid' })
    await expect(openStore({ url: 'sqlite:' })).rejects.toMatchObject({ code: 'invalid' })
  })
})
