import { describe, expect, it } from 'vitest'
import { scoreLead } from '../../core/score-lead.js'
import type { Lead, LeadEvent } from '../../core/types.js'
import { parseModel, readTemplate } from '../index.js'

const NOW = Date.UTC(2026, 2, 1)
const DAY = 86_400_000

function model(name: string) {
  const result = parseModel(readTemplate(name))
  if (!result.ok) throw new Error(`${name} must parse`)
  return result.model
}

function event(type: string, daysAgo: number, properties: Record<string, unknown> = {}): LeadEvent {
  return { id: `${type}-${daysAgo}-${JSON.stringify(properties)}`, leadId: 'l', type, timestamp: NOW - daysAgo * DAY, properties }
}

describe('template points are realistic', () => {
  it('gives a strong B2B lead (executive, right company, demo and pricing views) 70 or more and an SQL', () => {
    const lead: Lead = {
      id: 'l', email: 'dana@acme-software.com', firstName: 'Dana', lastName: 'Reyes', phone: '+1 415 555 0100',
      jobTitle: 'CTO', seniority: 'c_level', country: 'US', industry: 'Software', companySize: 300,
      annualRevenue: 40_000_000, attributes: {}, createdAt: NOW - 20 * DAY,
    }
    const events = [
      event('demo_request', 1),
      event('page_view', 2, { url: 'https://acme.io/pricing' }),
      event('page_view', 3, { url: 'https://acme.io/pricing' }),
      event('page_view', 4, { url: 'https://acme.io/pricing' }),
    ]
    const score = scoreLead(lead, events, model('b2b-saas'), NOW)
    expect(score.score).toBeGreaterThanOrEqual(70)
    expect(score.grade).toBe('A')
    expect(score.spam).toBe(false)
    expect(score.status).toBe('sql')
  })

  it('keeps a student with a gmail address and two blog views below 25', () => {
    const lead: Lead = {
      id: 'l', email: 'sam.student@gmail.com', firstName: 'Sam', lastName: 'Lee', jobTitle: 'Student',
      country: 'US', attributes: {}, createdAt: NOW - 5 * DAY,
    }
    const events = [event('page_view', 1, { url: 'https://acme.io/blog/a' }), event('page_view', 2, { url: 'https://acme.io/blog/b' })]
    const score = scoreLead(lead, events, model('b2b-saas'), NOW)
    expect(score.score).toBeLessThan(25)
    expect(score.status).toBe('lead')
  })

  it('rates a repeat shopper with a fresh cart above a one-time visitor in ecommerce', () => {
    const shop = model('ecommerce')
    const lead: Lead = { id: 'l', email: 'kim@gmail.com', firstName: 'Kim', lastName: 'Park', country: 'DE', attributes: {}, createdAt: NOW - 200 * DAY }
    const shopper = scoreLead(lead, [
      event('purchase', 60), event('purchase', 10), event('cart_add', 1, { value: 120 }), event('checkout', 1),
      event('page_view', 1, { url: 'https://shop.io/product/1' }),
    ], shop, NOW)
    const visitor = scoreLead(lead, [event('page_view', 1, { url: 'https://shop.io/product/1' })], shop, NOW)
    expect(shopper.score).toBeGreaterThan(visitor.score + 30)
    expect(shopper.stage).toBe('action')
    expect(shopper.spam).toBe(false)
  })
})
