import { describe, expect, it } from 'vitest'
import {
  encodeRecords,
  featureNames,
  fitFeatureSpec,
  OTHER_LEVEL,
  recordsToDataset,
} from './tabular.js'

const train = [
  { age: '31', plan: 'pro', country: 'FR', converted: 'yes', note: null },
  { age: 45, plan: 'free', country: 'DE', converted: 'no', note: '' },
  { age: '', plan: 'pro', country: 'FR', converted: 'no', note: undefined },
  { age: ' 52 ', plan: null, country: 'US', converted: 'yes' },
]

describe('fitFeatureSpec', () => {
  it('types a column numeric when all its values parse as numbers, else categorical', () => {
    const spec = fitFeatureSpec(train, { exclude: ['converted'] })
    expect(spec).toEqual({
      version: 1,
      columns: [
        { name: 'age', kind: 'numeric' },
        { name: 'plan', kind: 'categorical', levels: ['pro', 'free'] },
        { name: 'country', kind: 'categorical', levels: ['FR', 'DE', 'US'] },
      ],
    })
    expect(featureNames(spec)).toEqual([
      'age',
      'plan=pro',
      'plan=free',
      'country=FR',
      'country=DE',
      'country=US',
    ])
  })

  it('keeps the most frequent levels and folds the rest into __other__', () => {
    const records = ['a', 'a', 'a', 'b', 'b', 'c', 'd'].map((source) => ({ source }))
    const spec = fitFeatureSpec(records, { maxLevels: 2 })
    expect(spec.columns).toEqual([
      { name: 'source', kind: 'categorical', levels: ['a', 'b', OTHER_LEVEL] },
    ])
    const x = encodeRecords(spec, [{ source: 'c' }, { source: 'zzz' }, { source: 'b' }])
    expect(Array.from(x)).toEqual([
      0, 0, 1, 0, 0, 1, 0, 1, 0,
    ])
  })

  it('uses only the rows it is fitted on, so test values cannot leak into the encoding', () => {
    const spec = fitFeatureSpec(train.slice(0, 2), { exclude: ['converted'] })
    const x = encodeRecords(spec, [{ age: 'n/a', plan: 'enterprise', country: 'US' }])
    // Unparsable number → missing; unseen level without __other__ → all zeros.
    expect(featureNames(spec)).toEqual(['age', 'plan=free', 'plan=pro', 'country=DE', 'country=FR'])
    expect(Array.from(x)).toEqual([NaN, 0, 0, 0, 0])
  })
})

describe('recordsToDataset', () => {
  it('encodes missing numbers as NaN, missing categories as zeros, labels by predicate', () => {
    const spec = fitFeatureSpec(train, { exclude: ['converted'] })
    const dataset = recordsToDataset(spec, train, (record) => record.converted === 'yes')
    expect(dataset.rows).toBe(4)
    expect(dataset.cols).toBe(6)
    expect(Array.from(dataset.y)).toEqual([1, 0, 0, 1])
    expect(Array.from(dataset.x.subarray(12, 18))).toEqual([NaN, 1, 0, 1, 0, 0])
    expect(Array.from(dataset.x.subarray(18, 24))).toEqual([52, 0, 0, 0, 0, 1])
  })
})
