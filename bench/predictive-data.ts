// The two public data sets of ../shared/data as records and datasets, for tests and benchmarks.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import {
  fitFeatureSpec,
  recordsToDataset,
  type Dataset,
  type FeatureSpec,
  type TabularRecord,
} from '../src/predict/index.js'

/** Where a data set lives and how its label and leaky columns are named. */
export interface PublicDataset {
  name: string
  file: string
  delimiter: string
  label: string
  /** Label value of a converted row. */
  positive: string
  /** Columns never used as features (besides the label). */
  exclude: string[]
}

export const BANK: PublicDataset = {
  name: 'bank',
  file: 'bank-additional-full.csv',
  delimiter: ';',
  label: 'y',
  positive: 'yes',
  // The call length is only known after the outcome.
  exclude: ['duration'],
}

export const SHOPPERS: PublicDataset = {
  name: 'shoppers',
  file: 'online_shoppers_intention.csv',
  delimiter: ',',
  label: 'Revenue',
  positive: 'TRUE',
  exclude: [],
}

/** Absolute path of a data file, relative to the project root (the working directory). */
export function dataPath(source: PublicDataset): string {
  return path.resolve('..', 'shared', 'data', source.file)
}

/** The CSV rows as records, or null when the file is not there. */
export function loadRecords(source: PublicDataset): TabularRecord[] | null {
  const file = dataPath(source)
  if (!existsSync(file)) return null
  const text = readFileSync(file, 'utf8')
  return parse(text, { columns: true, delimiter: source.delimiter, skip_empty_lines: true })
}

/** Whether a record converted. */
export function isPositive(source: PublicDataset): (record: TabularRecord) => boolean {
  return (record) => record[source.label] === source.positive
}

/** Fits the feature spec on `fitOn` (default: all records) and encodes all records. */
export function toDataset(
  source: PublicDataset,
  records: TabularRecord[],
  fitOn: TabularRecord[] = records,
): { spec: FeatureSpec; dataset: Dataset } {
  const spec = fitFeatureSpec(fitOn, { exclude: [source.label, ...source.exclude] })
  return { spec, dataset: recordsToDataset(spec, records, isPositive(source)) }
}
