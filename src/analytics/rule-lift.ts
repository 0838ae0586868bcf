// Rule lift: how much more often leads convert when a fit or engagement rule fired than not.
import { compareText } from './compare-text.js'
import { newcombeDifferenceInterval, rateOf, type Interval } from './proportion.js'
import type { ScoredLead } from './scored-lead.js'

export interface RuleLift {
  ruleId: string
  /** The rule's label as first seen in a contribution. */
  label: string
  /** Leads with an outcome on which the rule fired (a contribution with count > 0). */
  firedLeads: number
  firedConverted: number
  /** Null when the rule fired on no lead with an outcome. */
  firedRate: number | null
  notFiredLeads: number
  notFiredConverted: number
  notFiredRate: number | null
  /** `firedRate / notFiredRate`; null when either rate is null or `notFiredRate` is 0. */
  lift: number | null
  /** `firedRate - notFiredRate`; null when either rate is null. */
  difference: number | null
  /**
   * 95 % interval of `difference` by Newcombe's hybrid score method (two Wilson intervals,
   * Newcombe 1998 method 10); null when either group is empty.
   */
  ci: Interval | null
}

/**
 * Lift of every fit and engagement rule seen in the contributions of leads with an outcome,
 * highest lift first (null lift last, then by rule id). Leads without an outcome are ignored.
 *
 * @example ruleLift(leads)[0] // { ruleId: 'demo_request', lift: 2, ... }
 */
export function ruleLift(leads: readonly ScoredLead[]): RuleLift[] {
  const resolved = leads.filter((lead) => lead.outcome !== null)
  const totalConverted = resolved.filter(isConverted).length
  const labels = new Map<string, string>()
  const fired = new Map<string, { leads: number; converted: number }>()
  for (const lead of resolved) {
    const firedHere = new Set<string>()
    for (const contribution of lead.score.contributions) {
      if (contribution.kind !== 'fit' && contribution.kind !== 'engagement') continue
      if (!labels.has(contribution.ruleId)) labels.set(contribution.ruleId, contribution.label)
      if (contribution.count > 0) firedHere.add(contribution.ruleId)
    }
    for (const ruleId of firedHere) {
      const counts = fired.get(ruleId) ?? { leads: 0, converted: 0 }
      counts.leads += 1
      if (isConverted(lead)) counts.converted += 1
      fired.set(ruleId, counts)
    }
  }
  return [...labels.entries()]
    .map(([ruleId, label]) => {
      const counts = fired.get(ruleId) ?? { leads: 0, converted: 0 }
      return liftRow(ruleId, label, counts, {
        leads: resolved.length - counts.leads,
        converted: totalConverted - counts.converted,
      })
    })
    .sort(byLiftDescending)
}

function liftRow(
  ruleId: string,
  label: string,
  fired: { leads: number; converted: number },
  notFired: { leads: number; converted: number },
): RuleLift {
  const firedRate = rateOf(fired.converted, fired.leads)
  const notFiredRate = rateOf(notFired.converted, notFired.leads)
  const bothKnown = firedRate !== null && notFiredRate !== null
  return {
    ruleId,
    label,
    firedLeads: fired.leads,
    firedConverted: fired.converted,
    firedRate,
    notFiredLeads: notFired.leads,
    notFiredConverted: notFired.converted,
    notFiredRate,
    lift: bothKnown && notFiredRate > 0 ? firedRate / notFiredRate : null,
    difference: bothKnown ? firedRate - notFiredRate : null,
    ci: newcombeDifferenceInterval(
      fired.converted,
      fired.leads,
      notFired.converted,
      notFired.leads,
    ),
  }
}

function isConverted(lead: ScoredLead): boolean {
  return lead.outcome?.converted === true
}

function byLiftDescending(a: RuleLift, b: RuleLift): number {
  if (a.lift !== b.lift) {
    if (a.lift === null) return 1
    if (b.lift === null) return -1
    return b.lift - a.lift
  }
  return compareText(a.ruleId, b.ruleId)
}
