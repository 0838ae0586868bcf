import { describe, expect, it } from 'vitest'
import { startProgress } from './progress.js'

function sink(isTTY: boolean) {
  const sink = { text: '', isTTY, columns: 80, write: (chunk: string) => ((sink.text += chunk), true) }
  return sink
}

describe('startProgress', () => {
  it('prints a line every so many items when nobody watches', () => {
    const output = sink(false)
    const progress = startProgress(output, { label: 'rescoring leads', lineEvery: 100 })
    for (let done = 10; done <= 350; done += 10) progress.update(done, 350)
    progress.stop()
    expect(output.text).toBe('rescoring leads: 100 of 350\nrescoring leads: 200 of 350\nrescoring leads: 300 of 350\n')
  })

  it('draws a bar on a terminal and grows its total when the file is longer than counted', () => {
    const output = sink(true)
    const progress = startProgress(output, { label: 'importing leads', total: 10 })
    progress.update(5)
    progress.update(20)
    progress.stop()
    expect(output.text).toContain('importing leads [')
    expect(output.text).toContain('100% | 20/20')
  })
})
