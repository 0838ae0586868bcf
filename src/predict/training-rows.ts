// Leads with known outcomes → training rows: features as of each lead's cut-off, labels and creation times.
import { scoreLead, type EpochMs, type Lead, type LeadEvent, type Outcome, type ScoringModel } from '../core/index.js'
import { leadFeatureRecords, type LeadFeatureRecord } from './lead-features.js'

/**
 * Event types that *are* an outcome rather than a step towards one. A CRM often dates the recorded
 * conversion after them (the demo data does), so counting them would teach the model "converted leads
 * have a purchase event". Features stop before the first of them, for training and live scoring alike,
 * and their counts are not features. `checkout` is the purchase's own first step (it precedes
 * `purchase` by minutes), so it counts as one too.
 */
export const OUTCOME_EVENT_TYPES = ['opportunity_won', 'opportunity_lost', 'purchase', 'checkout'] as const

/** One lead with a known outcome, as a store hands it out. */
export interface TrainingItem {
  lead: Lead
  outcome: Outcome
  /** When the outcome was recorded: the latest the conversion can have happened when it has no date. */
  recordedAt: EpochMs
  /** The lead's events, any order. */
  events: readonly LeadEvent[]
}

export interface TrainingRowsOptions {
  /** Event types treated as outcomes (see OUTCOME_EVENT_TYPES). Default: OUTCOME_EVENT_TYPES. */
  outcomeEventTypes?: readonly string[] | undefined
  /**
   * The active scoring model: each lead is also scored by it at its cut-off, so the report can set the
   * probability threshold at the rule model's MQL share. Default: none (threshold 0.5).
   */
  scoringModel?: ScoringModel | undefined
}

/** Parallel arrays, one entry per lead with an outcome, in the order of the items. */
export interface TrainingRows {
  leadIds: string[]
  records: LeadFeatureRecord[]
  /** 1 = converted. */
  labels: Uint8Array
  /** Lead created_at (the time split orders by it). */
  createdAt: Float64Array
  /** The instant features were computed at: events strictly before it count. */
  cutoffs: Float64Array
  /** 1 when the scoring model had the lead at MQL or SQL at its cut-off; only with `scoringModel`. */
  mql: Uint8Array | null
}

/**
 * The cut-off of a lead's features: `limit`, or the first outcome-like event when that is earlier, so
 * nothing that happened at or after an outcome is seen.
 */
export function featureCutoff(events: readonly LeadEvent[], limit: EpochMs, outcomeEventTypes: readonly string[]): EpochMs {
  let cutoff = limit
  for (const event of events) {
    if (event.timestamp < cutoff && outcomeEventTypes.includes(event.type)) cutoff = event.timestamp
  }
  return cutoff
}

/**
 * Builds the training rows. The cut-off per lead (no leakage):
 *
 * - the outcome's date (`converted_at`) when known — events strictly before it count;
 * - without a date, the time the outcome was recorded: the conversion cannot have been later;
 * - and in both cases the first outcome-like event (OUTCOME_EVENT_TYPES) when that is earlier.
 *
 * Lead age and recency are measured from the cut-off, so a lead looks as it did just before its outcome.
 *
 * @example
 * const rows = trainingRows(items, { scoringModel: active.model })
 * trainPredictiveModel(rows.records, rows.labels, rows.createdAt, { algo: 'gbdt', mqlFlags: rows.mql })
 */
export function trainingRows(items: readonly TrainingItem[], options: TrainingRowsOptions = {}): TrainingRows {
  const outcomeTypes = options.outcomeEventTypes ?? OUTCOME_EVENT_TYPES
  const cutoffByLead = new Map<string, EpochMs>()
  const eventsByLead = new Map<string, readonly LeadEvent[]>()
  const cutoffs = new Float64Array(items.length)
  items.forEach((item, index) => {
    const cutoff = featureCutoff(item.events, item.outcome.at ?? item.recordedAt, outcomeTypes)
    cutoffs[index] = cutoff
    cutoffByLead.set(item.lead.id, cutoff)
    eventsByLead.set(item.lead.id, item.events)
  })
  const leads = items.map((item) => item.lead)
  const scoringModel = options.scoringModel
  let mql: Uint8Array | null = null
  if (scoringModel !== undefined) {
    mql = Uint8Array.from(items, (item, index) => {
      const cutoff = cutoffs[index]!
      const before = item.events.filter((event) => event.timestamp < cutoff)
      const status = scoreLead(item.lead, before, scoringModel, cutoff - 1).status
      return status === 'lead' ? 0 : 1
    })
  }
  return {
    leadIds: leads.map((lead) => lead.id),
    records: leadFeatureRecords(leads, eventsByLead, cutoffByLead),
    labels: Uint8Array.from(items, (item) => (item.outcome.converted ? 1 : 0)),
    createdAt: Float64Array.from(items, (item) => item.lead.createdAt),
    cutoffs,
    mql,
  }
}

/** The feature columns that count outcome-like events: left out of every model. */
export function outcomeFeatureNames(outcomeEventTypes: readonly string[]): string[] {
  return outcomeEventTypes.map((type) => `events_${type}`)
}
