// `leadscore score`: offline batch scoring of lead and event files with a model, no database, streamed output.
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { rm } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import { basename, extname } from 'node:path'
import { scoreLead, type EpochMs, type Lead, type LeadEvent, type ScoreResult, type ScoringModel } from '../core/index.js'
import {
  checkImportFile,
  createCsvFileWriter,
  leadFromInput,
  openErrorReport,
  parseTimestamp,
  readEventRows,
  readLeadRows,
  type ErrorReport,
} from '../ingest/index.js'
import { assertDistinctPaths, CliError } from './cli-error.js'
import { nowOf, type CliIo } from './context.js'
import { loadModel } from './model-source.js'
import { formatReasons } from './output.js'

export interface ScoreOptions {
  /** A model YAML file or a template name (`b2b-saas`). */
  model: string
  leads: string
  events?: string | undefined
  /** ISO-8601 time to score at. Default: now. */
  at?: string | undefined
  /** `.csv`, `.ndjson` or `.jsonl`; NDJSON rows carry every contribution. */
  out: string
  /** Error report path. Default: `<out>.errors.csv`. */
  errors?: string | undefined
}

export interface ScoreSummary {
  out: string
  /** When the leads were scored, ISO-8601. */
  at: string
  scored: number
  events: number
  /** Events whose id was seen before in the file. */
  duplicates: number
  rejected: number
  errorReport: string | null
}

export const SCORE_COLUMNS = [
  'lead_id',
  'score',
  'fit',
  'engagement',
  'grade',
  'level',
  'cell',
  'stage',
  'spam',
  'status',
  'segment',
  'reasons',
] as const

/**
 * Scores every lead of a file at one instant and writes one row per lead, in file order.
 *
 * @example await scoreCommand({ model: 'b2b-saas', leads: 'leads.csv', events: 'events.ndjson', out: 'scores.csv' }, io)
 */
export async function scoreCommand(options: ScoreOptions, io: CliIo): Promise<ScoreSummary> {
  const outFormat = outputFormat(options.out)
  const at = options.at === undefined ? nowOf(io) : parseAt(options.at)
  const loaded = await loadModel(options.model)
  await checkImportFile(options.leads)
  if (options.events !== undefined) await checkImportFile(options.events)
  for (const warning of loaded.warnings) io.stderr.write(`${warning}\n`)
  const reportPath = options.errors ?? `${options.out}.errors.csv`
  assertDistinctPaths({ '--leads': options.leads, '--events': options.events, '--out': options.out, '--errors': reportPath })
  await rm(reportPath, { force: true })
  const report = openErrorReport(reportPath)
  try {
    const leads = await readLeads(options.leads, at, report)
    const summary: ScoreSummary = {
      out: options.out,
      at: new Date(at).toISOString(),
      scored: 0,
      events: 0,
      duplicates: 0,
      rejected: 0,
      errorReport: null,
    }
    const eventsByLead =
      options.events === undefined ? new Map<string, LeadEvent[]>() : await readEvents(options.events, leads, loaded.model, report, summary)
    const write = outFormat === 'csv' ? openCsvOutput(options.out) : openNdjsonOutput(options.out)
    try {
      for (const lead of leads.byId.values()) {
        const events = eventsByLead.get(lead.id) ?? []
        events.sort((a, b) => a.timestamp - b.timestamp)
        await write.row(lead.id, scoreLead(lead, events, loaded.model, at))
        summary.scored++
      }
    } finally {
      await write.close()
    }
    summary.rejected = report.count
    summary.errorReport = report.count > 0 ? reportPath : null
    return summary
  } finally {
    await report.close()
  }
}

function outputFormat(out: string): 'csv' | 'ndjson' {
  const extension = extname(out).toLowerCase()
  if (extension === '.csv') return 'csv'
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson'
  throw new CliError(`cannot write '${out}': unsupported file type '${extension || '(none)'}'`, {
    hint: 'name the output file .csv, or .ndjson for rows with every contribution',
    exitCode: 2,
  })
}

function parseAt(text: string): EpochMs {
  const parsed = parseTimestamp('--at', text)
  if (!parsed.ok) throw new CliError(parsed.reason, { exitCode: 2 })
  return parsed.value
}

interface LeadIndex {
  byId: Map<string, Lead>
  idByEmail: Map<string, string>
}

async function readLeads(path: string, at: EpochMs, report: ErrorReport): Promise<LeadIndex> {
  const file = basename(path)
  const index: LeadIndex = { byId: new Map(), idByEmail: new Map() }
  const firstLine = new Map<string, number>()
  for await (const row of readLeadRows(path)) {
    if (!row.ok) {
      await report.add({ ...row, reason: `${file}: ${row.reason}` })
      continue
    }
    const lead = leadFromInput(row.value, at)
    const earlier = firstLine.get(lead.id)
    if (earlier !== undefined) {
      await report.add({ line: row.line, reason: `${file}: duplicate lead '${lead.id}' (first on line ${earlier})`, raw: row.raw })
      continue
    }
    firstLine.set(lead.id, row.line)
    index.byId.set(lead.id, lead)
    if (lead.email !== undefined && !index.idByEmail.has(lead.email)) index.idByEmail.set(lead.email, lead.id)
  }
  return index
}

async function readEvents(
  path: string,
  leads: LeadIndex,
  model: ScoringModel,
  report: ErrorReport,
  summary: ScoreSummary,
): Promise<Map<string, LeadEvent[]>> {
  const file = basename(path)
  const byLead = new Map<string, LeadEvent[]>()
  const seen = new Set<string>()
  for await (const row of readEventRows(path, { eventTypes: model.eventTypes })) {
    if (!row.ok) {
      await report.add({ ...row, reason: `${file}: ${row.reason}` })
      continue
    }
    const { id, leadId: givenId, email, type, timestamp, properties } = row.value
    const leadId =
      (givenId !== undefined && leads.byId.has(givenId) ? givenId : undefined) ??
      (email === undefined ? undefined : leads.idByEmail.get(email))
    if (leadId === undefined) {
      await report.add({ line: row.line, reason: `${file}: event for unknown lead '${givenId ?? email}'`, raw: row.raw })
      continue
    }
    if (seen.has(id)) {
      summary.duplicates++
      continue
    }
    seen.add(id)
    summary.events++
    const events = byLead.get(leadId)
    const event: LeadEvent = { id, leadId, type, timestamp, properties }
    if (events === undefined) byLead.set(leadId, [event])
    else events.push(event)
  }
  return byLead
}

interface ScoreOutput {
  row(leadId: string, result: ScoreResult): Promise<void>
  close(): Promise<void>
}

function summaryCells(leadId: string, result: ScoreResult) {
  return [
    leadId,
    result.score,
    result.fit,
    result.engagement,
    result.grade,
    result.level,
    result.cell,
    result.stage,
    result.spam,
    result.status,
    result.segment,
    formatReasons(result.contributions),
  ] as const
}

function openCsvOutput(path: string): ScoreOutput {
  const writer = createCsvFileWriter(path, SCORE_COLUMNS)
  return { row: (leadId, result) => writer.write(summaryCells(leadId, result)), close: () => writer.close() }
}

function openNdjsonOutput(path: string): ScoreOutput {
  const file = createWriteStream(path)
  return {
    async row(leadId, result) {
      const cells = summaryCells(leadId, result)
      const record = Object.fromEntries(SCORE_COLUMNS.map((column, index) => [column, cells[index]]))
      if (!file.write(`${JSON.stringify({ ...record, contributions: result.contributions })}\n`)) {
        await once(file, 'drain')
      }
    },
    async close() {
      file.end()
      await finished(file)
    },
  }
}

/** `scored 120 leads (3400 events, 0 duplicates), rejected 2 (see scores.csv.errors.csv) → scores.csv` */
export function renderScoreSummary(summary: ScoreSummary): string {
  const rejected = `rejected ${summary.rejected}${summary.errorReport === null ? '' : ` (see ${summary.errorReport})`}`
  return (
    `scored ${summary.scored} leads at ${summary.at} (${summary.events} events, ${summary.duplicates} duplicates), ` +
    `${rejected} → ${summary.out}\n`
  )
}
