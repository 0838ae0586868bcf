import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseModel } from '../../src/model/index.js'
import { describe, expect, it } from 'vitest'
import { INVALID_MODEL, LEADS_CSV, runCli, tempDir } from './run-cli.js'


describe('leadscore model', () => {
  it('init prints a template that validates', async () => {
    const run = await runCli(['model', 'init', '--template', 'ecommerce'])
    expect(run.code).toBe(0)
    expect(parseModel(run.stdout)).toMatchObject({ ok: true })
    expect(await runCli(['model', 'init', '--template', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining("no template named 'nope'") as string })
  })

  it('validate says a good model is valid and counts its rules', async () => {
    const dir = tempDir()
    const file = join(dir, 'model.yaml')
    writeFileSync(file, (await runCli(['model', 'init'])).stdout)
    const run = await runCli(['model', 'validate', file])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^model\.yaml is valid \(\d+ rules\)\n$/)
  })

  it('validate lists every error and exits 1', async () => {
    const dir = tempDir({ 'model.yaml': INVALID_MODEL })
    const run = await runCli(['model', 'validate', join(dir, 'model.yaml'), '--json'])
    expect(run.code).toBe(1)
    const result = JSON.parse(run.stdout) as { valid: boolean; errors: string[] }
    expect(result.valid).toBe(false)
    expect(result.errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^model\.yaml:7:\d+ fit\[0\]\.points/), expect.stringMatching(/^model\.yaml:10:\d+ fit\[1\]\.when/)]),
    )
    const text = await runCli(['model', 'validate', join(dir, 'model.yaml')])
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(new RegExp(`model\\.yaml has ${result.errors.length} errors\\n$`))
  })

  it('publish stores a new version, makes it active and rescores the leads; list shows the versions', async () => {
    const dir = tempDir({ 'leads.csv': LEADS_CSV })
    const db = join(dir, 'test.db')
    await runCli(['import', 'leads', join(dir, 'leads.csv'), '--db', db])
    const yaml = (await runCli(['model', 'init'])).stdout.replace('name: b2b-saas', 'name: tuned')
    writeFileSync(join(dir, 'tuned.yaml'), yaml.replace('points: 25', 'points: 40'))

    const publish = await runCli(['model', 'publish', join(dir, 'tuned.yaml'), '--db', db, '--json'])
    expect(publish.code).toBe(0)
    expect(JSON.parse(publish.stdout)).toMatchObject({ version: 2, name: 'tuned', leads: 3 })

    const list = await runCli(['model', 'list', '--db', db, '--json'])
    const versions = JSON.parse(list.stdout) as { version: number; name: string; active: boolean; yaml?: string }[]
    expect(versions.map((version) => [version.version, version.name, version.active]).sort()).toEqual([
      [1, 'b2b-saas', false],
      [2, 'tuned', true],
    ])
    expect(versions[0]).not.toHaveProperty('yaml')
    const table = await runCli(['model', 'list', '--db', db])
    expect(table.stdout.split('\n')[0]).toMatch(/^version\s+name\s+status\s+active\s+created\s+published$/)

    const explain = await runCli(['explain', 'l1', '--db', db, '--json'])
    expect(JSON.parse(explain.stdout)).toMatchObject({ modelVersion: 2 })
  })

  it('publish refuses an invalid model, listing its errors, and stores nothing', async () => {
    const dir = tempDir({ 'model.yaml': INVALID_MODEL })
    const db = join(dir, 'test.db')
    const run = await runCli(['model', 'publish', join(dir, 'model.yaml'), '--db', db])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/model\.yaml:7:\d+ fit\[0\]\.points/)
    expect(run.stderr).toMatch(/model\.yaml:10:\d+ fit\[1\]\.when/)
    expect(JSON.parse((await runCli(['model', 'list', '--db', db, '--json'])).stdout)).toEqual([])
  })
})
