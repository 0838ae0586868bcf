// TypeBox schemas of the predictive routes: training jobs, trained models and a lead's prediction.
import { Type } from 'typebox'

/** Most folds a training request may ask for. */
export const MAX_TRAINING_FOLDS = 20

export const TrainBody = Type.Object(
  {
    algo: Type.Optional(Type.Union([Type.Literal('lr'), Type.Literal('gbdt')], { description: 'Learner. Default: gbdt.' })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'Seed of the folds and the GBDT. Default: 42.' })),
    folds: Type.Optional(
      Type.Integer({ minimum: 2, maximum: MAX_TRAINING_FOLDS, description: 'Stratified folds on the older 80 % of leads. Default: 5.' }),
    ),
  },
  { additionalProperties: false },
)

const id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })

export const TrainingJobParams = Type.Object({ id }, { additionalProperties: false })
export const PredictiveModelParams = Type.Object({ id }, { additionalProperties: false })

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const TrainAcceptedJson = Type.Object({ job_id: Type.Integer(), status: Type.String() })

export const TrainingJobJson = Type.Object({
  id: Type.Integer(),
  status: Type.String({ description: 'queued, running, succeeded or failed.' }),
  algo: Type.String(),
  seed: Type.Integer(),
  phase: nullable(Type.String({ description: 'cross_validation, holdout or final.' })),
  done: Type.Integer(),
  total: Type.Integer(),
  progress: Type.Number({ description: 'done / total, 0 to 1.' }),
  error: nullable(Type.String()),
  model_id: nullable(Type.Integer()),
  created_at: Type.String(),
  started_at: nullable(Type.String()),
  finished_at: nullable(Type.String()),
})

const modelFields = {
  id: Type.Integer(),
  algo: Type.String(),
  status: Type.String({ description: 'draft or published.' }),
  active: Type.Boolean({ description: 'The published model that scores leads.' }),
  created_at: Type.String(),
  published_at: nullable(Type.String()),
}

export const PredictiveModelListJson = Type.Object({
  items: Type.Array(
    Type.Object({
      ...modelFields,
      rows: Type.Integer(),
      positives: Type.Integer(),
      auc: nullable(Type.Number()),
      pr_auc: nullable(Type.Number()),
    }),
  ),
})

export const PredictiveModelJson = Type.Object({
  ...modelFields,
  report: Type.Record(Type.String(), Type.Unknown(), { description: 'The quality report (docs/predictive.md).' }),
})

const FactorJson = Type.Object({
  feature: Type.String(),
  value: nullable(Type.Number()),
  contribution: Type.Number({ description: 'Log-odds added by the feature.' }),
})

export const LeadPredictionJson = Type.Object({
  lead_id: Type.String(),
  model_id: Type.Integer(),
  probability: Type.Number(),
  score: Type.Number({ description: 'The probability on a 0–100 scale.' }),
  factors: Type.Object({ positive: Type.Array(FactorJson), negative: Type.Array(FactorJson) }),
})
