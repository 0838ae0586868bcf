import { describe, expect, it } from 'vitest'
import { ArtifactError, createArtifact, loadArtifact } from './artifact.js'
import { fitGradientBoosting } from './gbdt.js'
import { fitLogisticRegression } from './logistic-regression.js'
import { createRandom } from './random.js'
import { encodeRecords, fitFeatureSpec, recordsToDataset, type TabularRecord } from './tabular.js'

const random = createRandom(21)
const records: TabularRecord[] = Array.from({ length: 600 }, () => {
  const visits = Math.floor(random() * 30)
  const plan = random() < 0.5 ? 'pro' : random() < 0.5 ? 'free' : ''
  const converted = random() < visits / 40 + (plan === 'pro' ? 0.2 : 0)
  return { visits: random() < 0.1 ? null : visits, plan, converted: converted ? 'yes' : 'no' }
})
const spec = fitFeatureSpec(records, { exclude: ['converted'] })
const dataset = recordsToDataset(spec, records, (record) => record.converted === 'yes')
const probes = encodeRecords(spec, [
  { visits: 3, plan: 'pro' },
  { visits: null, plan: 'free' },
  { visits: 29, plan: 'unheard-of' },
  { visits: 12.5 },
])

describe('predictive artifacts', () => {
  const models = [
    fitLogisticRegression(dataset),
    fitGradientBoosting(dataset, { seed: 2, maxIterations: 30 }),
  ]
  for (const model of models) {
    it(`round-trip a ${model.algo} model through JSON with identical predictions`, () => {
      const text = JSON.stringify(createArtifact(model, spec, { seed: 2 }))
      const loaded = loadArtifact(JSON.parse(text))
      expect(loaded.artifact.format).toBe('leadscore-predictive')
      expect(loaded.artifact.algo).toBe(model.algo)
      expect(loaded.artifact.featureSpec).toEqual(spec)
      for (const x of [probes, dataset.x]) {
        const expected = Array.from(model.predictMatrix(x))
        expect(Array.from(loaded.model.predictMatrix(x))).toEqual(expected)
      }
    })
  }

  it('rejects another version, naming the field', () => {
    const artifact = { ...createArtifact(fitLogisticRegression(dataset), spec), version: 2 }
    expect(() => loadArtifact(artifact)).toThrow(ArtifactError)
    expect(() => loadArtifact(artifact)).toThrow('artifact version: expected 1 (got 2)')
  })

  it('rejects a tree whose child points back up, which would loop forever', () => {
    const model = fitGradientBoosting(dataset, { maxIterations: 2 })
    const artifact = JSON.parse(JSON.stringify(createArtifact(model, spec))) as {
      model: { trees: { left: number[] }[] }
    }
    artifact.model.trees[0]!.left[0] = 0
    expect(() => loadArtifact(artifact)).toThrow('artifact model.trees[0] node 0')
  })

  it('rejects weights that do not match the feature names', () => {
    const artifact = createArtifact(fitLogisticRegression(dataset), spec)
    const broken = { ...artifact, model: { ...artifact.model, weights: [1] } }
    expect(() => loadArtifact(broken)).toThrow('artifact model.weights: expected 3 numbers (got 1)')
  })

  it('rejects a model whose features differ from what its feature spec encodes', () => {
    const artifact = createArtifact(fitLogisticRegression(dataset), spec)
    const featureSpec = { version: 1, columns: [{ name: 'visits', kind: 'numeric' }] }
    expect(() => loadArtifact({ ...artifact, featureSpec })).toThrow(
      'artifact model.names: expected the features of featureSpec',
    )
  })
})
