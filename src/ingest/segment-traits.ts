// Segment traits → lead row fields: the spec's names and company object onto ours, unknown traits as attributes.
import { normaliseKey } from './field-values.js'

/** The value as a plain object, or undefined when it is not one. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

/** The host of a web address (`https://www.acme.io/x` → `www.acme.io`), or the text when it is not a URL. */
function hostOf(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return new URL(value.includes('://') ? value : `https://${value}`).hostname
  } catch {
    return value
  }
}

/** Company traits (of `traits.company` in identify, or group traits) as lead fields; the rest into `extra`. */
export function companyFields(company: Record<string, unknown>, fields: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(company)) {
    switch (normaliseKey(key)) {
      case 'name':
        fields.company = value
        break
      case 'industry':
        fields.industry = value
        break
      case 'employees':
      case 'employeecount':
      case 'size':
        fields.company_size = value
        break
      case 'website':
      case 'domain':
        fields.company_domain = hostOf(value)
        break
      case 'annualrevenue':
      case 'revenue':
        fields.annual_revenue = value
        break
      case 'id':
        break
      default:
        extra[key] = value
    }
  }
}

/** Segment traits as the fields of a lead row; unknown traits become custom attributes. */
export function traitFields(traits: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  const attributes: Record<string, unknown> = {}
  const company: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(traits)) {
    switch (normaliseKey(key)) {
      case 'id':
      case 'userid':
      case 'anonymousid':
        break // identity comes from userId / anonymousId, never from traits
      case 'title':
      case 'jobtitle':
        fields.job_title = value
        break
      case 'name': {
        const parts = typeof value === 'string' ? value.trim().split(/\s+/) : []
        if (parts.length > 0 && parts[0] !== '') {
          fields.first_name ??= parts[0]
          if (parts.length > 1) fields.last_name ??= parts.slice(1).join(' ')
        }
        break
      }
      case 'firstname':
        fields.first_name = value
        break
      case 'lastname':
        fields.last_name = value
        break
      case 'company': {
        const object = asRecord(value)
        if (object === undefined) fields.company = value
        else companyFields(object, fields, company)
        break
      }
      case 'employees':
      case 'companysize':
        fields.company_size = value
        break
      case 'website':
        fields.company_domain = hostOf(value)
        break
      case 'address': {
        const country = asRecord(value)?.country
        if (country !== undefined) fields.country ??= country
        attributes.address = value
        break
      }
      case 'createdat':
        fields.created_at = value
        break
      case 'email':
      case 'phone':
      case 'seniority':
      case 'department':
      case 'country':
      case 'language':
      case 'source':
      case 'owner':
      case 'industry':
      case 'companydomain':
      case 'annualrevenue':
        fields[key] = value
        break
      default:
        attributes[key] = value
    }
  }
  if (Object.keys(company).length > 0) attributes.company = company
  if (Object.keys(attributes).length > 0) fields.attributes = attributes
  return fields
}
