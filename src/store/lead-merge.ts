// How a client's lead input folds into a stored lead, shared by every store so they agree on "changed".
import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import type { EpochMs, Lead } from '../core/index.js'
import type { LeadInput } from './store.js'

/** The plain value fields a client may set; `id`, `email`, `attributes` and the timestamps are handled apart. */
const LEAD_VALUE_KEYS = [
  'firstName',
  'lastName',
  'phone',
  'jobTitle',
  'seniority',
  'department',
  'country',
  'language',
  'source',
  'owner',
  'companyName',
  'companyDomain',
  'industry',
  'companySize',
  'annualRevenue',
] as const satisfies readonly (keyof LeadInput & keyof Lead)[]

/** Emails are compared and stored trimmed and lower-cased; an empty one counts as absent. */
export function normaliseEmail(email: string | undefined): string | undefined {
  const trimmed = email?.trim().toLowerCase()
  return trimmed === undefined || trimmed === '' ? undefined : trimmed
}

/** A new lead id for a lead known only by email: `ld_` and 25 base-36 characters from a random UUID. */
export function newLeadId(): string {
  return 'ld_' + BigInt('0x' + randomUUID().replaceAll('-', '')).toString(36)
}

/** A lead with nothing but its id (and email), as created by an event for an unknown lead. */
export function newLead(id: string, email: string | undefined, now: EpochMs): Lead {
  return { id, ...(email === undefined ? {} : { email }), attributes: {}, createdAt: now, updatedAt: now }
}

/**
 * Folds `input` into `existing` (or a new lead with `id` when there is none): absent fields stay as
 * they are, attributes merge key by key. `changed` is false when the result equals `existing`.
 */
export function mergeLeadInput(
  existing: Lead | null,
  id: string,
  input: LeadInput,
  now: EpochMs,
): { lead: Lead; changed: boolean } {
  const lead: Lead = existing === null ? newLead(id, undefined, input.createdAt ?? now) : { ...existing }
  let changed = existing === null
  const email = normaliseEmail(input.email)
  if (email !== undefined && email !== lead.email) {
    lead.email = email
    changed = true
  }
  const target = lead as unknown as Record<string, unknown>
  for (const key of LEAD_VALUE_KEYS) {
    const value = input[key]
    if (value !== undefined && value !== target[key]) {
      target[key] = value
      changed = true
    }
  }
  if (input.attributes !== undefined) {
    let attributes = lead.attributes
    for (const [key, value] of Object.entries(input.attributes)) {
      if (value === undefined || isDeepStrictEqual(attributes[key], value)) continue
      if (attributes === lead.attributes) attributes = { ...lead.attributes }
      attributes[key] = value
      changed = true
    }
    lead.attributes = attributes
  }
  if (changed) lead.updatedAt = now
  return { lead, changed }
}
