import { describe, expect, it } from 'vitest'
import { formatIssue, parseModel, type ModelIssue } from './index.js'

function errorsOf(yaml: string): ModelIssue[] {
  const result = parseModel(yaml)
  if (result.ok) throw new Error('expected errors')
  return result.errors
}

/** path, line, column and message of each error. */
function brief(issues: ModelIssue[]): [string, number, number, string][] {
  return issues.map((issue) => [issue.path, issue.line, issue.column, issue.message])
}

const HEADER = 'format: 1\nname: t\n'

describe('parseModel errors', () => {
  it('names an unknown key where it is and suggests the close one', () => {
    const yaml = `${HEADER}engagement:\n  - id: pricing\n    event: page_view\n    points: 5\n    half_life: 3\n`
    expect(brief(errorsOf(yaml))).toEqual([
      ['engagement[0].half_life', 7, 5, "unknown key 'half_life'. Did you mean 'half_life_days'?"],
    ])
  })

  it('lists the known keys when nothing is close', () => {
    const errors = errorsOf(`${HEADER}weights: { zzz: 1 }\n`)
    expect(errors.find((e) => e.path === 'weights.zzz')?.message).toBe("unknown key 'zzz'. Known keys: fit, engagement, predictive.")
  })

  it('reports a wrong type with the value it got', () => {
    expect(brief(errorsOf(`${HEADER}fit:\n  - id: a\n    when: { field: phone, exists: true }\n    points: lots\n`))).toEqual([
      ['fit[0].points', 6, 13, 'must be a number (got "lots").'],
    ])
  })

  it('reports a negative half-life and says what to do', () => {
    const yaml = `${HEADER}engagement:\n  - id: p\n    event: page_view\n    points: 5\n    half_life_days: -3\n`
    expect(brief(errorsOf(yaml))).toEqual([
      ['engagement[0].half_life_days', 7, 21, 'must be > 0 (got -3). Use a positive number of days or remove it.'],
    ])
  })

  it('reports an invalid regex with the JavaScript message', () => {
    const [error] = errorsOf(`${HEADER}fit:\n  - id: a\n    when: { field: job_title, matches: '(ceo' }\n    points: 5\n`)
    expect([error!.path, error!.line, error!.column]).toEqual(['fit[0].when.matches', 5, 40])
    expect(error!.message).toMatch(/^is not a valid regular expression: .*Unterminated group/)
  })

  it('rejects a nested-quantifier regex', () => {
    const [error] = errorsOf(`${HEADER}fit:\n  - id: a\n    when: { field: job_title, matches: '(a+)+b' }\n    points: 5\n`)
    expect([error!.path, error!.line, error!.column]).toEqual(['fit[0].when.matches', 5, 40])
    expect(error!.message).toMatch(/^has a repeated group that contains a repetition \('\(a\+\)\+'\)/)
  })

  it('rejects an unknown event type and suggests the built-in one', () => {
    const yaml = `${HEADER}event_types: [trial_extended]\nengagement:\n  - id: p\n    event: [trial_extended, page_veiw]\n    points: 5\n`
    expect(brief(errorsOf(yaml))).toEqual([
      [
        'engagement[0].event[1]',
        6,
        29,
        "unknown event type 'page_veiw'. Did you mean 'page_view'? Use a built-in type such as page_view, or declare it under event_types: at the top of the file.",
      ],
    ])
  })

  it('rejects an unknown rule in fired() at its place in the expression', () => {
    const yaml = `${HEADER}engagement:\n  - { id: demo, event: demo_request, points: 30 }\nqualification:\n  sql: 'score > 5 and fired("dmeo")'\n`
    expect(brief(errorsOf(yaml))).toEqual([
      ['qualification.sql', 6, 30, "fired() names 'dmeo', which is not an engagement rule of this model. Did you mean 'demo'?"],
    ])
  })

  it('rejects duplicate ids across fit, engagement and detectors', () => {
    const yaml = `${HEADER}fit:\n  - { id: phone, when: { field: phone, exists: true }, points: 5 }\nengagement:\n  - { id: phone, event: call, points: 5 }\nspam:\n  detectors:\n    - { type: free_mail }\n    - { type: free_mail }\n`
    expect(brief(errorsOf(yaml))).toEqual([
      ['engagement[0].id', 6, 11, "duplicate id 'phone', already used by fit[0]. Ids must be unique across fit, engagement and spam detectors."],
      ['spam.detectors[1].type', 10, 15, "duplicate id 'free_mail', already used by spam.detectors[0]. Ids must be unique across fit, engagement and spam detectors."],
    ])
  })

  it('rejects grades that do not decrease', () => {
    expect(brief(errorsOf(`${HEADER}grades: { A: 70, B: 70, C: 20 }\n`))).toEqual([
      ['grades.B', 3, 21, 'must decrease strictly from A to C (got A: 70, B: 70, C: 20). Make each minimum lower than the one before.'],
    ])
  })

  it('rejects levels that clash with a default, blaming the given one', () => {
    expect(brief(errorsOf(`${HEADER}levels: { 1: 40 }\n`))).toEqual([
      ['levels.1', 3, 14, 'must decrease strictly from 1 to 3 (got 1: 40, 2: 50, 3: 25, where 2 is the default). Make each minimum lower than the one before.'],
    ])
  })

  it('places an expression syntax error at its column', () => {
    const quoted = errorsOf(`${HEADER}qualification:\n  mql: 'score >= and fit > 3'\n`)
    expect(brief(quoted)).toEqual([
      ['qualification.mql', 4, 18, "syntax error: unexpected keyword 'and'. Fix the expression (see docs/model-format.md)."],
    ])
    const plain = errorsOf(`${HEADER}segments:\n  - id: hot\n    when: score >=\n`)
    expect(brief(plain)).toEqual([
      ['segments[0].when', 5, 19, 'syntax error: expected a value but found the end of the expression. Fix the expression (see docs/model-format.md).'],
    ])
  })

  it('reports several errors together, in source order', () => {
    const yaml = [
      'format: 2',
      'name: t',
      'weights: { fit: -1 }',
      'fit:',
      '  - id: Bad-Id',
      '    when: { field: phone, exists: true }',
      '    points: 5',
      'engagement:',
      '  - { id: a, event: nope, points: 5 }',
      'segments:',
      '  - { id: s, when: "scroe > 1" }',
    ].join('\n')
    expect(brief(errorsOf(yaml)).map(([path, line, column]) => [path, line, column])).toEqual([
      ['format', 1, 9],
      ['weights.fit', 3, 17],
      ['fit[0].id', 5, 9],
      ['engagement[0].event', 9, 21],
      ['segments[0].when', 11, 21],
    ])
  })

  it('reports missing required keys at their parent', () => {
    expect(brief(errorsOf('format: 1\nfit:\n  - id: a\n    points: 1\n'))).toEqual([
      ['name', 1, 1, "is required: add 'name' (a string)."],
      ['fit[0].when', 3, 5, "is required: add 'when' (a condition)."],
    ])
  })

  it('reports YAML syntax errors with their position', () => {
    const [error] = errorsOf('format: 1\nname: t\nname: u\n')
    expect([error!.line, error!.column]).toEqual([3, 1])
    expect(error!.message).toMatch(/^YAML syntax: Map keys must be unique/)
    expect(errorsOf('- a\n- b\n')[0]!.message).toMatch(/^the file must be a mapping/)
  })

  it('rejects all-zero weights', () => {
    expect(brief(errorsOf(`${HEADER}weights: { fit: 0, engagement: 0 }\n`))[0]!.slice(0, 3)).toEqual(['weights', 3, 10])
  })
})

describe('parseModel results', () => {
  it('fills in defaults for a minimal model', () => {
    const result = parseModel(HEADER)
    if (!result.ok) throw new Error('expected a model')
    expect(result.model).toMatchObject({
      name: 't',
      description: '',
      weights: { fit: 0.5, engagement: 0.5, predictive: 0 },
      grades: { A: 75, B: 50, C: 25 },
      levels: { 1: 75, 2: 50, 3: 25 },
      spam: { threshold: 30, detectors: [] },
      qualification: { mql: null, sql: null, fastTrack: [] },
      segments: [],
    })
    expect(result.checksum).toMatch(/^[0-9a-f]{64}$/)
    expect(result.checksum).not.toBe((parseModel(`${HEADER}\n`) as { checksum: string }).checksum)
  })

  it('normalises weights to add up to 1 and warns about an unattached predictive weight', () => {
    const result = parseModel(`${HEADER}weights: { fit: 2, engagement: 1, predictive: 1 }\n`)
    if (!result.ok) throw new Error('expected a model')
    expect(result.model.weights).toEqual({ fit: 0.5, engagement: 0.25, predictive: 0.25 })
    expect(brief(result.warnings).map(([path, line]) => [path, line])).toEqual([['weights.predictive', 3]])
  })

  it('returns a deeply frozen model', () => {
    const result = parseModel(`${HEADER}fit:\n  - { id: a, when: { field: email, domain_in: [a.com] }, points: 5 }\n`)
    if (!result.ok) throw new Error('expected a model')
    expect(Object.isFrozen(result.model.fit[0]!.when)).toBe(true)
    const when = result.model.fit[0]!.when as unknown as { domains: Set<string> }
    expect(() => when.domains.add('b.com')).toThrow(/frozen/)
    expect(() => (result.model.fit as unknown[]).push(1)).toThrow()
  })
})

describe('formatIssue', () => {
  it('prints file:line:column path: message', () => {
    const issue: ModelIssue = {
      severity: 'error',
      path: 'engagement[2].half_life_days',
      line: 14,
      column: 7,
      message: 'must be > 0 (got -3). Use a positive number of days or remove it.',
    }
    expect(formatIssue('model.yaml', issue)).toBe(
      'model.yaml:14:7 engagement[2].half_life_days: must be > 0 (got -3). Use a positive number of days or remove it.',
    )
    expect(formatIssue('m.yaml', { ...issue, severity: 'warning', path: '' })).toBe(`m.yaml:14:7 warning: ${issue.message}`)
  })
})
