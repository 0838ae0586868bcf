// What one marketing touch looks like: the page, campaign, asset or channel an event carries.
import type { DemoProfile } from './demo-leads.js'
import type { Random } from './random.js'

export const SITE = 'https://example-saas.com'

const PAGES = {
  home: ['/'],
  blog: [
    '/blog/what-is-lead-scoring',
    '/blog/mql-vs-sql',
    '/blog/predictive-lead-scoring-explained',
    '/blog/b2b-marketing-trends',
    '/blog/sales-and-marketing-alignment',
    '/blog/email-nurture-best-practices',
    '/blog/intent-data-101',
    '/blog/how-we-built-our-scoring-engine',
  ],
  product: ['/product', '/product/features', '/product/integrations', '/product/predictive-scoring'],
  pricing: ['/pricing', '/pricing?plan=enterprise', '/pricing/compare'],
  docs: ['/docs/getting-started', '/docs/api', '/docs/model-format', '/docs/integrations/salesforce'],
  careers: ['/careers', '/careers/jobs/software-engineer', '/careers/internships'],
  customers: ['/customers', '/customers/case-studies/northwind', '/customers/case-studies/globex'],
  about: ['/about', '/contact'],
} as const
export type PageKind = keyof typeof PAGES

const CAMPAIGNS = [
  'monthly-newsletter',
  'product-update',
  'webinar-invite',
  'nurture-scoring-101',
  'case-study-digest',
]
const ASSETS = [
  ['whitepaper', 'The State of Lead Scoring'],
  ['whitepaper', 'Predictive Scoring Without a Data Team'],
  ['case_study', 'How Northwind Doubled Its SQL Rate'],
  ['case_study', 'Globex: From MQL Chaos to Pipeline'],
  ['ebook', 'The B2B Funnel Playbook'],
] as const
const WEBINARS = [
  'Scoring Models That Sales Trusts',
  'Live Demo: leadscore in 30 Minutes',
  'Fixing Your MQL Definition',
]
const CUSTOM_EVENT_NAMES = ['chat_started', 'product_tour_completed', 'roi_calculator_used', 'nps_submitted']
const REFERRERS = ['https://www.google.com/', 'https://www.linkedin.com/', 'https://news.ycombinator.com/', '']

/** The pages a lead tends to read, weighted by who it is: students read careers, buyers pricing. */
export function pageWeights(profile: DemoProfile): [PageKind, number][] {
  const { intent, persona } = profile
  return [
    ['home', 1.5],
    ['blog', 8 - 6 * intent],
    ['product', 1 + 3 * intent],
    ['pricing', persona === 'competitor' ? 3 : 0.15 + 1.5 * intent],
    ['docs', persona === 'competitor' ? 4 : 0.4 + 1.5 * intent],
    ['careers', persona === 'student' ? 5 : 0.15],
    ['customers', 0.4 + intent],
    ['about', 0.5],
  ]
}

export function pageView(random: Random, kind: PageKind): Record<string, unknown> {
  const properties: Record<string, unknown> = { url: SITE + random.pick(PAGES[kind]) }
  const referrer = random.pick(REFERRERS)
  if (referrer !== '') properties.referrer = referrer
  return properties
}

export function emailTouch(random: Random, withUrl: boolean): Record<string, unknown> {
  const campaign = random.pick(CAMPAIGNS)
  return withUrl
    ? { campaign, url: `${SITE}${random.pick(PAGES.blog)}?utm_source=email&utm_campaign=${campaign}` }
    : { campaign }
}

export function socialTouch(random: Random): Record<string, unknown> {
  return {
    channel: random.weighted([['linkedin', 6], ['twitter', 3], ['youtube', 1], ['facebook', 1]] as const),
    post_id: `post_${random.int(1000, 9999)}`,
  }
}

export function downloadTouch(random: Random): Record<string, unknown> {
  const [asset, title] = random.pick(ASSETS)
  return { asset, title, url: `${SITE}/resources/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` }
}

export function webinarTouch(random: Random): Record<string, unknown> {
  const attended = random.chance(0.6)
  return { title: random.pick(WEBINARS), attended, duration_minutes: attended ? random.int(10, 60) : 0 }
}

export function formTouch(random: Random, form?: string): Record<string, unknown> {
  const name = form ?? random.pick(['newsletter', 'gated-content', 'event-registration', 'contact'])
  return { form: name, url: `${SITE}/forms/${name}` }
}

export function customTouch(random: Random): Record<string, unknown> {
  return { name: random.pick(CUSTOM_EVENT_NAMES) }
}
