// A hand-made lead set scored with both templates; docs/model-format.md shows the results, a test keeps them equal.
import type { Lead, LeadEvent } from '../../src/core/index.js'

export const NOW = Date.UTC(2026, 2, 1, 12)
const DAY = 86_400_000

export interface HandMadeLead {
  name: string
  template: 'b2b-saas' | 'ecommerce'
  lead: Lead
  events: LeadEvent[]
}

let sequence = 0
function event(type: string, daysAgo: number, properties: Record<string, unknown> = {}): LeadEvent {
  return { id: `hand-${++sequence}`, leadId: 'l', type, timestamp: NOW - daysAgo * DAY, properties }
}
function lead(fields: Partial<Lead>): Lead {
  return { id: 'l', attributes: {}, createdAt: NOW - 60 * DAY, ...fields }
}
const page = (daysAgo: number, path: string): LeadEvent => event('page_view', daysAgo, { url: `https://example.com${path}` })

export const HAND_MADE_LEADS: HandMadeLead[] = [
  {
    name: 'CTO, demo request and pricing visits',
    template: 'b2b-saas',
    lead: lead({ email: 'dana@acme-software.com', firstName: 'Dana', lastName: 'Reyes', phone: '+1 415 555 0100', jobTitle: 'CTO', seniority: 'executive', country: 'US', industry: 'Software', companySize: 300, annualRevenue: 40_000_000 }),
    events: [event('demo_request', 1), page(2, '/pricing'), page(3, '/pricing'), page(4, '/pricing'), event('email_open', 5)],
  },
  {
    name: 'Marketing manager reading and webinars',
    template: 'b2b-saas',
    lead: lead({ email: 'li@midcorp.com', firstName: 'Li', lastName: 'Chen', jobTitle: 'Marketing Manager', seniority: 'manager', country: 'GB', industry: 'Retail', companySize: 120 }),
    events: [page(3, '/blog/scoring'), page(9, '/blog/mql'), event('webinar', 12), event('email_click', 4), event('download', 20, { asset: 'whitepaper' })],
  },
  {
    name: 'Student on gmail, two blog posts',
    template: 'b2b-saas',
    lead: lead({ email: 'sam.student@gmail.com', firstName: 'Sam', lastName: 'Lee', jobTitle: 'Student', country: 'US' }),
    events: [page(1, '/blog/a'), page(2, '/blog/b')],
  },
  {
    name: 'Keyboard-mash spammer on a disposable address',
    template: 'b2b-saas',
    lead: lead({ email: 'asdf@mailinator.com', firstName: 'asdf', lastName: 'qwer', phone: '123', jobTitle: 'CEO', companySize: 500 }),
    events: [event('demo_request', 0)],
  },
  {
    name: 'Repeat shopper with a fresh cart',
    template: 'ecommerce',
    lead: lead({ email: 'kim@gmail.com', firstName: 'Kim', lastName: 'Park', country: 'DE', createdAt: NOW - 200 * DAY }),
    events: [event('purchase', 60, { value: 80 }), event('purchase', 10, { value: 45 }), event('cart_add', 1, { value: 120 }), event('checkout', 1), page(1, '/product/1')],
  },
  {
    name: 'Abandoned cart, then silence',
    template: 'ecommerce',
    lead: lead({ email: 'jo@outlook.com', firstName: 'Jo', lastName: 'Smith', country: 'ES', createdAt: NOW - 90 * DAY }),
    events: [page(45, '/product/7'), event('cart_add', 45, { value: 60 }), event('cart_abandon', 45, { value: 60 })],
  },
]
