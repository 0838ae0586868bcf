// `leadscore import leads|events|outcomes FILE`: streams a file into the store in batches, with an error report.
import { createReadStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { EpochMs } from '../core/index.js'
import {
  checkImportFile,
  openErrorReport,
  readEventRows,
  readLeadRows,
  readOutcomeRows,
  type RejectedRow,
  type RowResult,
} from '../ingest/index.js'
import { assertDistinctPaths } from './cli-error.js'
import { nowOf, type CliIo } from './context.js'
import { startProgress, type Progress } from './progress.js'
import { openWorkspace, type Workspace } from './workspace.js'

export const IMPORT_KINDS = ['leads', 'events', 'outcomes'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/**
 * Rows per store call, i.e. per transaction. Large, because each call has a fixed cost (a commit, and
 * for leads one rescore of each touched lead); not larger, so one call holds the write lock for seconds, not for longer than the 5 s a server sharing
 * the database file waits for it.
 */
export const DEFAULT_IMPORT_BATCH_SIZE = 50_000
/** Leads per transaction of an import's final rescore: nothing waits between them, so fewer commits win. */
export const IMPORT_RESCORE_CHUNK_SIZE = 5_000

export interface ImportOptions {
  kind: ImportKind
  file: string
  db: string
  /** Rows per store call (one transaction each). Default: DEFAULT_IMPORT_BATCH_SIZE (50,000). */
  batchSize?: number | undefined
  /** Error report path. Default: `<file>.errors.csv`. */
  errors?: string | undefined
}

export interface ImportSummary {
  kind: ImportKind
  file: string
  /** Rows read (good and bad). */
  rows: number
  /** Created, changed or stored. */
  imported: number
  /** Already known: the same event id, an unchanged lead or outcome. */
  duplicates: number
  rejected: number
  /** Where the rejects were written, or null when there were none. */
  errorReport: string | null
}

type Verdict = { kind: 'imported' | 'duplicate' } | { kind: 'rejected'; reason: string }

interface PendingRow<T> {
  line: number
  raw: string
  value: T
}

/**
 * Imports a file. One bad row never stops the file; re-running the same file stores nothing twice.
 * Events are stored without rescoring (the store records their leads as pending), and the scores of
 * the imported leads are updated once, when the import finishes: a lead spread over the file is scored
 * once, not once per batch. An interrupted import leaves its leads pending; the next import of any kind
 * scores them before it starts. The whole import is stored and scored as of the moment it starts, so the fold
 * worker can score a lead ahead, as soon as its events seem over, at the time the final pass will use.
 *
 * @example await importCommand({ kind: 'events', file: 'events.ndjson', db: './data/leadscore.db' }, io)
 */
export async function importCommand(options: ImportOptions, io: CliIo): Promise<ImportSummary> {
  await checkImportFile(options.file)
  const reportPath = options.errors ?? `${options.file}.errors.csv`
  assertDistinctPaths({ FILE: options.file, '--errors': reportPath })
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE
  const now = nowOf(io)
  const workspace = await openWorkspace({
    db: options.db,
    now,
    rescoreChunkSize: IMPORT_RESCORE_CHUNK_SIZE,
    backgroundCheckpoints: true,
    foldWorker: true,
  })
  try {
    await scorePendingLeads(workspace, io, now)
  } catch (error) {
    await workspace.close()
    throw error
  }
  const report = openErrorReport(reportPath)
  await rm(reportPath, { force: true })
  const progress = startProgress(io.stderr, {
    label: `importing ${options.kind}`,
    total: io.stderr.isTTY === true ? await countLines(options.file) : undefined,
    lineEvery: batchSize,
  })
  const summary: ImportSummary = {
    kind: options.kind,
    file: options.file,
    rows: 0,
    imported: 0,
    duplicates: 0,
    rejected: 0,
    errorReport: null,
  }
  /** Reads rows, stores good ones a batch at a time and counts every row's verdict; rejects are reported in line order. */
  const importRows = async <T>(rows: AsyncIterable<RowResult<T>>, store: (values: T[]) => Promise<Verdict[]>) => {
    let batch: PendingRow<T>[] = []
    let rejects: RejectedRow[] = []
    const flush = async () => {
      const verdicts = batch.length === 0 ? [] : await store(batch.map((row) => row.value))
      for (const [index, verdict] of verdicts.entries()) {
        const row = batch[index]!
        if (verdict.kind === 'rejected') rejects.push({ line: row.line, reason: verdict.reason, raw: row.raw })
        else if (verdict.kind === 'duplicate') summary.duplicates++
        else summary.imported++
      }
      rejects.sort((a, b) => a.line - b.line)
      for (const reject of rejects) await report.add(reject)
      summary.rejected += rejects.length
      batch = []
      rejects = []
      progress.update(summary.rows)
    }
    for await (const row of rows) {
      summary.rows++
      if (row.ok) batch.push(row)
      else rejects.push(row)
      if (batch.length + rejects.length >= batchSize) await flush()
    }
    await flush()
  }
  const { store, model } = workspace
  /** Stores the file's rows; events without rescoring their leads, which are scored once at the end. */
  const importKind = async (): Promise<void> => {
    switch (options.kind) {
      case 'leads':
        await importRows(readLeadRows(options.file), async (leads) =>
          (await store.upsertLeads(leads, model, now)).map((result) =>
            result.status === 'rejected' ? rejected(result.reason) : counted(result.status === 'unchanged'),
          ),
        )
        break
      case 'events':
        await importRows(readEventRows(options.file, { eventTypes: model.model.eventTypes }), async (events) =>
          (await store.ingestEvents(events, model, now, { deferScoring: true })).map((result) =>
            result.status === 'rejected' ? rejected(result.reason) : counted(result.status === 'duplicate'),
          ),
        )
        break
      case 'outcomes':
        await importRows(readOutcomeRows(options.file), async (outcomes) =>
          (await store.recordOutcomes(outcomes, now)).map((result) =>
            result.status === 'rejected' ? rejected(result.reason) : counted(result.status === 'unchanged'),
          ),
        )
        break
    }
  }
  try {
    try {
      await importKind()
    } finally {
      progress.stop()
    }
    await scorePendingLeads(workspace, io, now)
  } finally {
    await report.close()
    await workspace.close()
  }
  summary.errorReport = report.count > 0 ? reportPath : null
  return summary
}

/** Scores the leads deferred event imports left pending, with a progress bar once there is something to score. */
async function scorePendingLeads(workspace: Workspace, io: CliIo, now: EpochMs): Promise<void> {
  let progress: Progress | undefined
  try {
    await workspace.store.rescorePending(workspace.model, now, ({ done, total }) => {
      progress ??= startProgress(io.stderr, { label: `scoring ${total} leads`, total, lineEvery: DEFAULT_IMPORT_BATCH_SIZE })
      progress.update(done, total)
    })
  } finally {
    progress?.stop()
  }
}

const rejected = (reason: string): Verdict => ({ kind: 'rejected', reason })
const counted = (isDuplicate: boolean): Verdict => ({ kind: isDuplicate ? 'duplicate' : 'imported' })

/** Lines in the file, for the progress bar's total (approximate for CSV with multi-line fields). */
async function countLines(path: string): Promise<number> {
  let lines = 0
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let index = chunk.indexOf(10); index >= 0; index = chunk.indexOf(10, index + 1)) lines++
  }
  return lines
}

/** `imported 3, duplicates 0, rejected 1 (see leads.csv.errors.csv)` */
export function renderImportSummary(summary: ImportSummary): string {
  const counts = `imported ${summary.imported}, duplicates ${summary.duplicates}, rejected ${summary.rejected}`
  return `${counts}${summary.errorReport === null ? '' : ` (see ${summary.errorReport})`}\n`
}
