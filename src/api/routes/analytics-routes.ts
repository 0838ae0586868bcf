// Analytics (distribution, conversion, funnel, rule lift, trends, fairness), backtests and learned points.
import {
  attributeFairnessReport,
  backtestReport,
  conversionReport,
  distributionReport,
  funnelReport,
  leadTrendReport,
  learnReport,
  parseBacktestDate,
  ReportError,
  ruleLiftReport,
  snakeKeys,
  storedModel,
  trendsReport,
} from '../../reports/index.js'
import type { RouteDeps } from '../app.js'
import { ApiError, type ApiErrorCode } from '../errors.js'
import type { ApiInstance } from '../instance.js'
import { LeadParams } from '../schemas.js'
import {
  BacktestBody,
  ConversionQuery,
  DistributionQuery,
  EmptyQuery,
  FairnessQuery,
  LeadTrendQuery,
  LearnBody,
  ModelVersionParams,
  TrendsQuery,
} from '../schemas/analytics.js'

const REPORT_ERROR_CODES: Record<ReportError['code'], ApiErrorCode> = {
  not_found: 'not_found',
  invalid: 'validation_failed',
  conflict: 'conflict',
  not_enough_data: 'not_enough_data',
}

/** Runs a report and returns it as snake_case JSON; a refused report becomes its API error. */
async function respond(work: () => Promise<unknown>): Promise<unknown> {
  try {
    return snakeKeys(await work())
  } catch (error) {
    if (error instanceof ReportError) throw new ApiError(REPORT_ERROR_CODES[error.code], error.message)
    throw error
  }
}

/** An ISO-8601 time or epoch milliseconds (the schema may have coerced a number to digits); a 400 otherwise. */
function parseTime(value: string | number): number {
  const at = parseBacktestDate(value)
  if (at === null) {
    throw new ApiError('validation_failed', `body/at: '${value}' is not a time. Use ISO-8601 (2025-01-31 or 2025-01-31T12:00:00Z) or epoch milliseconds.`)
  }
  return at
}

export function registerAnalyticsRoutes(app: ApiInstance, deps: RouteDeps): void {
  const read = { access: 'read' } as const
  const tags = ['analytics']

  app.get(
    '/v1/analytics/distribution',
    { config: read, schema: { tags, summary: 'How current scores spread over 0–100: buckets, mean, median, p90', querystring: DistributionQuery } },
    (request) => respond(() => distributionReport(deps.store, { bucketWidth: request.query.bucket_width })),
  )

  app.get(
    '/v1/analytics/conversion',
    {
      config: read,
      schema: { tags, summary: 'Conversion rate by score decile, segment, grade, level, cell, status or stage, with 95 % intervals', querystring: ConversionQuery },
    },
    (request) => respond(() => conversionReport(deps.store, request.query.by ?? 'decile')),
  )

  app.get(
    '/v1/analytics/funnel',
    { config: read, schema: { tags, summary: 'Lead → MQL → SQL → customer: counts, step rates and median days in stage', querystring: EmptyQuery } },
    () => respond(() => funnelReport(deps.store)),
  )

  app.get(
    '/v1/analytics/rule-lift',
    {
      config: read,
      schema: { tags, summary: 'Conversion when each rule fired vs. not, with the lift and a 95 % interval of the difference', querystring: EmptyQuery },
    },
    () => respond(() => ruleLiftReport(deps.store)),
  )

  app.get(
    '/v1/analytics/trends',
    { config: read, schema: { tags, summary: 'How many leads are improving, steady or declining, and the fastest movers', querystring: TrendsQuery } },
    (request) =>
      respond(() =>
        trendsReport(deps.store, { windowDays: request.query.window_days, threshold: request.query.threshold, top: request.query.top }),
      ),
  )

  app.get(
    '/v1/leads/:id/trend',
    { config: read, schema: { tags, summary: "A lead's score trend over its recent score history", params: LeadParams, querystring: LeadTrendQuery } },
    (request) =>
      respond(() =>
        leadTrendReport(deps.store, request.params.id, { windowDays: request.query.window_days, threshold: request.query.threshold }),
      ),
  )

  app.get(
    '/v1/analytics/fairness',
    {
      config: read,
      schema: { tags, summary: 'Score distribution, MQL rate and conversion per group of an attribute (four-fifths rule)', querystring: FairnessQuery },
    },
    (request) =>
      respond(() =>
        attributeFairnessReport(deps.store, request.query.attribute, {
          minGroupSize: request.query.min_group_size,
          maxGroups: request.query.max_groups,
        }),
      ),
  )

  app.post(
    '/v1/models/:version/backtest',
    {
      config: read,
      schema: {
        tags: ['models'],
        summary: 'Score history as of a past date with this version and the active one (or `against`) and compare them with the outcomes',
        params: ModelVersionParams,
        body: BacktestBody,
      },
    },
    (request) =>
      respond(async () => {
        const at = parseTime(request.body.at)
        const draft = await storedModel(deps.store, request.params.version)
        const active = deps.model()
        const against =
          request.body.against === undefined
            ? { label: `version ${active.version} (active)`, model: active.model }
            : await storedModel(deps.store, request.body.against)
        return backtestReport(deps.store, draft, against, at, deps.now())
      }),
  )

  app.post(
    '/v1/models/learn',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['models'],
        summary: "Learned points: suggest the active model's rule points from the outcomes, optionally stored as a draft version",
        body: LearnBody,
      },
    },
    (request) =>
      respond(() =>
        learnReport(deps.store, deps.model(), deps.now(), {
          createDraft: request.body.create_draft,
          l2: request.body.l2,
          minSupport: request.body.min_support,
        }),
      ),
  )
}
