// `leadscore model backtest`, `model learn` and the sensitive-attribute warnings of `model validate`, on a demo database.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseModel, readTemplate } from '../../src/model/index.js'
import { runCli, tempDir, TEST_NOW } from './run-cli.js'

const DAY_MS = 86_400_000
const AT = new Date(TEST_NOW - 30 * DAY_MS).toISOString().slice(0, 10)
let dir: string
let db: string

beforeAll(async () => {
  dir = tempDir()
  db = join(dir, 'demo.db')
  const demo = await runCli(['demo', '--db', db, '--leads', '1500', '--seed', '5'])
  expect(demo.code, demo.stderr).toBe(0)
}, 120_000)

interface BacktestJson {
  draft_model: string
  against_model: string
  leads: number
  with_outcome: number
  excluded: { created_after: number; resolved_before: number }
  draft: { auc: number; mqls: number; precision: number; recall: number }
  active: { auc: number; mqls: number }
  segment_changes: { leads: number; transitions: { from: string | null; to: string | null; leads: number }[] }
  status_changes: { leads: number }
}

describe('leadscore model backtest', () => {
  it('compares a looser draft file with the active model as of a past date', async () => {
    const looser = join(dir, 'looser.yaml')
    writeFileSync(looser, readTemplate('b2b-saas').replace(/qualification:\n {2}mql: .*\n/, "qualification:\n  mql: 'score >= 35'\n"))
    const run = await runCli(['model', 'backtest', looser, '--at', AT, '--db', db, '--json'])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as BacktestJson
    expect(report).toMatchObject({ draft_model: 'looser.yaml', against_model: 'version 1 (active)' })
    expect(report.leads).toBeGreaterThan(0)
    expect(report.excluded.created_after).toBeGreaterThan(0)
    expect(report.draft.mqls).toBeGreaterThan(report.active.mqls)
    expect(report.status_changes.leads).toBe(report.draft.mqls - report.active.mqls)
    expect(report.draft.auc).toBeGreaterThan(0.6)
    const text = await runCli(['model', 'backtest', looser, '--at', AT, '--db', db])
    expect(text.stdout).toMatch(/^as of \S+\s+looser\.yaml\s+version 1 \(active\)/)
    expect(text.stdout).toMatch(/ROC AUC\s+[\d.]+\s+[\d.]+/)
    expect(text.stdout).toMatch(/\d+ leads change segment, \d+ change status/)
  })

  it('shows no change when a stored version is compared with itself', async () => {
    const run = await runCli(['model', 'backtest', '1', '--at', AT, '--against', '1', '--db', db, '--json'])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as BacktestJson
    expect(report.segment_changes.leads).toBe(0)
    expect(report.draft).toEqual(report.active)
  })

  it('refuses a bad date, a future date and an unknown version', async () => {
    expect((await runCli(['model', 'backtest', '1', '--at', 'soon', '--db', db])).code).toBe(2)
    expect((await runCli(['model', 'backtest', '1', '--db', db])).code).toBe(2)
    const future = await runCli(['model', 'backtest', '1', '--at', '2099-01-01', '--db', db])
    expect(future).toMatchObject({ code: 1, stderr: expect.stringContaining('is in the future') as string })
    const unknown = await runCli(['model', 'backtest', '99', '--at', AT, '--db', db])
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no model version 99') as string })
  })
})

describe('leadscore model learn', () => {
  it('prints the learned points, writes the draft YAML and stores it as a draft version', async () => {
    const out = join(dir, 'learned.yaml')
    const run = await runCli(['model', 'learn', '--db', db, '--out', out, '--create-draft'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^rule\s+kind\s+points now\s+suggested\s+log-odds/)
    expect(run.stdout).toMatch(/learned from \d+ leads with an outcome \(\d+ converted\) on model version 1; 1 log-odds = [\d.]+ points/)
    expect(run.stdout).toContain('stored as draft model version 2')
    const yaml = readFileSync(out, 'utf8')
    expect(yaml).toContain('# Lead-scoring model for a B2B software company')
    expect(parseModel(yaml).ok).toBe(true)
    const list = JSON.parse((await runCli(['model', 'list', '--db', db, '--json'])).stdout) as { version: number; status: string }[]
    expect(list.find((version) => version.version === 2)).toMatchObject({ status: 'draft' })
    // The learned draft can be backtested at once.
    expect((await runCli(['model', 'backtest', '2', '--at', AT, '--db', db])).code).toBe(0)
  })

  it('gives each rule its coefficient and support in JSON', async () => {
    const run = await runCli(['model', 'learn', '--db', db, '--json', '--min-support', '20'])
    const report = JSON.parse(run.stdout) as {
      draft_version: number | null
      rules: { rule_id: string; note: string; coefficient: number | null; fired_leads: number; suggested_points: number | null }[]
    }
    expect(report.draft_version).toBeNull()
    const learned = report.rules.filter((rule) => rule.note === 'learned')
    expect(learned.length).toBeGreaterThan(5)
    for (const rule of learned) expect(rule.fired_leads).toBeGreaterThanOrEqual(20)
    for (const rule of report.rules.filter((item) => item.note === 'too_few_leads')) expect(rule.coefficient).toBeNull()
  })

  it('says how many outcomes are missing on a database without enough', async () => {
    const run = await runCli(['model', 'learn', '--db', join(tempDir(), 'empty.db')])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('needs 40 converted and 40 not converted leads; have 0 / 0')
  })
})

describe('leadscore model validate on sensitive attributes', () => {
  it('warns about a rule on gender and on a declared attribute, and still exits 0', async () => {
    const file = join(tempDir(), 'model.yaml')
    writeFileSync(
      file,
      [
        'format: 1',
        'name: sensitive',
        'sensitive_attributes: [attributes.union_member]',
        'fit:',
        '  - { id: women, when: { field: attributes.gender, equals: f }, points: 5 }',
        '  - { id: union, when: { field: attributes.union_member, equals: true }, points: -5 }',
        '',
      ].join('\n'),
    )
    const run = await runCli(['model', 'validate', file])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("model.yaml:5:33 fit[0].when.field: warning: 'attributes.gender' uses a sensitive attribute")
    expect(run.stdout).toContain("fit[1].when.field: warning: 'attributes.union_member' uses a sensitive attribute")
    expect(run.stdout).toContain('model.yaml is valid (2 rules)')
  })
})
