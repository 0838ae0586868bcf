// Predictive benchmark: our LR and GBDT against scikit-learn and XGBoost on the same folds.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import {
  averagePrecision,
  brierScore,
  fitLogisticRegression,
  fitModel,
  foldRows,
  logLoss,
  rocAuc,
  selectRows,
  stratifiedKFold,
  type Dataset,
  type FeatureSpec,
  type PredictiveAlgo,
  type TabularRecord,
} from '../src/predict/index.js'
import { BANK, SHOPPERS, loadRecords, toDataset, type PublicDataset } from './predictive-data.js'
import { PYTHON_BENCH_SCRIPT } from './predictive-python.js'

const PYTHON = '/usr/bin/python3'
const SEED = 42
const FOLDS = 5

/** Out-of-fold probabilities and per-fold costs of one model (the shape the Python side writes). */
interface FoldRun {
  probabilities: number[]
  fit_seconds: number[]
  cpu_seconds: number[]
  iterations: number[]
}

interface PythonResult {
  versions: Record<string, string>
  models: Record<string, FoldRun>
}

/** One model's result on one data set: means over folds. */
interface BenchRow {
  dataset: string
  model: string
  metrics: number[]
  fitSeconds: number
  cpuSeconds: number
  iterations: string
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length

function hasPythonLibraries(): boolean {
  return spawnSync(PYTHON, ['-c', 'import sklearn, xgboost'], { encoding: 'utf8' }).status === 0
}

/** ROC AUC, PR AUC, log loss and Brier score per fold, averaged. */
function scoreFolds(
  dataset: string,
  model: string,
  y: Uint8Array,
  foldOf: Int32Array,
  run: FoldRun,
): BenchRow {
  const perFold = Array.from({ length: FOLDS }, (_, fold) => {
    const rows = foldRows(foldOf, fold, true)
    const labels = Uint8Array.from(rows, (row) => y[row]!)
    const p = Float64Array.from(rows, (row) => run.probabilities[row]!)
    return [rocAuc, averagePrecision, logLoss, brierScore].map((metric) => metric(labels, p))
  })
  return {
    dataset,
    model,
    metrics: [0, 1, 2, 3].map((k) => mean(perFold.map((values) => values[k]!))),
    fitSeconds: mean(run.fit_seconds),
    cpuSeconds: mean(run.cpu_seconds),
    iterations: run.iterations.join('/'),
  }
}

/** Fits one of our learners on every fold, timing wall clock and CPU of the fit alone. */
function runOurs(algo: PredictiveAlgo, dataset: Dataset, foldOf: Int32Array): FoldRun {
  const run: FoldRun = { probabilities: [], fit_seconds: [], cpu_seconds: [], iterations: [] }
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = selectRows(dataset, foldRows(foldOf, fold, false))
    const testRows = foldRows(foldOf, fold, true)
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const model = fitModel(algo, train, algo === 'gbdt' ? { seed: SEED } : {})
    run.fit_seconds.push((performance.now() - started) / 1000)
    const cpu = process.cpuUsage(cpuBefore)
    run.cpu_seconds.push((cpu.user + cpu.system) / 1e6)
    run.iterations.push(model.iterations)
    const probabilities = model.predictMatrix(selectRows(dataset, testRows).x)
    testRows.forEach((row, i) => (run.probabilities[row] = probabilities[i]!))
  }
  return run
}

function namesOfKind(spec: FeatureSpec, kind: 'numeric' | 'categorical'): string[] {
  return spec.columns.filter((column) => column.kind === kind).map((column) => column.name)
}

/** Writes the rows, column kinds and folds to a temp dir and runs the Python side on one thread. */
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
    const meta = {
      numeric: namesOfKind(spec, 'numeric'),
      categorical: namesOfKind(spec, 'categorical'),
      folds: Array.from(foldOf),
      seed: SEED,
      gbdt_iterations: gbdtIterations,
    }
    writeFileSync(path.join(work, 'meta.json'), JSON.stringify(meta))
    // One thread, like ours: comparable, and immune to OpenMP thrashing on a busy machine.
    const threads = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }
    const run = spawnSync(PYTHON, ['-c', PYTHON_BENCH_SCRIPT, work], {
      encoding: 'utf8',
      env: { ...process.env, ...threads },
    })
    if (run.status !== 0) throw new Error(`python benchmark failed (${run.status}): ${run.stderr}`)
    return JSON.parse(readFileSync(path.join(work, 'result.json'), 'utf8')) as PythonResult
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

const PYTHON_MODELS: Record<string, string> = {
  sklearn_lr: 'sklearn LogisticRegression',
  sklearn_hgb: 'sklearn HistGradientBoosting',
  xgboost: 'XGBoost hist',
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
  const lr = runOurs('lr', dataset, foldOf)
  await Promise.resolve()
  const gbdt = runOurs('gbdt', dataset, foldOf)
  const rows = [
    scoreFolds(source.name, 'leadscore LR', dataset.y, foldOf, lr),
    scoreFolds(source.name, 'leadscore GBDT', dataset.y, foldOf, gbdt),
  ]
  if (!withPython) return { rows, versions: {} }
  const python = runPython(spec, records, dataset, foldOf, gbdt.iterations)
  for (const [key, label] of Object.entries(PYTHON_MODELS)) {
    const run = python.models[key]
    if (run) rows.push(scoreFolds(source.name, label, dataset.y, foldOf, run))
  }
  return { rows, versions: python.versions }
}

/** Wall and CPU seconds to fit our LR once on all rows of a data set ("41k rows under 2 s"). */
function timeFullLogisticRegression(source: PublicDataset): string {
  const records = loadRecords(source)
  if (!records) return `${source.name} data missing: full LR fit not timed.`
  const { dataset } = toDataset(source, records)
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  fitLogisticRegression(dataset)
  const wall = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const took = `${wall.toFixed(3)} s wall, ${cpuSeconds.toFixed(3)} s CPU`
  return `Our LR fitted once on all ${dataset.rows} ${source.name} rows: ${took}.`
}

/**
 * Runs the benchmark and returns a Markdown report: ROC AUC, PR AUC, log loss, Brier score and mean
 * fit seconds (wall and CPU) per fold, for both data sets and all models.
 */
export async function runPredictiveBench(): Promise<string> {
  const withPython = hasPythonLibraries()
  const rows: BenchRow[] = []
  let versions: Record<string, string> = {}
  for (const source of [BANK, SHOPPERS]) {
    const result = await benchDataset(source, withPython)
    rows.push(...result.rows)
    versions = { ...versions, ...result.versions }
  }
  const load = loadavg().map((value) => value.toFixed(1)).join(' ')
  const lines = [
    `${FOLDS}-fold stratified cross-validation, seed ${SEED}, the same folds for every model; ` +
      'means over folds. Every model fits on one thread.',
    `Machine: ${cpus().length} cores, load average ${load} ` +
      '(wall times grow with load; CPU times much less).',
  ]
  if (withPython) {
    const { sklearn = '?', xgboost = '?' } = versions
    lines.push(`Reference: scikit-learn ${sklearn}, XGBoost ${xgboost} (${PYTHON}).`)
  } else {
    lines.push(`${PYTHON} lacks scikit-learn or XGBoost: only our models are reported.`)
  }
  const header = ['data set', 'model', 'ROC AUC', 'PR AUC', 'log loss', 'Brier', 'fit s', 'CPU s']
  lines.push('', `| ${[...header, 'iterations per fold'].join(' | ')} |`)
  lines.push(`|${'---|'.repeat(header.length + 1)}`)
  for (const row of rows) {
    const metrics = row.metrics.map((value) => value.toFixed(4))
    const seconds = [row.fitSeconds, row.cpuSeconds].map((value) => value.toFixed(3))
    const cells = [row.dataset, row.model, ...metrics, ...seconds, row.iterations]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  lines.push('', timeFullLogisticRegression(BANK))
  return lines.join('\n')
}
