// Runs a backtest of a draft model against another over every stored lead, page by page.
import { backtestRows, summariseBacktest, type BacktestExclusions, type BacktestResult, type BacktestRow } from '../analytics/index.js'
import type { EpochMs, ScoringModel } from '../core/index.js'
import { formatIssue, parseModel } from '../model/index.js'
import type { Store } from '../store/index.js'
import { ReportError } from './report-error.js'

/** A model taking part in a backtest, and what it is called in the report. */
export interface BacktestModel {
  /** E.g. `version 3` or `draft.yaml`. */
  label: string
  model: ScoringModel
}

/** A backtest result with the names of the two models compared. */
export interface BacktestReport extends BacktestResult {
  draftModel: string
  againstModel: string
}

/**
 * Scores every lead as of `at` with `draft` and `against` (events at or before `at`), and compares both with
 * the outcomes learned after `at` (see `backtestRows`). `at` must not be later than `now`.
 *
 * @example await backtestReport(store, { label: 'draft.yaml', model }, { label: 'version 1', model: active }, at, now)
 */
export async function backtestReport(
  store: Store,
  draft: BacktestModel,
  against: BacktestModel,
  at: EpochMs,
  now: EpochMs,
): Promise<BacktestReport> {
  if (!Number.isFinite(at)) throw new ReportError('invalid', 'the backtest date is not a valid time. Use an ISO-8601 date such as 2025-01-31.')
  if (at > now) {
    throw new ReportError('invalid', `the backtest date ${new Date(at).toISOString()} is in the future; pick a past date so outcomes after it are known.`)
  }
  const excluded: BacktestExclusions = { createdAfter: 0, resolvedBefore: 0 }
  const rows: BacktestRow[] = []
  for await (const page of store.scanLeads({ events: true })) {
    const leads = page.map((item) => ({ lead: item.lead, events: item.events, outcome: item.outcome }))
    rows.push(...backtestRows(leads, draft.model, against.model, at, excluded))
  }
  return { draftModel: draft.label, againstModel: against.label, ...summariseBacktest(rows, at, excluded) }
}

/**
 * A backtest date: ISO-8601 text (`2025-01-31`, `2025-01-31T12:00:00Z`) or epoch milliseconds, as a number or
 * as digits; null when it is neither.
 */
export function parseBacktestDate(value: string | number): EpochMs | null {
  const at = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  return Number.isFinite(at) ? at : null
}

/** A stored model version, parsed; `not_found` when unknown, `conflict` when its YAML does not validate. */
export async function storedModel(store: Store, version: number): Promise<BacktestModel> {
  const stored = await store.getModelVersion(version)
  if (stored === null) throw new ReportError('not_found', `There is no model version ${version}.`)
  const parsed = parseModel(stored.yaml)
  if (!parsed.ok) {
    const issues = parsed.errors.map((issue) => formatIssue(`model v${version}`, issue)).join('\n')
    throw new ReportError('conflict', `model version ${version} does not validate:\n${issues}`)
  }
  return { label: `version ${version}`, model: parsed.model }
}
