// An accepted event survives kill -9: `leadscore serve` runs as its own process, is killed mid-intake, and every
// event it answered 2xx for is in the database afterwards, which is intact and finishes what was left pending.
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort, spawnListening } from '../../bench/processes.js'
import { createApiKey } from '../../src/api/api-keys.js'
import { openWorkspace } from '../../src/cli/workspace.js'
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { tempDir } from './run-cli.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

/** Starts `leadscore serve` from the sources in a separate process; resolves with its URL once it listens. */
async function startServer(db: string): Promise<{ child: ChildProcess; url: string }> {
  const port = String(await freePort())
  const args = ['--import', join(ROOT, 'test/support/register-ts.mjs'), join(ROOT, 'src/cli/bin.ts'), 'serve', '--db', db, '--host', '127.0.0.1', '--port', port]
  const { child, url } = spawnListening(args, { LOG_LEVEL: 'warn', LEADSCORE_RATE_LIMIT_WRITE: '0' })
  children.push(child)
  return { child, url: await url }
}

describe('leadscore serve under kill -9', () => {
  it('keeps every event it answered 2xx for, single or in a batch, and stays consistent', async () => {
    const db = join(tempDir(), 'crash.db')
    const workspace = await openWorkspace({ db })
    const { secret } = await createApiKey(workspace.store, { name: 'crash test', scopes: ['write'] }, Date.now())
    await workspace.close()

    const { child, url } = await startServer(db)
    const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }
    const accepted: string[] = []
    const event = (id: string, lead: number) => ({
      id,
      lead_id: `crash-lead-${lead}`,
      type: 'page_view',
      timestamp: new Date().toISOString(),
      properties: { url: 'https://acme.io/pricing' },
    })
    let sent = 0
    let killed = false
    // Four clients send single events and batches of 50 until the server dies under them.
    const client = async (worker: number): Promise<void> => {
      while (!killed) {
        const n = sent++
        const batch = n % 5 === 0
        const events = batch ? Array.from({ length: 50 }, (_, index) => event(`w${worker}-${n}-${index}`, (n + index) % 40)) : [event(`w${worker}-${n}`, n % 40)]
        try {
          const response = await fetch(`${url}/v1/events`, {
            method: 'POST',
            headers,
            body: JSON.stringify(batch ? { events } : events[0]),
          })
          if (response.status >= 200 && response.status < 300) accepted.push(...events.map((item) => item.id))
        } catch {
          return // the connection died with the server: this request was not acknowledged
        }
      }
    }
    const clients = [0, 1, 2, 3].map((worker) => client(worker))
    while (accepted.length < 1_500) await new Promise((resolve) => setTimeout(resolve, 5))
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    killed = true
    await exited
    await Promise.all(clients)

    const reopened = await openWorkspace({ db })
    try {
      const sqlite = (reopened.store as SqliteStore).database
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      const stored = new Set(sqlite.prepare<[], string>('SELECT id FROM events').pluck().all())
      const lost = accepted.filter((id) => !stored.has(id))
      expect(lost).toEqual([])
      // Batches accepted but not yet scored when the process died are still pending, and a start finishes them.
      await reopened.store.rescorePending(reopened.model, Date.now())
      expect(await reopened.store.countPendingRescores()).toBe(0)
      const unscored = sqlite
        .prepare<[], number>('SELECT count(*) FROM leads l WHERE NOT EXISTS (SELECT 1 FROM scores s WHERE s.lead_id = l.id)')
        .pluck()
        .get()
      expect(unscored).toBe(0)
    } finally {
      await reopened.close()
    }
  })
})
