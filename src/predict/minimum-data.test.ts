import { describe, expect, it } from 'vitest'
import { checkMinimumData } from './minimum-data.js'

const labels = (positives: number, negatives: number): Uint8Array =>
  Uint8Array.from({ length: positives + negatives }, (_, i) => (i < positives ? 1 : 0))

describe('checkMinimumData', () => {
  it('says how many converted and not converted leads are needed and present', () => {
    expect(checkMinimumData(labels(12, 300))).toBe(
      'needs 40 converted and 40 not converted leads; have 12 / 300',
    )
  })

  it('passes at exactly the minimum of each class', () => {
    expect(checkMinimumData(labels(40, 40))).toBeNull()
  })

  it('triggers on too few not converted leads and honours custom minimums', () => {
    expect(checkMinimumData(labels(500, 39))).toBe(
      'needs 40 converted and 40 not converted leads; have 500 / 39',
    )
    expect(checkMinimumData(labels(5, 5), { minPositives: 5, minNegatives: 6 })).toBe(
      'needs 5 converted and 6 not converted leads; have 5 / 5',
    )
  })
})
