// `leadscore evaluate`: how well a predictive model would rank these leads, held out by k-fold or by time.
import { basename } from 'node:path'
import type { EpochMs, Lead } from '../core/index.js'
import {
  LEAD_FEATURES_VERSION,
  calibrationTable,
  checkMinimumData,
  createDataset,
  crossValidate,
  decileTable,
  encodeRecords,
  featureNames,
  fitFeatureSpec,
  leadFeatureRecords,
  precisionRecallAt,
  timeSplit,
  validateTimeSplit,
  type CalibrationBin,
  type DecileRow,
  type EvaluationSummary,
  type PredictiveAlgo,
  type ThresholdReport,
  type Validation,
} from '../predict/index.js'
import { CliError } from './cli-error.js'
import type { CliIo } from './context.js'
import { formatNumber, renderTable } from './output.js'
import { warnSensitiveFeatures } from './sensitive-features.js'
import { readTrainingData } from './training-data.js'

/** Fewest converted and not converted leads to cross-validate on; below that the metrics are noise. */
const MINIMUM_DATA = { minPositives: 40, minNegatives: 40 } as const

export const EVALUATE_ALGOS = ['lr', 'gbdt'] as const satisfies readonly PredictiveAlgo[]

/** `kfold`: stratified k-fold over all leads; `time`: oldest 80 % by created_at train, newest 20 % test. */
export const EVALUATE_SPLITS = ['kfold', 'time'] as const
export type EvaluateSplit = (typeof EVALUATE_SPLITS)[number]

/** Share of the leads, oldest first, that train under `--split time`. */
const TIME_SPLIT_TRAIN_FRACTION = 0.8

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
  /** How to hold leads out. Default: kfold. */
  split?: EvaluateSplit | undefined
  /** Probability from which a lead is called converted, for precision and recall. Default: 0.5. */
  threshold?: number | undefined
}

/**
 * Held-out quality (k-fold: means over folds, as `evaluateModel` gives them; time split: the newest 20 %, with
 * `folds: 1`; `rows` are the leads with an outcome, `positives` the converted ones), tables over the held-out
 * predictions, and what the evaluation was run on.
 */
export interface EvaluateReport extends Omit<EvaluationSummary, 'per_fold'> {
  /** How leads were held out. */
  split: EvaluateSplit
  /** Leads whose held-out prediction the tables below are made of (k-fold: all `rows`). */
  test_rows: number
  /** Ten equal-width probability bins: mean predicted vs observed conversion, count (`calibrationTable`). */
  calibration: CalibrationBin[]
  /** Conversion and lift per tenth of held-out leads ranked by probability (`decileTable`). */
  deciles: DecileRow[]
  /** The probability from which a lead is called converted. */
  threshold: number
  /** Of the held-out leads at or above the threshold, the share that converted. */
  precision: number
  /** Of the held-out leads that converted, the share at or above the threshold. */
  recall: number
  /** Confusion counts at the threshold. */
  confusion: Omit<ThresholdReport, 'threshold' | 'precision' | 'recall' | 'f1'>
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
  const split = options.split ?? 'kfold'
  const threshold = options.threshold ?? 0.5
  if (!Number.isInteger(folds) || folds < 2) {
    throw new CliError(`--folds must be a whole number of at least 2 (got ${folds})`, { exitCode: 2 })
  }
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new CliError(`--threshold must be a probability from 0 to 1 (got ${threshold})`, { exitCode: 2 })
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
  if (split === 'kfold' && folds > Math.min(positives, y.length - positives)) {
    throw new CliError(`--folds ${folds} is more than the converted or not converted leads can fill`, {
      hint: `use at most ${Math.min(positives, y.length - positives)} folds`,
      exitCode: 2,
    })
  }
  const spec = fitFeatureSpec(records)
  warnSensitiveFeatures(spec, io)
  const dataset = createDataset(encodeRecords(spec, records), featureNames(spec), y)
  const validation: Validation =
    split === 'time'
      ? validateTimeSplit(dataset, splitTimes(data.leads, y, options.leads), {
          algo,
          seed,
          trainFraction: TIME_SPLIT_TRAIN_FRACTION,
        })
      : crossValidate(dataset, { algo, folds, seed })
  const { summary, heldOut } = validation
  const atThreshold = precisionRecallAt(heldOut.probabilities, heldOut.labels, threshold)
  return {
    algo,
    split,
    auc: summary.auc,
    pr_auc: summary.pr_auc,
    log_loss: summary.log_loss,
    brier: summary.brier,
    folds: summary.folds,
    rows: summary.rows,
    positives: summary.positives,
    fit_seconds: summary.fit_seconds,
    test_rows: heldOut.rows.length,
    calibration: calibrationTable(heldOut.probabilities, heldOut.labels, 10),
    deciles: decileTable(heldOut.probabilities, heldOut.labels),
    threshold,
    precision: atThreshold.precision,
    recall: atThreshold.recall,
    confusion: {
      true_positives: atThreshold.true_positives,
      false_positives: atThreshold.false_positives,
      false_negatives: atThreshold.false_negatives,
      true_negatives: atThreshold.true_negatives,
    },
    seed,
    feature_version: LEAD_FEATURES_VERSION,
    features: dataset.cols,
    leads_without_outcome: data.leadsWithoutOutcome,
    unknown_outcomes: data.unknownOutcomes,
    rejected: data.rejected,
  }
}

/**
 * The creation time of every lead for `--split time`, after checking that every lead has one and that both
 * the oldest 80 % and the newest 20 % hold converted and not converted leads (else the metrics mean nothing).
 */
function splitTimes(leads: readonly Lead[], y: Uint8Array, leadsPath: string): Float64Array {
  const times = Float64Array.from(leads, (lead) => lead.createdAt)
  const undated = leads.filter((lead) => !Number.isFinite(lead.createdAt))
  if (undated.length > 0) {
    throw new CliError(
      `--split time needs created_at on every lead with an outcome; ${undated.length} of ${leads.length} ` +
        `have none (first: '${undated[0]!.id}')`,
      { hint: `add a created_at column to ${basename(leadsPath)} (ISO-8601), or use the default --split kfold` },
    )
  }
  const { train, test } = timeSplit(times, TIME_SPLIT_TRAIN_FRACTION)
  for (const [part, rows] of [
    ['oldest 80 %', train],
    ['newest 20 %', test],
  ] as const) {
    const converted = rows.reduce((sum, row) => sum + y[row]!, 0)
    const missing = converted === 0 ? 'converted' : converted === rows.length ? 'not converted' : null
    if (missing !== null) {
      const which = `the ${part} of the leads by created_at (${rows.length})`
      throw new CliError(`--split time: ${which} has no ${missing} lead`, {
        hint: 'use the default --split kfold, or add outcomes spread over time',
      })
    }
  }
  return times
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

/** The metric table, a line on the data behind it, then calibration, deciles and the threshold. */
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
  const time = report.split === 'time'
  const scheme = time
    ? `time split (oldest 80 % by created_at train, newest ${report.test_rows} leads test)`
    : `${report.folds}-fold stratified cross-validation`
  return (
    `${report.algo}, ${scheme}, seed ${report.seed}: ` +
    `${report.rows} leads (${report.positives} converted), ${report.features} features\n` +
    renderTable(['metric', time ? 'newest 20 %' : 'mean over folds'], rows) +
    `fit ${formatNumber(report.fit_seconds)} s${time ? '' : ' per fold'}; ${skipped}\n\n` +
    renderHeldOutTables(report)
  )
}

/** Calibration and decile tables over the held-out predictions, and precision/recall at the threshold. */
function renderHeldOutTables(report: EvaluateReport): string {
  const rate = (value: number | null) => (value === null ? '' : value.toFixed(3))
  const calibration = report.calibration.map((bin) => [
    `${bin.lower.toFixed(1)}-${bin.upper.toFixed(1)}`,
    bin.count,
    bin.positives,
    rate(bin.mean_predicted),
    rate(bin.observed_rate),
  ])
  const deciles = report.deciles.map((row) => [
    row.decile,
    row.count,
    row.positives,
    row.conversion_rate.toFixed(3),
    row.lift.toFixed(2),
    row.cumulative_recall.toFixed(3),
    row.min_probability === null ? '' : `${rate(row.min_probability)}-${rate(row.max_probability)}`,
  ])
  const { true_positives: hits, false_positives: wasted, false_negatives: missed } = report.confusion
  return (
    `calibration of the ${report.test_rows} held-out predictions\n` +
    renderTable(['probability', 'leads', 'converted', 'mean predicted', 'observed'], calibration) +
    '\nconversion by decile (1 = highest probabilities)\n' +
    renderTable(
      ['decile', 'leads', 'converted', 'conversion', 'lift', 'cumulative recall', 'probability'],
      deciles,
    ) +
    `\nat threshold ${report.threshold}: precision ${report.precision.toFixed(3)}, ` +
    `recall ${report.recall.toFixed(3)} (${hits + wasted} leads called converted, ${hits} of them did; ` +
    `${missed} converted leads missed)\n`
  )
}
