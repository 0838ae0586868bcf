import { describe, expect, it } from 'vitest'
import { BANK } from '../../bench/predictive-data.js'
import { fitGradientBoosting, fitLogisticRegression, rocAuc } from '../../src/predict/index.js'
import { loadFixedSplit } from './public-data.js'

// Bank marketing without the leaky call duration. Measured on this split: LR 0.7936, GBDT 0.8123; a
// model that ignores the features scores 0.5.
const split = loadFixedSplit(BANK)

describe.skipIf(!split)('bank marketing (UCI), label y = yes', () => {
  const { spec, train, test } = split!

  it('drops the call duration and the label from the features', () => {
    const names = spec.columns.map((column) => column.name)
    expect(names).not.toContain('duration')
    expect(names).not.toContain('y')
    expect(names).toContain('pdays')
  })

  it('ranks held-out leads with logistic regression above the floor', () => {
    const auc = rocAuc(test.y, fitLogisticRegression(train).predictMatrix(test.x))
    console.log(`bank LR AUC ${auc.toFixed(4)}`)
    expect(auc).toBeGreaterThan(0.78)
  })

  it('ranks held-out leads with GBDT above the floor, identically for the same seed', () => {
    const first = fitGradientBoosting(train, { seed: 5 }).predictMatrix(test.x)
    const auc = rocAuc(test.y, first)
    console.log(`bank GBDT AUC ${auc.toFixed(4)}`)
    expect(auc).toBeGreaterThan(0.8)
    const second = fitGradientBoosting(train, { seed: 5 }).predictMatrix(test.x)
    expect(Array.from(second)).toEqual(Array.from(first))
  })
})
