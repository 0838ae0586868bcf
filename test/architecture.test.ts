// Keeps the pure core pure: src/core, src/predict and src/analytics may not reach I/O or the outer layers.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : []
  })
}

const FORBIDDEN = /from\s+['"](node:[^'"]+|[^'"]*\/(store|api|cli|automation|ingest)(\/[^'"]*)?)['"]/g

describe('layering', () => {
  for (const folder of ['src/core', 'src/predict', 'src/analytics']) {
    it(`keeps ${folder} free of node: imports and outer layers`, () => {
      const offenders = sourceFiles(folder).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(FORBIDDEN)].map((match) => `${file}: ${match[1]}`),
      )
      expect(offenders).toEqual([])
    })
  }

  it('keeps src/core free of the clock and randomness', () => {
    const offenders = sourceFiles('src/core').filter((file) => /Date\.now\(|new Date\(\)|Math\.random\(/.test(readFileSync(file, 'utf8')))
    expect(offenders).toEqual([])
  })
})
