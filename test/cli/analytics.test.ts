// `leadscore analytics ...` and `leadscore fairness` on a temp database filled by `leadscore demo`.
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from './run-cli.js'

let db: string

beforeAll(async () => {
  db = join(tempDir(), 'demo.db')
  const demo = await runCli(['demo', '--db', db, '--leads', '600', '--seed', '5'])
  expect(demo.code, demo.stderr).toBe(0)
}, 120_000)

describe('leadscore analytics', () => {
  it('prints the score distribution as a table with a bar per bucket', async () => {
    const run = await runCli(['analytics', 'distribution', '--db', db])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^score\s+leads/)
    expect(run.stdout).toContain('90–100')
    expect(run.stdout).toMatch(/600 leads; mean [\d.]+, median [\d.]+, p90 [\d.]+\n$/)
  })

  it('prints conversion by segment, and by decile as snake_case JSON', async () => {
    const text = await runCli(['analytics', 'conversion', '--by', 'segment', '--db', db])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/^segment\s+leads\s+with outcome\s+converted\s+rate\s+95% interval/)
    const json = await runCli(['analytics', 'conversion', '--db', db, '--json'])
    const output = JSON.parse(json.stdout) as { report: string; data: { by: string; groups: { group: string; with_outcome: number; rate: number }[] } }
    expect(output.report).toBe('conversion')
    expect(output.data.by).toBe('decile')
    expect(output.data.groups).toHaveLength(10)
    expect(output.data.groups[0]!.rate).toBeGreaterThan(output.data.groups[9]!.rate)
  })

  it('prints the funnel with median days to reach each stage', async () => {
    const run = await runCli(['analytics', 'funnel', '--db', db, '--json'])
    expect(run.code, run.stderr).toBe(0)
    const { data } = JSON.parse(run.stdout) as { data: { steps: { stage: string; leads: number; median_days_from_previous: number | null }[] } }
    expect(data.steps.map((step) => step.stage)).toEqual(['lead', 'mql', 'sql', 'customer'])
    expect(data.steps[0]!.leads).toBe(600)
    expect(data.steps[1]!.median_days_from_previous).not.toBeNull()
    const text = await runCli(['analytics', 'funnel', '--db', db])
    expect(text.stdout).toMatch(/^stage\s+leads\s+from previous\s+median days to reach/)
  })

  it('prints rule lift with the demo request converting above the rest', async () => {
    const run = await runCli(['analytics', 'rule-lift', '--db', db, '--json'])
    const { data } = JSON.parse(run.stdout) as { data: { rules: { rule_id: string; lift: number | null; ci: [number, number] | null }[] } }
    const demo = data.rules.find((rule) => rule.rule_id === 'demo_request')!
    expect(demo.lift).toBeGreaterThan(1)
    expect(demo.ci).toHaveLength(2)
    const text = await runCli(['analytics', 'rule-lift', '--db', db])
    expect(text.stdout).toMatch(/demo_request\s+\d+\s+[\d.]+%/)
  })

  it('counts trends', async () => {
    const run = await runCli(['analytics', 'trends', '--db', db, '--window', '30'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/600 leads: \d+ improving, \d+ steady, \d+ declining\n$/)
  })

  it('refuses an unknown report or grouping as a usage error', async () => {
    expect((await runCli(['analytics', 'colours', '--db', db])).code).toBe(2)
    expect((await runCli(['analytics', 'conversion', '--by', 'colour', '--db', db])).code).toBe(2)
    expect((await runCli(['analytics', 'distribution', '--bucket-width', '-5', '--db', db])).code).toBe(2)
    const tiny = await runCli(['analytics', 'distribution', '--bucket-width', '0.001', '--db', db])
    expect(tiny).toMatchObject({ code: 1, stderr: expect.stringContaining('bucket width must be 1 to 100 points') as string })
  })
})

describe('leadscore fairness', () => {
  it('compares groups of a lead field and reads the four-fifths rule', async () => {
    const run = await runCli(['fairness', '--attribute', 'country', '--db', db, '--min-group-size', '10'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^country\s+leads\s+score mean/)
    expect(run.stdout).toMatch(/600 leads; (no group is qualified at under four fifths|qualified at under four fifths)/)
    const json = JSON.parse((await runCli(['fairness', '--attribute', 'country', '--db', db, '--json'])).stdout) as {
      attribute: string
      groups: { leads: number; qualified_rate: number }[]
    }
    expect(json.attribute).toBe('country')
    expect(json.groups.reduce((sum, group) => sum + group.leads, 0)).toBe(600)
  })

  it('refuses an attribute name that is not a field path', async () => {
    const missing = await runCli(['fairness', '--attribute', 'attributes.shoe_size', '--db', db])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain("No scored lead has a value for 'attributes.shoe_size'")
    const run = await runCli(['fairness', '--attribute', 'a b', '--db', db])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("'a b' is not a lead field or attribute name")
  })
})
