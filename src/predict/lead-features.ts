// Lead + events → one flat feature record per lead, for training and scoring: attributes and event aggregates.
import { EVENT_TYPES, emailDomain, type EpochMs, type Lead, type LeadEvent } from '../core/index.js'

/**
 * Version of the feature set below. Bump it when a feature is added, removed or computed differently, so
 * an artifact trained on one version is never fed records of another.
 */
export const LEAD_FEATURES_VERSION = 1

/** One lead's features: name → value; null is missing. */
export type LeadFeatureRecord = Record<string, string | number | null>

/** Known lead fields used as features, by their snake_case column name. Identifiers and names are left out. */
const LEAD_FIELD_FEATURES = {
  job_title: 'jobTitle',
  seniority: 'seniority',
  department: 'department',
  country: 'country',
  language: 'language',
  source: 'source',
  industry: 'industry',
  company_size: 'companySize',
  annual_revenue: 'annualRevenue',
} as const satisfies Record<string, keyof Lead>

/** Custom attributes named like an identifier, an email address or a person's name are not features. */
const IDENTIFYING_ATTRIBUTE = /(^|_)(id|email|name|phone)$/i

const DAY_MS = 86_400_000

/**
 * One record per lead, in lead order. Features:
 *
 * - the known fields in `LEAD_FIELD_FEATURES` and every custom attribute as `attributes.<name>` (scalars
 *   only), except identifiers, emails and names (`id`, `email`, `first_name`, `last_name`, `phone`, `owner`,
 *   `company`, `company_domain`, and attributes matching `/(^|_)(id|email|name|phone)$/i`);
 * - `email_domain_tld`: the last label of the email domain (`com`, `io`);
 * - `lead_age_days`: cutoff − created_at, when both are known;
 * - event aggregates over the events that count: `events_<type>` for every built-in type and every other
 *   type seen in the batch (0 when none), `events_total`, `days_active` (distinct UTC days), `recency_days`
 *   (cutoff − last event), `span_days` (last − first event), `value_sum` (numeric `value` properties) and
 *   `pricing_views` (page views whose url contains `pricing`).
 *
 * Which events count: with a cutoff for the lead (e.g. its outcome date), only events strictly before it —
 * an event at the cutoff instant is the conversion itself, and anything later would leak the outcome.
 * Without one, all its events count and the cutoff is the latest event (recency 0).
 *
 * @example
 * const records = leadFeatureRecords(leads, eventsByLead, new Map([['l1', Date.UTC(2024, 5, 1)]]))
 * const spec = fitFeatureSpec(records)
 */
export function leadFeatureRecords(
  leads: readonly Lead[],
  eventsByLead: ReadonlyMap<string, readonly LeadEvent[]>,
  cutoffByLead: ReadonlyMap<string, EpochMs> = new Map(),
): LeadFeatureRecord[] {
  const counted = leads.map((lead) => {
    const events = eventsByLead.get(lead.id) ?? []
    const cutoff = cutoffByLead.get(lead.id)
    return cutoff === undefined ? events : events.filter((event) => event.timestamp < cutoff)
  })
  const eventTypes = new Set<string>(EVENT_TYPES)
  for (const events of counted) for (const event of events) eventTypes.add(event.type)
  return leads.map((lead, index) => {
    const events = counted[index] ?? []
    const lastEventAt = events.reduce((latest, event) => Math.max(latest, event.timestamp), -Infinity)
    const cutoff = cutoffByLead.get(lead.id) ?? (events.length > 0 ? lastEventAt : undefined)
    return {
      ...attributeFeatures(lead),
      ...eventFeatures(events, cutoff, eventTypes),
      lead_age_days:
        cutoff !== undefined && Number.isFinite(lead.createdAt) ? (cutoff - lead.createdAt) / DAY_MS : null,
    }
  })
}

function attributeFeatures(lead: Lead): LeadFeatureRecord {
  const record: LeadFeatureRecord = {}
  for (const [name, key] of Object.entries(LEAD_FIELD_FEATURES)) record[name] = lead[key] ?? null
  const domain = emailDomain(lead.email)
  const tld = domain?.includes('.') === true ? domain.slice(domain.lastIndexOf('.') + 1) : ''
  record.email_domain_tld = tld === '' ? null : tld
  for (const [name, value] of Object.entries(lead.attributes)) {
    if (IDENTIFYING_ATTRIBUTE.test(name)) continue
    const scalar = scalarOf(value)
    if (scalar !== undefined) record[`attributes.${name}`] = scalar
  }
  return record
}

/** A feature value from an attribute; undefined for objects and arrays, which are not features. */
function scalarOf(value: unknown): string | number | null | undefined {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'boolean') return String(value)
  return undefined
}

function eventFeatures(
  events: readonly LeadEvent[],
  cutoff: EpochMs | undefined,
  eventTypes: ReadonlySet<string>,
): LeadFeatureRecord {
  const record: LeadFeatureRecord = {}
  for (const type of eventTypes) record[`events_${type}`] = 0
  const days = new Set<number>()
  let first = Infinity
  let last = -Infinity
  let valueSum = 0
  let pricingViews = 0
  for (const event of events) {
    record[`events_${event.type}`] = (record[`events_${event.type}`] as number) + 1
    days.add(Math.floor(event.timestamp / DAY_MS))
    first = Math.min(first, event.timestamp)
    last = Math.max(last, event.timestamp)
    const value = event.properties.value
    if (typeof value === 'number' && Number.isFinite(value)) valueSum += value
    const url = event.properties.url
    if (event.type === 'page_view' && typeof url === 'string' && url.toLowerCase().includes('pricing')) {
      pricingViews++
    }
  }
  const hasEvents = events.length > 0
  record.events_total = events.length
  record.days_active = days.size
  record.recency_days = hasEvents && cutoff !== undefined ? (cutoff - last) / DAY_MS : null
  record.span_days = hasEvents ? (last - first) / DAY_MS : null
  record.value_sum = valueSum
  record.pricing_views = pricingViews
  return record
}
