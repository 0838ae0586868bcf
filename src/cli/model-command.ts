// `leadscore model validate|init|publish|list`: check a model file, start from a template, version and publish.
import { formatIssue, listTemplates, parseModel, readTemplate } from '../model/index.js'
import type { ModelVersion } from '../store/index.js'
import { CliError } from './cli-error.js'
import { nowOf, type CliIo } from './context.js'
import { loadModel, readModelText } from './model-source.js'
import { formatTime, renderTable } from './output.js'
import { startProgress } from './progress.js'
import { openDatabase } from './workspace.js'

export interface ModelValidation {
  file: string
  valid: boolean
  /** Fit and engagement rules, when valid. */
  rules: number | null
  /** Formatted `file:line:col path: message`. */
  errors: string[]
  warnings: string[]
}

/** Validates a model file (or template) and reports every error and warning; never throws for a bad model. */
export async function validateModelCommand(file: string): Promise<ModelValidation> {
  const { source, yaml } = await readModelText(file)
  const parsed = parseModel(yaml)
  const warnings = parsed.warnings.map((issue) => formatIssue(source, issue))
  if (!parsed.ok) {
    return { file: source, valid: false, rules: null, errors: parsed.errors.map((issue) => formatIssue(source, issue)), warnings }
  }
  return { file: source, valid: true, rules: parsed.model.fit.length + parsed.model.engagement.length, errors: [], warnings }
}

export function renderValidation(result: ModelValidation): string {
  const lines = [...result.errors, ...result.warnings]
  if (result.valid) lines.push(`${result.file} is valid (${result.rules} rules)`)
  else lines.push(`${result.file} has ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`)
  return `${lines.join('\n')}\n`
}

/** The YAML of a shipped template, to start a model from. Default: b2b-saas. */
export function initModelCommand(template = 'b2b-saas'): { template: string; yaml: string } {
  if (!listTemplates().includes(template)) {
    throw new CliError(`no template named '${template}'`, { hint: `templates: ${listTemplates().join(', ')}`, exitCode: 2 })
  }
  return { template, yaml: readTemplate(template) }
}

export interface PublishSummary {
  version: number
  name: string
  checksum: string
  /** Leads rescored with the new model. */
  leads: number
  /** Leads whose score changed. */
  changed: number
}

/** Validates, stores as a new version, publishes it and rescores every lead, showing progress on stderr. */
export async function publishModelCommand(options: { file: string; db: string }, io: CliIo): Promise<PublishSummary> {
  const loaded = await loadModel(options.file)
  for (const warning of loaded.warnings) io.stderr.write(`${warning}\n`)
  const store = await openDatabase(options.db)
  try {
    const now = nowOf(io)
    const draft = await store.createModelVersion({ name: loaded.model.name, yaml: loaded.yaml, checksum: loaded.checksum }, now)
    const published = await store.publishModelVersion(draft.version, now)
    const progress = startProgress(io.stderr, { label: 'rescoring leads', lineEvery: 10_000 })
    const active = { version: published.version, checksum: published.checksum, model: loaded.model }
    const rescored = await store
      .rescoreAll(active, now, 'model', ({ done, total }) => progress.update(done, total))
      .finally(() => progress.stop())
    return { version: published.version, name: published.name, checksum: published.checksum, ...rescored }
  } finally {
    await store.close()
  }
}

export function renderPublish(summary: PublishSummary): string {
  return `published ${summary.name} as version ${summary.version}; rescored ${summary.leads} leads (${summary.changed} changed)\n`
}

/** Every stored model version, newest first as the store lists them; the YAML is left out. */
export async function listModelsCommand(options: { db: string }): Promise<Omit<ModelVersion, 'yaml'>[]> {
  const store = await openDatabase(options.db)
  try {
    return (await store.listModelVersions()).map(({ yaml: _yaml, ...version }) => version)
  } finally {
    await store.close()
  }
}

export function renderModelList(versions: readonly Omit<ModelVersion, 'yaml'>[]): string {
  if (versions.length === 0) return 'no model versions yet; publish one with `leadscore model publish model.yaml`\n'
  return renderTable(
    ['version', 'name', 'status', 'active', 'created', 'published'],
    versions.map((version) => [
      version.version,
      version.name,
      version.status,
      version.active ? 'yes' : '',
      formatTime(version.createdAt),
      formatTime(version.publishedAt),
    ]),
  )
}
