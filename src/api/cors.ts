// CORS for browser intake: a web page may send events with a write key from the origins the operator allows.
import cors from '@fastify/cors'
import type { ApiInstance } from './instance.js'

/** Origins allowed to call the API from a browser: `*` (any) or exact origins such as `https://www.acme.io`. */
export type CorsOrigins = '*' | readonly string[]

/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600

/**
 * Reads `LEADSCORE_CORS_ORIGINS` (or the `--cors-origins` flag): `*`, or origins separated by commas.
 * Undefined (CORS off: browsers may not call the API) when empty or absent.
 */
export function parseCorsOrigins(text: string | undefined): CorsOrigins | undefined {
  if (text === undefined || text.trim() === '') return undefined
  if (text.trim() === '*') return '*'
  const origins = text.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '')
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(`CORS origin '${origin}' is not an origin; write it as https://host[:port], without a path.`)
    }
  }
  return origins
}

/**
 * Answers preflights and adds CORS headers for `origins`. Must run before the access check is added: the
 * plugin's catch-all OPTIONS route is marked public (a preflight carries no credentials).
 */
export async function registerCors(app: ApiInstance, origins: CorsOrigins): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.method === 'OPTIONS' && route.url === '*' && route.config?.access === undefined) {
      route.config = { ...route.config, access: 'public' }
    }
  })
  await app.register(cors, {
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'www-authenticate'],
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  })
}
