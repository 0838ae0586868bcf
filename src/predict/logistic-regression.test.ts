import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createDataset } from './dataset.js'
import { topFactors } from './factors.js'
import { fitLogisticRegression } from './logistic-regression.js'
import { createRandom } from './random.js'

// Expected values: exact Newton on StandardScaler output (numpy); scikit-learn 1.2's
// LogisticRegression(C) agrees to within 1e-7 (its L-BFGS stops a little short).
const tiny = createDataset(
  Float64Array.from([1, 0, 2, 1, 3, 0, 4, 1, 5, 0, 6, 1, 7, 0, 8, 1, 2.5, 1, 6.5, 0]),
  ['visits', 'mobile'],
  Uint8Array.from([0, 0, 1, 0, 0, 1, 1, 1, 0, 1]),
)

describe('fitLogisticRegression', () => {
  it('matches scikit-learn with l2 = 1 / C', () => {
    const one = fitLogisticRegression(tiny, { l2: 1, tolerance: 1e-12 })
    expect(one.standardizedCoefficients.intercept).toBeCloseTo(0, 10)
    expect(one.standardizedCoefficients.weights[0]).toBeCloseTo(1.1350325736434312, 10)
    expect(one.standardizedCoefficients.weights[1]).toBeCloseTo(-0.3184524601173547, 10)
    const half = fitLogisticRegression(tiny, { l2: 2, tolerance: 1e-12 })
    expect(half.standardizedCoefficients.weights[0]).toBeCloseTo(0.832821946064812, 10)
    expect(half.standardizedCoefficients.weights[1]).toBeCloseTo(-0.23316675217143404, 10)
    expect(one.converged).toBe(true)
  })

  it('recovers the coefficients of a simulated logistic model in original units', () => {
    const random = createRandom(11)
    const rows = 4000
    const x = new Float64Array(rows * 2)
    const y = new Uint8Array(rows)
    for (let i = 0; i < rows; i++) {
      x[i * 2] = random() * 10
      x[i * 2 + 1] = random() < 0.3 ? 1 : 0
      const margin = -3 + 0.5 * x[i * 2]! - 1.5 * x[i * 2 + 1]!
      y[i] = random() < 1 / (1 + Math.exp(-margin)) ? 1 : 0
    }
    const model = fitLogisticRegression(createDataset(x, ['score', 'student'], y), { l2: 0 })
    expect(model.coefficients.intercept).toBeCloseTo(-3, 0)
    expect(model.coefficients.weights[0]).toBeCloseTo(0.5, 1)
    expect(model.coefficients.weights[1]).toBeCloseTo(-1.5, 0)
    const row = [4, 1]
    const { intercept, weights } = model.coefficients
    const manual = intercept + weights[0]! * 4 + weights[1]! * 1
    expect(model.margin(row)).toBeCloseTo(manual, 10)
  })

  it('imputes the training mean for missing values, which contributes nothing', () => {
    const model = fitLogisticRegression(tiny)
    const contributions = model.contributions([NaN, 1])
    expect(contributions.values[0]).toBe(0)
    expect(model.predict([NaN, 1])).toBeCloseTo(model.predict([4.5, 1]), 12)
  })

  it('has contributions that add up to the margin', () => {
    const model = fitLogisticRegression(tiny)
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.constantFrom(0, 1),
        (visits, mobile) => {
          const { bias, values } = model.contributions([visits, mobile])
          expect(bias + values[0]! + values[1]!).toBeCloseTo(model.margin([visits, mobile]), 9)
        },
      ),
    )
  })

  it('lists top factors by absolute contribution', () => {
    const model = fitLogisticRegression(tiny)
    const factors = topFactors(model, [8, 1], 2)
    expect(factors.map((factor) => factor.feature)).toEqual(['visits', 'mobile'])
    expect(factors[0]!.contribution).toBeGreaterThan(0)
    expect(factors[1]!.contribution).toBeLessThan(0)
  })
})
