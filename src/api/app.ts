// createApp(deps): the HTTP API as a value — fastify with routes and the error handler, not listening.
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { EpochMs } from '../core/index.js'
import { StoreError, type ActiveModel, type EventInput, type IngestResult, type Store, type WalCheckpointStats } from '../store/index.js'
import { ApiKeyVerifier, DEFAULT_FAILED_AUTH_LIMIT, FailedAuthLimiter, registerAuth } from './auth.js'
import { registerCors, type CorsOrigins } from './cors.js'
import { ApiError, API_ERRORS, type ApiErrorCode, type ErrorBody } from './errors.js'
import { createApiMetrics, registerMetrics, withStoreMetrics, type IntakeMetrics, type QueueDepths } from './metrics.js'
import { registerOpenApi } from './openapi.js'
import { createIntakeQueue } from './intake-queue.js'
import { createPendingScorer } from './pending-scorer.js'
import { registerBodyDepthLimit } from './body-depth.js'
import { registerGracefulClose } from './graceful-close.js'
import { DEFAULT_RATE_LIMITS, registerRateLimit, type RateLimits } from './rate-limit.js'
import { registerAnalyticsRoutes } from './routes/analytics-routes.js'
import { registerEventRoutes } from './routes/event-routes.js'
import { registerHealthRoutes } from './routes/health-routes.js'
import { registerKeyRoutes } from './routes/key-routes.js'
import { registerSegmentRoutes } from './routes/segment-routes.js'
import { registerLeadRoutes } from './routes/lead-routes.js'
import { registerPredictiveRoutes } from './routes/predictive-routes.js'
import { ActiveModelSource, ModelRescores } from './model-rescores.js'
import { registerAccountRoutes } from './routes/account-routes.js'
import { registerGdprRoutes } from './routes/gdpr-routes.js'
import { registerLeadDetailRoutes } from './routes/lead-detail-routes.js'
import { registerModelRoutes } from './routes/model-routes.js'
import { registerOutcomeRoutes } from './routes/outcome-routes.js'
import './route-access.js'

/** What the API needs from the world; tests hand in an in-memory store and a fixed clock. */
export interface AppDeps {
  store: Store
  /** The active scoring model; read on every request so that a publish takes effect at once. */
  model: () => ActiveModel
  /** The clock. Default: Date.now. */
  now?: () => EpochMs
  /** A pino logger for request logs with request ids. Default: no logging (tests). */
  logger?: FastifyBaseLogger
  /** Largest accepted body in bytes. Default: 5 MiB. */
  bodyLimitBytes?: number
  /** Requests per minute one key may make per scope (0 = no limit); see rate-limit.ts. Default: DEFAULT_RATE_LIMITS. */
  rateLimits?: Partial<RateLimits> | undefined
  /** Unknown or revoked keys one client address may send per minute before it gets 429 (0 = no limit). Default: 60. */
  failedAuthLimit?: number | undefined
  /** Who may read GET /metrics: `admin` keys, or anyone (`public`). Default: admin. */
  metricsAccess?: 'public' | 'admin' | undefined
  /** Background queues to report in `leadscore_queue_depth` besides pending rescores (serve: the decay sweep). */
  queueDepth?: (() => QueueDepths | Promise<QueueDepths>) | undefined
  /** Node.js process metrics (heap, event loop, GC) on /metrics. Default: false (tests build many apps). */
  processMetrics?: boolean | undefined
  /** Origins browsers may call the API from (browser intake with a write key). Default: none (CORS off). */
  corsOrigins?: CorsOrigins | undefined
  /**
   * Called after the API published or activated a model version, so the host scores with it too
   * (`leadscore serve` re-reads its workspace). The app itself uses the new model at once either way.
   */
  onModelChanged?: ((active: ActiveModel) => void | Promise<void>) | undefined
  /**
   * Rescore in the background, as a job of the active version, the leads another model scored: a model change's
   * rescore that a restart interrupted is finished (`Store.rescoreOutdated`). `leadscore serve` turns it on.
   */
  resumeModelRescore?: boolean | undefined
  /** The store's background WAL checkpointer, reported as `leadscore_sqlite_wal_checkpoints_total`. */
  walCheckpoints?: (() => WalCheckpointStats | null) | undefined
}

/** Dependencies as the routes see them, with defaults filled in. */
export interface RouteDeps {
  store: Store
  model: () => ActiveModel
  now: () => EpochMs
  /** Counts intake outcomes the store never sees (events rejected before storing). */
  metrics: IntakeMetrics
  /**
   * Asks the background scorer to score the leads a batch left pending (ADR 4): batches are stored with
   * `deferScoring` and call this; single events are scored in their own transaction.
   */
  scorePending: () => void
  /**
   * Stores and scores one event before the response, sharing the transaction with the single events of
   * concurrent requests (group commit, src/api/intake-queue.ts).
   */
  ingestSingle: (event: EventInput) => Promise<IngestResult>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves once the leads batch intake left pending have been scored (tests, benchmarks). */
    scoringIdle(): Promise<void>
  }
}

/** Builds the API without listening: `await app.inject(...)` in tests, `serve(app)` in production. */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger === undefined ? { logger: false } : { loggerInstance: deps.logger }),
    bodyLimit: deps.bodyLimitBytes ?? 5 * 1024 * 1024,
    // Longer than any id the schemas allow (emails: 320), so a long path parameter is a validation error.
    routerOptions: { maxParamLength: 1000 },
    // The router refuses malformed URLs before any hook or handler: they get the one error shape too.
    frameworkErrors: (error, request, reply) => {
      const { status, body } = renderError(error, request.id)
      void (reply as FastifyReply).status(status).header('x-request-id', request.id).send(body)
    },
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID()
    },
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = renderError(error, request.id)
    if (status >= 500) request.log.error({ err: error }, 'unhandled error')
    void reply.status(status).header('x-request-id', request.id).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.`, requestId: request.id },
    }
    void reply.status(404).send(body)
  })

  if (deps.corsOrigins !== undefined) await registerCors(app, deps.corsOrigins)
  // Secure by default: a route that does not say who may call it is a programming error, caught at start-up.
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && !route.url.startsWith('/docs')) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no config.access`)
    }
  })

  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id)
    done()
  })
  registerBodyDepthLimit(app)
  registerGracefulClose(app)
  // Both attach themselves to each route as it is added, so they come before the routes.
  await registerOpenApi(app)
  await registerRateLimit(app, { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits })
  const metrics = createApiMetrics(deps.store, {
    queueDepth: deps.queueDepth,
    processMetrics: deps.processMetrics,
    walCheckpoints: deps.walCheckpoints,
  })
  registerMetrics(app, metrics, deps.metricsAccess ?? 'admin')

  const store = withStoreMetrics(deps.store, metrics)
  const models = new ActiveModelSource(deps.model, deps.onModelChanged)
  const now = deps.now ?? Date.now
  const scorer = createPendingScorer({
    store,
    model: models.current,
    now,
    onError: (error) => app.log.error({ err: error }, 'scoring the leads of a batch failed; they stay pending'),
    onDrained: (drained) => app.log.debug(drained, 'scored the leads batches left pending'),
  })
  app.decorate('scoringIdle', () => scorer.idle())
  // Shutdown scores what accepted batches left pending (a crash leaves it to the next start).
  app.addHook('onClose', async () => {
    await scorer.idle()
    await scorer.close()
  })
  const ingestSingle = createIntakeQueue((events) => store.ingestEvents(events, models.current(), now()))
  const routeDeps: RouteDeps = { store, model: models.current, now, metrics, scorePending: () => scorer.schedule(), ingestSingle }
  const keyVerifier = new ApiKeyVerifier(deps.store, routeDeps.now)
  registerAuth(app, keyVerifier, new FailedAuthLimiter(deps.failedAuthLimit ?? DEFAULT_FAILED_AUTH_LIMIT))
  registerHealthRoutes(app, routeDeps)
  registerLeadRoutes(app, routeDeps)
  const modelServices = { models, rescores: new ModelRescores(store, routeDeps.now, app.log) }
  registerPredictiveRoutes(app, routeDeps, modelServices)
  registerLeadDetailRoutes(app, routeDeps)
  registerOutcomeRoutes(app, routeDeps)
  registerAccountRoutes(app, routeDeps)
  registerModelRoutes(app, routeDeps, modelServices)
  registerGdprRoutes(app, routeDeps)
  registerEventRoutes(app, routeDeps)
  registerAnalyticsRoutes(app, routeDeps)
  registerKeyRoutes(app, routeDeps, keyVerifier)
  registerSegmentRoutes(app, routeDeps)
  await app.ready()
  if (deps.resumeModelRescore === true) modelServices.rescores.start(models.current(), 0, 'outdated')
  return app
}

/** Turns any error into a status and the one error shape; only the unexpected is a 500. */
export function renderError(error: FastifyError, requestId: string): { status: number; body: ErrorBody } {
  const make = (code: ApiErrorCode, message: string, details?: unknown): { status: number; body: ErrorBody } => ({
    status: API_ERRORS[code].status,
    body: { error: { code, message, ...(details === undefined ? {} : { details }), requestId } },
  })
  if (error instanceof ApiError) return make(error.code, error.message, error.details)
  if (error instanceof StoreError) {
    const code: ApiErrorCode = error.code === 'not_found' ? 'not_found' : error.code === 'conflict' ? 'conflict' : 'validation_failed'
    return make(code, error.message)
  }
  if (error.validation !== undefined) {
    const details = error.validation.map((issue) => ({
      path: `${error.validationContext ?? 'body'}${issue.instancePath}`,
      message: issue.message ?? 'is invalid',
      ...(issue.keyword === 'additionalProperties'
        ? { field: (issue.params as { additionalProperty?: string }).additionalProperty }
        : {}),
    }))
    const first = details[0]
    const summary = first === undefined ? 'The request is invalid.' : describeIssue(first)
    return make('validation_failed', summary, details)
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return make('payload_too_large', API_ERRORS.payload_too_large.message)
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return make('unsupported_media_type', API_ERRORS.unsupported_media_type.message)
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return make('invalid_url', error.message)
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return make('invalid_json', error.message)
  }
  if (error instanceof SyntaxError || error.statusCode === 400) return make('invalid_json', `The body is not valid JSON: ${error.message}`)
  if (error.statusCode === 429) return make('rate_limited', error.message)
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    // Any other client error the framework raises: its status, with the catalogue's generic code.
    return { status: error.statusCode, body: { error: { code: 'bad_request' satisfies ApiErrorCode, message: error.message, requestId } } }
  }
  return make('internal_error', API_ERRORS.internal_error.message)
}

function describeIssue(issue: { path: string; message: string; field?: string | undefined }): string {
  if (issue.field !== undefined) return `${issue.path}: unknown field '${issue.field}'.`
  return `${issue.path}: ${issue.message}.`
}
