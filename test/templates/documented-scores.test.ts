// docs/model-format.md's worked examples are what the templates really give.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { scoreLead } from '../../src/core/index.js'
import { parseModel, readTemplate } from '../../src/model/index.js'
import { HAND_MADE_LEADS, NOW } from './hand-made-leads.js'

function row(name: string, template: string): string {
  const parsed = parseModel(readTemplate(template))
  if (!parsed.ok) throw new Error(`${template} does not parse`)
  const entry = HAND_MADE_LEADS.find((candidate) => candidate.name === name)!
  const s = scoreLead(entry.lead, entry.events, parsed.model, NOW)
  return `| ${name} | ${template} | ${s.score} | ${s.fit} | ${s.engagement} | ${s.cell} | ${s.stage} | ${s.status} | ${s.segment ?? '—'} | ${s.spam ? 'yes' : 'no'} |`
}

describe('documented template scores', () => {
  it('match the worked examples in docs/model-format.md', () => {
    const doc = readFileSync('docs/model-format.md', 'utf8')
    const expected = HAND_MADE_LEADS.map((entry) => row(entry.name, entry.template))
    if (process.env.PRINT_DOC_ROWS === '1') console.log(expected.join('\n'))
    for (const line of expected) expect(doc).toContain(line)
  })
})
