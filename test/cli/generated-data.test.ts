// The CLI on generated demo data: offline scoring of a larger file pair, the demo command and a real server.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serveCommand } from '../../src/cli/serve-command.js'
import { openWorkspace } from '../../src/cli/workspace.js'
import { generateDemoData } from '../../src/demo/index.js'
import { writeDemoFiles } from '../../src/demo/demo-files.js'
import { runCli, tempDir, TEST_NOW } from './run-cli.js'

describe('the CLI on generated data', () => {
  it('scores 2,000 generated leads offline, every breakdown adding up to its score', async () => {
    const dir = tempDir()
    const files = await writeDemoFiles(dir, generateDemoData({ seed: 11, leads: 2000, now: TEST_NOW, eventsPerLead: 18 }))
    const out = join(dir, 'scores.ndjson')
    const run = await runCli(['score', '--model', 'b2b-saas', '--leads', files.leads, '--events', files.events, '--at', new Date(TEST_NOW).toISOString(), '--out', out, '--json'])
    expect(run.code, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout) as { scored: number; events: number; rejected: number }
    expect(summary).toMatchObject({ scored: 2000, events: 36_000, rejected: 0 })
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { score: number; status: string; spam: boolean; contributions: { points: number }[] })
    expect(rows).toHaveLength(2000)
    for (const row of rows) {
      const hundredths = row.contributions.reduce((sum, contribution) => sum + Math.round(contribution.points * 100), 0)
      expect(hundredths).toBe(Math.round(row.score * 100))
    }
    expect(rows.some((row) => row.status === 'sql')).toBe(true)
    expect(rows.some((row) => row.spam)).toBe(true)
  })

  it('fills a database with the demo, then serves its leads over a real socket', async () => {
    const db = join(tempDir(), 'demo.db')
    const demo = await runCli(['demo', '--db', db, '--leads', '150', '--json'])
    expect(demo.code, demo.stderr).toBe(0)
    expect(JSON.parse(demo.stdout)).toMatchObject({ leads: 150, rejected: 0 })

    // An import interrupted after storing events but before rescoring leaves its leads pending.
    const workspace = await openWorkspace({ db, env: {} })
    await workspace.store.ingestEvents([{ id: 'pending-1', email: 'pending@prospect.io', type: 'demo_request', timestamp: Date.now(), properties: {} }], workspace.model, Date.now(), { deferScoring: true })
    expect(await workspace.store.getScore((await workspace.store.getLead('pending@prospect.io'))!.id)).toBeNull()
    await workspace.close()

    const server = await serveCommand({ db, port: 0, host: '127.0.0.1', demoIfEmpty: true })
    try {
      expect(server.seeded).toBe(false)
      // A database without an admin key gets one at the first start, printed once.
      expect(server.bootstrapKey).toMatch(/^ls_admin_/)
      const auth = { authorization: `Bearer ${server.bootstrapKey}` }
      expect((await fetch(`${server.url}/v1/leads`)).status).toBe(401)
      const list = (await (await fetch(`${server.url}/v1/leads?sort=-score&limit=5`, { headers: auth })).json()) as { total: number; items: { id: string; score: { score: number } }[] }
      expect(list.total).toBe(151)
      const all = (await (await fetch(`${server.url}/v1/leads?limit=500`, { headers: auth })).json()) as { items: { email: string; score: { score: number } | null }[] }
      const completed = all.items.find((item) => item.email === 'pending@prospect.io')
      expect(completed).toBeDefined()
      expect(completed!.score?.score).toBeGreaterThan(0)
      const scores = list.items.map((item) => item.score.score)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
      const top = (await (await fetch(`${server.url}/v1/leads/${list.items[0]!.id}`, { headers: auth })).json()) as { score: { score: number; contributions: unknown[] } }
      expect(top.score.contributions.length).toBeGreaterThan(0)
      const posted = await fetch(`${server.url}/v1/events`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'socket-1', email: 'new@prospect.io', type: 'demo_request', timestamp: new Date().toISOString() }),
      })
      expect(posted.status).toBe(201)
    } finally {
      await server.close()
    }
  })
})
