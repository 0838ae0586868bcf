// `leadscore evaluate`: how well a predictive model would rank these leads, by stratified k-fold on their outcomes.
import { basename } from 'node:path'
import type { EpochMs } from '../core/index.js'
import {
  LEAD_FEATURES_VERSION,
  checkMinimumData,
  createDataset,
  encodeRecords,
  evaluateModel,
  featureNames,
  fitFeatureSpec,
  leadFeatureRecords,
  type EvaluationSummary,
  type PredictiveAlgo,
} from '../predict/index.js'
import { CliError } from './cli-error.js'
import type { CliIo } from './context.js'
import { formatNumber, renderTable } from './output.js'
import { readTrainingData } from './training-data.js'

/** Fewest converted and not converted leads to cross-validate on; below that the metrics are noise. */
const MINIMUM_DATA = { minPositives: 40, minNegatives: 40 } as const

export const EVALUATE_ALGOS = ['lr', 'gbdt'] as const satisfies readonly PredictiveAlgo[]

export interface EvaluateCommandOptions {
  leads: string
  outcomes: string
  events?: string | undefined
  /** Learner. Default: gbdt. */
  algo?: PredictiveAlgo | undefined
  /** Stratified folds, at least 2. Default: 5. */
  folds?: number | undefined
  /** Seed of the folds and the GBDT. Default: 42. */
  seed?: number | undefined
}

/**
 * Cross-validated quality (means over folds, as `evaluateModel` gives them; `rows` are the leads with an
 * outcome, `positives` the converted ones) and what the evaluation was run on.
 */
export interface EvaluateReport extends Omit<EvaluationSummary, 'per_fold'> {
  seed: number
  /** LEAD_FEATURES_VERSION of the features. */
  feature_version: number
  /** Feature columns after typing (one per numeric column, one per kept category level). */
  features: number
  /** Leads in the leads file without an outcome (not used). */
  leads_without_outcome: number
  /** Outcome rows naming a lead that is not in the leads file (not used). */
  unknown_outcomes: number
  /** Rows rejected per file. */
  rejected: { leads: number; events: number; outcomes: number }
}

/**
 * Joins outcomes to leads, builds lead features with events before each outcome date (no leakage), types
 * them, checks there is enough data and cross-validates the learner.
 *
 * @example await evaluateCommand({ leads: 'leads.csv', outcomes: 'outcomes.csv', events: 'events.ndjson' }, io)
 */
export async function evaluateCommand(options: EvaluateCommandOptions, io: CliIo): Promise<EvaluateReport> {
  const algo = options.algo ?? 'gbdt'
  const folds = options.folds ?? 5
  const seed = options.seed ?? 42
  if (!Number.isInteger(folds) || folds < 2) {
    throw new CliError(`--folds must be a whole number of at least 2 (got ${folds})`, { exitCode: 2 })
  }
  const data = await readTrainingData(options)
  for (const rejection of data.firstRejections) io.stderr.write(`rejected ${rejection}\n`)

  const cutoffs = new Map<string, EpochMs>()
  for (const [leadId, outcome] of data.outcomes) if (outcome.at !== undefined) cutoffs.set(leadId, outcome.at)
  const records = leadFeatureRecords(data.leads, data.eventsByLead, cutoffs)
  const y = Uint8Array.from(data.leads, (lead) => (data.outcomes.get(lead.id)?.converted === true ? 1 : 0))
  const problem = checkMinimumData(y, MINIMUM_DATA)
  if (problem !== null) {
    throw new CliError(`not enough outcomes to evaluate: ${problem}`, {
      hint: missingHint(y, data.unknownOutcomes, options.outcomes),
    })
  }
  const positives = y.reduce((sum, label) => sum + label, 0)
  if (folds > Math.min(positives, y.length - positives)) {
    throw new CliError(`--folds ${folds} is more than the converted or not converted leads can fill`, {
      hint: `use at most ${Math.min(positives, y.length - positives)} folds`,
      exitCode: 2,
    })
  }
  const spec = fitFeatureSpec(records)
  const dataset = createDataset(encodeRecords(spec, records), featureNames(spec), y)
  const summary = evaluateModel(dataset, { algo, folds, seed })
  return {
    algo,
    auc: summary.auc,
    pr_auc: summary.pr_auc,
    log_loss: summary.log_loss,
    brier: summary.brier,
    folds: summary.folds,
    rows: summary.rows,
    positives: summary.positives,
    fit_seconds: summary.fit_seconds,
    seed,
    feature_version: LEAD_FEATURES_VERSION,
    features: dataset.cols,
    leads_without_outcome: data.leadsWithoutOutcome,
    unknown_outcomes: data.unknownOutcomes,
    rejected: data.rejected,
  }
}

/** How many more converted and not converted leads the check wants, and where outcomes went missing. */
function missingHint(y: Uint8Array, unknownOutcomes: number, outcomesPath: string): string {
  const positives = y.reduce((sum, label) => sum + label, 0)
  const missingPositives = Math.max(0, MINIMUM_DATA.minPositives - positives)
  const missingNegatives = Math.max(0, MINIMUM_DATA.minNegatives - (y.length - positives))
  const unknown =
    unknownOutcomes === 0
      ? ''
      : `; ${unknownOutcomes} outcome rows in ${basename(outcomesPath)} name leads not in the leads file`
  const more = `${missingPositives} more converted and ${missingNegatives} more not converted leads`
  return `add outcomes for ${more}${unknown}`
}

/** A metric table and one line on the data behind it. */
export function renderEvaluation(report: EvaluateReport): string {
  const rows = [
    ['ROC AUC', report.auc],
    ['PR AUC', report.pr_auc],
    ['log loss', report.log_loss],
    ['Brier', report.brier],
  ].map(([metric, value]) => [metric as string, (value as number).toFixed(4)])
  const skipped =
    `${report.leads_without_outcome} leads without outcome, ` +
    `${report.unknown_outcomes} outcomes for unknown leads`
  return (
    `${report.algo}, ${report.folds}-fold stratified cross-validation, seed ${report.seed}: ` +
    `${report.rows} leads (${report.positives} converted), ${report.features} features\n` +
    renderTable(['metric', 'mean over folds'], rows) +
    `fit ${formatNumber(report.fit_seconds)} s per fold; ${skipped}\n`
  )
}
