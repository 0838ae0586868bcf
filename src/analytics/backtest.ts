// Backtest: score history as it stood at a past date with two models and compare them with what happened next.
import { scoreLead, type EpochMs, type Lead, type LeadEvent, type LeadStatus, type Outcome, type ScoringModel } from '../core/index.js'
import { rocAuc } from '../predict/metrics.js'
import { compareText } from './compare-text.js'
import { rateOf } from './proportion.js'

/** One lead with everything it did (events after the date are ignored) and its outcome. */
export interface BacktestLead {
  lead: Lead
  events: readonly LeadEvent[]
  outcome: Outcome | null
}

/** What one model said about a lead at the date. */
export interface BacktestVerdict {
  score: number
  status: LeadStatus
  segment: string | null
}

/** One lead scored by both models at the date; `converted` is null when the outcome is unknown. */
export interface BacktestRow {
  leadId: string
  converted: boolean | null
  draft: BacktestVerdict
  active: BacktestVerdict
}

/** Leads left out of a backtest, and why. */
export interface BacktestExclusions {
  /** Created after the date: they did not exist yet. */
  createdAfter: number
  /** Their outcome was dated at or before the date: there was nothing left to predict. */
  resolvedBefore: number
}

/** How the leads that are MQL or SQL at the date (predicted positive) compare with the outcomes. */
export interface Confusion {
  /** Qualified and converted. */
  truePositives: number
  /** Qualified, did not convert. */
  falsePositives: number
  /** Not qualified, converted. */
  falseNegatives: number
  /** Not qualified, did not convert. */
  trueNegatives: number
}

/** One model's results over the backtest's leads. */
export interface BacktestModelResult {
  /** ROC AUC of the score against the outcomes; null without both converted and not converted leads. */
  auc: number | null
  meanScore: number | null
  /** Leads that would have been MQL or SQL at the date. */
  mqls: number
  /** Share of the qualified leads with an outcome that converted; null when none has one. */
  precision: number | null
  /** Share of the converted leads that were qualified; null when none converted. */
  recall: number | null
  confusion: Confusion
  /** Leads per segment (`null` key: no segment), as `[segment, leads]` by leads descending. */
  segments: [string | null, number][]
}

/** Leads that moved from one value to another between the active and the draft model. */
export interface Transition {
  from: string | null
  to: string | null
  leads: number
}

export interface BacktestResult {
  at: EpochMs
  /** Leads scored (existing at the date and not yet resolved). */
  leads: number
  /** Of those, leads with an outcome after the date: the ground truth of `auc`, precision and recall. */
  withOutcome: number
  converted: number
  excluded: BacktestExclusions
  draft: BacktestModelResult
  active: BacktestModelResult
  /** Leads whose segment differs between the models, and how (largest moves first). */
  segmentChanges: { leads: number; transitions: Transition[] }
  /** Leads whose status (lead / mql / sql) differs between the models. */
  statusChanges: { leads: number; transitions: Transition[] }
}

/**
 * Scores each lead as of `at` with both models (only events at or before `at` count; `scoreLead` filters
 * them) and returns one row per lead that existed then and whose outcome was not already known. An
 * outcome without a date counts as learned after `at`. Run it page by page and pass all rows to
 * {@link summariseBacktest}.
 *
 * @example const rows = backtestRows(page, draft, active, Date.UTC(2025, 0, 1))
 */
export function backtestRows(
  leads: readonly BacktestLead[],
  draft: ScoringModel,
  active: ScoringModel,
  at: EpochMs,
  excluded: BacktestExclusions = { createdAfter: 0, resolvedBefore: 0 },
): BacktestRow[] {
  const rows: BacktestRow[] = []
  for (const { lead, events, outcome } of leads) {
    if (lead.createdAt > at) {
      excluded.createdAfter++
      continue
    }
    if (outcome?.at !== undefined && outcome.at <= at) {
      excluded.resolvedBefore++
      continue
    }
    rows.push({
      leadId: lead.id,
      converted: outcome === null ? null : outcome.converted,
      draft: verdict(scoreLead(lead, events, draft, at)),
      active: verdict(scoreLead(lead, events, active, at)),
    })
  }
  return rows
}

function verdict(result: BacktestVerdict): BacktestVerdict {
  return { score: result.score, status: result.status, segment: result.segment }
}

/**
 * Compares the two models over the rows of {@link backtestRows}: AUC, MQLs, precision and recall at the MQL
 * threshold (qualified = MQL or SQL), confusion counts, and the leads that change segment or status.
 *
 * @example summariseBacktest(rows, at, excluded).draft.auc // 0.81
 */
export function summariseBacktest(
  rows: readonly BacktestRow[],
  at: EpochMs,
  excluded: BacktestExclusions,
): BacktestResult {
  const resolved = rows.filter((row) => row.converted !== null)
  return {
    at,
    leads: rows.length,
    withOutcome: resolved.length,
    converted: resolved.filter((row) => row.converted === true).length,
    excluded: { ...excluded },
    draft: modelResult(rows, (row) => row.draft),
    active: modelResult(rows, (row) => row.active),
    segmentChanges: changes(rows, (verdict) => verdict.segment),
    statusChanges: changes(rows, (verdict) => verdict.status),
  }
}

function modelResult(rows: readonly BacktestRow[], pick: (row: BacktestRow) => BacktestVerdict): BacktestModelResult {
  const confusion: Confusion = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 }
  const labels: number[] = []
  const scores: number[] = []
  const segments = new Map<string | null, number>()
  let mqls = 0
  let scoreSum = 0
  for (const row of rows) {
    const { score, status, segment } = pick(row)
    const qualified = status !== 'lead'
    scoreSum += score
    if (qualified) mqls++
    segments.set(segment, (segments.get(segment) ?? 0) + 1)
    if (row.converted === null) continue
    labels.push(row.converted ? 1 : 0)
    scores.push(score)
    if (qualified) confusion[row.converted ? 'truePositives' : 'falsePositives']++
    else confusion[row.converted ? 'falseNegatives' : 'trueNegatives']++
  }
  const auc = labels.length === 0 ? NaN : rocAuc(labels, scores)
  const { truePositives, falsePositives, falseNegatives } = confusion
  return {
    auc: Number.isNaN(auc) ? null : auc,
    meanScore: rows.length === 0 ? null : scoreSum / rows.length,
    mqls,
    precision: rateOf(truePositives, truePositives + falsePositives),
    recall: rateOf(truePositives, truePositives + falseNegatives),
    confusion,
    segments: [...segments.entries()].sort(byCountThenName),
  }
}

function changes(
  rows: readonly BacktestRow[],
  pick: (verdict: BacktestVerdict) => string | null,
): { leads: number; transitions: Transition[] } {
  const counts = new Map<string, Transition>()
  let leads = 0
  for (const row of rows) {
    const from = pick(row.active)
    const to = pick(row.draft)
    if (from === to) continue
    leads++
    const key = JSON.stringify([from, to])
    const transition = counts.get(key) ?? { from, to, leads: 0 }
    transition.leads++
    counts.set(key, transition)
  }
  const transitions = [...counts.values()].sort(
    (a, b) => b.leads - a.leads || compareText(String(a.from), String(b.from)) || compareText(String(a.to), String(b.to)),
  )
  return { leads, transitions }
}

function byCountThenName([a, countA]: [string | null, number], [b, countB]: [string | null, number]): number {
  return countB - countA || compareText(String(a), String(b))
}
