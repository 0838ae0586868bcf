// Splits a byte stream into numbered text lines, bounding line length so one huge line cannot exhaust memory.

/** One physical line (without its `\n` or `\r\n`), or a marker that it was longer than allowed. */
export type TextLine =
  | { line: number; text: string; tooLong: false }
  | { line: number; tooLong: true; /** The first bytes of the line, for the error report. */ prefix: string }

/** Default longest line: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024

const NEWLINE = 0x0a
const PREFIX_BYTES = 200

/**
 * Yields the lines of `chunks` numbered from 1, as one array per chunk (one await per chunk, not per line,
 * keeps large files fast). A line over `maxLineBytes` is dropped as it streams and reported as `tooLong`.
 * A leading UTF-8 byte order mark is removed.
 */
export async function* readLines(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<TextLine[]> {
  let parts: Buffer[] = []
  let size = 0
  let tooLong = false
  let prefix = ''
  let lineNumber = 1

  const finish = (): TextLine => {
    const result: TextLine = tooLong
      ? { line: lineNumber, tooLong: true, prefix }
      : { line: lineNumber, text: decodeLine(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size), lineNumber), tooLong: false }
    parts = []
    size = 0
    tooLong = false
    prefix = ''
    lineNumber++
    return result
  }
  const append = (piece: Buffer): void => {
    if (tooLong) return
    if (size + piece.length > maxLineBytes) {
      tooLong = true
      prefix = Buffer.concat([...parts, piece]).subarray(0, PREFIX_BYTES).toString('utf8')
      parts = []
      size = 0
      return
    }
    parts.push(piece)
    size += piece.length
  }

  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
    const lines: TextLine[] = []
    let start = 0
    let newline = buffer.indexOf(NEWLINE, start)
    while (newline >= 0) {
      append(buffer.subarray(start, newline))
      lines.push(finish())
      start = newline + 1
      newline = buffer.indexOf(NEWLINE, start)
    }
    // Copy: the stream may reuse the chunk's memory.
    if (start < buffer.length) append(Buffer.from(buffer.subarray(start)))
    if (lines.length > 0) yield lines
  }
  if (size > 0 || tooLong) yield [finish()]
}

function decodeLine(bytes: Buffer, lineNumber: number): string {
  let text = bytes.toString('utf8')
  if (text.endsWith('\r')) text = text.slice(0, -1)
  if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return text
}
