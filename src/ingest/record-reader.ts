// Opens a CSV or NDJSON file and yields its rows, each converted by the caller's validator, one result per row.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { CsvRecordAssembler, type CsvRecord } from './csv-record.js'
import type { Converted } from './field-values.js'
import { IngestError } from './ingest-error.js'
import { DEFAULT_MAX_LINE_BYTES, readLines, type TextLine } from './line-reader.js'
import type { RowResult } from './row-result.js'

/** The file formats an import accepts, chosen by extension. */
export type FileFormat = 'csv' | 'ndjson'

/** One row as read, before it is validated. CSV values are strings (empty cells are left out). */
export type RawRecord =
  | { line: number; ok: true; format: FileFormat; fields: Record<string, unknown>; raw: string }
  | { line: number; ok: false; reason: string; raw: string }

/** Options shared by every reader. */
export interface ReadOptions {
  /** Longest accepted line (NDJSON) or record (CSV), in bytes. Default: 1 MiB. */
  maxLineBytes?: number | undefined
}

const FORMATS: Record<string, FileFormat> = { '.csv': 'csv', '.ndjson': 'ndjson', '.jsonl': 'ndjson' }

/** The format of `path` by its extension; throws IngestError for any other extension. */
export function detectFormat(path: string): FileFormat {
  const extension = extname(path).toLowerCase()
  const format = FORMATS[extension]
  if (format === undefined) {
    throw new IngestError(
      `cannot import '${path}': unsupported file type '${extension || '(none)'}'`,
      'use a .csv file with a header row, or .ndjson / .jsonl with one JSON object per line',
    )
  }
  return format
}

/**
 * Yields the rows of a CSV (header row, BOM tolerated) or NDJSON file, each converted by `convert`. A malformed
 * row is yielded as rejected and reading goes on; only file-level problems (type, missing file, header) throw.
 */
export async function* readRows<T>(
  path: string,
  options: ReadOptions,
  convert: (fields: Record<string, unknown>, format: FileFormat) => Converted<T>,
): AsyncGenerator<RowResult<T>> {
  for await (const batch of readRecordBatches(path, options)) {
    for (const record of batch) {
      if (!record.ok) {
        yield record
        continue
      }
      const converted = convert(record.fields, record.format)
      yield converted.ok
        ? { line: record.line, ok: true, value: converted.value, raw: record.raw }
        : { line: record.line, ok: false, reason: converted.reason, raw: record.raw }
    }
  }
}

/** The file's rows before validation, a chunk at a time. */
async function* readRecordBatches(path: string, options: ReadOptions): AsyncGenerator<RawRecord[]> {
  const format = detectFormat(path)
  await assertReadableFile(path)
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  const lines = readLines(createReadStream(path), maxLineBytes)
  if (format === 'ndjson') {
    for await (const batch of lines) yield batch.map(toNdjsonRecord).filter((record) => record !== null)
    return
  }
  const assembler = new CsvRecordAssembler(maxLineBytes)
  const rows = new CsvRows(path)
  for await (const batch of lines) {
    const records: RawRecord[] = []
    for (const line of batch) {
      const record = assembler.push(line)
      const row = record === null ? null : rows.next(record)
      if (row !== null) records.push(row)
    }
    yield records
  }
  const last = assembler.end()
  if (last !== null) yield [last]
}

/** Throws IngestError unless `path` has a supported extension and is a readable file. */
export async function checkImportFile(path: string): Promise<void> {
  detectFormat(path)
  await assertReadableFile(path)
}

async function assertReadableFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null)
  if (info === null) throw new IngestError(`cannot import '${path}': no such file`, 'check the path')
  if (!info.isFile()) throw new IngestError(`cannot import '${path}': not a file`, 'pass a file, not a directory')
}

function toNdjsonRecord(current: TextLine): RawRecord | null {
  if (current.tooLong) return { line: current.line, ok: false, reason: 'line is longer than the limit', raw: current.prefix }
  const raw = current.text
  if (raw.trim() === '') return null
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch (error) {
    return { line: current.line, ok: false, reason: `invalid JSON: ${(error as Error).message}`, raw }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { line: current.line, ok: false, reason: 'expected a JSON object', raw }
  }
  return { line: current.line, ok: true, format: 'ndjson', fields: parsed as Record<string, unknown>, raw }
}

/** Turns CSV records into rows keyed by the header row (the first record). */
class CsvRows {
  private header: string[] | null = null

  constructor(private readonly path: string) {}

  /** The row of `record`, or null for the header row itself. */
  next(record: CsvRecord): RawRecord | null {
    if (this.header === null) {
      if (!record.ok) throw new IngestError(`cannot read the header row of '${this.path}': ${record.reason}`)
      this.header = checkHeader(this.path, record.fields)
      return null
    }
    if (!record.ok) return record
    const header = this.header
    if (record.fields.length !== header.length) {
      const reason = `expected ${header.length} fields as in the header, found ${record.fields.length}`
      return { line: record.line, ok: false, reason, raw: record.raw }
    }
    const fields: Record<string, unknown> = {}
    record.fields.forEach((value, index) => {
      if (value.trim() !== '') fields[header[index]!] = value
    })
    return { line: record.line, ok: true, format: 'csv', fields, raw: record.raw }
  }
}

function checkHeader(path: string, names: string[]): string[] {
  const header = names.map((name) => name.trim())
  const seen = new Set<string>()
  header.forEach((name, index) => {
    if (name === '') throw new IngestError(`'${path}': column ${index + 1} of the header row has no name`)
    if (seen.has(name)) throw new IngestError(`'${path}': the header row names column '${name}' twice`)
    seen.add(name)
  })
  return header
}
