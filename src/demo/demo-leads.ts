// The hidden profile behind each synthetic lead (intent, fit, fate) that drives its events and outcome.
import type { EpochMs } from '../core/index.js'
import type { LeadInput } from '../store/index.js'
import { PERSONA_SHARES, describeLead, type LeadContext, type Persona } from './demo-personas.js'
import type { Random } from './random.js'

/** The hidden truth behind a synthetic lead, for tests and for judging a scoring model. */
export interface DemoProfile {
  leadId: string
  persona: Persona
  /** Buying intent, 0–1: how many events the lead produces and how far down the funnel it goes. */
  intent: number
  /** Match with the ideal customer profile (seniority and company), 0–1. */
  fit: number
  /** Whether the lead buys; visible as an outcome (for some leads) and as sales or commerce events. */
  converted: boolean
  /** Goes through a buying burst: pricing visits, a demo or trial, then sales. */
  inMarket: boolean
  /** First touch, which is also the lead's `createdAt`. */
  startAt: EpochMs
  /** No activity after this. */
  endAt: EpochMs
  /** Whether an outcome is recorded for the lead. */
  hasOutcome: boolean
  /** Deal size in USD when it buys. */
  dealValue: number
}

export const DAY_MS = 86_400_000
const PERSONA_WEIGHTS = Object.entries(PERSONA_SHARES) as [Persona, number][]
const SENIORITY_FIT: Readonly<Record<string, number>> = {
  executive: 1,
  director: 0.9,
  manager: 0.75,
  senior: 0.45,
  entry: 0.3,
}

/** The lead with number `index` (1-based) and its hidden profile. */
export function createDemoLead(context: LeadContext, index: number): { lead: LeadInput; profile: DemoProfile } {
  const { random } = context
  const leadId = `lead_${String(index).padStart(5, '0')}`
  const persona = random.weighted(PERSONA_WEIGHTS)
  const lead: LeadInput = { id: leadId, ...describeLead(context, persona, index) }
  const companyFit = lead.companySize === undefined ? 0 : isIdealCompany(lead) ? 1 : 0.4
  const fit = persona === 'spam' ? 0 : ((SENIORITY_FIT[lead.seniority ?? ''] ?? 0.1) + companyFit) / 2
  const intent = drawIntent(random, persona)
  const converted = random.chance(conversionChance(persona, intent, fit))
  const inMarket =
    converted ||
    persona === 'competitor' ||
    random.chance((persona === 'buyer' ? 0.9 : persona === 'practitioner' ? 0.5 : 0) * intent ** 1.5)
  const windowStart = context.now - context.days * DAY_MS
  const startAt = Math.floor(windowStart + random.next() * (context.now - windowStart))
  const hasOutcome = startAt < context.now - 30 * DAY_MS && random.chance(0.6)
  lead.createdAt = startAt
  const size = lead.companySize ?? 10
  return {
    lead,
    profile: {
      leadId,
      persona,
      intent,
      fit,
      converted,
      inMarket,
      startAt,
      endAt: drawEnd(random, persona, startAt, hasOutcome, context.now),
      hasOutcome,
      dealValue: Math.round((3000 + Math.min(size, 8000) * random.logUniform(8, 40)) / 100) * 100,
    },
  }
}

function isIdealCompany(lead: LeadInput): boolean {
  const size = lead.companySize ?? 0
  return size >= 50 && size <= 5000
}

function drawIntent(random: Random, persona: Persona): number {
  const u = random.next()
  switch (persona) {
    case 'buyer':
      return u ** 0.8
    case 'practitioner':
      return u ** 1.8
    case 'student':
      return 0.25 * u * u
    case 'competitor':
      return 0.3 + 0.4 * u
    case 'spam':
      return 0.05 * u
  }
}

/** Intent and fit drive buying; competitors and spam never buy. Calibrated for ~11 % overall. */
function conversionChance(persona: Persona, intent: number, fit: number): number {
  if (persona === 'buyer') return 0.02 + 0.6 * intent * intent * (0.4 + 0.6 * fit)
  if (persona === 'practitioner') return 0.01 + 0.3 * intent * intent * fit
  return persona === 'student' ? 0.003 : 0
}

function drawEnd(
  random: Random,
  persona: Persona,
  startAt: EpochMs,
  hasOutcome: boolean,
  now: EpochMs,
): EpochMs {
  if (persona === 'spam') return Math.min(now, startAt + 3_600_000)
  // A decided lead's story ends at least a day before now, so its outcome can come after it.
  if (hasOutcome) return Math.floor(startAt + (0.5 + 0.5 * random.next()) * (now - DAY_MS - startAt))
  return random.chance(0.7) ? now : Math.floor(startAt + random.next() * (now - startAt))
}
