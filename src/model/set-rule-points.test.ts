import { describe, expect, it } from 'vitest'
import { parseModel } from './parse-model.js'
import { setRulePoints } from './set-rule-points.js'
import { readTemplate } from './templates/index.js'

describe('setRulePoints', () => {
  it('changes only the points lines of the named rules, keeping comments and layout', () => {
    for (const template of ['b2b-saas', 'ecommerce']) {
      const yaml = readTemplate(template)
      const parsed = parseModel(yaml)
      if (!parsed.ok) throw new Error('template does not parse')
      const fit = parsed.model.fit[0]!
      const engagement = parsed.model.engagement.find((rule) => rule.kind === 'event' && rule.perUnit === null)!
      const { yaml: edited, missing } = setRulePoints(yaml, new Map([[fit.id, 31], [engagement.id, -7]]))
      expect(missing).toEqual([])
      const before = yaml.split('\n')
      const after = edited.split('\n')
      expect(after.length).toBe(before.length)
      const changed = before.flatMap((line, index) => (line === after[index] ? [] : [[line, after[index]]]))
      expect(changed).toHaveLength(2)
      const reparsed = parseModel(edited)
      if (!reparsed.ok) throw new Error('edited model does not parse')
      expect(reparsed.model.fit[0]!.points).toBe(31)
      expect(reparsed.model.engagement.find((rule) => rule.id === engagement.id)!.points).toBe(-7)
    }
  })

  it('reports ids that are not rules with points', () => {
    const yaml = 'format: 1\nname: x\n# keep me\nfit:\n  - { id: a, when: { field: country, equals: US }, points: 5 }\n'
    const { yaml: edited, missing } = setRulePoints(yaml, new Map([['a', 9], ['ghost', 1]]))
    expect(missing).toEqual(['ghost'])
    expect(edited).toBe('format: 1\nname: x\n# keep me\nfit:\n  - { id: a, when: { field: country, equals: US }, points: 9 }\n')
  })

  it('refuses text that is not YAML', () => {
    expect(() => setRulePoints('a: [', new Map())).toThrow(SyntaxError)
  })
})
