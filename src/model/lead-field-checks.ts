// Checks on lead field names used by a model: unknown names and sensitive attributes.
import { ATTRIBUTE_PREFIX, LEAD_FIELD_NAMES, isLeadFieldName } from '../core/index.js'
import type { IssueCollector, KeyPath } from './model-issue.js'
import { didYouMean } from './suggest.js'

/** Lead fields derived from others, readable like known fields. */
export const DERIVED_LEAD_FIELDS = ['email_domain'] as const

/**
 * Word stems of protected characteristics. Matched against the words of a field name rather than
 * its raw text, because `language`, `page` and `stage` contain "age".
 */
const SENSITIVE_WORD = /^(gender|sex|ages?$|aged$|birth|dob$|ethnic|race$|racial|religio|health|disab|pregnan|orientation$)/

/**
 * True when a field name looks like a protected characteristic (gender, sex, age, birth / dob, ethnicity,
 * race, religion, health, disability, pregnancy, sexual orientation), or is one the model declares under
 * `sensitive_attributes` (compared without the `attributes.` prefix, case-insensitively).
 */
export function isSensitiveField(field: string, declared: readonly string[] = []): boolean {
  const bare = (name: string) => (name.startsWith(ATTRIBUTE_PREFIX) ? name.slice(ATTRIBUTE_PREFIX.length) : name).toLowerCase()
  if (declared.some((name) => bare(name) === bare(field))) return true
  const words = field
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z]+/)
  return words.some((word) => SENSITIVE_WORD.test(word))
}

/** The warning text for a sensitive field. */
export function sensitiveFieldMessage(field: string): string {
  return `'${field}' uses a sensitive attribute; scoring people on it may be unlawful or unfair. Remove it unless you are sure it is allowed.`
}

/** Warns about a lead field path that is neither known, derived, nor written as `attributes.<name>`, and about sensitive ones. */
export function checkLeadField(
  field: string,
  path: KeyPath,
  issues: IssueCollector,
  declaredSensitive: readonly string[] = [],
): void {
  if (isSensitiveField(field, declaredSensitive)) issues.warning(path, sensitiveFieldMessage(field))
  if (isLeadFieldName(field) || (DERIVED_LEAD_FIELDS as readonly string[]).includes(field)) return
  if (field.startsWith(ATTRIBUTE_PREFIX) && field.length > ATTRIBUTE_PREFIX.length) return
  const suggestion = didYouMean(field, [...LEAD_FIELD_NAMES, ...DERIVED_LEAD_FIELDS])
  issues.warning(
    path,
    `'${field}' is not a known lead field, so it is read as the custom attribute '${ATTRIBUTE_PREFIX}${field}'.${suggestion} Write '${ATTRIBUTE_PREFIX}${field}' if that is what you mean.`,
  )
}
