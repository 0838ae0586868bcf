// leadscore train and leadscore predictive, end to end on a temp database loaded with demo data.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Explanation } from '../../src/cli/explain-command.js'
import type { PredictiveListItem } from '../../src/cli/predictive-command.js'
import type { TrainCommandResult } from '../../src/cli/train-command.js'
import { openWorkspace } from '../../src/cli/workspace.js'
import { runCli, tempDir } from './run-cli.js'

/** A database with `leads` demo leads (seed 3): 1,500 give 55 converted / 537 not; 1,200 give 39 / 413. */
async function demoDb(leads: number): Promise<string> {
  const db = join(tempDir(), 'demo.db')
  const run = await runCli(['demo', '--db', db, '--leads', String(leads), '--seed', '3'])
  expect(run.code).toBe(0)
  return db
}

describe('leadscore train', () => {
  it('trains on the leads with outcomes, stores a draft with its report and lets it be published', async () => {
    const db = await demoDb(1500)
    const run = await runCli(['train', '--db', db, '--algo', 'lr', '--seed', '5', '--json'])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('training lr on 592 leads with an outcome (55 converted)')
    expect(run.stderr).toContain('training steps: 7 of 7')
    const result = JSON.parse(run.stdout) as TrainCommandResult
    expect(result.model).toMatchObject({ id: 1, algo: 'lr', status: 'draft', active: false, published_at: null })
    expect(result.report).toMatchObject({ algo: 'lr', seed: 5, rows: 592, positives: 55 })
    expect(result.report.auc).toBeGreaterThan(0.85)
    expect(result.report.calibration).toHaveLength(10)
    expect(result.report.deciles).toHaveLength(10)
    expect(result.report.threshold.basis).toBe('mql_share')

    const list = JSON.parse((await runCli(['predictive', 'list', '--db', db, '--json'])).stdout) as PredictiveListItem[]
    expect(list).toEqual([expect.objectContaining({ id: 1, status: 'draft', active: false, rows: 592, auc: result.report.auc })])
    const shown = await runCli(['predictive', 'show', '1', '--db', db])
    expect(shown.stdout).toContain('predictive model 1 (lr, seed 5) stored as a draft')
    expect(shown.stdout).toMatch(/ROC AUC\s+0\.\d{4}\s+0\.\d{4}/)
    expect(shown.stdout).toContain('conversion by decile (newest 20 %)')

    // Without a published model explain shows no prediction; after publishing it does.
    const before = JSON.parse((await runCli(['explain', 'lead_00001', '--db', db, '--json'])).stdout) as Explanation
    expect(before.predictive).toBeNull()
    const published = await runCli(['predictive', 'publish', '1', '--db', db])
    expect(published.stdout).toBe('predictive model 1 (lr) is published and active\n')
    const after = JSON.parse((await runCli(['explain', 'lead_00001', '--db', db, '--json'])).stdout) as Explanation
    expect(after.predictive).toMatchObject({ modelId: 1 })
    expect(after.predictive!.probability).toBeGreaterThanOrEqual(0)
    expect(after.score.predictive).toBe(after.predictive!.probability)
    const text = await runCli(['explain', 'lead_00001', '--db', db])
    expect(text.stdout).toMatch(/predictive model 1: probability 0\.\d{3}, score [\d.]+\n {2}raised by \(log-odds\): /)
  })

  it('warns when a feature it trained on is a sensitive attribute', async () => {
    const db = await demoDb(1500)
    const workspace = await openWorkspace({ db })
    const ids = Array.from({ length: 300 }, (_, index) => `lead_${String(index + 1).padStart(5, '0')}`)
    await workspace.store.upsertLeads(ids.map((id, index) => ({ id, attributes: { gender: index % 2 === 0 ? 'f' : 'm' } })), null, Date.now())
    await workspace.close()
    const run = await runCli(['train', '--db', db, '--algo', 'lr', '--json'])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain("warning: feature 'attributes.gender' looks like a sensitive attribute")
  })

  it('gives the same report for the same data and seed, and publishes straight away with --publish', async () => {
    const db = await demoDb(1500)
    const first = JSON.parse((await runCli(['train', '--db', db, '--json'])).stdout) as TrainCommandResult
    const second = JSON.parse((await runCli(['train', '--db', db, '--publish', '--json'])).stdout) as TrainCommandResult
    expect(second.report.auc).toBe(first.report.auc)
    expect(second.report.deciles).toEqual(first.report.deciles)
    expect(second.model).toMatchObject({ id: 2, algo: 'gbdt', status: 'published', active: true })
    const list = JSON.parse((await runCli(['predictive', 'list', '--db', db, '--json'])).stdout) as PredictiveListItem[]
    expect(list.map((model) => [model.id, model.active])).toEqual([[2, true], [1, false]])
  })

  it('exits 1 saying exactly what is missing when there are too few outcomes, and stores nothing', async () => {
    const db = await demoDb(1200)
    const run = await runCli(['train', '--db', db])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      'error: not enough outcomes to train: needs 40 converted and 40 not converted leads; have 39 / 413\n' +
        'hint: record outcomes for 1 more converted and 0 more not converted leads',
    )
    expect((await runCli(['predictive', 'list', '--db', db])).stdout).toContain('no predictive models yet')
  })

  it('refuses unknown models and bad flags', async () => {
    const db = await demoDb(100)
    const publish = await runCli(['predictive', 'publish', '9', '--db', db])
    expect(publish.code).toBe(1)
    expect(publish.stderr).toMatch(/^error: there is no predictive model 9\nhint: /)
    expect((await runCli(['predictive', 'show', '9', '--db', db])).code).toBe(1)
    expect((await runCli(['predictive', 'show', 'x', '--db', db])).code).toBe(2)
    expect((await runCli(['train', '--db', db, '--algo', 'svm'])).code).toBe(2)
  })

  it('loads the published predictive model into the workspace, and picks up one published later', async () => {
    const db = await demoDb(1500)
    const workspace = await openWorkspace({ db, env: {} })
    try {
      expect(workspace.model.predictive).toBeUndefined()
      await runCli(['train', '--db', db, '--algo', 'lr', '--publish'])
      expect(await workspace.refreshModel()).toBe(true)
      expect(workspace.model.predictive?.id).toBe(1)
      expect(workspace.model.predictive?.artifact.model.algo).toBe('lr')
      expect(await workspace.refreshModel()).toBe(false)
      await runCli(['train', '--db', db, '--publish'])
      expect(await workspace.refreshModel()).toBe(true)
      expect(workspace.model).toMatchObject({ version: 1, predictive: { id: 2 } })
    } finally {
      await workspace.close()
    }
  })
})
