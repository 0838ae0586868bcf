// An accepted event survives kill -9: `leadscore serve` runs as its own process, is killed mid-intake, and every
// event it answered 2xx for is in the database afterwards, which is intact and finishes what was left pending.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/api/api-keys.js'
import { openWorkspace } from '../../src/cli/workspace.js'
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { tempDir } from './run-cli.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** Starts `leadscore serve` from the sources in a separate process; resolves with its URL once it listens. */
async function startServer(db: string): Promise<{ child: ChildProcess; url: string }> {
  const port = String(await freePort())
  const child = spawn(
    process.execPath,
    ['--import', './test/support/register-ts.mjs', 'src/cli/bin.ts', 'serve', '--db', db, '--host', '127.0.0.1', '--port', port],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', LEADSCORE_RATE_LIMIT_WRITE: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  children.push(child)
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match !== null) resolve({ child, url: match[1]! })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('exit', (code) => reject(new Error(`leadscore serve exited with ${code}:\n${output}`)))
  })
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
