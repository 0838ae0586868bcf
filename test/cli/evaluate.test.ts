import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { writeDemoFiles, type DemoFiles } from '../../src/demo/demo-files.js'
import { generateDemoData } from '../../src/demo/index.js'
import type { EvaluateReport } from '../../src/cli/evaluate-command.js'
import { TEST_NOW, runCli, tempDir } from './run-cli.js'

const REQUIRED_KEYS = ['auc', 'pr_auc', 'log_loss', 'brier', 'folds', 'rows', 'positives', 'fit_seconds']

let demo: DemoFiles
let outcomeRows: number
let demoPositives: number

beforeAll(async () => {
  const data = generateDemoData({ seed: 3, leads: 1500, now: TEST_NOW })
  outcomeRows = data.outcomes.length
  demoPositives = data.outcomes.filter((outcome) => outcome.converted).length
  demo = await writeDemoFiles(tempDir(), data)
})

const evaluateDemo = (...flags: string[]) =>
  runCli(['evaluate', '--leads', demo.leads, '--outcomes', demo.outcomes, '--events', demo.events, ...flags])

/** 120 leads alike but for their events: 60 convert, each with one event `offsetMs` from its outcome. */
function eventOnlyFiles(type: string, offsetMs: number): string[] {
  const outcomeAt = Date.UTC(2024, 4, 1)
  const iso = (at: number) => new Date(at).toISOString()
  const ids = Array.from({ length: 120 }, (_, index) => `l${index}`)
  const converted = (index: number) => index % 2 === 0
  const dir = tempDir({
    'leads.csv': ['id,email,job_title', ...ids.map((id) => `${id},${id}@acme.io,Engineer`)].join('\n'),
    'outcomes.csv': [
      'lead_id,converted,converted_at',
      ...ids.map((id, index) => `${id},${converted(index)},${iso(outcomeAt)}`),
      'ghost,true,2024-05-01T00:00:00Z',
    ].join('\n'),
    'events.ndjson': ids
      .filter((_, index) => converted(index))
      .map((id) => JSON.stringify({ id: `e-${id}`, lead_id: id, type, timestamp: iso(outcomeAt + offsetMs) }))
      .join('\n'),
  })
  const files = ['leads.csv', 'outcomes.csv', 'events.ndjson'].map((name) => join(dir, name))
  return ['--leads', files[0]!, '--outcomes', files[1]!, '--events', files[2]!]
}

describe('leadscore evaluate', () => {
  it('prints the cross-validated metrics as JSON, with signal on the demo data', async () => {
    const run = await evaluateDemo('--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as Record<string, unknown>
    for (const key of REQUIRED_KEYS) expect(typeof report[key]).toBe('number')
    expect(report).toMatchObject({ algo: 'gbdt', folds: 5, rows: outcomeRows, positives: demoPositives, seed: 42 })
    expect(report.auc).toBeGreaterThan(0.6)
    expect(report.auc).toBeLessThanOrEqual(1)
    expect(report.log_loss).toBeGreaterThan(0)
  })

  it('gives the same result twice for a seed, and other folds for another seed', async () => {
    const withoutTimes = (stdout: string): Record<string, unknown> => ({
      ...(JSON.parse(stdout) as Record<string, unknown>),
      fit_seconds: 0,
    })
    const [first, second, other] = await Promise.all([
      evaluateDemo('--json', '--seed', '7'),
      evaluateDemo('--json', '--seed', '7'),
      evaluateDemo('--json', '--seed', '8'),
    ])
    expect(withoutTimes(second.stdout)).toEqual(withoutTimes(first.stdout))
    expect(withoutTimes(other.stdout).auc).not.toBe(withoutTimes(first.stdout).auc)
  })

  it('evaluates logistic regression with --algo lr and prints a table without --json', async () => {
    const run = await evaluateDemo('--algo', 'lr', '--folds', '3')
    expect(run.code).toBe(0)
    const heading = `lr, 3-fold stratified cross-validation, seed 42: ${outcomeRows} leads (${demoPositives} converted)`
    expect(run.stdout.startsWith(heading)).toBe(true)
    const auc = Number(/ROC AUC\s+([\d.]+)/.exec(run.stdout)?.[1])
    expect(auc).toBeGreaterThan(0.6)
    expect(run.stdout).toMatch(/PR AUC\s+[\d.]+\nlog loss\s+[\d.]+\nBrier\s+[\d.]+\n/)
  })

  it('counts no event at or after the outcome date, so a post-outcome event predicts nothing', async () => {
    const evaluate = async (offsetMs: number) =>
      JSON.parse((await runCli(['evaluate', '--json', ...eventOnlyFiles('purchase', offsetMs)])).stdout) as Record<
        string,
        number
      >
    expect(await evaluate(0)).toMatchObject({ rows: 120, positives: 60, unknown_outcomes: 1, auc: 0.5 })
    expect((await evaluate(-60_000)).auc).toBeGreaterThan(0.95)
  })

  it('refuses too few outcomes with the counts, how many are missing and the unknown leads', async () => {
    const dir = tempDir({
      'leads.csv': 'id,job_title\na,CEO\nb,CTO\nc,Intern\nd,Student\ne,VP\nf,Analyst\n',
      'outcomes.csv': 'lead_id,converted\na,true\nb,yes\nc,false\nd,0\ne,1\nnobody,true\n',
    })
    const run = await runCli(['evaluate', '--leads', join(dir, 'leads.csv'), '--outcomes', join(dir, 'outcomes.csv')])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(
      'error: not enough outcomes to evaluate: needs 40 converted and 40 not converted leads; have 3 / 2\n',
    )
    expect(run.stderr).toContain(
      'hint: add outcomes for 37 more converted and 38 more not converted leads; ' +
        '1 outcome rows in outcomes.csv name leads not in the leads file',
    )
  })

  it('adds calibration, deciles and precision/recall over every out-of-fold prediction to --json', async () => {
    const report = JSON.parse((await evaluateDemo('--json', '--algo', 'lr')).stdout) as EvaluateReport
    expect(report).toMatchObject({ split: 'kfold', test_rows: outcomeRows, threshold: 0.5 })
    expect(report.calibration).toHaveLength(10)
    expect(report.calibration.reduce((sum, bin) => sum + bin.count, 0)).toBe(outcomeRows)
    expect(report.calibration.reduce((sum, bin) => sum + bin.positives, 0)).toBe(demoPositives)
    expect(report.deciles.map((row) => row.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(report.deciles.reduce((sum, row) => sum + row.count, 0)).toBe(outcomeRows)
    // The demo outcomes are predictable: the top tenth converts far above the average.
    expect(report.deciles[0]!.lift).toBeGreaterThan(3)
    expect(report.deciles[9]!.cumulative_recall).toBeCloseTo(1, 12)
    const { true_positives, false_positives, false_negatives, true_negatives } = report.confusion
    expect(true_positives + false_negatives).toBe(demoPositives)
    expect(true_positives + false_positives + false_negatives + true_negatives).toBe(outcomeRows)
    expect(report.precision).toBeCloseTo(true_positives / (true_positives + false_positives), 12)
    expect(report.recall).toBeCloseTo(true_positives / demoPositives, 12)
  })

  it('trades precision for recall as --threshold moves, and refuses a threshold outside 0..1', async () => {
    const at = async (threshold: string) =>
      JSON.parse((await evaluateDemo('--json', '--algo', 'lr', '--threshold', threshold)).stdout) as EvaluateReport
    const [low, high] = await Promise.all([at('0.05'), at('0.9')])
    expect(low.threshold).toBe(0.05)
    expect(low.recall).toBeGreaterThan(high.recall)
    expect(low.auc).toBe(high.auc)
    for (const bad of ['1.5', '-0.1', 'half']) {
      const run = await evaluateDemo('--threshold', bad)
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('expected a probability from 0 to 1')
    }
  })

  it('prints the calibration and decile tables and the threshold line without --json', async () => {
    const run = await evaluateDemo('--algo', 'lr', '--folds', '3', '--threshold', '0.3')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`calibration of the ${outcomeRows} held-out predictions\n`)
    expect(run.stdout).toMatch(/probability\s+leads\s+converted\s+mean predicted\s+observed\n/)
    expect(run.stdout).toMatch(/\n0\.0-0\.1\s+\d+\s+\d+\s+0\.\d{3}\s+0\.\d{3}\n/)
    expect(run.stdout).toMatch(/decile\s+leads\s+converted\s+conversion\s+lift\s+cumulative recall\s+probability\n/)
    expect(run.stdout).toMatch(/\nat threshold 0\.3: precision 0\.\d{3}, recall 0\.\d{3} \(\d+ leads called converted/)
  })

  it('trains on the oldest 80 % by created_at and tests on the newest 20 % with --split time', async () => {
    const run = await evaluateDemo('--json', '--split', 'time', '--algo', 'lr')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as EvaluateReport
    for (const key of REQUIRED_KEYS) expect(typeof report[key as keyof EvaluateReport]).toBe('number')
    expect(report).toMatchObject({ split: 'time', folds: 1, rows: outcomeRows })
    expect(report.test_rows).toBe(outcomeRows - Math.round(outcomeRows * 0.8))
    expect(report.calibration.reduce((sum, bin) => sum + bin.count, 0)).toBe(report.test_rows)
    expect(report.auc).toBeGreaterThan(0.6)
    const table = await evaluateDemo('--split', 'time', '--algo', 'lr')
    expect(table.stdout).toMatch(/^lr, time split \(oldest 80 % by created_at train, newest \d+ leads test\), seed 42/)
    expect(table.stdout).toMatch(/metric\s+newest 20 %\n/)
  })

  it('refuses --split time when leads have no created_at, or the newest leads have one class', async () => {
    const undated = await runCli(['evaluate', ...eventOnlyFiles('purchase', -60_000), '--split', 'time'])
    expect(undated.code).toBe(1)
    expect(undated.stderr).toContain(
      'error: --split time needs created_at on every lead with an outcome; 120 of 120 have none (first: ',
    )
    expect(undated.stderr).toContain(
      'hint: add a created_at column to leads.csv (ISO-8601), or use the default --split kfold',
    )

    // 100 leads created a day apart; only the 50 oldest convert, so the newest 20 has no converted lead.
    const day = 86_400_000
    const dir = tempDir({
      'leads.csv': [
        'id,email,job_title,created_at',
        ...Array.from({ length: 100 }, (_, i) => {
          const createdAt = new Date(Date.UTC(2024, 0, 1) + i * day).toISOString()
          return `n${i},n${i}@acme.io,Engineer,${createdAt}`
        }),
      ].join('\n'),
      'outcomes.csv': ['lead_id,converted', ...Array.from({ length: 100 }, (_, i) => `n${i},${i < 50}`)].join('\n'),
    })
    const oneClass = await runCli([
      'evaluate', '--leads', join(dir, 'leads.csv'), '--outcomes', join(dir, 'outcomes.csv'), '--split', 'time',
    ])
    expect(oneClass.code).toBe(1)
    expect(oneClass.stderr).toContain(
      'error: --split time: the newest 20 % of the leads by created_at (20) has no converted lead',
    )
  })

  it('rejects an unknown --algo and too few --folds as usage errors', async () => {
    const badAlgo = await evaluateDemo('--algo', 'svm')
    expect(badAlgo.code).toBe(2)
    expect(badAlgo.stderr).toMatch(/--algo.*'svm'.*lr, gbdt/s)
    const oneFold = await evaluateDemo('--folds', '1')
    expect(oneFold.code).toBe(2)
    expect(oneFold.stderr).toContain('--folds must be a whole number of at least 2 (got 1)')
  })
})
