import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EVENT_TYPES } from '../core/index.js'
import { DISPOSABLE_DOMAINS, FREE_MAIL_DOMAINS, TARGET_COUNTRIES, TARGET_INDUSTRIES } from './demo-pools.js'
import { generateDemoData, type GeneratedDemoData } from './generate-demo-data.js'
import type { DemoProfile } from './demo-leads.js'

const DAY_MS = 86_400_000
const NOW = Date.UTC(2025, 5, 1)
const data = generateDemoData({ seed: 42, leads: 3000, now: NOW })

const urlOf = (event: { properties: Record<string, unknown> }): string =>
  typeof event.properties.url === 'string' ? event.properties.url : ''
const DECISION_TYPES = new Set(['demo_request', 'trial_signup', 'call', 'meeting', 'appointment', 'proposal_sent'])
const isDecision = (event: { type: string; properties: Record<string, unknown> }): boolean =>
  DECISION_TYPES.has(event.type) || (event.type === 'page_view' && urlOf(event).includes('/pricing'))

function eventsByLead(generated: GeneratedDemoData): Map<string, GeneratedDemoData['events']> {
  const byLead = new Map<string, GeneratedDemoData['events']>()
  for (const event of generated.events) {
    const list = byLead.get(event.leadId!) ?? []
    list.push(event)
    byLead.set(event.leadId!, list)
  }
  return byLead
}
const byLead = eventsByLead(data)

function meanDecisionEvents(profiles: readonly DemoProfile[]): number {
  const total = profiles.reduce((sum, profile) => sum + (byLead.get(profile.leadId) ?? []).filter(isDecision).length, 0)
  return total / profiles.length
}

describe('generateDemoData', () => {
  it('gives identical output for the same seed and different output for another', () => {
    const options = { leads: 200, now: NOW, days: 60 }
    const first = generateDemoData({ seed: 5, ...options })
    expect(generateDemoData({ seed: 5, ...options })).toEqual(first)
    const other = generateDemoData({ seed: 6, ...options })
    expect(other.leads.map((lead) => lead.email)).not.toEqual(first.leads.map((lead) => lead.email))
    expect(other.events[0]!.id).toBe('evt_6_1')
  })

  it('makes the requested leads and exactly leads × eventsPerLead events, all inside the period', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 120 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (seed, leads, days, eventsPerLead) => {
          const generated = generateDemoData({ seed, leads, days, now: NOW, eventsPerLead })
          expect(generated.leads.map((lead) => lead.id)).toEqual(
            Array.from({ length: leads }, (_, index) => `lead_${String(index + 1).padStart(5, '0')}`),
          )
          expect(generated.events).toHaveLength(Math.round(leads * eventsPerLead))
          const start = NOW - days * DAY_MS
          for (const event of generated.events) {
            expect(event.timestamp >= start && event.timestamp <= NOW && Number.isInteger(event.timestamp)).toBe(true)
          }
          for (const lead of generated.leads) expect(lead.createdAt! >= start && lead.createdAt! <= NOW).toBe(true)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('gives every event a unique id evt_<seed>_<n> and a lead that exists, created no later than the event', () => {
    const ids = new Set(data.events.map((event) => event.id))
    expect(ids.size).toBe(data.events.length)
    expect(data.events.every((event, index) => event.id === `evt_42_${index + 1}`)).toBe(true)
    const createdAt = new Map(data.leads.map((lead) => [lead.id!, lead.createdAt!]))
    const orphans = data.events.filter((event) => !createdAt.has(event.leadId!))
    expect(orphans).toEqual([])
    const early = data.events.filter((event) => event.timestamp < createdAt.get(event.leadId!)!)
    expect(early).toEqual([])
  })

  it('uses every built-in event type, so every family appears', () => {
    const types = new Set(data.events.map((event) => event.type))
    expect(EVENT_TYPES.filter((type) => !types.has(type))).toEqual([])
    const social = data.events.filter((event) => event.type.startsWith('social_'))
    expect(social.every((event) => typeof event.properties.channel === 'string')).toBe(true)
    const calls = data.events.filter((event) => event.type === 'call')
    expect(calls.every((event) => typeof event.properties.duration_seconds === 'number')).toBe(true)
    const proposals = data.events.filter((event) => event.type === 'proposal_sent')
    expect(proposals.every((event) => typeof event.properties.value === 'number')).toBe(true)
    const views = data.events.filter((event) => event.type === 'page_view')
    expect(views.every((event) => urlOf(event).startsWith('https://example-saas.com/'))).toBe(true)
  })

  it('keeps the events in time order but for a few late ones', () => {
    let inversions = 0
    for (let i = 1; i < data.events.length; i++) if (data.events[i]!.timestamp < data.events[i - 1]!.timestamp) inversions++
    expect(inversions).toBeGreaterThan(0)
    expect(inversions / data.events.length).toBeLessThan(0.02)
  })

  it('makes about 4 % junk leads, each with a junk sign, and no disposable address among the others', () => {
    const spam = data.profiles.filter((profile) => profile.persona === 'spam')
    expect(spam.length / data.leads.length).toBeGreaterThan(0.025)
    expect(spam.length / data.leads.length).toBeLessThan(0.055)
    const domainOf = (email: string | undefined) => email?.split('@')[1]
    data.leads.forEach((lead, index) => {
      const isDisposable = (DISPOSABLE_DOMAINS as readonly string[]).includes(domainOf(lead.email) ?? '')
      const isMalformed = !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(lead.email ?? '')
      if (data.profiles[index]!.persona === 'spam') expect(isDisposable || isMalformed).toBe(true)
      else expect(isDisposable || isMalformed).toBe(false)
    })
  })

  it('gives buyers corporate email at a target company and students free mail', () => {
    const personaOf = (lead: (typeof data.leads)[number]) => data.profiles[data.leads.indexOf(lead)]!.persona
    const buyers = data.leads.filter((lead) => personaOf(lead) === 'buyer')
    const students = data.leads.filter((lead) => personaOf(lead) === 'student')
    expect(buyers.length).toBeGreaterThan(0)
    expect(students.length).toBeGreaterThan(0)
    const badBuyers = buyers.filter(
      (lead) =>
        !lead.email!.endsWith(`@${lead.companyDomain}`) ||
        !['executive', 'director', 'manager'].includes(lead.seniority!) ||
        !(lead.companySize! >= 50 && lead.companySize! <= 5000) ||
        !(TARGET_INDUSTRIES as readonly string[]).includes(lead.industry!) ||
        !(TARGET_COUNTRIES as readonly string[]).includes(lead.country!),
    )
    expect(badBuyers).toEqual([])
    const badStudents = students.filter(
      (lead) => !(FREE_MAIL_DOMAINS as readonly string[]).includes(lead.email!.split('@')[1]!),
    )
    expect(badStudents).toEqual([])
    const emails = data.leads.map((lead) => lead.email)
    expect(new Set(emails).size).toBe(emails.length)
  })

  it('records outcomes for about 60 % of leads older than 30 days, converting 8–15 %, never spam', () => {
    const older = data.leads.filter((lead) => lead.createdAt! < NOW - 30 * DAY_MS)
    expect(data.outcomes.length / older.length).toBeGreaterThan(0.5)
    expect(data.outcomes.length / older.length).toBeLessThan(0.7)
    const olderIds = new Set(older.map((lead) => lead.id))
    expect(data.outcomes.every((outcome) => olderIds.has(outcome.leadId))).toBe(true)
    const rate = data.outcomes.filter((outcome) => outcome.converted).length / data.outcomes.length
    expect(rate).toBeGreaterThan(0.08)
    expect(rate).toBeLessThan(0.15)
    const spamIds = new Set(data.profiles.filter((p) => p.persona === 'spam').map((p) => p.leadId))
    expect(data.outcomes.some((outcome) => outcome.converted && spamIds.has(outcome.leadId))).toBe(false)
  })

  it('dates each outcome after the lead’s last event and no later than now', () => {
    for (const outcome of data.outcomes) {
      const last = Math.max(...(byLead.get(outcome.leadId) ?? []).map((event) => event.timestamp))
      expect(outcome.at!).toBeGreaterThan(last)
      expect(outcome.at!).toBeLessThanOrEqual(NOW)
    }
  })

  it('gives high-intent leads several times the decision-stage events of low-intent ones', () => {
    const byIntent = [...data.profiles].sort((a, b) => a.intent - b.intent)
    const quarter = Math.floor(byIntent.length / 4)
    const low = meanDecisionEvents(byIntent.slice(0, quarter))
    const high = meanDecisionEvents(byIntent.slice(-quarter))
    expect(high).toBeGreaterThan(3 * low)
  })

  it('gives converted leads more decision-stage events than the others, so outcomes are learnable', () => {
    const outcomeOf = new Map(data.outcomes.map((outcome) => [outcome.leadId, outcome.converted]))
    const decided = data.profiles.filter((profile) => outcomeOf.has(profile.leadId))
    const converted = meanDecisionEvents(decided.filter((profile) => outcomeOf.get(profile.leadId)))
    const lost = meanDecisionEvents(decided.filter((profile) => !outcomeOf.get(profile.leadId)))
    expect(converted).toBeGreaterThan(2 * lost)
  })

  it('puts demo requests after pricing research and before the sales meetings', () => {
    let withDemo = 0
    let researchedFirst = 0
    for (const events of byLead.values()) {
      const demo = events.find((event) => event.type === 'demo_request')
      if (demo === undefined) continue
      withDemo++
      const pricingBefore = events.some(
        (event) => event.timestamp <= demo.timestamp && urlOf(event).includes('/pricing'),
      )
      if (pricingBefore) researchedFirst++
      for (const meeting of events.filter((event) => event.type === 'meeting')) {
        expect(meeting.timestamp).toBeGreaterThanOrEqual(demo.timestamp)
      }
    }
    expect(withDemo).toBeGreaterThan(50)
    expect(researchedFirst / withDemo).toBeGreaterThan(0.8)
  })

  it('lets low-intent leads mostly read the blog and open emails', () => {
    const readingShare = (keep: (profile: DemoProfile) => boolean) => {
      const ids = new Set(data.profiles.filter(keep).map((profile) => profile.leadId))
      const events = data.events.filter((event) => ids.has(event.leadId!))
      const reading = events.filter(
        (event) => event.type === 'email_open' || urlOf(event).includes('/blog/'),
      )
      return { reading: reading.length / events.length, decision: events.filter(isDecision).length / events.length }
    }
    const low = readingShare((profile) => profile.intent < 0.1)
    const high = readingShare((profile) => profile.intent > 0.7)
    expect(low.reading).toBeGreaterThan(0.35)
    expect(low.reading).toBeGreaterThan(1.3 * high.reading)
    expect(low.decision).toBeLessThan(0.05)
  })
})
