import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { neutraliseFormula } from './csv-writer.js'
import { openErrorReport, writeErrorReport } from './error-report.js'
import { writeTempFile } from './test-files.js'

describe('writeErrorReport', () => {
  it('writes line, reason and raw, quoting commas and neutralising formulas', async () => {
    const path = join(dirname(writeTempFile('x', '')), 'errors.csv')
    const count = await writeErrorReport(path, [
      { line: 3, reason: 'empty row', raw: ',,' },
      { line: 7, reason: "company_size: not a number (got 'abc')", raw: '=cmd|calc,abc' },
    ])
    expect(count).toBe(2)
    expect(readFileSync(path, 'utf8')).toBe(
      "line,reason,raw\n3,empty row,\",,\"\n7,company_size: not a number (got 'abc'),\"'=cmd|calc,abc\"\n",
    )
  })
})

describe('openErrorReport', () => {
  it('creates no file when nothing was rejected', async () => {
    const path = join(dirname(writeTempFile('x', '')), 'errors.csv')
    const report = openErrorReport(path)
    await report.close()
    expect(existsSync(path)).toBe(false)
  })

  it('counts the rejects it writes', async () => {
    const path = join(dirname(writeTempFile('x', '')), 'errors.csv')
    const report = openErrorReport(path)
    await report.add({ line: 2, reason: 'r', raw: 'a' })
    await report.add({ line: 4, reason: 's', raw: 'b' })
    await report.close()
    expect(report.count).toBe(2)
    expect(readFileSync(path, 'utf8')).toBe('line,reason,raw\n2,r,a\n4,s,b\n')
  })
})

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('prefixes %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`)
  })

  it('leaves ordinary text alone', () => {
    expect(neutraliseFormula('Acme = best')).toBe('Acme = best')
  })
})

describe('writeErrorReport failures', () => {
  it('rejects when the report cannot be written', async () => {
    await expect(writeErrorReport('/nonexistent-dir/errors.csv', [{ line: 1, reason: 'r', raw: 'x' }])).rejects.toThrow(
      /ENOENT/,
    )
  })
})
