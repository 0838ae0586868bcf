// leadscore serve reads its rate limits, /metrics access and body limit from the environment, and refuses bad values.
import { describe, expect, it } from 'vitest'
import { CliError } from '../../src/cli/cli-error.js'
import { readServeEnv } from '../../src/cli/serve-env.js'

describe('readServeEnv', () => {
  it('keeps the defaults when nothing is set', () => {
    expect(readServeEnv({})).toEqual({ rateLimits: {}, metricsAccess: 'admin', bodyLimitBytes: undefined })
  })

  it('reads limits per scope (0 turns one off), public metrics and the body limit', () => {
    const settings = readServeEnv({
      LEADSCORE_RATE_LIMIT_WRITE: '100000',
      LEADSCORE_RATE_LIMIT_ADMIN: '0',
      LEADSCORE_METRICS_PUBLIC: '1',
      LEADSCORE_BODY_LIMIT_BYTES: '1048576',
    })
    expect(settings).toEqual({ rateLimits: { write: 100_000, admin: 0 }, metricsAccess: 'public', bodyLimitBytes: 1_048_576 })
  })

  it('refuses a value that is not a whole number, naming the variable', () => {
    expect(() => readServeEnv({ LEADSCORE_RATE_LIMIT_READ: 'lots' })).toThrow(CliError)
    expect(() => readServeEnv({ LEADSCORE_RATE_LIMIT_READ: '-5' })).toThrow(/LEADSCORE_RATE_LIMIT_READ/)
    expect(() => readServeEnv({ LEADSCORE_BODY_LIMIT_BYTES: '0' })).toThrow(/at least 1/)
    expect(() => readServeEnv({ LEADSCORE_BODY_LIMIT_BYTES: '1.5' })).toThrow(/LEADSCORE_BODY_LIMIT_BYTES/)
  })
})
