import { describe, expect, it } from 'vitest'
import { ModelSchema } from './index.js'

describe('ModelSchema', () => {
  it('serialises to a JSON Schema that rejects unknown keys, conditions included', () => {
    const schema = JSON.parse(JSON.stringify(ModelSchema)) as {
      additionalProperties: boolean
      required: string[]
      properties: { fit: { items: { properties: { when: { $defs: { Condition: { additionalProperties: boolean } } } } } } }
    }
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required).toEqual(['format', 'name'])
    expect(schema.properties.fit.items.properties.when.$defs.Condition.additionalProperties).toBe(false)
  })
})
