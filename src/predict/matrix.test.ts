import { describe, expect, it } from 'vitest'
import { sigmoid, solveCholesky } from './matrix.js'

describe('solveCholesky', () => {
  it('solves a symmetric positive-definite system', () => {
    const a = Float64Array.from([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3])
    const x = Float64Array.from([1, -2, 0.5])
    const b = Float64Array.from([0, 1, 2], (i) =>
      [0, 1, 2].reduce((sum, j) => sum + a[i * 3 + j]! * x[j]!, 0),
    )
    const solved = solveCholesky(a, b, 3)!
    Array.from(solved).forEach((value, i) => expect(value).toBeCloseTo(x[i]!, 12))
  })

  it('returns null for a matrix that is not positive definite', () => {
    expect(solveCholesky(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toBeNull()
  })
})

describe('sigmoid', () => {
  it('stays finite and exact at extreme margins', () => {
    expect(sigmoid(0)).toBe(0.5)
    expect(sigmoid(-800)).toBe(0)
    expect(sigmoid(800)).toBe(1)
    expect(sigmoid(2) + sigmoid(-2)).toBeCloseTo(1, 15)
  })
})
