import { describe, expect, it } from 'vitest'
import { isSensitiveField } from './lead-field-checks.js'
import { parseModel } from './parse-model.js'

describe('isSensitiveField', () => {
  it('knows protected characteristics by the words of a field name', () => {
    for (const field of ['gender', 'attributes.sex', 'age', 'attributes.dob', 'birth_date', 'ethnicity', 'race', 'religion', 'health_status', 'disability', 'pregnant', 'sexual_orientation', 'attributes.orientation']) {
      expect(isSensitiveField(field), field).toBe(true)
    }
  })

  it('does not flag names that only contain such letters', () => {
    for (const field of ['language', 'stage', 'page_views', 'usage', 'traced', 'attributes.dobby_score', 'source']) {
      expect(isSensitiveField(field), field).toBe(false)
    }
  })

  it('flags the attributes a model declares, with or without the attributes. prefix', () => {
    expect(isSensitiveField('attributes.union_member', ['union_member'])).toBe(true)
    expect(isSensitiveField('Union_Member', ['attributes.union_member'])).toBe(true)
    expect(isSensitiveField('union_member')).toBe(false)
  })
})

describe('sensitive_attributes in a model', () => {
  const yaml = [
    'format: 1',
    'name: t',
    'sensitive_attributes: [attributes.union_member, marital_status]',
    'fit:',
    '  - { id: member, when: { field: attributes.union_member, equals: true }, points: 5 }',
    '  - { id: country, when: { field: country, equals: US }, points: 5 }',
    'segments:',
    "  - { id: married, when: 'attributes.marital_status == \"married\"' }",
    '',
  ].join('\n')

  it('warns where a rule or a segment uses a declared attribute, and still loads the model', () => {
    const result = parseModel(yaml)
    expect(result.ok).toBe(true)
    expect(result.warnings.map((w) => [w.path, w.line])).toEqual([
      ['fit[0].when.field', 5],
      ['segments[0].when', 8],
    ])
    if (result.ok) expect(result.model.sensitiveAttributes).toEqual(['attributes.union_member', 'marital_status'])
  })

  it('rejects a sensitive_attributes that is not a list of names', () => {
    const result = parseModel('format: 1\nname: t\nsensitive_attributes: yes\n')
    expect(result.ok).toBe(false)
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toContain('sensitive_attributes')
  })
})
