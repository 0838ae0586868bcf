import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from './run-cli.js'

describe('leadscore usage errors', () => {
  it('exits 2 on an unknown command', async () => {
    const run = await runCli(['frobnicate'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("error: unknown command 'frobnicate'")
  })

  it('exits 2 on missing arguments and options', async () => {
    expect(await runCli(['import', 'leads'])).toMatchObject({ code: 2, stderr: expect.stringContaining("missing required argument 'file'") as string })
    expect(await runCli(['score', '--leads', 'x.csv', '--out', 'y.csv'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("required option '--model <file>' not specified") as string,
    })
    expect(await runCli(['model'])).toMatchObject({ code: 2 })
    expect(await runCli([])).toMatchObject({ code: 2 })
  })

  it('exits 2 on invalid argument values', async () => {
    expect(await runCli(['import', 'people', 'x.csv'])).toMatchObject({ code: 2, stderr: expect.stringContaining("'people' is invalid") as string })
    expect(await runCli(['import', 'leads', 'x.csv', '--batch-size', 'lots'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('expected a positive whole number') as string,
    })
  })

  it('prints help with exit 0', async () => {
    const run = await runCli(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage: leadscore')
    expect(run.stdout).toMatch(/import \[options\] <kind> <file>/)
  })

  it('shows the stack trace only with --verbose', async () => {
    const quiet = await runCli(['import', 'leads', '/nonexistent/leads.csv', '--db', join(tempDir(), 'x.db')])
    expect(quiet).toMatchObject({ code: 1, stderr: "error: cannot import '/nonexistent/leads.csv': no such file\nhint: check the path\n" })
    const verbose = await runCli(['--verbose', 'import', 'leads', '/nonexistent/leads.csv', '--db', join(tempDir(), 'x.db')])
    expect(verbose.code).toBe(1)
    expect(verbose.stderr).toMatch(/^error: cannot import[^\n]*\nhint: check the path\nIngestError: [^\n]*\n\s+at /)
  })

  it('checks the input file before creating a database', async () => {
    const dir = tempDir()
    const run = await runCli(['import', 'leads', join(dir, 'missing.csv'), '--db', join(dir, 'sub', 'x.db')])
    expect(run.code).toBe(1)
    expect(existsSync(join(dir, 'sub'))).toBe(false)
  })
})
