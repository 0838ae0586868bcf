// Predictive benchmark: our LR and GBDT against scikit-learn and XGBoost on the same stratified
// folds.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import {
  averagePrecision,
  brierScore,
  evaluateModel,
  fitLogisticRegression,
  foldRows,
  logLoss,
  rocAuc,
  stratifiedKFold,
  type Dataset,
  type FeatureSpec,
  type TabularRecord,
} from '../src/predict/index.js'
import { BANK, SHOPPERS, loadRecords, toDataset, type PublicDataset } from './predictive-data.js'
import { PYTHON_BENCH_SCRIPT } from './predictive-python.js'

const PYTHON = '/usr/bin/python3'
const SEED = 42
const FOLDS = 5

/** One model's result on one data set: means over folds. */
interface BenchRow {
  dataset: string
  model: string
  auc: number
  prAuc: number
  logLoss: number
  brier: number
  fitSeconds: number
  iterations: string
}

interface PythonModelResult {
  probabilities: number[]
  fit_seconds: number[]
  iterations: number[]
}

interface PythonResult {
  versions: Record<string, string>
  models: Record<string, PythonModelResult>
}

function hasPythonLibraries(): boolean {
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn, xgboost'], { encoding: 'utf8' })
  return probe.status === 0
}

/**
 * Scores out-of-fold probabilities fold by fold with our metric code, so every model is measured
 * alike.
 */
function scoreFolds(
  name: string,
  model: string,
  y: Uint8Array,
  foldOf: Int32Array,
  result: PythonModelResult,
): BenchRow {
  const sums = { auc: 0, prAuc: 0, logLoss: 0, brier: 0 }
  for (let fold = 0; fold < FOLDS; fold++) {
    const rows = foldRows(foldOf, fold, true)
    const labels = Uint8Array.from(rows, (row) => y[row]!)
    const probabilities = Float64Array.from(rows, (row) => result.probabilities[row]!)
    sums.auc += rocAuc(labels, probabilities)
    sums.prAuc += averagePrecision(labels, probabilities)
    sums.logLoss += logLoss(labels, probabilities)
    sums.brier += brierScore(labels, probabilities)
  }
  return {
    dataset: name,
    model,
    auc: sums.auc / FOLDS,
    prAuc: sums.prAuc / FOLDS,
    logLoss: sums.logLoss / FOLDS,
    brier: sums.brier / FOLDS,
    fitSeconds: result.fit_seconds.reduce((a, b) => a + b, 0) / FOLDS,
    iterations: result.iterations.join('/'),
  }
}

function namesOfKind(spec: FeatureSpec, kind: 'numeric' | 'categorical'): string[] {
  return spec.columns.filter((column) => column.kind === kind).map((column) => column.name)
}

function runPython(
  spec: FeatureSpec,
  records: TabularRecord[],
  dataset: Dataset,
  foldOf: Int32Array,
  gbdtIterations: number[],
): PythonResult {
  const work = mkdtempSync(path.join(tmpdir(), 'leadscore-predictive-'))
  try {
    const names = spec.columns.map((column) => column.name)
    const table = records.map((record, i) => [
      ...names.map((name) => record[name] ?? ''),
      dataset.y[i],
    ])
    writeFileSync(path.join(work, 'data.csv'), stringify([[...names, '__label'], ...table]))
    writeFileSync(
      path.join(work, 'meta.json'),
      JSON.stringify({
        numeric: namesOfKind(spec, 'numeric'),
        categorical: namesOfKind(spec, 'categorical'),
        folds: Array.from(foldOf),
        seed: SEED,
        gbdt_iterations: gbdtIterations,
      }),
    )
    const run = spawnSync(PYTHON, ['-c', PYTHON_BENCH_SCRIPT, work], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    })
    if (run.status !== 0) throw new Error(`python benchmark failed (${run.status}): ${run.stderr}`)
    return JSON.parse(readFileSync(path.join(work, 'result.json'), 'utf8')) as PythonResult
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

async function benchDataset(
  source: PublicDataset,
  withPython: boolean,
): Promise<{ rows: BenchRow[]; versions: Record<string, string> }> {
  const records = loadRecords(source)
  if (!records) {
    throw new Error(`missing data file for ${source.name}; see ../shared/data/README.md`)
  }
  const { spec, dataset } = toDataset(source, records)
  const foldOf = stratifiedKFold(dataset.y, FOLDS, SEED)
  const rows: BenchRow[] = []
  const gbdtIterations: number[] = []
  for (const algo of ['lr', 'gbdt'] as const) {
    const summary = evaluateModel(dataset, { algo, foldOf, seed: SEED })
    if (algo === 'gbdt') gbdtIterations.push(...summary.per_fold.map((fold) => fold.iterations))
    rows.push({
      dataset: source.name,
      model: algo === 'lr' ? 'leadscore LR' : 'leadscore GBDT',
      auc: summary.auc,
      prAuc: summary.pr_auc,
      logLoss: summary.log_loss,
      brier: summary.brier,
      fitSeconds: summary.fit_seconds,
      iterations: summary.per_fold.map((fold) => fold.iterations).join('/'),
    })
    await Promise.resolve()
  }
  if (!withPython) return { rows, versions: {} }
  const python = runPython(spec, records, dataset, foldOf, gbdtIterations)
  const labels: Record<string, string> = {
    sklearn_lr: 'sklearn LogisticRegression',
    sklearn_hgb: 'sklearn HistGradientBoosting',
    xgboost: 'XGBoost hist',
  }
  for (const [key, label] of Object.entries(labels)) {
    const result = python.models[key]
    if (result) rows.push(scoreFolds(source.name, label, dataset.y, foldOf, result))
  }
  return { rows, versions: python.versions }
}

/** Seconds to fit our LR once on all rows of a data set (the "41k rows under 2 s" goal). */
function timeFullLogisticRegression(source: PublicDataset): { rows: number; seconds: number } {
  const records = loadRecords(source)
  if (!records) return { rows: 0, seconds: NaN }
  const { dataset } = toDataset(source, records)
  const started = performance.now()
  fitLogisticRegression(dataset)
  return { rows: dataset.rows, seconds: (performance.now() - started) / 1000 }
}

/**
 * Runs the benchmark and returns a Markdown report: a table of AUC, PR AUC, log loss, Brier score
 * and
 * mean fit seconds per fold, for both data sets and all models.
 */
export async function runPredictiveBench(): Promise<string> {
  const withPython = hasPythonLibraries()
  const lines: string[] = []
  const rows: BenchRow[] = []
  let versions: Record<string, string> = {}
  for (const source of [BANK, SHOPPERS]) {
    const result = await benchDataset(source, withPython)
    rows.push(...result.rows)
    versions = { ...versions, ...result.versions }
  }
  lines.push(
    `${FOLDS}-fold stratified cross-validation, seed ${SEED}, the same folds for every model; ` +
      'means over folds.',
  )
  // Wall-clock fit times depend on what else runs: record the machine and its load next to them.
  const load = loadavg().map((value) => value.toFixed(1)).join(' ')
  lines.push(
    `Machine: ${cpus().length} cores, load average ${load}; ` +
      'ours run on one thread, Python libraries on all cores.',
  )
  if (withPython) {
    const { sklearn = '?', xgboost = '?' } = versions
    lines.push(`Reference: scikit-learn ${sklearn}, XGBoost ${xgboost} (${PYTHON}).`)
  } else {
    lines.push(`${PYTHON} lacks scikit-learn or XGBoost: only our models are reported.`)
  }
  lines.push('')
  const header = ['data set', 'model', 'ROC AUC', 'PR AUC', 'log loss', 'Brier', 'fit s / fold']
  lines.push(`| ${[...header, 'iterations per fold'].join(' | ')} |`)
  lines.push(`|${'---|'.repeat(header.length + 1)}`)
  for (const row of rows) {
    const metrics = [row.auc, row.prAuc, row.logLoss, row.brier].map((value) => value.toFixed(4))
    const cells = [row.dataset, row.model, ...metrics, row.fitSeconds.toFixed(3), row.iterations]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  const full = timeFullLogisticRegression(BANK)
  lines.push('')
  lines.push(`Our LR fitted once on all ${full.rows} bank rows: ${full.seconds.toFixed(3)} s.`)
  return lines.join('\n')
}
