// TypeBox schemas of request bodies and query strings: one schema gives validation, types and docs.
import { Type } from 'typebox'

/** Most events one POST /v1/events may carry. */
export const MAX_EVENT_BATCH = 1000
/** Most leads one page of GET /v1/leads returns. */
export const MAX_PAGE_SIZE = 500

const text = (maxLength: number) => Type.String({ maxLength })
const timestamp = Type.Union([Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0 })])

const optionalText = (maxLength: number) => Type.Optional(Type.Union([text(maxLength), Type.Null()]))
const optionalAmount = Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()]))

/** A lead: the known fields of src/core/lead-fields.ts (checked by a test) plus custom attributes. */
export const LeadBody = Type.Object(
  {
    id: optionalText(200),
    email: optionalText(320),
    first_name: optionalText(1000),
    last_name: optionalText(1000),
    phone: optionalText(1000),
    job_title: optionalText(1000),
    seniority: optionalText(1000),
    department: optionalText(1000),
    country: optionalText(1000),
    language: optionalText(1000),
    source: optionalText(1000),
    owner: optionalText(1000),
    company: optionalText(1000),
    company_domain: optionalText(1000),
    industry: optionalText(1000),
    company_size: optionalAmount,
    annual_revenue: optionalAmount,
    created_at: Type.Optional(timestamp),
    attributes: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Unknown())),
  },
  { additionalProperties: false },
)

export const EventBody = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200 }),
    lead_id: Type.Optional(text(200)),
    email: Type.Optional(text(320)),
    type: Type.String({ minLength: 1, maxLength: 100 }),
    timestamp,
    properties: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Type.Unknown())),
  },
  { additionalProperties: false },
)

export const EventsBody = Type.Union([
  EventBody,
  Type.Object({ events: Type.Array(EventBody, { minItems: 1, maxItems: MAX_EVENT_BATCH }) }, { additionalProperties: false }),
])

export const LeadParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 320 }) })
