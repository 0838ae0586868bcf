// `leadscore serve` wires the operational settings: the body limit, readiness, and metrics with process and queue series.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serveCommand } from '../../src/cli/serve-command.js'
import { openWorkspace } from '../../src/cli/workspace.js'
import { parseModel, readTemplate } from '../../src/model/index.js'
import { tempDir } from './run-cli.js'

describe('leadscore serve operations', () => {
  it('applies the body limit, answers /readyz and serves /metrics to an admin key', async () => {
    const server = await serveCommand({ db: join(tempDir(), 'ops.db'), port: 0, host: '127.0.0.1', bodyLimitBytes: 400 })
    try {
      const admin = { authorization: `Bearer ${server.bootstrapKey}` }
      const post = (properties: object) =>
        fetch(`${server.url}/v1/events`, {
          method: 'POST',
          headers: { ...admin, 'content-type': 'application/json' },
          body: JSON.stringify({ id: `e-${JSON.stringify(properties).length}`, email: 'ops@acme.io', type: 'page_view', timestamp: new Date().toISOString(), properties }),
        })
      const big = await post({ note: 'x'.repeat(500) })
      expect(big.status).toBe(413)
      expect(((await big.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
      expect((await post({ url: 'https://acme.io/pricing' })).status).toBe(201)

      const ready = await fetch(`${server.url}/readyz`)
      expect(ready.status).toBe(200)
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401)
      const metrics = await fetch(`${server.url}/metrics`, { headers: admin })
      expect(metrics.status).toBe(200)
      const text = await metrics.text()
      expect(text).toMatch(/^leadscore_queue_depth\{queue="decay_sweep"\} 0$/m)
      expect(text).toMatch(/^leadscore_events_ingested_total\{status="stored"\} 1$/m)
      expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m)
      // The stored event reaches the database file through the background checkpointer, which /metrics counts.
      let copied = 0
      for (let attempt = 0; attempt < 100 && copied === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        const scrape = await (await fetch(`${server.url}/metrics`, { headers: admin })).text()
        expect(scrape).toMatch(/^leadscore_sqlite_wal_checkpoints_total\{result="failed"\} 0$/m)
        copied = Number(/^leadscore_sqlite_wal_checkpoints_total\{result="copied"\} (\d+)$/m.exec(scrape)?.[1] ?? 0)
      }
      expect(copied).toBeGreaterThan(0)
    } finally {
      await server.close()
    }
  })

  it('finishes at start the rescore of a model change that a stop interrupted', async () => {
    const db = join(tempDir(), 'resume.db')
    // Leads scored with version 1, then version 2 published without the rescore that should follow it.
    const workspace = await openWorkspace({ db })
    const now = Date.now()
    await workspace.store.ingestEvents(
      Array.from({ length: 30 }, (_, index) => ({ id: `r${index}`, leadId: `l${index % 10}`, type: 'page_view', timestamp: now - index * 60_000, properties: { url: 'https://acme.io/pricing' } })),
      workspace.model,
      now,
    )
    const yaml = readTemplate('b2b-saas').replace(/^name: .*$/m, 'name: b2b-saas v2')
    const parsed = parseModel(yaml)
    if (!parsed.ok) throw new Error('the edited template does not parse')
    const draft = await workspace.store.createModelVersion({ name: 'v2', yaml, checksum: parsed.checksum }, now)
    await workspace.store.publishModelVersion(draft.version, now)
    await workspace.close()

    const server = await serveCommand({ db, port: 0, host: '127.0.0.1' })
    try {
      const admin = { authorization: `Bearer ${server.bootstrapKey ?? ''}` }
      type Rescore = { status: string; done: number } | null
      let rescore: Rescore = null
      for (let attempt = 0; attempt < 200 && rescore?.status !== 'done'; attempt++) {
        const version = (await (await fetch(`${server.url}/v1/models/${draft.version}`, { headers: admin })).json()) as { rescore: Rescore }
        rescore = version.rescore
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(rescore).toMatchObject({ status: 'done', done: 10 })
    } finally {
      await server.close()
    }
    const reopened = await openWorkspace({ db })
    const versions = await Promise.all(Array.from({ length: 10 }, async (_, index) => (await reopened.store.getScore(`l${index}`))?.modelVersion))
    await reopened.close()
    expect(new Set(versions)).toEqual(new Set([draft.version]))
  })
})
