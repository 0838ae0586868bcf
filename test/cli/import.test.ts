import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCommand } from '../../src/cli/import-command.js'
import { EVENTS_NDJSON, LEADS_CSV, runCli, tempDir, TEST_NOW } from './run-cli.js'

describe('leadscore import', () => {
  it('imports leads and events, and a second run imports nothing twice', async () => {
    const dir = tempDir({ 'leads.csv': LEADS_CSV, 'events.ndjson': EVENTS_NDJSON })
    const db = join(dir, 'data', 'leadscore.db')

    const leads = await runCli(['import', 'leads', join(dir, 'leads.csv'), '--db', db])
    expect(leads).toMatchObject({ code: 0, stdout: 'imported 3, duplicates 0, rejected 0\n' })
    const events = await runCli(['import', 'events', join(dir, 'events.ndjson'), '--db', db, '--json'])
    expect(events.code).toBe(0)
    expect(JSON.parse(events.stdout)).toMatchObject({ kind: 'events', rows: 6, imported: 6, duplicates: 0, rejected: 0, errorReport: null })

    expect(await runCli(['import', 'leads', join(dir, 'leads.csv'), '--db', db])).toMatchObject({
      code: 0,
      stdout: 'imported 0, duplicates 3, rejected 0\n',
    })
    expect(await runCli(['import', 'events', join(dir, 'events.ndjson'), '--db', db])).toMatchObject({
      code: 0,
      stdout: 'imported 0, duplicates 6, rejected 0\n',
    })
  })

  it('keeps the good rows of a bad file and reports the bad ones with their line numbers', async () => {
    const csv = [
      'id,lead_id,type,timestamp,url',
      'e1,l1,page_view,2024-05-01T10:00:00Z,/pricing',
      'e2,l1,pageview,2024-05-01T10:00:00Z,/pricing',
      'e3,l1,page_view,not a date,/pricing',
      'e4,l1,page_view,2024-05-02T10:00:00Z,"=HYPERLINK(""x"")"',
      'e5,l1,call,2024-05-02',
    ].join('\r\n')
    const dir = tempDir({ 'events.csv': csv })
    const db = join(dir, 'test.db')
    const summary = await importCommand(
      { kind: 'events', file: join(dir, 'events.csv'), db, batchSize: 2 },
      { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, now: () => TEST_NOW },
    )
    expect(summary).toEqual({
      kind: 'events',
      file: join(dir, 'events.csv'),
      rows: 5,
      imported: 2,
      duplicates: 0,
      rejected: 3,
      errorReport: join(dir, 'events.csv.errors.csv'),
    })
    const report = readFileSync(join(dir, 'events.csv.errors.csv'), 'utf8').trim().split('\n')
    expect(report[0]).toBe('line,reason,raw')
    expect(report.slice(1).map((line) => line.split(',')[0])).toEqual(['3', '4', '6'])
    expect(report[1]).toContain("unknown event type 'pageview'")
    expect(report[2]).toContain('bad date in timestamp')
    expect(report[3]).toContain('expected 5 fields as in the header, found 4')
  })

  it('reports rows the store refuses, such as outcomes of unknown leads', async () => {
    const dir = tempDir({
      'leads.csv': LEADS_CSV,
      'outcomes.csv': 'lead_id,converted,converted_at\nl1,yes,2024-05-20\nnobody,no,\nl2,maybe,\n',
    })
    const db = join(dir, 'test.db')
    await runCli(['import', 'leads', join(dir, 'leads.csv'), '--db', db])
    const errors = join(dir, 'outcome-errors.csv')
    const run = await runCli(['import', 'outcomes', join(dir, 'outcomes.csv'), '--db', db, '--errors', errors])
    expect(run).toMatchObject({ code: 0, stdout: `imported 1, duplicates 0, rejected 2 (see ${errors})\n` })
    const lines = readFileSync(errors, 'utf8').trim().split('\n')
    expect(lines.map((line) => line.split(',')[0])).toEqual(['line', '3', '4'])
    expect(lines[2]).toContain("converted: expected true/false, 1/0 or yes/no (got 'maybe')")
  })

  it('creates the database directory and reads LEADSCORE_DB', async () => {
    const dir = tempDir({ 'leads.ndjson': '{"id":"x1","email":"x@y.io"}\n' })
    const db = join(dir, 'nested', 'dir', 'store.db')
    const run = await runCli(['import', 'leads', join(dir, 'leads.ndjson')], { LEADSCORE_DB: db })
    expect(run).toMatchObject({ code: 0, stdout: 'imported 1, duplicates 0, rejected 0\n' })
    expect(await runCli(['explain', 'x1', '--db', db, '--json'])).toMatchObject({ code: 0 })
  })

  it('refuses an unsupported file type with a hint and exit code 1', async () => {
    const dir = tempDir({ 'leads.xlsx': 'id\n1\n' })
    const run = await runCli(['import', 'leads', join(dir, 'leads.xlsx'), '--db', join(dir, 'test.db')])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `error: cannot import '${join(dir, 'leads.xlsx')}': unsupported file type '.xlsx'\n` +
        'hint: use a .csv file with a header row, or .ndjson / .jsonl with one JSON object per line\n',
    )
  })
})
