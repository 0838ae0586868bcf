// `leadscore predictive list|publish|show`: the stored predictive models, and which one scores leads.
import { CliError } from './cli-error.js'
import { nowOf, type CliIo } from './context.js'
import { renderTable } from './output.js'
import { predictiveModelToJson, type PredictiveModelInfo } from '../api/json.js'
import { renderTraining, type TrainCommandResult } from './train-command.js'
import { openDatabase } from './workspace.js'

/** One row of `predictive list`: the model and its headline metrics. */
export interface PredictiveListItem extends PredictiveModelInfo {
  rows: number
  positives: number
  auc: number | null
  pr_auc: number | null
}

/** Every stored predictive model, newest first, with its headline metrics. */
export async function listPredictiveCommand(options: { db: string }): Promise<PredictiveListItem[]> {
  const store = await openDatabase(options.db)
  try {
    const models = await store.listPredictiveModels()
    return models.map((model) => ({
      ...predictiveModelToJson(model),
      rows: model.report.rows,
      positives: model.report.positives,
      auc: model.report.auc,
      pr_auc: model.report.pr_auc,
    }))
  } finally {
    await store.close()
  }
}

/** One model's report (not its artifact). */
export async function showPredictiveCommand(options: { db: string; id: number }): Promise<TrainCommandResult> {
  const store = await openDatabase(options.db)
  try {
    const stored = await store.getPredictiveModel(options.id)
    if (stored === null) throw unknownModel(options.id)
    return { model: predictiveModelToJson(stored), report: stored.report }
  } finally {
    await store.close()
  }
}

/**
 * Publishes a model: it becomes the active one, whose probability scores leads (blended with
 * `weights.predictive`). A running `leadscore serve` picks it up within seconds.
 */
export async function publishPredictiveCommand(options: { db: string; id: number }, io: CliIo): Promise<TrainCommandResult> {
  const store = await openDatabase(options.db)
  try {
    if ((await store.getPredictiveModel(options.id)) === null) throw unknownModel(options.id)
    const published = await store.publishPredictiveModel(options.id, nowOf(io))
    return { model: predictiveModelToJson(published), report: published.report }
  } finally {
    await store.close()
  }
}

function unknownModel(id: number): CliError {
  return new CliError(`there is no predictive model ${id}`, { hint: 'list them with `leadscore predictive list`' })
}

const fixed = (value: number | null | undefined): string => (value === null || value === undefined ? '-' : value.toFixed(4))

export function renderPredictiveList(models: readonly PredictiveListItem[]): string {
  if (models.length === 0) return 'no predictive models yet; train one with `leadscore train`\n'
  return renderTable(
    ['id', 'algo', 'status', 'active', 'leads', 'converted', 'ROC AUC', 'PR AUC', 'created'],
    models.map((model) => [
      model.id,
      model.algo,
      model.status,
      model.active ? 'yes' : '',
      model.rows,
      model.positives,
      fixed(model.auc),
      fixed(model.pr_auc),
      model.created_at,
    ]),
  )
}

export function renderPublished(result: TrainCommandResult): string {
  return `predictive model ${result.model.id} (${result.model.algo}) is published and active\n`
}

export { renderTraining as renderPredictiveModel }
