// `leadscore analytics distribution|conversion|funnel|rule-lift|trends`: reports over the stored leads as tables.
import type { ConversionKey, ConversionRow, RuleLift, ScoreDistribution, TrendSummary } from '../analytics/index.js'
import {
  conversionReport,
  distributionReport,
  funnelReport,
  ruleLiftReport,
  trendsReport,
  type ReportPopulation,
  type TimedFunnelStep,
} from '../reports/index.js'
import { formatInterval, formatRate, runReport, withSnakeJson } from './report-output.js'
import { formatNumber, renderTable } from './output.js'
import { openDatabase } from './workspace.js'

export const ANALYTICS_REPORTS = ['distribution', 'conversion', 'funnel', 'rule-lift', 'trends'] as const
/** Which analytics report to print. */
export type AnalyticsReportName = (typeof ANALYTICS_REPORTS)[number]

export interface AnalyticsCommandOptions {
  report: AnalyticsReportName
  /** Database file or store url. */
  db: string
  /** conversion: how to group leads. Default: decile. */
  by?: ConversionKey | undefined
  /** distribution: points per bucket. Default: 10. */
  bucketWidth?: number | undefined
  /** trends: window in days. Default: 14. */
  windowDays?: number | undefined
  /** trends: change over the window, in points, that is not steady. Default: 5. */
  threshold?: number | undefined
  /** trends: fastest movers listed each way. Default: 10. */
  top?: number | undefined
}

/** The report's data, tagged with its name. */
export type AnalyticsOutput =
  | { report: 'distribution'; data: ScoreDistribution & { unscored: number } }
  | { report: 'conversion'; data: ReportPopulation & { by: ConversionKey; groups: ConversionRow[] } }
  | { report: 'funnel'; data: ReportPopulation & { steps: TimedFunnelStep[] } }
  | { report: 'rule-lift'; data: ReportPopulation & { withOutcome: number; rules: RuleLift[] } }
  | { report: 'trends'; data: TrendSummary }

/**
 * Runs one analytics report on the database.
 *
 * @example await analyticsCommand({ report: 'conversion', by: 'segment', db: './data/leadscore.db' })
 */
export async function analyticsCommand(options: AnalyticsCommandOptions): Promise<AnalyticsOutput> {
  const store = await openDatabase(options.db)
  try {
    return withSnakeJson(await runReport(() => runAnalytics(store, options)))
  } finally {
    await store.close()
  }
}

async function runAnalytics(store: Awaited<ReturnType<typeof openDatabase>>, options: AnalyticsCommandOptions): Promise<AnalyticsOutput> {
  switch (options.report) {
    case 'distribution':
      return { report: 'distribution', data: await distributionReport(store, { bucketWidth: options.bucketWidth }) }
    case 'conversion':
      return { report: 'conversion', data: await conversionReport(store, options.by ?? 'decile') }
    case 'funnel':
      return { report: 'funnel', data: await funnelReport(store) }
    case 'rule-lift':
      return { report: 'rule-lift', data: await ruleLiftReport(store) }
    case 'trends':
      return {
        report: 'trends',
        data: await trendsReport(store, { windowDays: options.windowDays, threshold: options.threshold, top: options.top }),
      }
  }
}

const number = (value: number | null | undefined): number | null => (value === null || value === undefined ? null : value)

/** The report as text tables. */
export function renderAnalytics(output: AnalyticsOutput): string {
  switch (output.report) {
    case 'distribution': {
      const { data } = output
      const largest = Math.max(1, ...data.buckets.map((bucket) => bucket.count))
      const table = renderTable(
        ['score', 'leads', ''],
        data.buckets.map((bucket) => [`${bucket.from}–${bucket.to}`, bucket.count, '#'.repeat(Math.round((bucket.count / largest) * 40))]),
      )
      const stats = data.total === 0 ? 'no scored leads' : `mean ${formatNumber(data.mean!)}, median ${formatNumber(data.median!)}, p90 ${formatNumber(data.p90!)}`
      return `${table}${data.total} leads; ${stats}${unscored(data.unscored)}\n`
    }
    case 'conversion': {
      const { data } = output
      const table = renderTable(
        [data.by, 'leads', 'with outcome', 'converted', 'rate', '95% interval'],
        data.groups.map((row) => [row.group ?? '(none)', row.leads, row.withOutcome, row.converted, formatRate(row.rate), formatInterval(row.ci)]),
      )
      return `${table}${data.leads} leads${unscored(data.unscored)}\n`
    }
    case 'funnel': {
      const { data } = output
      const table = renderTable(
        ['stage', 'leads', 'from previous', 'median days to reach', 'timed leads'],
        data.steps.map((step) => [step.stage, step.leads, formatRate(step.rateFromPrevious), number(step.medianDaysFromPrevious), number(step.timedLeads)]),
      )
      return `${table}${data.leads} leads${unscored(data.unscored)}\n`
    }
    case 'rule-lift': {
      const { data } = output
      if (data.withOutcome === 0) return 'no lead has an outcome yet; import outcomes to see rule lift\n'
      const table = renderTable(
        ['rule', 'fired', 'rate fired', 'not fired', 'rate not fired', 'lift', 'difference (95% interval)'],
        data.rules.map((rule) => [
          rule.ruleId,
          rule.firedLeads,
          formatRate(rule.firedRate),
          rule.notFiredLeads,
          formatRate(rule.notFiredRate),
          number(rule.lift),
          rule.difference === null ? '' : `${formatRate(rule.difference)} (${formatInterval(rule.ci)})`,
        ]),
      )
      return `${table}${data.withOutcome} leads with an outcome\n`
    }
    case 'trends': {
      const { data } = output
      const movers = [...data.topImproving, ...data.topDeclining]
      const table =
        movers.length === 0
          ? ''
          : renderTable(
              ['lead', 'trend', 'points / day', 'change over window'],
              movers.map((trend) => [trend.leadId, trend.trend, trend.slopePerDay, trend.change]),
            )
      return `${table}${data.leads} leads: ${data.improving} improving, ${data.steady} steady, ${data.declining} declining\n`
    }
  }
}

function unscored(count: number): string {
  return count > 0 ? ` (${count} never scored, left out)` : ''
}
