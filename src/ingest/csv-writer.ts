// Streams rows to a CSV file with spreadsheet formula injection neutralised, honouring back-pressure.
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'

/** A cell value as written: text, numbers and booleans (`true` / `false`) as is, null and undefined as an empty cell. */
export type CsvCell = string | number | boolean | null | undefined

/**
 * Prefixes `'` to text a spreadsheet would run as a formula (starting with = + - @, tab or carriage return).
 *
 * @example neutraliseFormula('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

export interface CsvFileWriter {
  /** Writes one row, waiting when the file cannot keep up. */
  write(cells: readonly CsvCell[]): Promise<void>
  /** Flushes and closes the file. */
  close(): Promise<void>
}

/** Creates (or replaces) `path` and writes the header row. Text cells are neutralised; numbers are not. */
export function createCsvFileWriter(path: string, header: readonly string[]): CsvFileWriter {
  const stringifier = stringify()
  // A file error destroys the stringifier too, so a pending drain wait rejects; close() reports it as well.
  const written = pipeline(stringifier, createWriteStream(path))
  written.catch(() => undefined)
  stringifier.write(header.map(neutraliseFormula))
  return {
    async write(cells) {
      const row = cells.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : String(cell ?? '')))
      if (!stringifier.write(row)) await once(stringifier, 'drain')
    },
    async close() {
      stringifier.end()
      await written
    },
  }
}
