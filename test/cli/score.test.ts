import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Contribution } from '../../src/core/index.js'
import { EVENTS_NDJSON, INVALID_MODEL, LEADS_CSV, runCli, tempDir } from './run-cli.js'

interface ScoredRow {
  lead_id: string
  score: number
  fit: number
  engagement: number
  status: string
  reasons: string
  contributions: Contribution[]
}

const readNdjson = (path: string): ScoredRow[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ScoredRow)

describe('leadscore score', () => {
  it('writes one NDJSON row per lead whose contributions add up exactly to the score', async () => {
    const dir = tempDir({ 'leads.csv': LEADS_CSV, 'events.ndjson': EVENTS_NDJSON })
    const out = join(dir, 'scores.ndjson')
    const run = await runCli([
      'score', '--model', 'b2b-saas', '--leads', join(dir, 'leads.csv'), '--events', join(dir, 'events.ndjson'),
      '--at', '2024-06-01T12:00:00Z', '--out', out, '--json',
    ])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ scored: 3, events: 6, duplicates: 0, rejected: 0, at: '2024-06-01T12:00:00.000Z' })
    const rows = readNdjson(out)
    expect(rows.map((row) => row.lead_id)).toEqual(['l1', 'l2', 'l3'])
    for (const row of rows) {
      const sum = row.contributions.reduce((total, contribution) => total + contribution.points, 0)
      expect(Math.round(sum * 100) / 100).toBe(row.score)
    }
    const [ana, bo] = rows
    expect(ana!.score).toBeGreaterThan(bo!.score)
    expect(ana!.contributions.map((contribution) => contribution.ruleId)).toEqual(
      expect.arrayContaining(['title_executive', 'pricing_page', 'demo_request']),
    )
    expect(ana!.reasons.split('; ')).toHaveLength(3)
    expect(ana!.reasons).toMatch(/^[A-Z].* \(\+[\d.]+\)/)
    expect(bo!.reasons).toContain('-')
  })

  it('writes CSV with the summary columns and neutralises formulas', async () => {
    const dir = tempDir({ 'leads.ndjson': '{"id":"=cmd|calc","job_title":"CEO","company_size":200}\n{"id":"plain"}\n' })
    const out = join(dir, 'scores.csv')
    const run = await runCli(['score', '--model', 'b2b-saas', '--leads', join(dir, 'leads.ndjson'), '--out', out])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^scored 2 leads at 2024-06-01T12:00:00.000Z \(0 events, 0 duplicates\), rejected 0 → /)
    const rows = parse<Record<string, string>>(readFileSync(out, 'utf8'), { columns: true })
    expect(Object.keys(rows[0]!)).toEqual([
      'lead_id', 'score', 'fit', 'engagement', 'grade', 'level', 'cell', 'stage', 'spam', 'status', 'segment', 'reasons',
    ])
    expect(rows[0]!.lead_id).toBe("'=cmd|calc")
    expect(rows.map((row) => [row.spam, row.segment])).toEqual([
      ['false', 'cold'],
      ['false', 'cold'],
    ])
    // Reasons start with the label, so spreadsheets do not read them as formulas.
    expect(rows[0]!.reasons).toMatch(/^Executive job title \(\+12\.5\); .* \(\+10\)/)
  })

  it('counts events of unknown leads, bad rows and repeated ids, and reports them', async () => {
    const dir = tempDir({
      'leads.csv': 'id,email\na,a@x.io\nb,b@x.io\na,again@x.io\n',
      'events.csv': [
        'id,lead_id,email,type,timestamp',
        'e1,a,,call,2024-05-01',
        'e1,a,,call,2024-05-01',
        'e2,ghost,,call,2024-05-01',
        'e3,,b@x.io,call,2024-05-01',
        'e4,a,,nope,2024-05-01',
      ].join('\n'),
    })
    const out = join(dir, 'out.ndjson')
    const run = await runCli(['score', '--model', 'b2b-saas', '--leads', join(dir, 'leads.csv'), '--events', join(dir, 'events.csv'), '--out', out, '--json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ scored: 2, events: 2, duplicates: 1, rejected: 3, errorReport: `${out}.errors.csv` })
    const report = readFileSync(`${out}.errors.csv`, 'utf8')
    expect(report).toContain("leads.csv: duplicate lead 'a' (first on line 2)")
    expect(report).toContain("events.csv: event for unknown lead 'ghost'")
    expect(report).toContain("events.csv: unknown event type 'nope'")
  })

  it('lists every error of an invalid model and exits 1', async () => {
    const dir = tempDir({ 'model.yaml': INVALID_MODEL, 'leads.csv': 'id\n1\n' })
    const run = await runCli(['score', '--model', join(dir, 'model.yaml'), '--leads', join(dir, 'leads.csv'), '--out', join(dir, 'out.csv')])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: model\.yaml has \d+ errors:\n/)
    expect(run.stderr).toMatch(/model\.yaml:7:\d+ fit\[0\]\.points/)
    expect(run.stderr).toMatch(/model\.yaml:10:\d+ fit\[1\]\.when/)
    expect(run.stderr).toContain('hint: ')
  })

  it('refuses an output type it cannot write and a bad --at as usage errors', async () => {
    const dir = tempDir({ 'leads.csv': 'id\n1\n' })
    const leads = join(dir, 'leads.csv')
    const wrongOut = await runCli(['score', '--model', 'b2b-saas', '--leads', leads, '--out', join(dir, 'out.xlsx')])
    expect(wrongOut).toMatchObject({ code: 2, stderr: expect.stringContaining("unsupported file type '.xlsx'") as string })
    const badAt = await runCli(['score', '--model', 'b2b-saas', '--leads', leads, '--out', join(dir, 'o.csv'), '--at', 'tomorrow'])
    expect(badAt).toMatchObject({ code: 2, stderr: expect.stringContaining("bad date in --at: 'tomorrow'") as string })
    const unknownModel = await runCli(['score', '--model', 'b2c', '--leads', leads, '--out', join(dir, 'o.csv')])
    expect(unknownModel).toMatchObject({ code: 1, stderr: expect.stringContaining('a template: b2b-saas, ecommerce') as string })
  })
})
