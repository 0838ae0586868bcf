// TypeBox schemas of the lead resources beyond create: the list query, patch, and the paged timelines.
import { Type } from 'typebox'
import { LeadBody, MAX_PAGE_SIZE } from '../schemas.js'

/** Most events or score changes one page of a lead's timeline or history returns. */
export const MAX_TIMELINE_PAGE = 500

/** An instant in a query string: ISO-8601 or epoch milliseconds. */
const instant = (description: string) =>
  Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: `${description} (ISO-8601 or epoch ms)` }))

/** An opaque cursor handed out as `next_cursor`. */
export const Cursor = Type.String({ minLength: 1, maxLength: 1000, description: 'The next_cursor of the previous page.' })

export const LeadListQuery = Type.Object(
  {
    sort: Type.Optional(
      Type.String({ pattern: '^-?(score|fit|engagement|updated|created)$', description: 'Sort key; prefix - for descending. Default: -score.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Page size. Default: 50.' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, description: 'Rows to skip; not together with cursor.' })),
    cursor: Type.Optional(Cursor),
    grade: Type.Optional(Type.String({ pattern: '^[A-D]$' })),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    cell: Type.Optional(Type.String({ pattern: '^[A-D][1-4]$', description: 'Matrix cell, e.g. B2.' })),
    stage: Type.Optional(Type.String({ pattern: '^(awareness|investigation|decision|action)$' })),
    status: Type.Optional(Type.String({ pattern: '^(lead|mql|sql)$' })),
    segment: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    owner: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    account: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'An account key: company domain, else name.' })),
    spam: Type.Optional(Type.Boolean()),
    min_score: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    max_score: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    created_after: instant('Created at or after'),
    created_before: instant('Created before'),
    updated_after: instant('Changed at or after'),
    updated_before: instant('Changed before'),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Text in first or last name, email or company; case and accents ignored.' }),
    ),
  },
  { additionalProperties: false },
)

/** PATCH /v1/leads/:id: the fields of POST /v1/leads except the id, which the path names. */
export const LeadPatchBody = Type.Omit(LeadBody, ['id'], { additionalProperties: false })

/** Paging of a lead's events or score history. */
export const TimelineQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TIMELINE_PAGE, description: 'Page size. Default: 50.' })),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
)
