// Loads a model for a command: from a YAML file, or a shipped template by name; errors listed with positions.
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ScoringModel } from '../core/index.js'
import { formatIssue, listTemplates, parseModel, readTemplate } from '../model/index.js'
import { CliError } from './cli-error.js'

export interface LoadedModel {
  /** The name shown in messages: the file's base name or `template:<name>`. */
  source: string
  yaml: string
  model: ScoringModel
  checksum: string
  /** Warnings, formatted as `file:line:col path: warning: message`. */
  warnings: string[]
}

/** The YAML text of `fileOrTemplate`: an existing file, else a template name. */
export async function readModelText(fileOrTemplate: string): Promise<{ source: string; yaml: string }> {
  const info = await stat(fileOrTemplate).catch(() => null)
  if (info?.isFile() === true) return { source: basename(fileOrTemplate), yaml: await readFile(fileOrTemplate, 'utf8') }
  if (listTemplates().includes(fileOrTemplate)) {
    return { source: `template:${fileOrTemplate}`, yaml: readTemplate(fileOrTemplate) }
  }
  throw new CliError(`no model file or template named '${fileOrTemplate}'`, {
    hint: `pass the path of a model YAML file, or a template: ${listTemplates().join(', ')}`,
  })
}

/** Reads and validates a model; any error throws a CliError listing every error and warning. */
export async function loadModel(fileOrTemplate: string): Promise<LoadedModel> {
  const { source, yaml } = await readModelText(fileOrTemplate)
  const parsed = parseModel(yaml)
  const warnings = parsed.warnings.map((issue) => formatIssue(source, issue))
  if (!parsed.ok) {
    const lines = [...parsed.errors.map((issue) => formatIssue(source, issue)), ...warnings]
    const count = parsed.errors.length
    throw new CliError(`${source} has ${count} error${count === 1 ? '' : 's'}:\n${lines.join('\n')}`, {
      hint: 'fix the errors listed above; `leadscore model validate FILE` checks a model without using it',
    })
  }
  return { source, yaml, model: parsed.model, checksum: parsed.checksum, warnings }
}
