// One lead's event stream: background touches spread over its life, plus a buying burst when in market.
import { DAY_MS, type DemoProfile } from './demo-leads.js'
import {
  SITE,
  customTouch,
  downloadTouch,
  emailTouch,
  formTouch,
  pageView,
  pageWeights,
  socialTouch,
  webinarTouch,
  type PageKind,
} from './demo-touches.js'
import type { Random } from './random.js'
import type { EventInput } from '../store/index.js'

/** An event whose id is still empty: ids follow the final order. */
export type DraftEvent = EventInput & { leadId: string }

interface Step {
  type: string
  /** Time since the previous step. */
  gapMs: number
  properties: Record<string, unknown>
}

type AddStep = (type: string, gapMs: number, properties: Record<string, unknown>) => void

function stepList(): { steps: Step[]; add: AddStep } {
  const steps: Step[] = []
  return { steps, add: (type, gapMs, properties) => steps.push({ type, gapMs, properties }) }
}

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000

/** Exactly `count` events for the lead, between its start and end, in time order. */
export function createLeadEvents(random: Random, profile: DemoProfile, count: number): DraftEvent[] {
  const steps =
    profile.persona === 'spam' ? junkSteps(random) : profile.inMarket ? buyingSteps(random, profile) : []
  // Short of budget, the early research goes first: the decision and its consequences stay.
  const burst = steps.slice(Math.max(0, steps.length - count))
  const events: DraftEvent[] = []
  const touch = backgroundTouches(profile)
  const backgroundCount = count - burst.length
  let sessionAt = profile.startAt
  for (let i = 0; i < backgroundCount; i++) {
    if (i > 0) {
      sessionAt = random.chance(0.4)
        ? Math.min(profile.endAt, sessionAt + Math.floor(random.exponential(3 * MINUTE_MS)))
        : Math.floor(profile.startAt + random.next() * (profile.endAt - profile.startAt))
    }
    // The first touch is the form that made the lead known.
    const [type, properties] = i === 0 ? ['form_submit', formTouch(random)] : touch(random)
    events.push({ id: '', leadId: profile.leadId, type, timestamp: sessionAt, properties })
  }
  placeBurst(random, profile, burst, backgroundCount === 0, events)
  return events.sort((a, b) => a.timestamp - b.timestamp)
}

/**
 * Shifts the burst into the later part of the lead's life (to its start when the lead has nothing
 * else), compressed when it does not fit. The first step's own gap does not count.
 */
function placeBurst(
  random: Random,
  profile: DemoProfile,
  burst: Step[],
  isAlone: boolean,
  into: DraftEvent[],
): void {
  const span = profile.endAt - profile.startAt
  const duration = burst.reduce((sum, step, index) => (index === 0 ? 0 : sum + step.gapMs), 0)
  const scale = duration > 0.9 * span ? (0.9 * span) / duration : 1
  const earliest = profile.startAt + 0.3 * span
  const latest = profile.endAt - duration * scale
  let at = isAlone || latest <= earliest ? profile.startAt : earliest + random.next() * (latest - earliest)
  burst.forEach((step, index) => {
    if (index > 0) at += step.gapMs * scale
    const { type, properties } = step
    into.push({ id: '', leadId: profile.leadId, type, timestamp: Math.floor(at), properties })
  })
}

/** Everyday touches, weighted by who the lead is: readers open mail, buyers download and attend. */
function backgroundTouches(profile: DemoProfile): (random: Random) => [string, Record<string, unknown>] {
  const { intent, persona } = profile
  const isBusiness = persona === 'buyer' || persona === 'practitioner'
  const types = [
    ['page_view', 40],
    ['email_open', (persona === 'student' ? 6 : 12) + 14 * (1 - intent)],
    ['email_click', 3 + 8 * intent],
    ['email_bounce', 0.25],
    ['unsubscribe', 0.3 + 0.6 * (1 - intent)],
    ['social_like', 3],
    ['social_follow', 1],
    ['social_share', 1 + intent],
    ['social_comment', 0.5 + intent],
    ['social_mention', 0.3],
    ['download', 1.5 + 4 * intent],
    ['webinar', 0.5 + 3 * intent],
    ['form_submit', 1.5],
    ['call', isBusiness ? 0.8 * profile.fit : 0],
    ['custom', 0.8],
  ] as const
  const pages = pageWeights(profile)
  return (random) => touchOf(random, random.weighted(types), pages)
}

function touchOf(
  random: Random,
  type: string,
  pages: readonly (readonly [PageKind, number])[],
): [string, Record<string, unknown>] {
  switch (type) {
    case 'page_view':
      return [type, pageView(random, random.weighted(pages))]
    case 'email_open':
    case 'email_bounce':
    case 'unsubscribe':
      return [type, emailTouch(random, false)]
    case 'email_click':
      return [type, emailTouch(random, true)]
    case 'download':
      return [type, downloadTouch(random)]
    case 'webinar':
      return [type, webinarTouch(random)]
    case 'form_submit':
      return [type, formTouch(random)]
    case 'call':
      // A cold call from a sales rep: mostly unanswered.
      return [type, { duration_seconds: random.int(0, 60), direction: 'outbound', outcome: 'no_answer' }]
    case 'custom':
      return [type, customTouch(random)]
    default:
      return [type, socialTouch(random)]
  }
}

/** Pricing and product research in a few sessions, then a demo (sales-led) or a trial (self-serve). */
function buyingSteps(random: Random, profile: DemoProfile): Step[] {
  const { steps, add } = stepList()
  const signup = { plan: 'trial', url: `${SITE}/signup` }
  const views = random.int(3, 8)
  for (let i = 0; i < views; i++) {
    const isNewSession = random.chance(0.35)
    const gapMs = i === 0 ? 0 : random.exponential(isNewSession ? DAY_MS : 4 * MINUTE_MS)
    const page = i % 2 === 0 ? 'pricing' : random.pick(['product', 'customers', 'docs', 'pricing'] as const)
    add('page_view', gapMs, pageView(random, page))
  }
  if (profile.persona === 'competitor') {
    for (let i = random.int(1, 4); i > 0; i--) {
      add('page_view', random.exponential(DAY_MS), pageView(random, 'docs'))
    }
    if (random.chance(0.3)) add('trial_signup', random.exponential(HOUR_MS), signup)
    return steps
  }
  if (random.chance(0.5)) add('email_click', random.exponential(12 * HOUR_MS), emailTouch(random, true))
  if (random.chance(0.3)) {
    add('trial_signup', random.exponential(30 * MINUTE_MS), signup)
    for (let i = random.int(1, 3); i > 0; i--) {
      add('page_view', random.exponential(DAY_MS), pageView(random, 'docs'))
    }
    if (profile.converted || random.chance(0.5)) addCheckout(random, profile, add)
    return steps
  }
  const requestGapMs = random.exponential(20 * MINUTE_MS)
  if (random.chance(0.8)) add('demo_request', requestGapMs, { form: 'demo', url: `${SITE}/demo` })
  else add('form_submit', requestGapMs, formTouch(random, 'contact-sales'))
  add('call', random.exponential(DAY_MS), salesCall(random))
  if (!profile.converted && !random.chance(0.5 + 0.4 * profile.intent)) return steps
  add('appointment', random.exponential(DAY_MS), { kind: 'demo' })
  add('meeting', random.exponential(3 * DAY_MS), { kind: 'demo', duration_minutes: random.int(30, 60) })
  for (let i = random.int(0, 2); i > 0; i--) add('call', random.exponential(2 * DAY_MS), salesCall(random))
  if (!profile.converted && !random.chance(0.4 * profile.intent)) return steps
  const deal = { value: profile.dealValue, currency: 'USD' }
  add('proposal_sent', random.exponential(4 * DAY_MS), deal)
  if (profile.converted && random.chance(0.7)) add('opportunity_won', random.exponential(10 * DAY_MS), { ...deal })
  if (!profile.converted && random.chance(0.6)) {
    const reason = random.pick(['budget', 'timing', 'competitor', 'no_decision'])
    add('opportunity_lost', random.exponential(14 * DAY_MS), { ...deal, reason })
  }
  return steps
}

function addCheckout(random: Random, profile: DemoProfile, add: AddStep): void {
  const plan = random.pick([['starter', 49], ['team', 199], ['business', 499]] as const)
  const cart = { value: plan[1] * 12, currency: 'USD', plan: plan[0] }
  add('cart_add', random.exponential(3 * DAY_MS), cart)
  if (!profile.converted) {
    add('cart_abandon', random.exponential(30 * MINUTE_MS), { ...cart })
    return
  }
  add('checkout', random.exponential(10 * MINUTE_MS), { ...cart })
  add('purchase', random.exponential(2 * MINUTE_MS), { ...cart, order_id: `ord_${random.int(100000, 999999)}` })
}

function salesCall(random: Random): Record<string, unknown> {
  return { duration_seconds: random.int(120, 1800), direction: random.chance(0.8) ? 'outbound' : 'inbound' }
}

/** A bot or a prankster: the same form a few times within minutes, and mail that bounces. */
function junkSteps(random: Random): Step[] {
  const { steps, add } = stepList()
  add('form_submit', 0, { ...formTouch(random, 'contact'), message: 'asdf' })
  if (random.chance(0.7)) add('email_bounce', random.exponential(5 * MINUTE_MS), { campaign: 'welcome' })
  for (let i = random.int(0, 3); i > 0; i--) {
    add('form_submit', random.exponential(MINUTE_MS), formTouch(random, 'contact'))
  }
  return steps
}
