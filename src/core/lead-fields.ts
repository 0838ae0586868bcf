// The lead's known fields by their snake_case names (CSV columns, model field paths) and how to read them.
import type { Lead } from './types.js'

/** Known lead fields: snake_case name → Lead property and value type. */
export const LEAD_FIELDS = {
  id: { key: 'id', type: 'string' },
  email: { key: 'email', type: 'string' },
  first_name: { key: 'firstName', type: 'string' },
  last_name: { key: 'lastName', type: 'string' },
  phone: { key: 'phone', type: 'string' },
  job_title: { key: 'jobTitle', type: 'string' },
  seniority: { key: 'seniority', type: 'string' },
  department: { key: 'department', type: 'string' },
  country: { key: 'country', type: 'string' },
  language: { key: 'language', type: 'string' },
  source: { key: 'source', type: 'string' },
  owner: { key: 'owner', type: 'string' },
  company: { key: 'companyName', type: 'string' },
  company_domain: { key: 'companyDomain', type: 'string' },
  industry: { key: 'industry', type: 'string' },
  company_size: { key: 'companySize', type: 'number' },
  annual_revenue: { key: 'annualRevenue', type: 'number' },
  created_at: { key: 'createdAt', type: 'timestamp' },
} as const satisfies Record<string, { key: keyof Lead; type: 'string' | 'number' | 'timestamp' }>

export type LeadFieldName = keyof typeof LEAD_FIELDS

export const LEAD_FIELD_NAMES = Object.keys(LEAD_FIELDS) as LeadFieldName[]

/** Prefix of custom attribute paths in models: `attributes.plan`. */
export const ATTRIBUTE_PREFIX = 'attributes.'

export function isLeadFieldName(name: string): name is LeadFieldName {
  return Object.hasOwn(LEAD_FIELDS, name)
}

/**
 * Reads a field by its model path: a known field (`job_title`), a custom attribute
 * (`attributes.plan`, or a bare name that is not a known field), or a derived one
 * (`email_domain`). Undefined when absent.
 */
export function readLeadField(lead: Lead, path: string): unknown {
  if (isLeadFieldName(path)) return lead[LEAD_FIELDS[path].key]
  if (path === 'email_domain') return emailDomain(lead.email)
  const name = path.startsWith(ATTRIBUTE_PREFIX) ? path.slice(ATTRIBUTE_PREFIX.length) : path
  return readPath(lead.attributes, name)
}

/** Reads a dotted path (`utm.campaign`) from a plain object. */
export function readPath(source: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(source, path)) return source[path]
  let current: unknown = source
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

/** The lower-cased domain of an email address, or undefined. */
export function emailDomain(email: string | undefined): string | undefined {
  if (email === undefined) return undefined
  const at = email.lastIndexOf('@')
  return at < 0 ? undefined : email.slice(at + 1).trim().toLowerCase()
}
