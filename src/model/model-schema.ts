// The raw structure of a model file as a TypeBox schema (served as JSON Schema); meaning is checked later.
import { Type, type Static } from 'typebox'
import { CONDITION_OPERATORS, SPAM_DETECTOR_TYPES, BUYING_STAGES } from '../core/index.js'

/** Ids of rules, detectors, segments, lists and custom event types. */
export const ID_PATTERN = '^[a-z][a-z0-9_]*$'
/** Longest list a model may hold (named lists included). */
export const MAX_LIST_ITEMS = 10_000
const MAX_STRING = 2_000

const Id = Type.String({ pattern: ID_PATTERN, maxLength: 64 })
const Text = Type.String({ minLength: 1, maxLength: MAX_STRING })
const TextList = Type.Array(Text, { minItems: 1, maxItems: MAX_LIST_ITEMS })
const TextOrList = Type.Union([Text, TextList])
const Days = Type.Number({ exclusiveMinimum: 0, description: 'A number of days, > 0.' })
const Count = Type.Integer({ minimum: 1 })
const Expression = Type.String({ minLength: 1, maxLength: MAX_STRING, description: 'An expression, see docs/model-format.md.' })

const conditionProperties = {
  field: Type.Optional(Text),
  equals: Type.Optional(Type.Union([Text, Type.Number(), Type.Boolean()])),
  not_equals: Type.Optional(Type.Union([Text, Type.Number(), Type.Boolean()])),
  in: Type.Optional(Type.Array(Type.Union([Text, Type.Number()]), { minItems: 1, maxItems: MAX_LIST_ITEMS })),
  not_in: Type.Optional(Type.Array(Type.Union([Text, Type.Number()]), { minItems: 1, maxItems: MAX_LIST_ITEMS })),
  in_list: Type.Optional(Id),
  contains: Type.Optional(TextOrList),
  not_contains: Type.Optional(TextOrList),
  starts_with: Type.Optional(TextOrList),
  ends_with: Type.Optional(TextOrList),
  matches: Type.Optional(Text),
  gt: Type.Optional(Type.Number()),
  gte: Type.Optional(Type.Number()),
  lt: Type.Optional(Type.Number()),
  lte: Type.Optional(Type.Number()),
  between: Type.Optional(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 })),
  exists: Type.Optional(Type.Boolean()),
  empty: Type.Optional(Type.Boolean()),
  domain_in: Type.Optional(TextOrList),
  domain_not_in: Type.Optional(TextOrList),
  all: Type.Optional(Type.Array(Type.Ref('Condition'), { minItems: 1, maxItems: 1_000 })),
  any: Type.Optional(Type.Array(Type.Ref('Condition'), { minItems: 1, maxItems: 1_000 })),
  not: Type.Optional(Type.Ref('Condition')),
}

/** Keys of a condition that are operators: the engine's operators plus `in_list`, which becomes `in`. */
export const CONDITION_KEYS = [...CONDITION_OPERATORS, 'in_list'] as const

/** One test (`field` + one operator) or one combinator (`all`, `any`, `not`). */
export const ConditionSchema = Type.Cyclic(
  { Condition: Type.Object(conditionProperties, { additionalProperties: false }) },
  'Condition',
)

const FitRuleSchema = Type.Object(
  { id: Id, label: Type.Optional(Text), when: ConditionSchema, points: Type.Number() },
  { additionalProperties: false },
)

const EngagementRuleSchema = Type.Object(
  {
    id: Id,
    label: Type.Optional(Text),
    event: Type.Optional(TextOrList),
    url: Type.Optional(TextOrList),
    where: Type.Optional(ConditionSchema),
    points: Type.Optional(Type.Number()),
    points_per: Type.Optional(
      Type.Object(
        {
          property: Text,
          unit: Type.Number({ exclusiveMinimum: 0 }),
          points: Type.Number({ exclusiveMinimum: 0 }),
          max: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
    max_per_day: Type.Optional(Count),
    max_total: Type.Optional(Count),
    once: Type.Optional(Type.Boolean()),
    half_life_days: Type.Optional(Days),
    window_days: Type.Optional(Days),
    decay: Type.Optional(Type.Literal('none')),
    frequency: Type.Optional(
      Type.Object({ count: Type.Integer({ minimum: 2 }), within_days: Days }, { additionalProperties: false }),
    ),
    inactive_days: Type.Optional(Days),
  },
  { additionalProperties: false },
)

const SpamDetectorSchema = Type.Object(
  {
    id: Type.Optional(Id),
    type: Type.Enum(SPAM_DETECTOR_TYPES),
    points: Type.Optional(Type.Number()),
    spam_points: Type.Optional(Type.Number({ minimum: 0 })),
    reason: Type.Optional(Text),
    fields: Type.Optional(Type.Array(Text, { minItems: 1, maxItems: 100 })),
    min_run: Type.Optional(Type.Integer({ minimum: 3 })),
    min_repeat: Type.Optional(Type.Integer({ minimum: 3 })),
    names: Type.Optional(TextList),
  },
  { additionalProperties: false },
)

const Score = Type.Number({ minimum: 0, maximum: 100 })
const Weight = Type.Optional(Type.Number({ minimum: 0 }))

/** A model file, as written. See docs/model-format.md for the meaning of every key. */
export const ModelSchema = Type.Object(
  {
    format: Type.Literal(1, { description: 'Version of the model format. Only 1 is known.' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: MAX_STRING })),
    event_types: Type.Optional(Type.Array(Id, { maxItems: 1_000 })),
    sensitive_attributes: Type.Optional(
      Type.Array(Text, {
        maxItems: 1_000,
        description: 'Lead fields or attributes to treat as sensitive: rules and expressions using them get a warning, and fairness reports can group by them.',
      }),
    ),
    lists: Type.Optional(
      Type.Record(Type.String(), Type.Array(Text, { maxItems: MAX_LIST_ITEMS }), { maxProperties: 1_000 }),
    ),
    weights: Type.Optional(
      Type.Object({ fit: Weight, engagement: Weight, predictive: Weight }, { additionalProperties: false }),
    ),
    grades: Type.Optional(
      Type.Object(
        { A: Type.Optional(Score), B: Type.Optional(Score), C: Type.Optional(Score) },
        { additionalProperties: false },
      ),
    ),
    levels: Type.Optional(
      Type.Object(
        { 1: Type.Optional(Score), 2: Type.Optional(Score), 3: Type.Optional(Score) },
        { additionalProperties: false },
      ),
    ),
    decay: Type.Optional(
      Type.Object(
        { half_life_days: Type.Optional(Days), window_days: Type.Optional(Days), none: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
    ),
    fit: Type.Optional(Type.Array(FitRuleSchema, { maxItems: MAX_LIST_ITEMS })),
    engagement: Type.Optional(Type.Array(EngagementRuleSchema, { maxItems: MAX_LIST_ITEMS })),
    spam: Type.Optional(
      Type.Object(
        {
          threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          detectors: Type.Optional(Type.Array(SpamDetectorSchema, { maxItems: 1_000 })),
        },
        { additionalProperties: false },
      ),
    ),
    stages: Type.Optional(
      Type.Array(
        Type.Object(
          {
            stage: Type.Enum(BUYING_STAGES),
            rules: Type.Array(Id, { minItems: 1, maxItems: 1_000 }),
            within_days: Type.Optional(Days),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    qualification: Type.Optional(
      Type.Object(
        {
          mql: Type.Optional(Expression),
          sql: Type.Optional(Expression),
          fast_track: Type.Optional(
            Type.Array(
              Type.Object(
                {
                  id: Id,
                  label: Type.Optional(Text),
                  when: Expression,
                  to: Type.Optional(Type.Enum(['mql', 'sql'])),
                },
                { additionalProperties: false },
              ),
              { maxItems: 1_000 },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    segments: Type.Optional(
      Type.Array(
        Type.Object({ id: Id, label: Type.Optional(Text), when: Expression }, { additionalProperties: false }),
        { maxItems: 1_000 },
      ),
    ),
  },
  { additionalProperties: false },
)

/** A model file that passed the schema. */
export type RawModel = Static<typeof ModelSchema>
export type RawCondition = Static<typeof ConditionSchema>
export type RawEngagementRule = Static<typeof EngagementRuleSchema>
export type RawSpamDetector = Static<typeof SpamDetectorSchema>
