// A fixed train/test split of a public data set; the feature spec is fitted on train only.
import {
  foldRows,
  recordsToDataset,
  stratifiedKFold,
  fitFeatureSpec,
  type Dataset,
  type FeatureSpec,
  type TabularRecord,
} from '../../src/predict/index.js'
import {
  dataPath,
  isPositive,
  loadRecords,
  type PublicDataset,
} from '../../bench/predictive-data.js'

export interface FixedSplit {
  spec: FeatureSpec
  train: Dataset
  test: Dataset
}

/**
 * Fold 0 of a seeded stratified 5-fold split as the test set; null (with the reason printed)
 * without data.
 */
export function loadFixedSplit(source: PublicDataset): FixedSplit | null {
  const records = loadRecords(source)
  if (!records) {
    const reason = `${dataPath(source)} is missing (see ../shared/data/README.md)`
    console.warn(`skipping ${source.name} tests: ${reason}`)
    return null
  }
  const positive = isPositive(source)
  const labels = Uint8Array.from(records, (record) => (positive(record) ? 1 : 0))
  const foldOf = stratifiedKFold(labels, 5, 42)
  const pick = (rows: Int32Array): TabularRecord[] => Array.from(rows, (row) => records[row]!)
  const trainRecords = pick(foldRows(foldOf, 0, false))
  const spec = fitFeatureSpec(trainRecords, { exclude: [source.label, ...source.exclude] })
  return {
    spec,
    train: recordsToDataset(spec, trainRecords, positive),
    test: recordsToDataset(spec, pick(foldRows(foldOf, 0, true)), positive),
  }
}
