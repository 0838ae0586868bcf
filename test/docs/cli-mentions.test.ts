// Every `leadscore ...` command the docs show exists, with its subcommand or report, so the docs cannot drift from the CLI.
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { buildProgram } from '../../src/cli/main.js'

const DOCS = ['README.md', 'docs/guide.md', 'docs/es/guia.md', 'docs/analytics.md', 'docs/predictive.md', 'docs/api.md', 'docs/model-format.md', 'docs/architecture.md']

const program = buildProgram(
  { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, stdin: process.stdin, isTty: false } as never,
  () => Promise.resolve(),
)

/** `leadscore <command> [<word>]` as written in a doc's code (fenced blocks and inline code), with where. */
function mentions(file: string): { where: string; words: string[] }[] {
  const found: { where: string; words: string[] }[] = []
  let fenced = false
  for (const [index, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (line.trimStart().startsWith('```')) {
      fenced = !fenced
      continue
    }
    const code = fenced ? [line] : [...line.matchAll(/`([^`]+)`/g)].map((span) => span[1]!)
    for (const text of code) {
      for (const match of text.matchAll(/(?:^|[\s(|&;$])(?:npx )?leadscore ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)) {
        found.push({ where: `${file}:${index + 1}`, words: [match[1]!, ...(match[2] === undefined ? [] : [match[2]])] })
      }
    }
  }
  return found
}

/** The words that may follow a command: its subcommands, or the choices of its first argument. */
function followers(command: Command): string[] | null {
  if (command.commands.length > 0) return command.commands.map((sub) => sub.name())
  const choices = (command.registeredArguments[0] as { argChoices?: string[] } | undefined)?.argChoices
  return choices ?? null
}

describe('the docs name real CLI commands', () => {
  it('finds the command lines the README shows', () => {
    const words = mentions('README.md').map((mention) => mention.words.join(' '))
    expect(words).toEqual(expect.arrayContaining(['model backtest', 'keys create', 'import leads', 'analytics rule-lift']))
  })

  const commands = new Map(program.commands.map((command) => [command.name(), command]))
  for (const file of DOCS) {
    it(file, () => {
      const wrong: string[] = []
      for (const { where, words } of mentions(file)) {
        const [name, next] = words
        const command = commands.get(name!)
        if (command === undefined) {
          wrong.push(`${where}: no command '${name}'`)
          continue
        }
        const allowed = followers(command)
        if (next !== undefined && allowed !== null && !allowed.includes(next) && command.commands.length > 0) {
          wrong.push(`${where}: '${name}' has no subcommand '${next}' (has ${allowed.join(', ')})`)
        }
        if (next !== undefined && allowed !== null && command.commands.length === 0 && !allowed.includes(next)) {
          wrong.push(`${where}: '${name}' takes one of ${allowed.join(', ')}, not '${next}'`)
        }
      }
      expect(wrong).toEqual([])
    })
  }
})
