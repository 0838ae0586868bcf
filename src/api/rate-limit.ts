// Rate limits per API key (per process, one-minute window), by the scope the route needs; public routes are exempt.
import { createHash } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import type { FastifyRequest } from 'fastify'
import { ApiError } from './errors.js'
import type { ApiInstance } from './instance.js'
import type { Scope } from './route-access.js'

/** Requests per minute one key may make to routes needing each scope; 0 turns the limit off. */
export type RateLimits = Record<Scope, number>

/** Generous for intake (a busy web site sends through one write key), tighter for reads and admin work. */
export const DEFAULT_RATE_LIMITS: RateLimits = { write: 6000, read: 1200, admin: 600 }

const WINDOW_MS = 60_000

/**
 * Who a request counts against: the authenticated API key (`request.apiKey.id`, set by authentication), else a
 * hash of the Authorization header (a key not yet verified), else the client address.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const holder: unknown = request
  const apiKey = (holder as { apiKey?: { id?: unknown } | null }).apiKey
  if (typeof apiKey?.id === 'string') return `key:${apiKey.id}`
  const authorization = request.headers.authorization
  if (typeof authorization === 'string' && authorization !== '') {
    return `auth:${createHash('sha256').update(authorization).digest('hex').slice(0, 32)}`
  }
  return `ip:${request.ip}`
}

/** Registers the limiter; must run before the routes are registered (it attaches itself to each new route). */
export async function registerRateLimit(app: ApiInstance, limits: RateLimits): Promise<void> {
  const limitOf = (request: FastifyRequest): number => {
    const access = request.routeOptions.config.access
    return access === undefined || access === 'public' ? 0 : limits[access]
  }
  await app.register(rateLimit, {
    global: true,
    timeWindow: WINDOW_MS,
    // Each scope has its own budget: intake through a key never eats into its reads.
    keyGenerator: (request) => `${rateLimitKey(request)}|${request.routeOptions.config.access ?? 'public'}`,
    allowList: (request) => limitOf(request) === 0,
    max: (request) => limitOf(request),
    errorResponseBuilder: (_request, context) =>
      new ApiError('rate_limited', `Too many requests for this key: at most ${context.max} a minute. Retry in ${context.after}.`, {
        limit_per_minute: context.max,
        retry_after_seconds: Math.ceil(context.ttl / 1000),
      }),
  })
}
