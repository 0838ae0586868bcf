import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const DIR = join(import.meta.dirname, '.')

describe('src/demo purity', () => {
  it('keeps the generator free of I/O, the clock and Math.random; only demo-files.ts writes files', async () => {
    const names = (await readdir(DIR)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    expect(names).toContain('index.ts')
    const offenders: string[] = []
    for (const name of names) {
      const source = await readFile(join(DIR, name), 'utf8')
      const allowsIo = name === 'demo-files.ts'
      if (!allowsIo && /from ['"]node:/.test(source)) offenders.push(`${name}: node: import`)
      if (/Date\.now\(|new Date\(\)|Math\.random\(|performance\.now\(/.test(source)) {
        offenders.push(`${name}: clock or Math.random`)
      }
    }
    expect(offenders).toEqual([])
    const index = await readFile(join(DIR, 'index.ts'), 'utf8')
    expect(index.split('\n')[0]).toMatch(/^\/\/ \S/)
    expect(index).not.toMatch(/from '\.\/demo-files/)
  })
})
