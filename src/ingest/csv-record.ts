// RFC 4180 records from numbered lines: quoted fields, "" escapes, newlines inside quotes, one bad record never
// spoils the next. (csv-parse's skip_records_with_error loses the records after a bad quote or an oversized
// record, so records are split here and each one is parsed on its own.)
import type { TextLine } from './line-reader.js'

/** One logical CSV record (possibly spanning lines) or why it could not be read. */
export type CsvRecord =
  | { line: number; ok: true; fields: string[]; raw: string }
  | { line: number; ok: false; reason: string; raw: string }

/**
 * Joins physical lines into records (a quoted field may contain newlines) and splits them into fields.
 * Blank lines outside quotes are skipped. A record longer than `maxRecordChars` is rejected.
 *
 * @example
 * const records = new CsvRecordAssembler(1_000_000)
 * const record = records.push({ line: 1, text: 'a,"b', tooLong: false }) // null: the quote is still open
 */
export class CsvRecordAssembler {
  private pending: string | null = null
  private startLine = 0
  private inQuotes = false

  constructor(private readonly maxRecordChars: number) {}

  /** Adds the next line; returns the record it completes, if any. */
  push(current: TextLine): CsvRecord | null {
    if (current.tooLong) {
      const line = this.pending === null ? current.line : this.startLine
      this.pending = null
      return { line, ok: false, reason: `line ${current.line} is longer than the limit`, raw: current.prefix }
    }
    if (this.pending === null) {
      if (current.text.trim() === '') return null
      this.pending = current.text
      this.startLine = current.line
      this.inQuotes = endsInsideQuotes(current.text, false)
    } else {
      this.pending += '\n' + current.text
      this.inQuotes = endsInsideQuotes(current.text, true)
    }
    if (this.pending.length > this.maxRecordChars) {
      const raw = this.pending.slice(0, 200)
      this.pending = null
      return { line: this.startLine, ok: false, reason: 'record is longer than the limit', raw }
    }
    if (this.inQuotes) return null
    const raw = this.pending
    this.pending = null
    return toRecord(this.startLine, raw)
  }

  /** At the end of the file: a record left open by a quote, as rejected. */
  end(): Extract<CsvRecord, { ok: false }> | null {
    if (this.pending === null) return null
    const raw = this.pending
    this.pending = null
    return { line: this.startLine, ok: false, reason: 'unterminated quoted field at end of file', raw }
  }
}

function toRecord(line: number, raw: string): CsvRecord {
  const parsed = parseCsvRecord(raw)
  return typeof parsed === 'string' ? { line, ok: false, reason: parsed, raw } : { line, ok: true, fields: parsed, raw }
}

/** Whether a quoted field is still open at the end of `text`; a quote opens a field only at its start. */
function endsInsideQuotes(text: string, startsInQuotes: boolean): boolean {
  if (!startsInQuotes && !text.includes('"')) return false
  let inQuotes = startsInQuotes
  let atFieldStart = !startsInQuotes
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (inQuotes) {
      if (char !== '"') continue
      if (text[index + 1] === '"') index++
      else inQuotes = false
    } else if (char === ',') {
      atFieldStart = true
      continue
    } else if (char === '"' && atFieldStart) {
      inQuotes = true
    }
    atFieldStart = false
  }
  return inQuotes
}

/** The fields of one record, or the reason it is malformed. A quote inside an unquoted field is kept as text. */
export function parseCsvRecord(text: string): string[] | string {
  const fields: string[] = []
  let position = 0
  for (;;) {
    if (text[position] === '"') {
      let value = ''
      let cursor = position + 1
      for (;;) {
        const quote = text.indexOf('"', cursor)
        if (quote < 0) return `unterminated quoted field ${fields.length + 1}`
        value += text.slice(cursor, quote)
        if (text[quote + 1] === '"') {
          value += '"'
          cursor = quote + 2
          continue
        }
        position = quote + 1
        break
      }
      fields.push(value)
      if (position === text.length) return fields
      if (text[position] !== ',') {
        return `unexpected text after the closing quote of field ${fields.length}`
      }
      position++
    } else {
      const comma = text.indexOf(',', position)
      if (comma < 0) {
        fields.push(text.slice(position))
        return fields
      }
      fields.push(text.slice(position, comma))
      position = comma + 1
    }
  }
}
