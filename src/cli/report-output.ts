// Shared by the analytics, backtest, learn and fairness commands: report errors as CLI errors, snake_case JSON.
import { ReportError, snakeKeys } from '../reports/index.js'
import { CliError } from './cli-error.js'

/** Runs a report; a refused report (unknown lead, bad option, too few outcomes) becomes a CliError (exit 1). */
export async function runReport<T>(work: () => Promise<T>, hint?: string): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ReportError) throw new CliError(error.message, { hint: error.code === 'not_enough_data' ? hint : undefined })
    throw error
  }
}

/**
 * `report` with a `toJSON` that writes its keys in snake_case, so `--json` prints the same field names as
 * the HTTP API while the text renderers keep reading the typed camelCase fields.
 */
export function withSnakeJson<T extends object>(report: T): T {
  Object.defineProperty(report, 'toJSON', { value: () => snakeKeys({ ...report }), enumerable: false })
  return report
}

/** A rate as a percentage with one decimal, or an empty cell. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

/** A 95 % interval of rates as `[low–high]` percentages, or an empty cell. */
export function formatInterval(interval: readonly [number, number] | null | undefined): string {
  if (interval === null || interval === undefined) return ''
  return `${formatRate(interval[0])} – ${formatRate(interval[1])}`
}
