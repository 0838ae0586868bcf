// Erase on SQLite, checked against the raw database: no row of any table mentions the erased lead afterwards.
import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { fixtureActiveModel } from './fixture-model.js'
import { event, NOW, pricingView } from './store-contract.js'

const ERASED_ID = 'erase-me-7f3a'
const ERASED_EMAIL = 'erase.me@gdpr-test.io'

describe('SqliteStore erase', () => {
  it('leaves no row in any table that mentions the lead, and the other lead exactly as it was', async () => {
    const store = createSqliteStore({ file: ':memory:' })
    const model = fixtureActiveModel
    await store.upsertLeads(
      [
        { id: ERASED_ID, email: ERASED_EMAIL, firstName: 'Erasmus', attributes: { note: 'private' } },
        { id: 'other', email: 'other@acme.io' },
      ],
      model,
      NOW,
    )
    await store.ingestEvents([pricingView('erase-e1', ERASED_ID, 1), pricingView('other-e1', 'other', 1)], model, NOW)
    await store.ingestEvents([pricingView('erase-e3', 'anon:erase-visitor', 2)], model, NOW)
    await store.mergeLeads('anon:erase-visitor', ERASED_ID, model, NOW)
    await store.ingestEvents([event('erase-e2', ERASED_ID, 'demo_request', 0, { note: ERASED_EMAIL })], model, NOW, { deferScoring: true })
    await store.recordOutcomes([{ leadId: ERASED_ID, converted: true, at: NOW }], NOW)
    const db = store.database
    const tables = db
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all()
    const mentions = (needle: string): string[] =>
      tables.filter((table) => db.prepare(`SELECT * FROM "${table}"`).all().some((row) => JSON.stringify(row).includes(needle)))
    const snapshot = (): Record<string, unknown[]> =>
      Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).all().filter((row) => JSON.stringify(row).includes('other'))]))

    expect(mentions(ERASED_ID).sort()).toEqual(['events', 'lead_aliases', 'leads', 'outcomes', 'pending_rescores', 'score_history', 'scores'])
    const otherBefore = snapshot()
    expect(await store.eraseLead(ERASED_ID)).toBe(true)
    expect(mentions(ERASED_ID)).toEqual([])
    expect(mentions(ERASED_EMAIL)).toEqual([])
    expect(mentions('erase-e')).toEqual([])
    expect(mentions('erase-visitor')).toEqual([])
    expect(snapshot()).toEqual(otherBefore)
    await store.close()
  })
})
