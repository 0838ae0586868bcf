// TypeBox schemas of request bodies and query strings: one schema gives validation, types and docs.
import { Type } from 'typebox'
import { LEAD_FIELD_NAMES } from '../core/index.js'

/** Most events one POST /v1/events may carry. */
export const MAX_EVENT_BATCH = 1000
/** Most leads one page of GET /v1/leads returns. */
export const MAX_PAGE_SIZE = 500

const text = (maxLength: number) => Type.String({ maxLength })
const timestamp = Type.Union([Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0 })])

const leadFieldSchemas = Object.fromEntries(
  LEAD_FIELD_NAMES.map((name) => {
    if (name === 'company_size' || name === 'annual_revenue') {
      return [name, Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()]))]
    }
    if (name === 'created_at') return [name, Type.Optional(timestamp)]
    return [name, Type.Optional(Type.Union([text(name === 'email' ? 320 : 1000), Type.Null()]))]
  }),
)

export const LeadBody = Type.Object(
  { ...leadFieldSchemas, attributes: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Unknown())) },
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

export const LeadListQuery = Type.Object(
  {
    sort: Type.Optional(Type.String({ pattern: '^-?(score|fit|engagement|updated|created)$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    grade: Type.Optional(Type.String({ pattern: '^[A-D]$' })),
    status: Type.Optional(Type.String({ pattern: '^(lead|mql|sql)$' })),
    segment: Type.Optional(text(100)),
    spam: Type.Optional(Type.Boolean()),
    min_score: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    max_score: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
)

export const LeadParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 320 }) })
