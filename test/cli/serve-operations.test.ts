// `leadscore serve` wires the operational settings: the body limit, readiness, and metrics with process and queue series.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serveCommand } from '../../src/cli/serve-command.js'
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
    } finally {
      await server.close()
    }
  })
})
