// TypeBox schemas of the analytics, backtest, learned-points and fairness routes.
import { Type } from 'typebox'
import { CONVERSION_KEYS } from '../../analytics/index.js'

const windowDays = Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3650, description: 'Trend window in days. Default: 14.' }))
const threshold = Type.Optional(
  Type.Number({ minimum: 0, maximum: 100, description: 'Change over the window, in points, that is not steady. Default: 5.' }),
)

export const DistributionQuery = Type.Object(
  { bucket_width: Type.Optional(Type.Number({ minimum: 1, maximum: 100, description: 'Points per bucket, 1 to 100. Default: 10.' })) },
  { additionalProperties: false },
)

export const ConversionQuery = Type.Object(
  { by: Type.Optional(Type.Enum(CONVERSION_KEYS, { description: 'How to group the leads. Default: decile.' })) },
  { additionalProperties: false },
)

export const EmptyQuery = Type.Object({}, { additionalProperties: false })

export const TrendsQuery = Type.Object(
  {
    window_days: windowDays,
    threshold,
    top: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Fastest movers listed each way. Default: 10.' })),
  },
  { additionalProperties: false },
)

export const LeadTrendQuery = Type.Object({ window_days: windowDays, threshold }, { additionalProperties: false })

export const FairnessQuery = Type.Object(
  {
    attribute: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'A lead field (country) or custom attribute (attributes.gender) to group leads by.',
    }),
    min_group_size: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Fewest leads a group needs to be compared. Default: 20.' }),
    ),
    max_groups: Type.Optional(
      Type.Integer({ minimum: 2, maximum: 200, description: 'Most groups listed; smaller ones are pooled. Default: 20.' }),
    ),
  },
  { additionalProperties: false },
)

export const ModelVersionParams = Type.Object(
  { version: Type.Integer({ minimum: 1, description: 'The draft (or any stored) model version to test.' }) },
  { additionalProperties: false },
)

const time = Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Integer({ minimum: 0 })], {
  description: 'ISO-8601 time or epoch milliseconds.',
})

export const BacktestBody = Type.Object(
  {
    at: time,
    against: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The model version to compare with. Default: the active one.' }),
    ),
  },
  { additionalProperties: false },
)

export const LearnBody = Type.Object(
  {
    create_draft: Type.Optional(Type.Boolean({ description: 'Store the suggested model as a draft version. Default: false.' })),
    l2: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: 'L2 penalty of the regression. Default: 1.' })),
    min_support: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Fewest leads with and without a rule to learn it. Default: 10.' }),
    ),
  },
  { additionalProperties: false },
)
