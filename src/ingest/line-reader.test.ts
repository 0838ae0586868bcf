import { describe, expect, it } from 'vitest'
import { readLines, type TextLine } from './line-reader.js'
import { collect } from './test-files.js'

const chunks = (...parts: string[]): Buffer[] => parts.map((part) => Buffer.from(part, 'utf8'))

const texts = (batches: TextLine[][]) => batches.flat().map((line) => (line.tooLong ? `<too long ${line.line}>` : line.text))

describe('readLines', () => {
  it('joins lines split across chunks and strips CR and the BOM', async () => {
    const lines = await collect(readLines(chunks('\uFEFFa,b\r', '\nc,', 'd\r\ne', 'é\n')))
    expect(texts(lines)).toEqual(['a,b', 'c,d', 'eé'])
    expect(lines.flat().map((line) => line.line)).toEqual([1, 2, 3])
  })

  it('yields a last line that has no newline', async () => {
    expect(texts(await collect(readLines(chunks('x\ny'))))).toEqual(['x', 'y'])
  })

  it('reports an over-long line and carries on with the next one', async () => {
    const long = 'z'.repeat(50)
    const lines = await collect(readLines(chunks('ok\n', long.slice(0, 30), long.slice(30) + '\nafter\n'), 20))
    expect(texts(lines)).toEqual(['ok', '<too long 2>', 'after'])
    const tooLong = lines.flat()[1]!
    expect(tooLong.tooLong && tooLong.prefix.startsWith('zzz')).toBe(true)
  })

  it('keeps a multi-byte character that straddles two chunks', async () => {
    const bytes = Buffer.from('ñ\n', 'utf8')
    expect(texts(await collect(readLines([bytes.subarray(0, 1), bytes.subarray(1)])))).toEqual(['ñ'])
  })
})
