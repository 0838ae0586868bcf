import { describe, expect, it } from 'vitest'
import { SHOPPERS } from '../../bench/predictive-data.js'
import {
  checkMinimumData,
  createArtifact,
  encodeRecords,
  fitGradientBoosting,
  fitLogisticRegression,
  loadArtifact,
  rocAuc,
  topFactors,
} from '../../src/predict/index.js'
import { loadFixedSplit } from './public-data.js'

// Online shoppers: one row per session, label Revenue = TRUE. Measured on this split: LR 0.8903,
// GBDT 0.9381.
const split = loadFixedSplit(SHOPPERS)

describe.skipIf(!split)('online shoppers (UCI), label Revenue = TRUE', () => {
  const { spec, train, test } = split!

  it('passes the minimum-data check, which a 30-row sample fails', () => {
    expect(checkMinimumData(train.y)).toBeNull()
    expect(checkMinimumData(train.y.subarray(0, 30))).toMatch(
      /^needs 40 converted and 40 not converted leads; have \d+ \/ \d+$/,
    )
  })

  it('ranks held-out sessions with logistic regression above the floor', () => {
    const auc = rocAuc(test.y, fitLogisticRegression(train).predictMatrix(test.x))
    console.log(`shoppers LR AUC ${auc.toFixed(4)}`)
    expect(auc).toBeGreaterThan(0.88)
  })

  it('ranks held-out sessions with GBDT above the floor; its artifact scores identically', () => {
    const model = fitGradientBoosting(train, { seed: 5 })
    const probabilities = model.predictMatrix(test.x)
    const auc = rocAuc(test.y, probabilities)
    console.log(`shoppers GBDT AUC ${auc.toFixed(4)}`)
    expect(auc).toBeGreaterThan(0.925)
    const text = JSON.stringify(createArtifact(model, spec, { seed: 5 }))
    const loaded = loadArtifact(JSON.parse(text))
    expect(Array.from(loaded.model.predictMatrix(test.x))).toEqual(Array.from(probabilities))
    const record = { PageValues: '40', ProductRelated: '30', Month: 'Nov', VisitorType: 'Other' }
    expect(loaded.model.predict(encodeRecords(loaded.artifact.featureSpec, [record]))).toBe(
      model.predict(encodeRecords(spec, [record])),
    )
  })

  it('names page value among the top factors of a high-value session', () => {
    const model = fitLogisticRegression(train)
    const session = { PageValues: '120', ProductRelated: '40', Month: 'Nov', VisitorType: 'Other' }
    const row = encodeRecords(spec, [session])
    expect(topFactors(model, row, 3).map((factor) => factor.feature)).toContain('PageValues')
  })
})
