// Test helper: runs the real CLI in-process on argv with captured stdout and stderr and a fixed clock.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'

/** 2024-06-01T12:00:00Z: every CLI test scores at this instant. */
export const TEST_NOW = Date.UTC(2024, 5, 1, 12)

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs `leadscore ...argv` and collects what it printed. */
export async function runCli(argv: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    now: () => TEST_NOW,
  })
  return { code, stdout, stderr }
}

/** A fresh temp directory with the given files written into it; returns the directory. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-cli-'))
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

export const LEADS_CSV = [
  'id,email,first_name,last_name,job_title,company,company_size,industry,country,phone,plan',
  'l1,ana@acme.io,Ana,Pérez,VP of Sales,Acme,250,Software,US,+1 555 0100,pro',
  'l2,bo@gmail.com,Bo,Li,Student,,,,,,free',
  'l3,cy@globex.com,Cy,Ng,Head of Marketing,Globex,5000,Financial Services,DE,,',
].join('\n')

export const EVENTS_NDJSON = [
  { id: 'e1', lead_id: 'l1', type: 'page_view', timestamp: '2024-05-28T10:00:00Z', properties: { url: 'https://acme.io/pricing' } },
  { id: 'e2', lead_id: 'l1', type: 'page_view', timestamp: '2024-05-29T10:00:00Z', properties: { url: 'https://acme.io/pricing' } },
  { id: 'e3', lead_id: 'l1', type: 'page_view', timestamp: '2024-05-30T10:00:00Z', properties: { url: 'https://acme.io/pricing' } },
  { id: 'e4', lead_id: 'l1', type: 'demo_request', timestamp: '2024-05-31T10:00:00Z', properties: {} },
  { id: 'e5', email: 'cy@globex.com', type: 'webinar', timestamp: '2024-04-01T10:00:00Z', properties: {} },
  { id: 'e6', lead_id: 'l2', type: 'form_submit', timestamp: '2024-05-01T10:00:00Z', properties: { form: 'newsletter' } },
]
  .map((event) => JSON.stringify(event))
  .join('\n')

/** A model with two errors (points that are not numbers, a text bound on a number). */
export const INVALID_MODEL = [
  'format: 1',
  'name: broken',
  'fit:',
  '  - id: a',
  '    label: A',
  '    when: { field: job_title, equals: ceo }',
  '    points: lots',
  '  - id: b',
  '    label: B',
  '    when: { field: company_size, gt: many }',
  '    points: 5',
].join('\n')
