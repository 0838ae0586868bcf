// Background WAL checkpoints: the worker copies the WAL into the file, the writer no longer does, nothing is lost.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { BACKGROUND_CHECKPOINT_BACKSTOP_PAGES } from '../../src/store/sqlite/wal-checkpointer.js'
import { fixtureActiveModel } from './fixture-model.js'
import { NOW, pricingView } from './store-contract.js'

const directory = mkdtempSync(join(tmpdir(), 'leadscore-checkpoints-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the checkpointer')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('SqliteStore with background checkpoints', () => {
  it('checkpoints from the worker, keeps only a backstop on the writer, and loses nothing across close and reopen', async () => {
    const file = join(directory, 'background.db')
    const store = createSqliteStore({ file, backgroundCheckpoints: true })
    const sizeAtStart = statSync(file).size
    expect(store.database.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKGROUND_CHECKPOINT_BACKSTOP_PAGES)
    const dataVersion = store.database.prepare<[], number>('PRAGMA data_version').pluck()
    for (let call = 0; call < 40; call++) {
      const events = Array.from({ length: 25 }, (_, index) => pricingView(`e${call}-${index}`, `lead-${(call * 25 + index) % 300}`, index % 20))
      await store.ingestEvents(events, fixtureActiveModel, NOW)
    }
    const versionAfterWrites = dataVersion.get()
    await until(() => (store.walCheckpoints()?.checkpoints ?? 0) > 0)
    expect(store.walCheckpoints()).toMatchObject({ errors: 0, lastError: null })
    // The pages reach the database file, copied by the other connection (a first checkpoint may have run mid-way)...
    // (1,000 events, 300 leads: about 80 pages more once all of it is copied.)
    await until(() => statSync(file).size > sizeAtStart + 40 * 4096)
    // ...which did not commit anything, so this connection's lead cache stays valid.
    expect(dataVersion.get()).toBe(versionAfterWrites)
    const before = await store.listLeads({ limit: 500 })
    await store.close()
    expect(existsSync(`${file}-wal`)).toBe(false)

    const reopened = createSqliteStore({ file })
    expect(reopened.database.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1_000)
    expect(await reopened.listLeads({ limit: 500 })).toEqual(before)
    await reopened.close()
  })

  it('is off by default and for an in-memory database', async () => {
    const plain = createSqliteStore({ file: join(directory, 'plain.db') })
    expect(plain.walCheckpoints()).toBeNull()
    expect(plain.database.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000)
    await plain.close()
    const memory = createSqliteStore({ file: ':memory:', backgroundCheckpoints: true })
    expect(memory.walCheckpoints()).toBeNull()
    await memory.close()
  })
})
