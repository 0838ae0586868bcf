// Median time in stage along the funnel: lead → MQL → SQL → customer, from when each lead reached each stage.
import type { EpochMs } from '../core/index.js'
import type { FunnelStage } from './funnel.js'
import { quantile } from './score-distribution.js'

const DAY_MS = 86_400_000

/** When one lead reached each stage; null when it has not (or the time is unknown). */
export interface StageTimestamps {
  /** When the lead was created. NaN or null when unknown. */
  createdAt: EpochMs | null
  /** When it first became an MQL (or went straight to SQL). */
  mqlAt: EpochMs | null
  /** When it first became an SQL. */
  sqlAt: EpochMs | null
  /** When it converted (the outcome's date); null when it has not or the date is unknown. */
  convertedAt: EpochMs | null
}

/** Time spent before reaching `stage`, i.e. in the stage before it. */
export interface StageTime {
  stage: Exclude<FunnelStage, 'lead'>
  /** Leads for which both ends of the step are known. */
  leads: number
  /** Median days from the previous stage to this one; null when no lead has both times. */
  medianDays: number | null
}

const STEPS = [
  { stage: 'mql', from: 'createdAt', to: 'mqlAt' },
  { stage: 'sql', from: 'mqlAt', to: 'sqlAt' },
  { stage: 'customer', from: 'sqlAt', to: 'convertedAt' },
] as const

/**
 * Median days of each funnel step over the leads that have both of its times. A later stage stamped
 * before the earlier one (a conversion recorded before the engine saw the SQL, a lead created after its
 * first event) counts as 0 days. A lead fast-tracked to SQL spends 0 days as an MQL.
 *
 * @example stageTimes(leads) // [{ stage: 'mql', leads: 120, medianDays: 9.5 }, { stage: 'sql', ... }, ...]
 */
export function stageTimes(leads: readonly StageTimestamps[]): StageTime[] {
  return STEPS.map(({ stage, from, to }) => {
    const days: number[] = []
    for (const lead of leads) {
      const start = lead[from]
      const end = lead[to]
      if (start === null || end === null || !Number.isFinite(start) || !Number.isFinite(end)) continue
      days.push(Math.max(0, end - start) / DAY_MS)
    }
    days.sort((a, b) => a - b)
    return { stage, leads: days.length, medianDays: quantile(days, 0.5) }
  })
}
