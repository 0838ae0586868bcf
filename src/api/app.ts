// createApp(deps): the HTTP API as a value — fastify with routes and the error handler, not listening.
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { EpochMs } from '../core/index.js'
import { StoreError, type ActiveModel, type Store } from '../store/index.js'
import { ApiError, API_ERRORS, type ApiErrorCode, type ErrorBody } from './errors.js'
import { registerEventRoutes } from './routes/event-routes.js'
import { registerHealthRoutes } from './routes/health-routes.js'
import { registerLeadRoutes } from './routes/lead-routes.js'
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
}

/** Dependencies as the routes see them, with defaults filled in. */
export interface RouteDeps {
  store: Store
  model: () => ActiveModel
  now: () => EpochMs
}

/** Builds the API without listening: `await app.inject(...)` in tests, `serve(app)` in production. */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger === undefined ? { logger: false } : { loggerInstance: deps.logger }),
    bodyLimit: deps.bodyLimitBytes ?? 5 * 1024 * 1024,
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

  // Secure by default: a route that does not say who may call it is a programming error, caught at start-up.
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && !route.url.startsWith('/docs')) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no config.access`)
    }
  })

  const routeDeps: RouteDeps = { store: deps.store, model: deps.model, now: deps.now ?? Date.now }
  registerHealthRoutes(app, routeDeps)
  registerLeadRoutes(app, routeDeps)
  registerEventRoutes(app, routeDeps)
  await app.ready()
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
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return make('invalid_json', error.message)
  }
  if (error instanceof SyntaxError || error.statusCode === 400) return make('invalid_json', `The body is not valid JSON: ${error.message}`)
  if (error.statusCode === 429) return make('rate_limited', error.message)
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, body: { error: { code: 'bad_request', message: error.message, requestId } } }
  }
  return make('internal_error', API_ERRORS.internal_error.message)
}

function describeIssue(issue: { path: string; message: string; field?: string | undefined }): string {
  if (issue.field !== undefined) return `${issue.path}: unknown field '${issue.field}'.`
  return `${issue.path}: ${issue.message}.`
}
