import { describe, expect, it } from 'vitest'
import { parseModel } from './index.js'
import { EXPRESSION_FUNCTIONS, EXPRESSION_VARIABLES } from './expressions.js'

const RULES = 'engagement:\n  - { id: demo, event: demo_request, points: 30 }\n'

function parse(qualification: string, segments = ''): ReturnType<typeof parseModel> {
  return parseModel(`format: 1\nname: t\n${RULES}qualification:\n${qualification}${segments === '' ? '' : `segments:\n${segments}`}`)
}

function messages(result: ReturnType<typeof parseModel>): string[] {
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`)
}

describe('expressions', () => {
  it('accepts every score variable, lead fields, attributes and the functions', () => {
    const all = [...EXPRESSION_VARIABLES.map((name) => `${name} != null`), 'job_title == "CEO"', 'email_domain != null', 'attributes.plan == "pro"']
    const calls = 'fired("demo") and fired("demo", 30) and count("demo", 7) > 1 and days_since("demo") < 3'
    const result = parse(`  mql: '${all.join(' and ')} and ${calls}'\n`)
    expect(messages(result)).toEqual([])
    expect(Object.keys(EXPRESSION_FUNCTIONS)).toEqual(['fired', 'count', 'days_since'])
  })

  it('normalises fast-track rules with sql as the default target', () => {
    const result = parse("  fast_track:\n    - { id: demo_fit, when: 'fired(\"demo\")' }\n    - { id: warm, label: Warm, when: 'score > 50', to: mql }\n")
    if (!result.ok) throw new Error(messages(result).join('\n'))
    expect(result.model.qualification.fastTrack.map(({ id, label, to }) => ({ id, label, to }))).toEqual([
      { id: 'demo_fit', label: 'demo_fit', to: 'sql' },
      { id: 'warm', label: 'Warm', to: 'mql' },
    ])
    expect(result.model.qualification.fastTrack[0]!.when).toEqual({ kind: 'call', name: 'fired', args: [{ kind: 'literal', value: 'demo' }] })
  })

  it('allows status and fast_track in segments only', () => {
    expect(messages(parse("  mql: 'score > 1'\n", "  - { id: s, when: 'status == \"mql\" or fast_track != null' }\n"))).toEqual([])
    expect(messages(parse("  mql: 'status == \"mql\"'\n"))).toEqual([
      "qualification.mql: unknown variable 'status'. It is only available in segments, which run after qualification.",
    ])
  })

  it('rejects unknown functions, bad arguments and unknown variables with suggestions', () => {
    expect(messages(parse("  mql: 'fird(\"demo\")'\n"))).toEqual(["qualification.mql: unknown function 'fird'. Did you mean 'fired'?"])
    expect(messages(parse("  mql: 'fired(demo)'\n"))).toEqual([
      'qualification.mql: the first argument of fired() must be an engagement rule id in quotes, e.g. fired("rule_id", days?).',
    ])
    expect(messages(parse("  mql: 'fired(\"demo\", 0)'\n"))).toEqual([
      'qualification.mql: the days argument of fired() must be a positive number, e.g. fired("demo", 30).',
    ])
    expect(messages(parse("  mql: 'days_since(\"demo\", 3) < 2'\n"))).toEqual([
      'qualification.mql: days_since() takes days_since("rule_id"); got 2 argument(s).',
    ])
    expect(messages(parse("  mql: 'fit_grde <= \"B\"'\n"))).toEqual(["qualification.mql: unknown variable 'fit_grde'. Did you mean 'fit_grade'?"])
    expect(messages(parse("  mql: 'qqq > 1'\n"))).toEqual([
      "qualification.mql: unknown variable 'qqq'. Use score, fit, engagement, fit_grade, grade, level, cell, stage, spam, spam_score, predictive, a lead field such as job_title, or attributes.<name>.",
    ])
  })

  it('warns about segments after an always-true one', () => {
    const result = parse("  mql: 'score > 1'\n", "  - { id: all, when: 'true' }\n  - { id: hot, when: 'score > 70' }\n")
    expect(result.warnings.map((w) => [w.path, w.line, w.message])).toEqual([
      ['segments[1]', 9, "is never reached: segment 'all' before it always matches (first match wins). Move it up or remove it."],
    ])
  })
})

describe('sensitive attributes', () => {
  it('warns when a fit rule or an expression uses one', () => {
    const result = parseModel(
      "format: 1\nname: t\nfit:\n  - { id: a, when: { field: attributes.dateOfBirth, exists: true }, points: 1 }\n  - { id: b, when: { field: language, equals: en }, points: 1 }\nqualification:\n  mql: 'attributes.gender == \"f\" and stage == \"decision\"'\n",
    )
    expect(result.warnings.map((w) => [w.path, w.message])).toEqual([
      ['fit[0].when.field', "'attributes.dateOfBirth' uses a sensitive attribute; scoring people on it may be unlawful or unfair. Remove it unless you are sure it is allowed."],
      ['qualification.mql', "'attributes.gender' uses a sensitive attribute; scoring people on it may be unlawful or unfair. Remove it unless you are sure it is allowed."],
    ])
  })

  it('warns about a bare unknown fit field, suggesting attributes.<name>', () => {
    const result = parseModel('format: 1\nname: t\nfit:\n  - { id: a, when: { field: jobtitle, exists: true }, points: 1 }\n')
    expect(result.ok).toBe(true)
    expect(result.warnings.map((w) => w.message)).toEqual([
      "'jobtitle' is not a known lead field, so it is read as the custom attribute 'attributes.jobtitle'. Did you mean 'job_title'? Write 'attributes.jobtitle' if that is what you mean.",
    ])
  })
})
