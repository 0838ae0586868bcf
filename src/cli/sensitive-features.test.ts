import { describe, expect, it } from 'vitest'
import { fitFeatureSpec } from '../predict/index.js'
import { warnSensitiveFeatures } from './sensitive-features.js'

describe('warnSensitiveFeatures', () => {
  it('names each sensitive feature column on stderr and returns them', () => {
    const spec = fitFeatureSpec([
      { country: 'US', 'attributes.gender': 'f', 'attributes.union_member': 'yes', lead_age_days: 3 },
      { country: 'DE', 'attributes.gender': 'm', 'attributes.union_member': 'no', lead_age_days: 9 },
    ])
    let stderr = ''
    const found = warnSensitiveFeatures(spec, { stderr: { write: (text: string) => (stderr += text) } }, ['union_member'])
    expect(found).toEqual(['attributes.gender', 'attributes.union_member'])
    expect(stderr).toContain("warning: feature 'attributes.gender' looks like a sensitive attribute")
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(2)
  })
})
