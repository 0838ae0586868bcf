// The analytics reports over every stored lead: distribution, conversion, funnel with time in stage, rule lift, trends.
import {
  conversionBy,
  funnel,
  ruleLift,
  scoreDistribution,
  scoreTrend,
  stageTimes,
  summariseTrends,
  type ConversionKey,
  type ConversionRow,
  type FunnelStep,
  type LeadScorePoints,
  type RuleLift,
  type ScoreDistribution,
  type ScoredLead,
  type ScoreTrend,
  type TrendSummary,
  type TrendSummaryOptions,
} from '../analytics/index.js'
import type { EpochMs } from '../core/index.js'
import type { LeadScanOptions, ScannedLead, Store } from '../store/index.js'
import { ReportError } from './report-error.js'

/** Every lead the scan yields (the store lets other work run between its pages). */
export async function scanAll(store: Store, options: LeadScanOptions = {}): Promise<ScannedLead[]> {
  const leads: ScannedLead[] = []
  for await (const page of store.scanLeads(options)) {
    leads.push(...page)
  }
  return leads
}

/** The leads that have a stored score, as the pure analytics read them. */
export function toScoredLeads(leads: readonly ScannedLead[]): ScoredLead[] {
  return leads.flatMap((item) => (item.score === null ? [] : [{ leadId: item.lead.id, score: item.score, outcome: item.outcome }]))
}

/** Leads counted by a report, and those left out because they have never been scored. */
export interface ReportPopulation {
  leads: number
  unscored: number
}

function population(scanned: readonly ScannedLead[], scored: readonly ScoredLead[]): ReportPopulation {
  return { leads: scored.length, unscored: scanned.length - scored.length }
}

/** The score distribution of every scored lead. `bucketWidth` in points, 1 to 100 (at most 100 buckets); default 10. */
export async function distributionReport(
  store: Store,
  options: { bucketWidth?: number | undefined } = {},
): Promise<ScoreDistribution & { unscored: number }> {
  const bucketWidth = options.bucketWidth ?? 10
  if (!(bucketWidth >= 1 && bucketWidth <= 100)) {
    throw new ReportError('invalid', `bucket width must be 1 to 100 points (got ${bucketWidth}).`)
  }
  const scanned = await scanAll(store)
  const scored = toScoredLeads(scanned)
  return { ...scoreDistribution(scored, { bucketWidth }), unscored: scanned.length - scored.length }
}

/** Conversion by score decile, segment, grade, level, cell, status or stage, with Wilson intervals. */
export async function conversionReport(
  store: Store,
  by: ConversionKey,
): Promise<ReportPopulation & { by: ConversionKey; groups: ConversionRow[] }> {
  const scanned = await scanAll(store)
  const scored = toScoredLeads(scanned)
  return { by, ...population(scanned, scored), groups: conversionBy(scored, by) }
}

/** A funnel step with the median days it took to reach it from the previous stage. */
export interface TimedFunnelStep extends FunnelStep {
  /** Leads whose times at both ends of the step are known. */
  timedLeads: number | null
  /** Median days from the previous stage; null for the first step or when no lead has both times. */
  medianDaysFromPrevious: number | null
}

/**
 * Lead → MQL → SQL → customer: counts, step rates and median time in stage. Stage times come from the
 * store (`mqlAt`, `sqlAt`: the first change to that status in the score history) and the outcome's date.
 */
export async function funnelReport(store: Store): Promise<ReportPopulation & { steps: TimedFunnelStep[] }> {
  const scanned = await scanAll(store)
  const scored = toScoredLeads(scanned)
  const times = stageTimes(
    scanned.map((item) => ({
      createdAt: item.lead.createdAt,
      mqlAt: item.mqlAt,
      sqlAt: item.sqlAt,
      convertedAt: item.outcome?.converted === true ? (item.outcome.at ?? null) : null,
    })),
  )
  const steps = funnel(scored).map((step): TimedFunnelStep => {
    const time = times.find((candidate) => candidate.stage === step.stage)
    return { ...step, timedLeads: time?.leads ?? null, medianDaysFromPrevious: time?.medianDays ?? null }
  })
  return { ...population(scanned, scored), steps }
}

/** Rule lift of every fit and engagement rule over the scored leads with an outcome. */
export async function ruleLiftReport(
  store: Store,
): Promise<ReportPopulation & { withOutcome: number; rules: RuleLift[] }> {
  const scanned = await scanAll(store)
  const scored = toScoredLeads(scanned)
  const withOutcome = scored.filter((lead) => lead.outcome !== null).length
  return { ...population(scanned, scored), withOutcome, rules: ruleLift(scored) }
}

/** Trend options as the API and CLI take them. */
export type TrendOptions = TrendSummaryOptions

function checkTrendOptions(options: TrendOptions): void {
  if (options.windowDays !== undefined && !(options.windowDays > 0 && options.windowDays <= 3650)) {
    throw new ReportError('invalid', `window must be more than 0 and at most 3650 days (got ${options.windowDays}).`)
  }
  if (options.threshold !== undefined && !(options.threshold >= 0 && options.threshold <= 100)) {
    throw new ReportError('invalid', `threshold must be 0 to 100 points (got ${options.threshold}).`)
  }
}

/** Improving / steady / declining counts over every lead's score history, and the fastest movers. */
export async function trendsReport(store: Store, options: TrendOptions = {}): Promise<TrendSummary> {
  checkTrendOptions(options)
  const histories: LeadScorePoints[] = []
  for await (const page of store.scanLeads({ history: true })) {
    for (const item of page) {
      histories.push({ leadId: item.lead.id, points: item.history.map((change) => ({ at: change.at, score: change.score })) })
    }
  }
  return summariseTrends(histories, options)
}

/** Most history entries one lead's trend reads (the newest). */
const LEAD_TREND_HISTORY = 1000

/** One lead's trend from its newest score history entries. */
export async function leadTrendReport(
  store: Store,
  idOrEmail: string,
  options: Omit<TrendOptions, 'top'> = {},
): Promise<ScoreTrend & { leadId: string; latestAt: EpochMs | null; latestScore: number | null }> {
  checkTrendOptions(options)
  const lead = await store.getLead(idOrEmail)
  if (lead === null) throw new ReportError('not_found', `No lead with id or email '${idOrEmail}'.`)
  const history = await store.scoreHistory(lead.id, LEAD_TREND_HISTORY)
  const points = history.map((change) => ({ at: change.at, score: change.score }))
  const latest = history[0]
  return {
    leadId: lead.id,
    latestAt: latest?.at ?? null,
    latestScore: latest?.score ?? null,
    ...scoreTrend(points, options),
  }
}
