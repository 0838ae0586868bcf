import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Explanation } from '../../src/cli/explain-command.js'
import { EVENTS_NDJSON, LEADS_CSV, runCli, tempDir } from './run-cli.js'

async function seededDb(): Promise<string> {
  const dir = tempDir({ 'leads.csv': LEADS_CSV, 'events.ndjson': EVENTS_NDJSON })
  const db = join(dir, 'test.db')
  await runCli(['import', 'leads', join(dir, 'leads.csv'), '--db', db])
  await runCli(['import', 'events', join(dir, 'events.ndjson'), '--db', db])
  return db
}

describe('leadscore explain', () => {
  it('explains a lead found by email: breakdown adding up to the score, reasons and history', async () => {
    const db = await seededDb()
    const run = await runCli(['explain', 'ANA@acme.io', '--db', db, '--json'])
    expect(run.code).toBe(0)
    const explanation = JSON.parse(run.stdout) as Explanation
    expect(explanation.lead).toMatchObject({ id: 'l1', email: 'ana@acme.io', name: 'Ana Pérez', company: 'Acme' })
    const sum = explanation.score.contributions.reduce((total, contribution) => total + contribution.points, 0)
    expect(Math.round(sum * 100) / 100).toBe(explanation.score.score)
    expect(explanation.score.score).toBeGreaterThan(0)
    expect(explanation.reasons).toMatch(/^[A-Z].* \(\+[\d.]+\)/)
    expect(explanation.history.length).toBeGreaterThan(0)
    expect(explanation.history.length).toBeLessThanOrEqual(10)
  })

  it('prints the breakdown table with a total row equal to the score', async () => {
    const db = await seededDb()
    const json = JSON.parse((await runCli(['explain', 'l1', '--db', db, '--json'])).stdout) as Explanation
    const run = await runCli(['explain', 'l1', '--db', db])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`score ${json.score.score}  fit ${json.score.fit}`)
    expect(run.stdout).toMatch(/rule\s+label\s+points\s+original\s+count/)
    const total = run.stdout.split('\n').find((line) => line.startsWith('total'))
    expect(total?.trim().split(/\s+/)).toEqual(['total', String(json.score.score)])
    expect(run.stdout).toContain('last score changes')
  })

  it('exits 1 for an unknown lead', async () => {
    const db = await seededDb()
    const run = await runCli(['explain', 'nobody@nowhere.io', '--db', db])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: no lead with id or email 'nobody@nowhere.io'\nhint: /)
  })
})
