import { describe, expect, it } from 'vitest'
import type { Lead, LeadEvent } from '../core/index.js'
import { leadFeatureRecords } from './lead-features.js'

const DAY = 86_400_000
const T0 = Date.UTC(2024, 4, 1)

const lead = (id: string, fields: Partial<Lead> = {}): Lead => ({ id, attributes: {}, createdAt: T0, ...fields })

let nextId = 0
const event = (leadId: string, type: string, at: number, properties: Record<string, unknown> = {}): LeadEvent => ({
  id: `e${++nextId}`,
  leadId,
  type,
  timestamp: at,
  properties,
})

describe('leadFeatureRecords', () => {
  const ana = lead('l1', {
    email: 'ana@acme.co.uk',
    firstName: 'Ana',
    lastName: 'Pérez',
    phone: '+1 555',
    owner: 'rep@us.io',
    companyName: 'Acme',
    companyDomain: 'acme.co.uk',
    jobTitle: 'VP Sales',
    companySize: 250,
    attributes: {
      plan: 'pro',
      seats: 12,
      beta: true,
      crm_id: 'x-1',
      contact_email: 'a@b.c',
      Manager_Name: 'Bo',
      mobile_phone: '555',
      address: { city: 'Paris' },
    },
  })
  const events = [
    event('l1', 'page_view', T0 + 1 * DAY, { url: 'https://acme.io/Pricing' }),
    event('l1', 'page_view', T0 + 1 * DAY + 3_600_000, { url: 'https://acme.io/blog' }),
    event('l1', 'page_view', T0 + 3 * DAY, { url: 'https://acme.io/pricing/enterprise' }),
    event('l1', 'checkout', T0 + 4 * DAY, { value: 99.5 }),
    event('l1', 'purchase', T0 + 10 * DAY, { value: 1000 }),
    event('l1', 'opportunity_won', T0 + 12 * DAY, { value: 5000 }),
  ]
  const byLead = new Map([['l1', events]])

  it('leaves out identifiers, emails and names but keeps the other fields and scalar attributes', () => {
    const [record] = leadFeatureRecords([ana], byLead)
    const names = Object.keys(record!)
    for (const excluded of ['id', 'email', 'first_name', 'last_name', 'phone', 'owner', 'company', 'company_domain']) {
      expect(names).not.toContain(excluded)
    }
    for (const excluded of ['crm_id', 'contact_email', 'Manager_Name', 'mobile_phone', 'address']) {
      expect(names).not.toContain(`attributes.${excluded}`)
    }
    const values = Object.values(record!)
    for (const secret of ['ana@acme.co.uk', 'Ana', 'Pérez', '+1 555', 'Acme', 'acme.co.uk', 'x-1', 'a@b.c', 'Bo']) {
      expect(values).not.toContain(secret)
    }
    expect(record).toMatchObject({
      job_title: 'VP Sales',
      company_size: 250,
      industry: null,
      'attributes.plan': 'pro',
      'attributes.seats': 12,
      'attributes.beta': 'true',
      email_domain_tld: 'uk',
    })
  })

  it('counts every event, per type, with days active, span, value and pricing views', () => {
    const [record] = leadFeatureRecords([ana], byLead)
    expect(record).toMatchObject({
      events_page_view: 3,
      events_checkout: 1,
      events_purchase: 1,
      events_opportunity_won: 1,
      events_demo_request: 0,
      events_total: 6,
      days_active: 5,
      span_days: 12 - 1,
      recency_days: 0,
      value_sum: 6099.5,
      pricing_views: 2,
      lead_age_days: 12,
    })
  })

  it('counts no event at or after the cutoff and measures recency and age from it', () => {
    const cutoff = new Map([['l1', T0 + 10 * DAY]])
    const [record] = leadFeatureRecords([ana], byLead, cutoff)
    expect(record).toMatchObject({
      events_purchase: 0,
      events_opportunity_won: 0,
      events_page_view: 3,
      events_total: 4,
      days_active: 3,
      span_days: 3,
      recency_days: 6,
      value_sum: 99.5,
      lead_age_days: 10,
    })
  })

  it('gives every lead the same event columns, zero or missing when it has no events', () => {
    const bo = lead('l2', { email: 'bo@gmail.com' })
    const custom = new Map([['l2', [event('l2', 'trial_extended', T0)]], ['l1', events]])
    const [first, second] = leadFeatureRecords([ana, bo], custom)
    expect(Object.keys(first!).sort()).toEqual(
      Object.keys(second!)
        .concat(['attributes.plan', 'attributes.seats', 'attributes.beta'])
        .sort(),
    )
    expect(first).toMatchObject({ events_trial_extended: 0 })
    expect(second).toMatchObject({ events_trial_extended: 1, events_page_view: 0, email_domain_tld: 'com' })
    const [empty] = leadFeatureRecords([lead('l3')], new Map())
    expect(empty).toMatchObject({
      events_total: 0,
      days_active: 0,
      recency_days: null,
      span_days: null,
      lead_age_days: null,
    })
  })
})
