// The API key and lead-merge members every Store implements: hashed keys, revocation, last use, anonymous merges.
import { describe, expect, it } from 'vitest'
import { scoreLead } from '../../src/core/index.js'
import type { ApiKeyInput } from '../../src/store/index.js'
import { fixtureActiveModel } from './fixture-model.js'
import { event, NOW, pricingView, type StoreContractOptions, storesClosedAfterEach } from './store-contract.js'

const model = fixtureActiveModel
const hash = (digit: string): string => digit.repeat(64)
const keyInput = (id: string, digit: string, scopes: ApiKeyInput['scopes'] = ['write']): ApiKeyInput => ({
  id,
  name: `key ${id}`,
  scopes,
  secretHash: hash(digit),
  prefix: `ls_${scopes.join('-')}_ab${digit}`,
})

export function runKeysContract(options: StoreContractOptions): void {
  describe(`Store contract (API keys, lead merges): ${options.name}`, () => {
    const newStore = storesClosedAfterEach(options)

    it('creates keys, finds them by hash only, and lists them oldest first without hash', async () => {
      const store = await newStore()
      const first = await store.createApiKey(keyInput('k1', 'a', ['read', 'write']), NOW)
      expect(first).toEqual({
        id: 'k1',
        name: 'key k1',
        scopes: ['read', 'write'],
        prefix: 'ls_read-write_aba',
        createdAt: NOW,
        lastUsedAt: null,
        revokedAt: null,
      })
      await store.createApiKey(keyInput('k2', 'b', ['admin']), NOW + 1)
      expect(await store.findApiKeyByHash(hash('b'))).toMatchObject({ id: 'k2', scopes: ['admin'] })
      expect(await store.findApiKeyByHash(hash('c'))).toBeNull()
      const listed = await store.listApiKeys()
      expect(listed.map((key) => key.id)).toEqual(['k1', 'k2'])
      expect(JSON.stringify(listed)).not.toContain(hash('a'))
    })

    it('refuses a second key with the same id or secret hash, and keys without a valid scope or hash', async () => {
      const store = await newStore()
      await store.createApiKey(keyInput('k1', 'a'), NOW)
      await expect(store.createApiKey(keyInput('k1', 'b'), NOW)).rejects.toMatchObject({ code: 'conflict' })
      await expect(store.createApiKey(keyInput('k2', 'a'), NOW)).rejects.toMatchObject({ code: 'conflict' })
      await expect(store.createApiKey({ ...keyInput('k3', 'c'), scopes: [] }, NOW)).rejects.toMatchObject({ code: 'invalid' })
      await expect(store.createApiKey({ ...keyInput('k4', 'd'), secretHash: 'secret' }, NOW)).rejects.toMatchObject({
        code: 'invalid',
      })
      expect((await store.listApiKeys()).map((key) => key.id)).toEqual(['k1'])
    })

    it('revokes a key once (a second revoke keeps the first time) and refuses unknown ids', async () => {
      const store = await newStore()
      await store.createApiKey(keyInput('k1', 'a'), NOW)
      expect(await store.revokeApiKey('k1', NOW + 5)).toMatchObject({ id: 'k1', revokedAt: NOW + 5 })
      expect(await store.revokeApiKey('k1', NOW + 9)).toMatchObject({ revokedAt: NOW + 5 })
      expect(await store.findApiKeyByHash(hash('a'))).toMatchObject({ revokedAt: NOW + 5 })
      await expect(store.revokeApiKey('nope', NOW)).rejects.toMatchObject({ code: 'not_found' })
    })

    it('records the last use at a resolution of one minute', async () => {
      const store = await newStore()
      await store.createApiKey(keyInput('k1', 'a'), NOW)
      const lastUsed = async () => (await store.findApiKeyByHash(hash('a')))!.lastUsedAt
      await store.recordApiKeyUse('k1', NOW + 1_000)
      expect(await lastUsed()).toBe(NOW + 1_000)
      await store.recordApiKeyUse('k1', NOW + 30_000)
      expect(await lastUsed()).toBe(NOW + 1_000)
      await store.recordApiKeyUse('k1', NOW + 61_000)
      expect(await lastUsed()).toBe(NOW + 61_000)
      await store.recordApiKeyUse('nope', NOW)
    })

    it("merges an anonymous lead's events into a lead, deletes it, and rescores as if the events were always there", async () => {
      const store = await newStore()
      await store.ingestEvents([pricingView('v1', 'anon:1', 3), pricingView('v2', 'anon:1', 1)], model, NOW)
      await store.upsertLeads([{ id: 'anon:1', country: 'ES', attributes: { utm: 'ads', plan: 'free' } }], model, NOW)
      await store.upsertLeads([{ id: 'ana', email: 'ana@acme.io', jobTitle: 'VP Sales', attributes: { plan: 'pro' } }], model, NOW)
      await store.ingestEvents([event('v3', 'ana', 'demo_request', 0)], model, NOW)

      const result = await store.mergeLeads('anon:1', 'ana', model, NOW + 1)
      expect(result).toEqual({ merged: true, movedEvents: 2 })
      // The merged-away id now names the lead it was merged into.
      expect(await store.getLead('anon:1')).toMatchObject({ id: 'ana' })
      expect(await store.getScore('anon:1')).toBeNull()
      expect(await store.scoreHistory('anon:1')).toEqual([])
      const lead = (await store.getLead('ana'))!
      expect(lead).toMatchObject({ jobTitle: 'VP Sales', country: 'ES', attributes: { plan: 'pro', utm: 'ads' } })
      const events = await store.listEvents('ana')
      expect(events.map((e) => e.id).sort()).toEqual(['v1', 'v2', 'v3'])
      const expected = scoreLead(lead, events, model.model, NOW + 1)
      const stored = (await store.getScore('ana'))!
      expect(stored.contributions).toEqual(expected.contributions)
      expect(stored.score).toBe(expected.score)
      expect((await store.scoreHistory('ana'))[0]).toMatchObject({ cause: 'lead', score: expected.score })

      // Replayed events of the merged visitor stay counted once and bring no empty lead back.
      const replay = await store.ingestEvents([pricingView('v1', 'anon:1', 3)], model, NOW + 2)
      expect(replay.map((r) => r.status)).toEqual(['duplicate'])
      expect(await store.getLead('anon:1')).toMatchObject({ id: 'ana' })
      expect(await store.listEvents('anon:1')).toEqual([])
      // Merging again finds nothing to merge.
      expect(await store.mergeLeads('anon:1', 'ana', model, NOW + 3)).toEqual({ merged: false, movedEvents: 0 })
      // An id with no lead merges nothing but names the target from now on.
      expect(await store.mergeLeads('anon:later', 'ana', model, NOW + 3)).toEqual({ merged: false, movedEvents: 0 })
      const later = await store.ingestEvents([pricingView('v4', 'anon:later', 0)], model, NOW + 3)
      expect(later[0]).toMatchObject({ status: 'stored', leadId: 'ana', leadCreated: false })
    })

    it('sends events, upserts and reads that name a merged-away id to the lead it was merged into', async () => {
      const store = await newStore()
      await store.ingestEvents([pricingView('a1', 'anon:5', 3)], model, NOW)
      await store.ingestEvents([pricingView('a2', 'anon:6', 3)], model, NOW)
      await store.upsertLeads([{ id: 'dee' }, { id: 'eve' }], model, NOW)
      await store.mergeLeads('anon:5', 'dee', model, NOW)
      // A visitor merged into a lead that is itself merged later follows it.
      await store.mergeLeads('anon:6', 'eve', model, NOW)
      await store.mergeLeads('eve', 'dee', model, NOW)

      const results = await store.ingestEvents(
        [pricingView('a3', 'anon:5', 1), event('a4', 'anon:6', 'demo_request', 0), pricingView('a5', 'eve', 0)],
        model,
        NOW,
      )
      expect(results.map((result) => (result.status === 'stored' ? result.leadId : result.status))).toEqual(['dee', 'dee', 'dee'])
      expect((await store.listEvents('dee')).map((e) => e.id).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5'])
      const lead = (await store.getLead('dee'))!
      expect((await store.getScore('dee'))!.contributions).toEqual(scoreLead(lead, await store.listEvents('dee'), model.model, NOW).contributions)

      await store.ingestEvents([pricingView('a6', 'anon:6', 0)], model, NOW, { deferScoring: true })
      expect(await store.upsertLeads([{ id: 'anon:5', country: 'PT' }], model, NOW)).toEqual([{ status: 'updated', leadId: 'dee' }])
      await store.rescorePending(model, NOW)
      for (const id of ['anon:5', 'anon:6', 'eve']) expect(await store.getLead(id)).toMatchObject({ id: 'dee', country: 'PT' })
      expect((await store.exportLead('anon:6'))!.aliases).toEqual(['anon:5', 'anon:6', 'eve'])
      expect(await store.getLead('anon:7')).toBeNull()
    })

    it('keeps scoring the merged lead incrementally after a merge', async () => {
      const store = await newStore()
      await store.ingestEvents([pricingView('m1', 'anon:2', 2)], model, NOW)
      await store.upsertLeads([{ id: 'bo' }], model, NOW)
      await store.mergeLeads('anon:2', 'bo', model, NOW)
      await store.ingestEvents([pricingView('m2', 'bo', 1), event('m3', 'bo', 'demo_request', 0)], model, NOW)
      const lead = (await store.getLead('bo'))!
      const expected = scoreLead(lead, await store.listEvents('bo'), model.model, NOW)
      expect((await store.getScore('bo'))!.contributions).toEqual(expected.contributions)
    })

    it('refuses to merge into a missing lead or into itself, changing nothing', async () => {
      const store = await newStore()
      await store.ingestEvents([pricingView('n1', 'anon:3', 1)], model, NOW)
      await expect(store.mergeLeads('anon:3', 'ghost', model, NOW)).rejects.toMatchObject({ code: 'not_found' })
      await expect(store.mergeLeads('anon:3', 'anon:3', model, NOW)).rejects.toMatchObject({ code: 'invalid' })
      expect((await store.listEvents('anon:3')).map((e) => e.id)).toEqual(['n1'])
    })

    it('moves the email of the source when the target has none', async () => {
      const store = await newStore()
      await store.upsertLeads([{ id: 'anon:4', email: 'cy@globex.com' }, { id: 'cy' }], model, NOW)
      await store.mergeLeads('anon:4', 'cy', model, NOW)
      expect(await store.getLead('cy@globex.com')).toMatchObject({ id: 'cy', email: 'cy@globex.com' })
    })
  })
}
