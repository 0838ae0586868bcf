// The error catalogue and docs/api.md list the same codes with the same statuses.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { API_ERRORS } from '../../src/api/index.js'

describe('error catalogue', () => {
  it('is documented in docs/api.md, code for code', () => {
    const doc = readFileSync('docs/api.md', 'utf8')
    const documented = [...doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((match) => [match[1], Number(match[2])])
    const catalogue = Object.entries(API_ERRORS).map(([code, error]) => [code, error.status])
    expect(documented.sort()).toEqual(catalogue.sort())
  })
})

describe('lead body schema', () => {
  it('accepts every known lead field', async () => {
    const { LeadBody } = await import('../../src/api/schemas.js')
    const { LEAD_FIELD_NAMES } = await import('../../src/core/index.js')
    expect(Object.keys(LeadBody.properties).sort()).toEqual([...LEAD_FIELD_NAMES, 'attributes'].sort())
  })
})
