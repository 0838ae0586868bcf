import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openWorkspace } from '../../src/cli/workspace.js'
import { readTemplate } from '../../src/model/index.js'
import { runCli, tempDir } from './run-cli.js'

describe('workspace', () => {
  it('bootstraps the b2b-saas model and picks up a version another process publishes', async () => {
    const dir = tempDir()
    const db = join(dir, 'ls.db')
    const workspace = await openWorkspace({ db, env: {} })
    try {
      expect(workspace.model).toMatchObject({ version: 1, model: { name: 'b2b-saas' } })
      expect(await workspace.refreshModel()).toBe(false)
      const file = join(dir, 'model.yaml')
      writeFileSync(file, readTemplate('ecommerce'))
      const publish = await runCli(['model', 'publish', file, '--db', db])
      expect(publish.code, publish.stderr).toBe(0)
      expect(await workspace.refreshModel()).toBe(true)
      expect(workspace.model).toMatchObject({ version: 2, model: { name: 'ecommerce' } })
    } finally {
      await workspace.close()
    }
  })
})
