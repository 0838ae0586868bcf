// The operational settings of `leadscore serve` read from the environment: rate limits, /metrics access, body limit.
import type { RateLimits } from '../api/rate-limit.js'
import { CliError } from './cli-error.js'

/** What the environment sets for the server; absent settings keep the API's defaults. */
export interface ServeEnvSettings {
  /** From `LEADSCORE_RATE_LIMIT_WRITE`, `_READ`, `_ADMIN`: requests per minute per key, 0 = no limit. */
  rateLimits: Partial<RateLimits>
  /** `public` when `LEADSCORE_METRICS_PUBLIC=1`, else `admin`. */
  metricsAccess: 'public' | 'admin'
  /** From `LEADSCORE_BODY_LIMIT_BYTES`. */
  bodyLimitBytes: number | undefined
  /** From `LEADSCORE_FAILED_AUTH_LIMIT`: unknown keys per minute per client address before 429, 0 = no limit. */
  failedAuthLimit: number | undefined
}

function wholeNumber(env: Readonly<Record<string, string | undefined>>, name: string, minimum: number): number | undefined {
  const text = env[name]
  if (text === undefined || text.trim() === '') return undefined
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < minimum) {
    throw new CliError(`${name} must be a whole number of at least ${minimum} (got '${text}').`, {
      hint: `unset ${name} to use the default`,
    })
  }
  return value
}

/** Reads the settings; a malformed value is a CliError naming the variable. */
export function readServeEnv(env: Readonly<Record<string, string | undefined>>): ServeEnvSettings {
  const rateLimits: Partial<RateLimits> = {}
  for (const scope of ['write', 'read', 'admin'] as const) {
    const value = wholeNumber(env, `LEADSCORE_RATE_LIMIT_${scope.toUpperCase()}`, 0)
    if (value !== undefined) rateLimits[scope] = value
  }
  return {
    rateLimits,
    metricsAccess: env.LEADSCORE_METRICS_PUBLIC === '1' ? 'public' : 'admin',
    bodyLimitBytes: wholeNumber(env, 'LEADSCORE_BODY_LIMIT_BYTES', 1),
    failedAuthLimit: wholeNumber(env, 'LEADSCORE_FAILED_AUTH_LIMIT', 0),
  }
}
