// `leadscore train`: trains a predictive model on the database's leads with outcomes and stores it with its report.
import {
  InsufficientDataError,
  MINIMUM_TRAINING_DATA,
  runTraining,
  trainLeadsSteps,
  type PredictiveAlgo,
  type TrainingReport,
} from '../predict/index.js'
import { predictiveModelToJson, type PredictiveModelInfo } from '../api/json.js'
import { CliError } from './cli-error.js'
import { nowOf, type CliIo } from './context.js'
import { warnSensitiveFeatures } from './sensitive-features.js'
import { renderTable } from './output.js'
import { startProgress } from './progress.js'
import { openWorkspace } from './workspace.js'

export const TRAIN_ALGOS = ['lr', 'gbdt'] as const satisfies readonly PredictiveAlgo[]

export interface TrainCommandOptions {
  db: string
  /** Learner. Default: gbdt. */
  algo?: PredictiveAlgo | undefined
  /** Seed of the folds and the GBDT; the same data and seed give the same model. Default: 42. */
  seed?: number | undefined
  /** Stratified folds on the older 80 %. Default: 5. */
  folds?: number | undefined
  /** Publish the model (make it the active one) instead of keeping it as a draft. Default: false. */
  publish?: boolean | undefined
}

/** The stored model (without its artifact) and its quality report. */
export interface TrainCommandResult {
  model: PredictiveModelInfo
  report: TrainingReport
}


/**
 * Reads the leads with outcomes, trains (progress on stderr) and stores the model as a draft, or publishes
 * it. Too few outcomes is a CliError (exit 1) saying how many of each are needed.
 *
 * @example await trainCommand({ db: './data/leadscore.db', algo: 'lr', publish: true }, io)
 */
export async function trainCommand(options: TrainCommandOptions, io: CliIo): Promise<TrainCommandResult> {
  const now = nowOf(io)
  const algo = options.algo ?? 'gbdt'
  const { store, model, close } = await openWorkspace({ db: options.db, env: io.env, now })
  try {
    const items = await store.trainingSet()
    const converted = items.filter((item) => item.outcome.converted).length
    io.stderr.write(`training ${algo} on ${items.length} leads with an outcome (${converted} converted)\n`)
    const progress = startProgress(io.stderr, { label: 'training steps', lineEvery: 1 })
    let trained
    try {
      const steps = trainLeadsSteps(items, { algo, seed: options.seed, folds: options.folds, scoringModel: model.model })
      trained = runTraining(steps, (step) => progress.update(step.done, step.total))
    } catch (error) {
      if (!(error instanceof InsufficientDataError)) throw error
      const notConverted = items.length - converted
      const missing =
        `${Math.max(0, MINIMUM_TRAINING_DATA.minPositives - converted)} more converted and ` +
        `${Math.max(0, MINIMUM_TRAINING_DATA.minNegatives - notConverted)} more not converted leads`
      throw new CliError(`not enough outcomes to train: ${error.message}`, {
        hint: `record outcomes for ${missing} (\`leadscore import outcomes FILE\`)`,
      })
    } finally {
      progress.stop()
    }
    warnSensitiveFeatures(trained.artifact.featureSpec, io, model.model.sensitiveAttributes ?? [])
    const stored = await store.createPredictiveModel(trained, now)
    const final = options.publish === true ? await store.publishPredictiveModel(stored.id, now) : stored
    return { model: predictiveModelToJson(final), report: final.report }
  } finally {
    await close()
  }
}

const fixed = (value: number | null | undefined, digits = 4): string =>
  value === null || value === undefined ? '-' : value.toFixed(digits)

/** The report as text: metrics, the split, deciles, calibration and the threshold. */
export function renderTraining(result: TrainCommandResult): string {
  const { model, report } = result
  const cv = report.cross_validation
  const where = model.status === 'published' ? 'published and active' : 'stored as a draft'
  const publishHint = model.status === 'published' ? '' : `publish it with \`leadscore predictive publish ${model.id}\`\n`
  return [
    `predictive model ${model.id} (${model.algo}, seed ${report.seed}) ${where}`,
    `${report.rows} leads with an outcome (${report.positives} converted), ${report.feature_spec.features} features; ` +
      `time split: ${report.split.train_rows} older leads train, ${report.split.test_rows} newest test ` +
      `(${report.split.test_positives} converted, created from ${report.split.test_created_from ?? '-'})`,
    renderTable(
      ['metric', 'newest 20 %', cv === null ? 'k-fold' : `${cv.folds}-fold on older`],
      [
        ['ROC AUC', fixed(report.auc), fixed(cv?.auc)],
        ['PR AUC', fixed(report.pr_auc), fixed(cv?.pr_auc)],
        ['log loss', fixed(report.log_loss), fixed(cv?.log_loss)],
        ['Brier', fixed(report.brier), fixed(cv?.brier)],
      ],
    ).trimEnd(),
    thresholdLine(report),
    'conversion by decile (newest 20 %)',
    renderTable(
      ['decile', 'leads', 'converted', 'rate', 'lift', 'cum. recall'],
      report.deciles.map((row) => [
        row.decile,
        row.count,
        row.positives,
        fixed(row.conversion_rate, 3),
        fixed(row.lift, 2),
        fixed(row.cumulative_recall, 3),
      ]),
    ).trimEnd(),
    'calibration (newest 20 %)',
    renderTable(
      ['probability', 'leads', 'mean predicted', 'observed'],
      report.calibration
        .filter((bin) => bin.count > 0)
        .map((bin) => [
          `${bin.lower.toFixed(1)}–${bin.upper.toFixed(1)}`,
          bin.count,
          fixed(bin.mean_predicted, 3),
          fixed(bin.observed_rate, 3),
        ]),
    ).trimEnd(),
    `final fit ${report.fit_seconds.toFixed(2)} s, ${report.iterations} iterations`,
    publishHint,
  ].join('\n')
}

function thresholdLine(report: TrainingReport): string {
  const { threshold } = report
  const at =
    `precision ${fixed(threshold.precision, 3)}, recall ${fixed(threshold.recall, 3)} ` +
    `at probability ${fixed(threshold.threshold, 3)}`
  if (threshold.basis === 'fixed') return `${at} (fixed threshold 0.5)`
  return (
    `${at}, calling as many leads as the MQL rule (${fixed((threshold.mql_share ?? 0) * 100, 1)} %); ` +
    `the MQL rule itself: precision ${fixed(threshold.rule_precision, 3)}, recall ${fixed(threshold.rule_recall, 3)}`
  )
}
