import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CsvRecordAssembler, parseCsvRecord, type CsvRecord } from './csv-record.js'
import type { TextLine } from './line-reader.js'

/** Feeds numbered lines to an assembler and collects the records it completes, then the one left open. */
function assemble(maxRecordChars: number, ...texts: string[]): CsvRecord[] {
  const assembler = new CsvRecordAssembler(maxRecordChars)
  const lines: TextLine[] = texts.map((text, index) => ({ line: index + 1, text, tooLong: false }))
  return [...lines.map((line) => assembler.push(line)), assembler.end()].filter((record) => record !== null)
}

describe('parseCsvRecord', () => {
  it('splits quoted fields with commas and doubled quotes', () => {
    expect(parseCsvRecord('1,"Smith, Jane","say ""hi""",')).toEqual(['1', 'Smith, Jane', 'say "hi"', ''])
  })

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsvRecord('O"Brien,x')).toEqual(['O"Brien', 'x'])
  })

  it('rejects text after a closing quote', () => {
    expect(parseCsvRecord('2,"bad"quote,x')).toBe('unexpected text after the closing quote of field 2')
  })
})

describe('CsvRecordAssembler', () => {
  it('joins a quoted field across lines and numbers records by their first line', () => {
    const records = assemble(1000, 'a,b', '1,"multi', 'line"', '', '2,x')
    expect(records.map((record) => [record.line, record.ok && record.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'multi\nline']],
      [5, ['2', 'x']],
    ])
  })

  it('rejects a bad record and reads the next one', () => {
    const records = assemble(1000, '1,"bad"x', '2,good')
    expect(records.map((record) => record.ok)).toEqual([false, true])
    expect(records[1]).toMatchObject({ line: 2, fields: ['2', 'good'] })
  })

  it('rejects a quoted field left open at the end of the file', () => {
    const records = assemble(1000, '1,ok', '2,"open', 'more')
    expect(records[1]).toMatchObject({ line: 2, ok: false, reason: 'unterminated quoted field at end of file' })
  })

  it('rejects a record that grows past the limit', () => {
    const records = assemble(40, '1,"' + 'x'.repeat(30), 'y'.repeat(30) + '"', '3,z')
    expect(records.map((record) => record.ok)).toEqual([false, true])
    expect(records[0]).toMatchObject({ line: 1, reason: 'record is longer than the limit' })
  })

  it('reports an over-long physical line inside a record at the first line of the record', () => {
    const assembler = new CsvRecordAssembler(1000)
    expect(assembler.push({ line: 4, text: '1,"open', tooLong: false })).toBeNull()
    expect(assembler.push({ line: 5, tooLong: true, prefix: 'xxx' })).toEqual({
      line: 4,
      ok: false,
      reason: 'line 5 is longer than the limit',
      raw: 'xxx',
    })
    expect(assembler.end()).toBeNull()
  })
})

describe('CSV round trip', () => {
  it('reads back any rows csv-stringify writes, however they are quoted or split across lines', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é', "'") })
    const rows = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 })
    fc.assert(
      fc.property(rows, (written) => {
        const width = written[0]!.length
        const table = written.map((row) => Array.from({ length: width }, (_, index) => row[index] ?? 'x'))
        const texts = stringify(table, { quoted_match: /^$/ }).replace(/\n$/, '').split('\n')
        const records = assemble(1_000_000, ...texts)
        expect(records.map((record) => record.ok && record.fields)).toEqual(table)
      }),
    )
  })
})
