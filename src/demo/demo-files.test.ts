import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LEAD_COLUMNS, OUTCOME_COLUMNS, writeDemoFiles } from './demo-files.js'
import { generateDemoData, type DemoData } from './generate-demo-data.js'

const NOW = Date.UTC(2025, 5, 1)
let dir = ''

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-demo-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const readCsv = async (path: string): Promise<string[][]> => parse(await readFile(path, 'utf8'))

describe('writeDemoFiles', () => {
  it('writes every lead, event and outcome so that they read back unchanged', async () => {
    // More events than one write chunk, to cover the chunk boundaries.
    const data = generateDemoData({ seed: 3, leads: 1200, now: NOW, eventsPerLead: 12 })
    const files = await writeDemoFiles(join(dir, 'nested'), data)

    const [leadHeader, ...leadRows] = await readCsv(files.leads)
    expect(leadHeader).toEqual([...LEAD_COLUMNS])
    expect(leadRows).toHaveLength(data.leads.length)
    leadRows.forEach((row, index) => {
      const lead = data.leads[index]!
      const field = (column: (typeof LEAD_COLUMNS)[number]) => row[LEAD_COLUMNS.indexOf(column)]
      expect(field('id')).toBe(lead.id)
      expect(field('email')).toBe(lead.email)
      expect(field('company_size')).toBe(lead.companySize === undefined ? '' : String(lead.companySize))
      expect(Date.parse(field('created_at')!)).toBe(lead.createdAt)
      expect(field('plan_interest')).toBe((lead.attributes?.plan_interest as string | undefined) ?? '')
    })

    const lines = (await readFile(files.events, 'utf8')).split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(data.events.length)
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(events.map((event) => Object.keys(event).join())).toEqual(
      data.events.map(() => 'id,lead_id,type,timestamp,properties'),
    )
    expect(
      events.map((event) => ({
        id: event.id,
        leadId: event.lead_id,
        type: event.type,
        timestamp: Date.parse(event.timestamp as string),
        properties: event.properties,
      })),
    ).toEqual(data.events)

    const [outcomeHeader, ...outcomeRows] = await readCsv(files.outcomes)
    expect(outcomeHeader).toEqual([...OUTCOME_COLUMNS])
    expect(outcomeRows).toEqual(
      data.outcomes.map((outcome) => [outcome.leadId, String(outcome.converted), new Date(outcome.at!).toISOString()]),
    )
  })

  it('quotes commas, quotes and line breaks in CSV values', async () => {
    const data: DemoData = {
      leads: [{ id: 'lead_1', companyName: 'Smith, Jones & "Partners"', jobTitle: 'Head of\nGrowth', attributes: {} }],
      events: [],
      outcomes: [],
    }
    const files = await writeDemoFiles(dir, data)
    const [, row] = await readCsv(files.leads)
    expect(row![LEAD_COLUMNS.indexOf('company')]).toBe('Smith, Jones & "Partners"')
    expect(row![LEAD_COLUMNS.indexOf('job_title')]).toBe('Head of\nGrowth')
    expect(await readFile(files.events, 'utf8')).toBe('')
  })

  it('replaces files left by an earlier run', async () => {
    await writeDemoFiles(dir, generateDemoData({ seed: 1, leads: 50, now: NOW }))
    const files = await writeDemoFiles(dir, generateDemoData({ seed: 1, leads: 5, now: NOW, eventsPerLead: 2 }))
    expect((await readCsv(files.leads)).length).toBe(6)
    expect((await readFile(files.events, 'utf8')).trim().split('\n')).toHaveLength(10)
  })
})
