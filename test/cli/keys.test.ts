// leadscore keys create|list|revoke on a database file, and the keys working against the API on the same file.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/api/index.js'
import { openWorkspace } from '../../src/cli/workspace.js'
import { runCli, tempDir, TEST_NOW } from './run-cli.js'

describe('leadscore keys', () => {
  it('creates a key (secret printed once), lists it without the secret, and revokes it', async () => {
    const db = join(tempDir(), 'keys.db')
    const created = await runCli(['keys', 'create', '--scope', 'write', '--name', 'website', '--db', db, '--json'])
    expect(created.code, created.stderr).toBe(0)
    const { key, secret } = JSON.parse(created.stdout) as { key: { id: string; prefix: string }; secret: string }
    expect(secret).toMatch(/^ls_write_[0-9A-Za-z]{32}$/)
    expect(key).toMatchObject({ name: 'website', scopes: ['write'], active: true, created_at: new Date(TEST_NOW).toISOString() })

    const text = await runCli(['keys', 'create', '--scope', 'read,admin', '--db', db])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/created key_\w+ \(read\+admin key; scopes: read, admin\)\n\n {2}ls_read-admin_\w{32}\n/)
    expect(text.stdout).toMatch(/only time the key is shown/)

    const list = await runCli(['keys', 'list', '--db', db])
    expect(list.code).toBe(0)
    expect(list.stdout).toContain(key.id)
    expect(list.stdout).toContain(`${key.prefix}…`)
    expect(list.stdout).not.toContain(secret)

    const revoked = await runCli(['keys', 'revoke', key.id, '--db', db, '--json'])
    expect(revoked.code).toBe(0)
    expect(JSON.parse(revoked.stdout)).toMatchObject({ id: key.id, active: false })
    const listed = JSON.parse((await runCli(['keys', 'list', '--db', db, '--json'])).stdout) as { items: { id: string; active: boolean }[] }
    // Both keys were created at the same instant, so their order is by id; compare as a set.
    expect(listed.items.map((item) => [item.id, item.active])).toHaveLength(2)
    expect(listed.items.map((item) => [item.id, item.active])).toEqual(
      expect.arrayContaining([
        [key.id, false],
        [expect.stringMatching(/^key_/), true],
      ]),
    )
  })

  it('makes keys the API on the same database accepts, by scope', async () => {
    const db = join(tempDir(), 'api.db')
    const { secret } = JSON.parse((await runCli(['keys', 'create', '--scope', 'read', '--db', db, '--json'])).stdout) as { secret: string }
    const workspace = await openWorkspace({ db, env: {} })
    const app = await createApp({ store: workspace.store, model: () => workspace.model })
    try {
      const headers = { authorization: `Bearer ${secret}` }
      expect((await app.inject({ method: 'GET', url: '/v1/leads', headers })).statusCode).toBe(200)
      expect((await app.inject({ method: 'GET', url: '/v1/keys', headers })).statusCode).toBe(403)
    } finally {
      await app.close()
      await workspace.close()
    }
  })

  it('refuses unknown scopes and unknown key ids with a clear message', async () => {
    const db = join(tempDir(), 'bad.db')
    const scope = await runCli(['keys', 'create', '--scope', 'superuser', '--db', db])
    expect(scope.code).toBe(2)
    expect(scope.stderr).toMatch(/error: unknown scope 'superuser'/)
    const missing = await runCli(['keys', 'create', '--db', db])
    expect(missing.code).toBe(2)
    const revoke = await runCli(['keys', 'revoke', 'key_nope', '--db', db])
    expect(revoke.code).toBe(1)
    expect(revoke.stderr).toMatch(/There is no API key 'key_nope'/)
  })
})

describe('leadscore serve --cors-origins', () => {
  it('refuses a malformed origin before opening anything', async () => {
    const db = join(tempDir(), 'cors.db')
    const run = await runCli(['serve', '--cors-origins', 'www.acme.io', '--db', db, '--port', '1'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/error: CORS origin 'www.acme.io' is not an origin/)
  })
})
