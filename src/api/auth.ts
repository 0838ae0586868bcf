// Authentication: every request names an API key (Bearer, or Segment-style Basic), checked against the route's scope.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { EpochMs } from '../core/index.js'
import type { ApiKey, ApiKeyScope, Store } from '../store/index.js'
import { hasScope, hashApiKey } from './api-keys.js'
import { ApiError } from './errors.js'
import type { ApiInstance } from './instance.js'

/**
 * How long a verified (or unknown) key is trusted from memory before the store is asked again; the bound
 * on how late a key revoked by another process (the CLI) stops working. A key revoked through the API of
 * this process stops at once.
 */
export const KEY_CACHE_TTL_MS = 5_000

/** The last-used time is sent to the store at most this often per key (the store keeps minutes). */
export const KEY_USE_INTERVAL_MS = 60_000

/** Failed key checks (unknown or revoked keys) one client address may make per minute by default. */
export const DEFAULT_FAILED_AUTH_LIMIT = 60

const FAILED_AUTH_WINDOW_MS = 60_000
/** Client addresses tracked at most; beyond it those whose minute is over are forgotten first. */
const MAX_TRACKED_ADDRESSES = 10_000

/**
 * Counts failed key checks per client address in one-minute windows. An address over the limit gets `429`
 * before its next key is even checked — valid or not — until its minute is over: guessing keys takes no
 * more than `limit` tries a minute from one address, and a flood of bad keys costs no hashing or look-ups.
 */
export class FailedAuthLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>()

  /** @param limit failures allowed per minute; 0 turns the limiter off */
  constructor(
    private readonly limit: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Seconds until `address` may try a key again, or null when it may try now. */
  retryAfterSeconds(address: string): number | null {
    const window = this.windows.get(address)
    const now = this.clock()
    if (this.limit === 0 || window === undefined || window.resetAt <= now || window.count < this.limit) return null
    return Math.max(1, Math.ceil((window.resetAt - now) / 1000))
  }

  recordFailure(address: string): void {
    if (this.limit === 0) return
    const now = this.clock()
    let window = this.windows.get(address)
    if (window === undefined || window.resetAt <= now) {
      if (this.windows.size >= MAX_TRACKED_ADDRESSES) this.forgetExpired(now)
      window = { count: 0, resetAt: now + FAILED_AUTH_WINDOW_MS }
      this.windows.set(address, window)
    }
    window.count++
  }

  private forgetExpired(now: number): void {
    for (const [address, window] of this.windows) if (window.resetAt <= now) this.windows.delete(address)
    if (this.windows.size >= MAX_TRACKED_ADDRESSES) this.windows.clear()
  }
}

/** Verified keys and misses remembered at most; beyond it the memory starts afresh. */
const MAX_CACHED_KEYS = 10_000

/** The key a request authenticated with, as routes and plugins (rate limiting per key) see it. */
export interface AuthenticatedKey {
  id: string
  name: string
  scopes: ApiKeyScope[]
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key that authenticated the request; null on public routes. */
    apiKey: AuthenticatedKey | null
  }
  interface FastifyContextConfig {
    /**
     * Also accept the key as `writeKey` in the JSON body, as Segment's libraries send it
     * (checked after the body is parsed, only when no header named a key). Default: false.
     */
    bodyWriteKey?: boolean
  }
}

/** Checks secrets against the store, remembering answers for `KEY_CACHE_TTL_MS`, and records last use. */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { key: ApiKey | null; expiresAt: EpochMs }>()
  private readonly usedAt = new Map<string, EpochMs>()

  constructor(
    private readonly store: Store,
    private readonly now: () => EpochMs,
  ) {}

  /** The active key whose secret this is, or null (unknown or revoked). */
  async verify(secret: string): Promise<ApiKey | null> {
    const hash = hashApiKey(secret)
    const now = this.now()
    const cached = this.cache.get(hash)
    let key: ApiKey | null
    if (cached !== undefined && cached.expiresAt > now) {
      key = cached.key
    } else {
      key = await this.store.findApiKeyByHash(hash)
      if (this.cache.size >= MAX_CACHED_KEYS) this.cache.clear()
      this.cache.set(hash, { key, expiresAt: now + KEY_CACHE_TTL_MS })
    }
    return key === null || key.revokedAt !== null ? null : key
  }

  /** Forgets what is remembered of a key (after it was revoked here), so it stops working at once. */
  forget(keyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.key?.id === keyId) this.cache.delete(hash)
  }

  /** Records that the key was used now, writing to the store at most once per `KEY_USE_INTERVAL_MS`. */
  async noteUse(keyId: string): Promise<void> {
    const now = this.now()
    const last = this.usedAt.get(keyId)
    if (last !== undefined && now - last < KEY_USE_INTERVAL_MS) return
    if (this.usedAt.size >= MAX_CACHED_KEYS) this.usedAt.clear()
    this.usedAt.set(keyId, now)
    await this.store.recordApiKeyUse(keyId, now)
  }
}

/** Where the secret came from, or why the header could not be read. */
type Credentials = { secret: string } | { problem: string } | null

/** Reads `Authorization: Bearer <key>` or `Authorization: Basic base64(<key>:<ignored>)`; null when absent. */
export function readCredentials(authorization: string | undefined): Credentials {
  if (authorization === undefined || authorization.trim() === '') return null
  const match = /^(\w+)\s+(\S+)\s*$/.exec(authorization.trim())
  if (match === null) return { problem: 'The Authorization header is malformed; send "Bearer <api key>".' }
  const scheme = match[1]!.toLowerCase()
  const value = match[2]!
  if (scheme === 'bearer') return { secret: value }
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    const user = decoded.split(':')[0] ?? ''
    return user === '' ? { problem: 'The Basic credentials carry no user name; put the API key there.' } : { secret: user }
  }
  return { problem: `The Authorization scheme '${match[1]}' is not supported; use Bearer (or Basic with the key as user name).` }
}

function challenge(reply: FastifyReply, request: FastifyRequest): void {
  const basic = request.routeOptions.config.bodyWriteKey === true ? ', Basic realm="leadscore"' : ''
  void reply.header('www-authenticate', `Bearer realm="leadscore"${basic}`)
}

/**
 * Adds the hooks that authenticate every non-public route: 401 `unauthorized` (with `WWW-Authenticate`)
 * without a valid active key, 403 `forbidden` when the key lacks the route's scope, 429 `rate_limited` for an
 * address with too many unknown keys this minute (`failures`); sets `request.apiKey`.
 */
export function registerAuth(app: ApiInstance, verifier: ApiKeyVerifier, failures: FailedAuthLimiter): void {
  app.decorateRequest('apiKey', null)

  const admit = async (request: FastifyRequest, reply: FastifyReply, secret: string): Promise<void> => {
    const needed = request.routeOptions.config.access as ApiKeyScope
    const wait = failures.retryAfterSeconds(request.ip)
    if (wait !== null) {
      void reply.header('retry-after', String(wait))
      throw new ApiError('rate_limited', `Too many unknown API keys from this address: retry in ${wait} s.`, {
        retry_after_seconds: wait,
      })
    }
    const key = await verifier.verify(secret)
    if (key === null) {
      failures.recordFailure(request.ip)
      challenge(reply, request)
      throw new ApiError('unauthorized', 'The API key is unknown or has been revoked.')
    }
    if (!hasScope(key.scopes, needed)) {
      throw new ApiError(
        'forbidden',
        `This route needs a key with the '${needed}' scope (or 'admin'); this key has ${key.scopes.join(', ')}.`,
      )
    }
    request.apiKey = { id: key.id, name: key.name, scopes: key.scopes }
    try {
      await verifier.noteUse(key.id)
    } catch (error) {
      // Bookkeeping must not fail the request it describes.
      request.log.warn({ err: error }, 'recording the API key use failed')
    }
  }

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access
    if (access === undefined || access === 'public') return
    const credentials = readCredentials(request.headers.authorization)
    if (credentials === null) {
      if (request.routeOptions.config.bodyWriteKey === true) return // preValidation reads the body's writeKey
      challenge(reply, request)
      throw new ApiError('unauthorized', 'Send an API key: Authorization: Bearer <key>.')
    }
    if ('problem' in credentials) {
      challenge(reply, request)
      throw new ApiError('unauthorized', credentials.problem)
    }
    await admit(request, reply, credentials.secret)
  })

  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config.access
    if (access === undefined || access === 'public' || request.apiKey !== null) return
    const body = request.body
    const writeKey = typeof body === 'object' && body !== null ? (body as { writeKey?: unknown }).writeKey : undefined
    if (typeof writeKey !== 'string' || writeKey === '') {
      challenge(reply, request)
      throw new ApiError('unauthorized', 'Send the write key: HTTP Basic with the key as user name, or "writeKey" in the body.')
    }
    await admit(request, reply, writeKey)
  })
}
