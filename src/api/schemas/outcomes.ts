// TypeBox schemas of POST /v1/outcomes: one outcome or a batch.
import { Type } from 'typebox'

/** Most outcomes one POST /v1/outcomes may carry. */
export const MAX_OUTCOME_BATCH = 1000

export const OutcomeBody = Type.Object(
  {
    lead_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
    converted: Type.Boolean({ description: 'true: became a customer; false: lost.' }),
    converted_at: Type.Optional(
      Type.Union([Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0 }), Type.Null()], {
        description: 'When it converted or was lost (ISO-8601 or epoch ms).',
      }),
    ),
  },
  { additionalProperties: false },
)

export const OutcomesBody = Type.Union([
  OutcomeBody,
  Type.Object(
    { outcomes: Type.Array(OutcomeBody, { minItems: 1, maxItems: MAX_OUTCOME_BATCH }) },
    { additionalProperties: false },
  ),
])
