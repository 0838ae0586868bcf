// The lead resources every Store must serve alike: list filters, keyset paging with ties, timelines, accounts, erase.
import { describe, expect, it } from 'vitest'
import type { LeadQuery, Store } from '../../src/store/index.js'
import { DAY_MS, fixtureActiveModel } from './fixture-model.js'
import { event, NOW, pricingView, type StoreContractOptions, storesClosedAfterEach } from './store-contract.js'

const model = fixtureActiveModel

/** Every lead id `query` lists, reading page after page of `pageSize` through the `next` tokens. */
async function readAllPages(store: Store, query: LeadQuery, pageSize: number): Promise<string[]> {
  const ids: string[] = []
  let after: string | undefined
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.listLeads({ ...query, limit: pageSize, after })
    ids.push(...page.items.map((item) => item.lead.id))
    if (page.next === null) return ids
    after = page.next
  }
  throw new Error('paging did not end')
}

export function runLeadsContract(options: StoreContractOptions): void {
  describe(`Store contract, lead resources: ${options.name}`, () => {
    const newStore = storesClosedAfterEach(options)

    it('pages through ties with next tokens, each lead once, in the order of one big page', async () => {
      const store = await newStore()
      // Four pairs of equal scores and one unscored lead: every page boundary falls inside a tie.
      const leads = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id, index) => ({
        id,
        jobTitle: index % 4 === 0 ? 'VP Sales' : index % 4 === 1 ? 'Director' : index % 4 === 2 ? 'Analyst' : 'Student',
        companySize: index % 4 === 1 ? 500 : 10,
      }))
      await store.upsertLeads(leads, model, NOW)
      await store.upsertLeads([{ id: 'unscored' }], null, NOW)
      for (const [sort, descending] of [
        ['score', true],
        ['score', false],
        ['fit', true],
        ['created', false],
      ] as const) {
        const whole = (await store.listLeads({ sort, descending, limit: 100 })).items.map((item) => item.lead.id)
        expect(whole).toHaveLength(9)
        expect(whole.at(-1)).toBe('unscored')
        for (const size of [1, 2, 3, 4]) expect(await readAllPages(store, { sort, descending }, size)).toEqual(whole)
      }
      const first = await store.listLeads({ limit: 3 })
      expect(first.total).toBe(9)
      expect(first.next).not.toBeNull()
      expect((await store.listLeads({ limit: 9 })).next).toBeNull()
    })

    it('breaks ties by lead id in the direction of the sort, scored leads before unscored ones both ways', async () => {
      const store = await newStore()
      await store.upsertLeads(['t2', 't1', 't3'].map((id) => ({ id, jobTitle: 'VP' })), model, NOW)
      await store.upsertLeads([{ id: 'u2' }, { id: 'u1' }], null, NOW)
      const ids = async (descending: boolean) =>
        (await store.listLeads({ sort: 'score', descending, limit: 10 })).items.map((item) => item.lead.id)
      expect(await ids(true)).toEqual(['t3', 't2', 't1', 'u2', 'u1'])
      expect(await ids(false)).toEqual(['t1', 't2', 't3', 'u1', 'u2'])
      expect(await readAllPages(store, { sort: 'score', descending: true }, 2)).toEqual(['t3', 't2', 't1', 'u2', 'u1'])
      expect((await store.listLeads({ sort: 'score', limit: 2, offset: 2 })).items.map((item) => item.lead.id)).toEqual(['t1', 'u2'])
    })

    it('keeps the following pages stable when leads are inserted between page reads', async () => {
      const store = await newStore()
      await store.upsertLeads(
        ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((id, index) => ({ id, companySize: index >= 3 ? 500 : 10, jobTitle: 'VP' })),
        model,
        NOW,
      )
      const before = (await store.listLeads({ limit: 100 })).items.map((item) => item.lead.id)
      const first = await store.listLeads({ limit: 2 })
      // A new lead that sorts at the very top, and one that ties with everything already read.
      await store.upsertLeads([{ id: 'p0', jobTitle: 'VP', companySize: 900 }, { id: 'p00', jobTitle: 'VP', companySize: 900 }], model, NOW)
      const rest: string[] = []
      let after = first.next ?? undefined
      while (after !== undefined) {
        const page = await store.listLeads({ limit: 2, after })
        rest.push(...page.items.map((item) => item.lead.id))
        after = page.next ?? undefined
      }
      const read = [...first.items.map((item) => item.lead.id), ...rest]
      expect(read.filter((id) => before.includes(id))).toEqual(before)
      expect(new Set(read).size).toBe(read.length)
    })

    it('refuses a malformed page position', async () => {
      const store = await newStore()
      await expect(store.listLeads({ after: 'not a position' })).rejects.toMatchObject({ code: 'invalid' })
      await expect(store.eventTimeline('a', { limit: 5, after: 'x' })).rejects.toMatchObject({ code: 'invalid' })
    })

    it('filters by level, cell, stage, owner, created and updated ranges, text and account', async () => {
      const store = await newStore()
      await store.upsertLeads(
        [
          { id: 'ana', firstName: 'Ana', lastName: 'García', email: 'ana@acme.io', jobTitle: 'VP Marketing', companySize: 900, owner: 'rep1', companyDomain: 'acme.io', createdAt: NOW - 10 * DAY_MS },
          { id: 'bo', firstName: 'Bo', lastName: 'Smith', email: 'bo@globex.com', companyName: 'Globex', owner: 'rep2', createdAt: NOW - 5 * DAY_MS },
          { id: 'cy', firstName: 'Cy', companyName: 'Société Générale', companyDomain: 'ACME.io', createdAt: NOW - 1 * DAY_MS },
        ],
        null,
        NOW,
      )
      await store.upsertLeads([{ id: 'dee', firstName: 'Dee' }], null, NOW + 1000)
      await store.ingestEvents(
        [event('f1', 'ana', 'demo_request', 0), pricingView('f2', 'bo', 0), pricingView('f3', 'bo', 1)],
        model,
        NOW + 2000,
      )
      await store.rescoreAll(model, NOW + 2000, 'model')
      const ids = async (query: LeadQuery): Promise<string[]> =>
        (await store.listLeads({ ...query, limit: 100 })).items.map((item) => item.lead.id).sort()
      const scores = new Map((await store.listLeads({})).items.map((item) => [item.lead.id, item.score!]))
      const ana = scores.get('ana')!
      expect(await ids({ level: ana.level })).toContain('ana')
      expect(await ids({ cell: ana.cell })).toEqual(
        [...scores].filter(([, score]) => score.cell === ana.cell).map(([id]) => id).sort(),
      )
      expect(await ids({ stage: 'action' })).toEqual(['ana'])
      expect(await ids({ stage: 'decision' })).toEqual(['bo'])
      expect(await ids({ owner: 'rep1' })).toEqual(['ana'])
      expect(await ids({ createdAfter: NOW - 5 * DAY_MS })).toEqual(['bo', 'cy', 'dee'])
      expect(await ids({ createdAfter: NOW - 6 * DAY_MS, createdBefore: NOW - DAY_MS })).toEqual(['bo'])
      expect(await ids({ updatedAfter: NOW + 1000 })).toEqual(['dee'])
      expect(await ids({ updatedBefore: NOW + 1000 })).toEqual(['ana', 'bo', 'cy'])
      expect(await ids({ text: 'garcia' })).toEqual(['ana'])
      expect(await ids({ text: 'GLOBEX' })).toEqual(['bo'])
      expect(await ids({ text: 'societe' })).toEqual(['cy'])
      expect(await ids({ text: 'acme.io' })).toEqual(['ana'])
      expect(await ids({ account: 'Acme.IO' })).toEqual(['ana', 'cy'])
      expect(await ids({ account: 'globex' })).toEqual(['bo'])
      expect(await ids({ owner: 'rep1', stage: 'decision' })).toEqual([])
    })

    it('pages a lead timeline and score history newest first', async () => {
      const store = await newStore()
      const inputs = [4, 3, 2, 1, 0].map((daysAgo, index) => pricingView(`t${index}`, 'a', daysAgo))
      // Out of order on purpose: the timeline follows the event time, not arrival.
      for (const input of [inputs[2]!, inputs[0]!, inputs[4]!, inputs[1]!, inputs[3]!]) await store.ingestEvents([input], model, NOW)
      const seen: string[] = []
      let after: string | undefined
      do {
        const page = await store.eventTimeline('a', { limit: 2, after })
        expect(page.items.length).toBeLessThanOrEqual(2)
        seen.push(...page.items.map((item) => item.id))
        after = page.next ?? undefined
      } while (after !== undefined)
      expect(seen).toEqual(['t4', 't3', 't2', 't1', 't0'])

      const history = await store.scoreHistory('a', 100)
      const paged: number[] = []
      let position: string | undefined
      do {
        const page = await store.scoreHistoryPage('a', { limit: 2, after: position })
        paged.push(...page.items.map((change) => change.score))
        position = page.next ?? undefined
      } while (position !== undefined)
      expect(paged).toEqual(history.map((change) => change.score))
      expect((await store.eventTimeline('nobody', { limit: 5 })).items).toEqual([])
    })

    it('rolls leads up into accounts by domain, else company name, leaving spam out of the scores', async () => {
      const store = await newStore()
      await store.upsertLeads(
        [
          { id: 'a1', jobTitle: 'VP Sales', companySize: 900, companyDomain: 'acme.io', companyName: 'Acme' },
          { id: 'a2', jobTitle: 'Director', companySize: 900, companyDomain: 'ACME.io' },
          { id: 'a3', jobTitle: 'Analyst', companySize: 900, companyDomain: 'acme.io' },
          { id: 'a4', jobTitle: 'Student', companyDomain: 'acme.io' },
          { id: 'a5', firstName: 'Test', jobTitle: 'VP', companySize: 900, companyDomain: 'acme.io' },
          { id: 'g1', jobTitle: 'Analyst', companyName: 'Société Générale' },
          { id: 'g2', jobTitle: 'Head of IT', companyName: 'societe generale' },
          { id: 'loner' },
        ],
        model,
        NOW,
      )
      await store.ingestEvents([event('x1', 'a1', 'demo_request', 0)], model, NOW)
      const score = async (id: string): Promise<number> => (await store.getScore(id))!.score
      const acmeScores = await Promise.all(['a1', 'a2', 'a3', 'a4'].map(score))
      expect((await store.getScore('a5'))?.spam).toBe(true)
      const top3 = [...acmeScores].sort((x, y) => y - x).slice(0, 3)
      const round = (value: number): number => Math.round(value * 100) / 100

      const acme = await store.getAccount('Acme.io')
      expect(acme).toMatchObject({
        key: 'acme.io',
        domain: 'acme.io',
        name: 'Acme',
        leads: 5,
        spamLeads: 1,
        bestScore: Math.max(...acmeScores),
        averageScore: round(acmeScores.reduce((sum, value) => sum + value, 0) / 4),
        accountScore: round(top3.reduce((sum, value) => sum + value, 0) / 3),
      })
      expect(acme!.mqls + acme!.sqls).toBe(
        (await store.listLeads({ account: 'acme.io' })).items.filter((item) => item.score?.status !== 'lead').length,
      )
      expect(await store.getAccount('SOCIETE GENERALE')).toMatchObject({ key: 'societe generale', domain: null, leads: 2 })
      expect(await store.getAccount('nowhere.io')).toBeNull()

      const list = await store.listAccounts({})
      expect(list.total).toBe(2)
      expect(list.items.map((account) => account.key)).toEqual(['acme.io', 'societe generale'])
      expect((await store.listAccounts({ descending: false })).items[0]?.key).toBe('societe generale')
      expect((await store.listAccounts({ text: 'générale' })).items.map((account) => account.key)).toEqual(['societe generale'])
      expect((await store.listAccounts({ minScore: 1000 })).total).toBe(0)
      expect(await store.listAccounts({ offset: 10 })).toEqual({ items: [], total: 2 })
      expect((await store.listAccounts({ sort: 'leads', limit: 1, offset: 1 })).items[0]?.key).toBe('societe generale')
    })

    it('exports everything held about a lead, then erases it and nothing else', async () => {
      const store = await newStore()
      await store.upsertLeads([{ id: 'gone', email: 'gone@acme.io', attributes: { plan: 'pro' } }, { id: 'kept', email: 'kept@acme.io' }], model, NOW)
      await store.ingestEvents([pricingView('g1', 'gone', 1), pricingView('k1', 'kept', 1), event('g2', 'gone', 'demo_request', 0)], model, NOW)
      await store.ingestEvents([pricingView('g3', 'gone', 0)], model, NOW, { deferScoring: true })
      await store.recordOutcomes([{ leadId: 'gone', converted: true, at: NOW }, { leadId: 'kept', converted: false }], NOW)
      const kept = await store.exportLead('kept')

      const record = await store.exportLead('GONE@acme.io')
      expect(record).toMatchObject({
        lead: { id: 'gone', email: 'gone@acme.io', attributes: { plan: 'pro' } },
        outcome: { leadId: 'gone', converted: true, at: NOW },
        pendingRescore: true,
      })
      expect(record!.events.map((item) => item.id)).toEqual(['g1', 'g2', 'g3'])
      expect(record!.history).toEqual(await store.scoreHistory('gone', 1000))
      expect(record!.score).toEqual(await store.getScore('gone'))

      expect(await store.eraseLead('gone')).toBe(true)
      expect(await store.getLead('gone')).toBeNull()
      expect(await store.getLead('gone@acme.io')).toBeNull()
      expect(await store.getScore('gone')).toBeNull()
      expect(await store.listEvents('gone')).toEqual([])
      expect(await store.scoreHistory('gone')).toEqual([])
      expect(await store.getOutcome('gone')).toBeNull()
      expect(await store.exportLead('gone')).toBeNull()
      expect((await store.listLeads({})).items.map((item) => item.lead.id)).toEqual(['kept'])
      expect(await store.rescorePending(model, NOW)).toEqual({ leads: 0, changed: 0 })
      expect(await store.exportLead('kept')).toEqual(kept)
      expect(await store.eraseLead('gone')).toBe(false)

      // Nothing of the erased lead lingers: its event ids and email are free, and a new lead starts from zero.
      const again = await store.ingestEvents([{ ...pricingView('g1', 'gone', 0), leadId: undefined, email: 'gone@acme.io' }], model, NOW)
      expect(again[0]).toMatchObject({ status: 'stored', leadCreated: true })
      const reborn = await store.exportLead('gone@acme.io')
      expect(reborn!.events.map((item) => item.id)).toEqual(['g1'])
      expect(reborn!.lead.attributes).toEqual({})
      expect(reborn!.outcome).toBeNull()
    })
  })
}
