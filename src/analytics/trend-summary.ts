// How many leads are improving, steady or declining, and which move fastest, from each lead's score points.
import { compareText } from './compare-text.js'
import { scoreTrend, type ScorePoint, type ScoreTrend, type ScoreTrendOptions } from './score-trend.js'

/** One lead's score over time, e.g. its score history. */
export interface LeadScorePoints {
  leadId: string
  points: readonly ScorePoint[]
}

/** A lead's trend. */
export interface LeadTrend extends ScoreTrend {
  leadId: string
}

/** Options for {@link summariseTrends}: the trend window and threshold, and how many leads to list. */
export interface TrendSummaryOptions extends ScoreTrendOptions {
  /** Leads listed under `topImproving` and `topDeclining`. Default: 10. */
  top?: number
}

export interface TrendSummary {
  leads: number
  improving: number
  steady: number
  declining: number
  /** Improving leads, largest change first (ties by lead id). */
  topImproving: LeadTrend[]
  /** Declining leads, largest fall first (ties by lead id). */
  topDeclining: LeadTrend[]
}

/**
 * Classifies every lead with {@link scoreTrend} and counts the directions.
 *
 * @example summariseTrends([{ leadId: 'a', points }]).improving // 1
 */
export function summariseTrends(
  leads: readonly LeadScorePoints[],
  { top = 10, ...trendOptions }: TrendSummaryOptions = {},
): TrendSummary {
  const trends = leads.map((lead): LeadTrend => ({ leadId: lead.leadId, ...scoreTrend(lead.points, trendOptions) }))
  const improving = trends.filter((trend) => trend.trend === 'improving')
  const declining = trends.filter((trend) => trend.trend === 'declining')
  return {
    leads: trends.length,
    improving: improving.length,
    steady: trends.length - improving.length - declining.length,
    declining: declining.length,
    topImproving: improving.sort((a, b) => b.change - a.change || compareText(a.leadId, b.leadId)).slice(0, top),
    topDeclining: declining.sort((a, b) => a.change - b.change || compareText(a.leadId, b.leadId)).slice(0, top),
  }
}
