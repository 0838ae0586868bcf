// The error report of an import: one CSV row per rejected row or item, with its line, reason and raw text.
import { createCsvFileWriter, type CsvFileWriter } from './csv-writer.js'
import type { RejectedRow } from './row-result.js'

export const ERROR_REPORT_HEADER = ['line', 'reason', 'raw'] as const

/** Collects rejects into a CSV file that is only created when the first reject arrives. */
export interface ErrorReport {
  readonly path: string
  /** Rejects written so far. */
  readonly count: number
  add(reject: RejectedRow): Promise<void>
  /** Closes the file if one was written. */
  close(): Promise<void>
}

/** An error report at `path`, created lazily so a clean import leaves no empty report behind. */
export function openErrorReport(path: string): ErrorReport {
  let writer: CsvFileWriter | null = null
  let count = 0
  return {
    path,
    get count() {
      return count
    },
    async add(reject) {
      writer ??= createCsvFileWriter(path, ERROR_REPORT_HEADER)
      count++
      await writer.write([reject.line, reject.reason, reject.raw])
    },
    async close() {
      await writer?.close()
    },
  }
}

/**
 * Writes all `rejects` to a CSV report (line, reason, raw) and returns how many were written.
 *
 * @example await writeErrorReport('leads.csv.errors.csv', [{ line: 3, reason: 'empty row', raw: ',,' }])
 */
export async function writeErrorReport(path: string, rejects: Iterable<RejectedRow>): Promise<number> {
  const writer = createCsvFileWriter(path, ERROR_REPORT_HEADER)
  let count = 0
  for (const reject of rejects) {
    await writer.write([reject.line, reject.reason, reject.raw])
    count++
  }
  await writer.close()
  return count
}
