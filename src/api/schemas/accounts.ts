// TypeBox schemas of the account and segment routes.
import { Type } from 'typebox'
import { MAX_PAGE_SIZE } from '../schemas.js'

export const AccountListQuery = Type.Object(
  {
    sort: Type.Optional(
      Type.String({
        pattern: '^-?(account_score|best_score|leads|updated)$',
        description: 'Sort key; prefix - for descending. Default: -account_score.',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Page size. Default: 50.' })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Text in the domain or company name.' })),
    min_score: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'Lowest account score.' })),
  },
  { additionalProperties: false },
)

export const AccountParams = Type.Object(
  { key: Type.String({ minLength: 1, maxLength: 1000, description: 'Company domain, else company name.' }) },
  { additionalProperties: false },
)

export const AccountLeadsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Leads shown. Default: 50.' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
)

const score = Type.Union([Type.Number(), Type.Null()])

export const AccountJson = Type.Object({
  key: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  domain: Type.Union([Type.String(), Type.Null()]),
  leads: Type.Integer(),
  spam_leads: Type.Integer(),
  mqls: Type.Integer(),
  sqls: Type.Integer(),
  best_score: score,
  average_score: score,
  account_score: Type.Union([Type.Number(), Type.Null()], { description: 'Mean of the three best non-spam scores.' }),
  updated_at: Type.String(),
})

export const AccountListJson = Type.Object({
  items: Type.Array(AccountJson),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
})

export const SegmentListJson = Type.Object({
  model_version: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      leads: Type.Integer({ description: 'Leads whose stored score is in this segment.' }),
    }),
  ),
  unsegmented: Type.Integer({ description: 'Scored leads in no segment.' }),
})
