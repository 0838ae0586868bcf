// Records → dataset: types columns on training rows only, then encodes any rows the same way.
import { createDataset, type Dataset } from './dataset.js'

/** One input record: column name → raw value. Empty string, null and undefined are missing. */
export type TabularRecord = Record<string, string | number | boolean | null | undefined>

/** How one source column becomes feature columns. */
export type FeatureColumn =
  | { name: string; kind: 'numeric' }
  | {
      name: string
      kind: 'categorical'
      /**
       * One feature per level, in this order. A last level `__other__` collects values not kept.
       */
      levels: string[]
    }

/** The encoding fitted on training rows; apply it unchanged to validation, test and live rows. */
export interface FeatureSpec {
  version: 1
  columns: FeatureColumn[]
}

/** The level that takes categorical values outside the kept levels. */
export const OTHER_LEVEL = '__other__'

export interface FitFeatureSpecOptions {
  /** Columns to leave out: the label, ids, leaky columns. Default: none. */
  exclude?: readonly string[]
  /**
   * Most levels kept per categorical column, by frequency; the rest go to `__other__`. Default: 50.
   */
  maxLevels?: number
}

function textOf(value: TabularRecord[string]): string | null {
  if (value === null || value === undefined) return null
  const text = String(value).trim()
  return text === '' ? null : text
}

function numberOf(value: TabularRecord[string]): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN
  const text = textOf(value)
  if (text === null || typeof value === 'boolean') return NaN
  const parsed = Number(text)
  return Number.isFinite(parsed) ? parsed : NaN
}

/**
 * Types every column of the training records: numeric when every non-empty value is a finite
 * number, otherwise categorical with its most frequent levels. Columns with no value at all are
 * skipped.
 *
 * @example
 * const spec = fitFeatureSpec(trainRecords, { exclude: ['converted'] })
 * const x = encodeRecords(spec, testRecords)
 */
export function fitFeatureSpec(
  records: readonly TabularRecord[],
  options: FitFeatureSpecOptions = {},
): FeatureSpec {
  const excluded = new Set(options.exclude ?? [])
  const maxLevels = options.maxLevels ?? 50
  const names: string[] = []
  const seen = new Set<string>()
  for (const record of records) {
    for (const name of Object.keys(record)) {
      if (!seen.has(name) && !excluded.has(name)) {
        seen.add(name)
        names.push(name)
      }
    }
  }
  const columns: FeatureColumn[] = []
  for (const name of names) {
    const counts = new Map<string, number>()
    let numeric = true
    for (const record of records) {
      const text = textOf(record[name])
      if (text === null) continue
      counts.set(text, (counts.get(text) ?? 0) + 1)
      if (numeric && Number.isNaN(numberOf(record[name]))) numeric = false
    }
    if (counts.size === 0) continue
    if (numeric) {
      columns.push({ name, kind: 'numeric' })
      continue
    }
    // Most frequent first; ties alphabetical so the spec does not depend on row order.
    const byFrequency = [...counts].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
    )
    const levels = byFrequency.slice(0, maxLevels).map(([level]) => level)
    if (byFrequency.length > maxLevels) levels.push(OTHER_LEVEL)
    columns.push({ name, kind: 'categorical', levels })
  }
  return { version: 1, columns }
}

/** Feature names the spec produces: the column name, or `column=level` per one-hot level. */
export function featureNames(spec: FeatureSpec): string[] {
  return spec.columns.flatMap((column) =>
    column.kind === 'numeric'
      ? [column.name]
      : column.levels.map((level) => `${column.name}=${level}`),
  )
}

/**
 * Encodes records with a fitted spec into a row-major matrix. Numeric: the number, or NaN when
 * missing or unparsable. Categorical: one-hot; missing is all zeros; unseen values go to
 * `__other__` when the spec has it, else all zeros.
 */
export function encodeRecords(spec: FeatureSpec, records: readonly TabularRecord[]): Float64Array {
  const cols = featureNames(spec).length
  const x = new Float64Array(records.length * cols)
  const lookups = spec.columns.map((column) =>
    column.kind === 'numeric' ? null : new Map(column.levels.map((level, index) => [level, index])),
  )
  for (let row = 0; row < records.length; row++) {
    const record = records[row]!
    let offset = row * cols
    for (let c = 0; c < spec.columns.length; c++) {
      const column = spec.columns[c]!
      const lookup = lookups[c]
      if (column.kind === 'numeric' || !lookup) {
        x[offset++] = numberOf(record[column.name])
        continue
      }
      const text = textOf(record[column.name])
      if (text !== null) {
        const index = lookup.get(text) ?? lookup.get(OTHER_LEVEL)
        if (index !== undefined) x[offset + index] = 1
      }
      offset += column.levels.length
    }
  }
  return x
}

/**
 * Encodes records and their labels into a dataset. `isPositive` decides the label of each record.
 */
export function recordsToDataset(
  spec: FeatureSpec,
  records: readonly TabularRecord[],
  isPositive: (record: TabularRecord) => boolean,
): Dataset {
  const y = Uint8Array.from(records, (record) => (isPositive(record) ? 1 : 0))
  return createDataset(encodeRecords(spec, records), featureNames(spec), y)
}
