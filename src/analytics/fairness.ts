// Fairness report: score distribution, MQL rate and conversion per group of one attribute, with the four-fifths rule.
import { compareText } from './compare-text.js'
import { rateOf, wilsonInterval, type Interval } from './proportion.js'
import { quantile } from './score-distribution.js'

/** One lead as the fairness report reads it. */
export interface FairnessLead {
  /** The lead's value of the chosen attribute, as text; null when missing. */
  group: string | null
  score: number
  /** Whether the lead is qualified (MQL or SQL) now. */
  qualified: boolean
  /** Whether it converted; null while unknown. */
  converted: boolean | null
}

/** Options for {@link fairnessReport}. */
export interface FairnessOptions {
  /** Most groups listed; the smallest beyond it are pooled into `OTHER_GROUP`. Default: 20. */
  maxGroups?: number
  /** Fewest leads a group needs to take part in the four-fifths comparison. Default: 20. */
  minGroupSize?: number
}

/** The group that pools the values beyond `maxGroups`. */
export const OTHER_GROUP = '__other__'
/** A group's MQL rate below this share of the highest rate is flagged (the "four-fifths rule"). */
export const FOUR_FIFTHS = 0.8

export interface FairnessGroup {
  /** The attribute value; null for leads without one; `__other__` for pooled values. */
  group: string | null
  leads: number
  scoreMean: number
  scoreQ1: number
  scoreMedian: number
  scoreQ3: number
  /** Leads that are MQL or SQL. */
  qualified: number
  qualifiedRate: number
  /** Wilson 95 % interval of `qualifiedRate`. */
  qualifiedCi: Interval
  /** Leads with a known outcome, and how many of them converted. */
  withOutcome: number
  converted: number
  /** Null when no lead of the group has an outcome. */
  conversionRate: number | null
  conversionCi: Interval | null
  /**
   * `qualifiedRate` ÷ the highest `qualifiedRate` among the groups with a value and at least `minGroupSize`
   * leads; null for smaller groups, for leads without a value, or when no compared group qualifies anyone.
   */
  ratioToHighest: number | null
  /** True when `ratioToHighest` is below 0.8: the group is qualified much less often than the best-treated one. */
  belowFourFifths: boolean
}

export interface FairnessReport {
  leads: number
  groups: FairnessGroup[]
  /** The group with the highest MQL rate among those compared; null when none is compared. */
  reference: string | null
  /** Groups flagged by the four-fifths rule. */
  flagged: (string | null)[]
}

/**
 * Compares groups of leads: score quartiles, the share qualified as MQL/SQL and the conversion rate with
 * Wilson intervals, and each group's qualification rate relative to the highest (a ratio below 0.8 is the
 * classic "four-fifths" sign of adverse impact). Leads without a value are shown but not compared. Groups
 * are ordered by size, then name; missing last.
 *
 * @example fairnessReport(leads).flagged // ['female'] when that group is qualified at < 80 % of the top rate
 */
export function fairnessReport(leads: readonly FairnessLead[], options: FairnessOptions = {}): FairnessReport {
  const maxGroups = options.maxGroups ?? 20
  const minGroupSize = options.minGroupSize ?? 20
  const groups = poolSmallGroups(groupLeads(leads), maxGroups).map(([group, members]) => summariseGroup(group, members))
  const compared = groups.filter((group) => group.group !== null && group.leads >= minGroupSize)
  const highest = compared.reduce<FairnessGroup | null>(
    (best, group) => (best === null || group.qualifiedRate > best.qualifiedRate ? group : best),
    null,
  )
  const top = highest !== null && highest.qualifiedRate > 0 ? highest : null
  for (const group of compared) {
    if (top === null) continue
    group.ratioToHighest = group.qualifiedRate / top.qualifiedRate
    group.belowFourFifths = group.ratioToHighest < FOUR_FIFTHS
  }
  return {
    leads: leads.length,
    groups,
    reference: top?.group ?? null,
    flagged: groups.filter((group) => group.belowFourFifths).map((group) => group.group),
  }
}

function groupLeads(leads: readonly FairnessLead[]): [string | null, FairnessLead[]][] {
  const byGroup = new Map<string | null, FairnessLead[]>()
  for (const lead of leads) {
    const members = byGroup.get(lead.group)
    if (members) members.push(lead)
    else byGroup.set(lead.group, [lead])
  }
  return [...byGroup.entries()].sort(([a, left], [b, right]) => {
    if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0)
    return right.length - left.length || compareText(a, b)
  })
}

/** Keeps the `maxGroups` largest named groups and pools the rest; the missing group stays on its own. */
function poolSmallGroups(groups: [string | null, FairnessLead[]][], maxGroups: number): [string | null, FairnessLead[]][] {
  const named = groups.filter(([group]) => group !== null)
  const missing = groups.filter(([group]) => group === null)
  if (named.length <= maxGroups) return groups
  const kept = named.slice(0, Math.max(0, maxGroups - 1))
  const pooled = named.slice(kept.length).flatMap(([, members]) => members)
  return [...kept, [OTHER_GROUP, pooled], ...missing]
}

function summariseGroup(group: string | null, members: readonly FairnessLead[]): FairnessGroup {
  const scores = members.map((lead) => lead.score).sort((a, b) => a - b)
  const qualified = members.filter((lead) => lead.qualified).length
  const withOutcome = members.filter((lead) => lead.converted !== null)
  const converted = withOutcome.filter((lead) => lead.converted === true).length
  return {
    group,
    leads: members.length,
    scoreMean: scores.reduce((sum, score) => sum + score, 0) / scores.length,
    scoreQ1: quantile(scores, 0.25)!,
    scoreMedian: quantile(scores, 0.5)!,
    scoreQ3: quantile(scores, 0.75)!,
    qualified,
    qualifiedRate: qualified / members.length,
    qualifiedCi: wilsonInterval(qualified, members.length)!,
    withOutcome: withOutcome.length,
    converted,
    conversionRate: rateOf(converted, withOutcome.length),
    conversionCi: wilsonInterval(converted, withOutcome.length),
    ratioToHighest: null,
    belowFourFifths: false,
  }
}
