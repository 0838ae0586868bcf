// The lead → MQL → SQL → customer funnel from each lead's current status and outcome.
import type { ScoredLead } from './scored-lead.js'

export const FUNNEL_STAGES = ['lead', 'mql', 'sql', 'customer'] as const
export type FunnelStage = (typeof FUNNEL_STAGES)[number]

export interface FunnelStep {
  stage: FunnelStage
  /** Leads that reached this stage or a later one. */
  leads: number
  /** `leads / previous step's leads`; null for the first step or after an empty step. */
  rateFromPrevious: number | null
}

/**
 * Counts leads that reached each stage. Stages are cumulative: an SQL has passed MQL, and a
 * converted lead (outcome `converted: true`) counts as a customer and as having passed every
 * earlier stage, whatever its current status. Only the current status is used, so a lead
 * disqualified back to `lead` counts only as a lead.
 *
 * @example funnel(leads).map((step) => step.leads) // [1000, 200, 80, 20]
 */
export function funnel(leads: readonly ScoredLead[]): FunnelStep[] {
  const counts = [0, 0, 0, 0]
  for (const lead of leads) {
    const reached = lead.outcome?.converted === true ? 3 : FUNNEL_STAGES.indexOf(lead.score.status)
    for (let index = 0; index <= reached; index += 1) counts[index]! += 1
  }
  return FUNNEL_STAGES.map((stage, index) => {
    const previous = index === 0 ? 0 : counts[index - 1]!
    return {
      stage,
      leads: counts[index]!,
      rateFromPrevious: previous > 0 ? counts[index]! / previous : null,
    }
  })
}
