import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRandom } from './random.js'

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed)
      return Array.from({ length: 5 }, () => random.next())
    }
    expect(draw(7)).toEqual(draw(7))
    expect(draw(7)).not.toEqual(draw(8))
  })

  it('keeps int draws within their bounds, both included', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.nat(20), (seed, min, width) => {
        const random = createRandom(seed)
        for (let i = 0; i < 50; i++) {
          const value = random.int(min, min + width)
          expect(Number.isInteger(value) && value >= min && value <= min + width).toBe(true)
        }
      }),
    )
  })

  it('picks weighted values in proportion to their weights', () => {
    const random = createRandom(3)
    let heavy = 0
    for (let i = 0; i < 20_000; i++) if (random.weighted([['light', 1], ['heavy', 3], ['never', 0]] as const) === 'heavy') heavy++
    expect(heavy / 20_000).toBeGreaterThan(0.73)
    expect(heavy / 20_000).toBeLessThan(0.77)
  })

  it('draws exponential gaps with the requested mean', () => {
    const random = createRandom(11)
    let sum = 0
    for (let i = 0; i < 20_000; i++) sum += random.exponential(10)
    expect(sum / 20_000).toBeGreaterThan(9.5)
    expect(sum / 20_000).toBeLessThan(10.5)
  })
})
