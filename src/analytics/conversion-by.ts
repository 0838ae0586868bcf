// Conversion rate by score decile, segment, grade, cell, status or stage, with Wilson intervals.
import { BUYING_STAGES, LEAD_STATUSES } from '../core/index.js'
import { compareText } from './compare-text.js'
import { rateOf, wilsonInterval, type Interval } from './proportion.js'
import type { ScoredLead } from './scored-lead.js'

export const CONVERSION_KEYS = ['decile', 'segment', 'grade', 'level', 'cell', 'status', 'stage'] as const
/** What to group leads by. */
export type ConversionKey = (typeof CONVERSION_KEYS)[number]

export interface ConversionRow {
  /**
   * Decile `'1'`–`'10'` (1 = top scores), or the segment, grade, level (`'1'`–`'4'`), cell, status or stage; null only
   * for leads in no segment.
   */
  group: string | null
  /** All leads in the group. */
  leads: number
  /** Leads in the group with a known outcome: the denominator of `rate`. */
  withOutcome: number
  converted: number
  /** `converted / withOutcome`; null when no lead has an outcome. */
  rate: number | null
  /** Wilson 95 % interval of `rate`; null when no lead has an outcome. */
  ci: Interval | null
}

/**
 * Conversion per group, ordered by decile, by the status and stage order, or by name (no
 * segment last). Deciles rank all leads (with or without an outcome) by score, highest first,
 * ties broken by lead id, so decile sizes differ by at most one.
 *
 * @example conversionBy(leads, 'decile')[0] // { group: '1', leads, converted, rate, ci, ... }
 */
export function conversionBy(leads: readonly ScoredLead[], key: ConversionKey): ConversionRow[] {
  const groupOf =
    key === 'decile' ? decileGroups(leads) : (lead: ScoredLead) => fieldGroup(lead, key)
  const groups = new Map<string | null, ScoredLead[]>()
  for (const lead of leads) {
    const group = groupOf(lead)
    const members = groups.get(group)
    if (members) members.push(lead)
    else groups.set(group, [lead])
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareGroups(key, a, b))
    .map(([group, members]) => conversionRow(group, members))
}

function conversionRow(group: string | null, members: readonly ScoredLead[]): ConversionRow {
  const withOutcome = members.filter((lead) => lead.outcome !== null)
  const converted = withOutcome.filter((lead) => lead.outcome?.converted === true).length
  return {
    group,
    leads: members.length,
    withOutcome: withOutcome.length,
    converted,
    rate: rateOf(converted, withOutcome.length),
    ci: wilsonInterval(converted, withOutcome.length),
  }
}

function decileGroups(leads: readonly ScoredLead[]): (lead: ScoredLead) => string {
  const ranked = [...leads].sort(
    (a, b) => b.score.score - a.score.score || compareText(a.leadId, b.leadId),
  )
  const decileByLead = new Map<ScoredLead, string>()
  ranked.forEach((lead, index) => {
    decileByLead.set(lead, String(Math.floor((index * 10) / ranked.length) + 1))
  })
  return (lead) => decileByLead.get(lead)!
}

function fieldGroup(lead: ScoredLead, key: Exclude<ConversionKey, 'decile'>): string | null {
  const value = lead.score[key]
  return value === null ? null : String(value)
}

const ORDERS: Partial<Record<ConversionKey, readonly string[]>> = {
  status: LEAD_STATUSES,
  stage: BUYING_STAGES,
}

function compareGroups(key: ConversionKey, a: string | null, b: string | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0)
  if (key === 'decile') return Number(a) - Number(b)
  const order = ORDERS[key]
  if (order) return order.indexOf(a) - order.indexOf(b)
  return compareText(a, b)
}
