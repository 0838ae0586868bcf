// The fairness report over every scored lead, grouped by one lead field or custom attribute.
import { fairnessReport, type FairnessOptions, type FairnessReport } from '../analytics/index.js'
import { readLeadField } from '../core/index.js'
import type { Store } from '../store/index.js'
import { ReportError } from './report-error.js'
import { scanAll } from './analytics-reports.js'

/** A field path: a known lead field (`country`), `attributes.<name>`, or a bare custom attribute name. */
const ATTRIBUTE_PATH = /^[A-Za-z_][\w-]*(\.[\w-]+)*$/

/** The fairness report with the attribute it grouped by. */
export interface AttributeFairnessReport extends FairnessReport {
  attribute: string
  /** Leads never scored, left out. */
  unscored: number
}

/**
 * Groups the scored leads by `attribute` (read like a model's fit field) and compares score distributions,
 * MQL rates and conversion across the groups (see `fairnessReport`). Values are compared as trimmed text;
 * an empty value counts as missing.
 *
 * @example await attributeFairnessReport(store, 'attributes.gender')
 */
export async function attributeFairnessReport(
  store: Store,
  attribute: string,
  options: FairnessOptions = {},
): Promise<AttributeFairnessReport> {
  if (attribute.length > 200 || !ATTRIBUTE_PATH.test(attribute)) {
    throw new ReportError('invalid', `'${attribute}' is not a lead field or attribute name. Use e.g. country or attributes.gender.`)
  }
  const scanned = await scanAll(store)
  const leads = scanned.flatMap((item) =>
    item.score === null
      ? []
      : [
          {
            group: groupValue(readLeadField(item.lead, attribute)),
            score: item.score.score,
            qualified: item.score.status !== 'lead',
            converted: item.outcome === null ? null : item.outcome.converted,
          },
        ],
  )
  if (leads.length > 0 && leads.every((lead) => lead.group === null)) {
    throw new ReportError(
      'invalid',
      `No scored lead has a value for '${attribute}'. Check the name: a lead field such as country or industry, or a custom attribute as attributes.<name>.`,
    )
  }
  return { attribute, unscored: scanned.length - leads.length, ...fairnessReport(leads, options) }
}

function groupValue(value: unknown): string | null {
  if (value === undefined || value === null) return null
  const text =
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)
  const trimmed = (text ?? '').trim()
  return trimmed === '' ? null : trimmed
}
