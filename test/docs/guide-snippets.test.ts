// Keeps the scoring design guide honest: every full model in it loads, every fragment is YAML with real model keys,
// the worked example scores what the guide says, and the English and Spanish guides keep the same structure and
// snippets.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { scoreLead } from '../../src/core/index.js'
import { formatIssue, ModelSchema, parseModel } from '../../src/model/index.js'
import { NOW, WORKED_EXAMPLE_LEADS } from './worked-example-leads.js'

const GUIDES = { en: 'docs/guide.md', es: 'docs/es/guia.md' } as const

/** A ```yaml block of a guide; `line` is the line of its first YAML line (1-based). */
interface Snippet {
  line: number
  text: string
}

function readGuide(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
}

/** Every fenced block whose info string is `yaml`. */
function yamlSnippets(markdown: string): Snippet[] {
  const snippets: Snippet[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!/^```yaml\s*$/.test(lines[i]!)) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++
    snippets.push({ line: start + 1, text: lines.slice(start, end).join('\n') + '\n' })
    i = end
  }
  return snippets
}

/** Level-2 headings outside code blocks. */
function level2Headings(markdown: string): string[] {
  let inCode = false
  const headings: string[] = []
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode
    else if (!inCode && /^## /.test(line)) headings.push(line)
  }
  return headings
}

/** A full model starts with a `# model` comment; anything else is a fragment. */
const isFullModel = (snippet: Snippet) => /^# model\b/.test(snippet.text)

const MODEL_KEYS = new Set(Object.keys(ModelSchema.properties))

/** Keys whose values are prose and may be translated; everything else must match between the guides. */
const PROSE_KEYS = new Set(['label', 'description', 'reason'])

function withoutProse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProse)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, PROSE_KEYS.has(key) ? '(prose)' : withoutProse(inner)]),
  )
}

const guides = Object.entries(GUIDES).map(([language, path]) => {
  const markdown = readGuide(path)
  return { language, path, markdown, snippets: yamlSnippets(markdown) }
})

describe.each(guides)('$path', ({ path, snippets }) => {
  const full = snippets.filter(isFullModel)
  const fragments = snippets.filter((snippet) => !isFullModel(snippet))

  it('has full models and fragments to check', () => {
    expect(full.length).toBeGreaterThanOrEqual(2)
    expect(fragments.length).toBeGreaterThanOrEqual(5)
  })

  it.each(full)(`full model at ${path}:$line loads with parseModel, without errors or warnings`, ({ text, line }) => {
    const result = parseModel(text)
    // Issue lines count from the snippet's first line; report them as lines of the guide.
    const issues = [...(result.ok ? [] : result.errors), ...result.warnings].map((issue) =>
      formatIssue(path, { ...issue, line: line - 1 + issue.line }),
    )
    expect(issues).toEqual([])
    expect(result.ok).toBe(true)
  })

  it.each(fragments)(`fragment at ${path}:$line is YAML with model keys at the top`, ({ text }) => {
    const document = parseDocument(text, { uniqueKeys: true })
    expect(document.errors.map((error) => error.message)).toEqual([])
    const value: unknown = document.toJS()
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const unknown = Object.keys(value).filter((key) => !MODEL_KEYS.has(key))
      expect(unknown).toEqual([])
    }
  })
})

describe('the English and Spanish guides', () => {
  const [en, es] = guides as [(typeof guides)[number], (typeof guides)[number]]

  it('have the same number of level-2 headings', () => {
    expect(level2Headings(es.markdown)).toHaveLength(level2Headings(en.markdown).length)
    expect(level2Headings(en.markdown).length).toBeGreaterThanOrEqual(10)
  })

  it('have the same YAML snippets in the same order (comments and labels may be translated)', () => {
    expect(es.snippets.map(isFullModel)).toEqual(en.snippets.map(isFullModel))
    const data = (snippet: Snippet): unknown => withoutProse(parseDocument(snippet.text).toJS())
    es.snippets.forEach((snippet, index) => {
      const english = en.snippets[index]!
      expect(data(snippet), `${es.path}:${snippet.line} vs ${en.path}:${english.line}`).toEqual(data(english))
    })
  })
})

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .replace(/^#+ /, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-')
}

describe.each(guides)('$path links and worked example', ({ language, path, markdown, snippets }) => {
  it('links only to headings that exist in the guide', () => {
    const anchors = new Set(
      markdown
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map(anchorOf),
    )
    const links = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]!)
    expect(links.length).toBeGreaterThan(5)
    expect(links.filter((link) => !anchors.has(link))).toEqual([])
  })

  it('shows the scores the worked-example model really gives its five leads', () => {
    const worked = snippets.find((snippet) => isFullModel(snippet) && /^name: northwind-metrics$/m.test(snippet.text))
    const parsed = parseModel(worked!.text)
    if (!parsed.ok) throw new Error(`${path}: the worked example does not load`)
    // The Spanish guide writes decimals with a comma.
    const number = (value: number) => (language === 'es' ? String(value).replace('.', ',') : String(value))
    for (const { lead, events } of WORKED_EXAMPLE_LEADS) {
      const s = scoreLead(lead, events, parsed.model, NOW)
      const cells = [number(s.score), number(s.fit), number(s.engagement), s.cell, s.stage, s.status, s.segment]
      expect(markdown, `${path}: row of lead ${lead.id}`).toContain(`| ${cells.join(' | ')} |`)
    }
  })
})
