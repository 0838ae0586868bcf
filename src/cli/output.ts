// Human output: aligned tables, signed points and score reasons; the JSON form is the command's data as is.
import type { Contribution } from '../core/index.js'
import type { TextSink } from './context.js'

export type Cell = string | number | boolean | null | undefined

/**
 * An aligned text table; numbers are right-aligned.
 *
 * @example renderTable(['rule', 'points'], [['exec_title', 20]])
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => headers.map((_, index) => cellText(row[index])))
  const widths = headers.map((header, index) => Math.max(header.length, ...text.map((row) => row[index]!.length)))
  const numeric = headers.map((_, index) => rows.length > 0 && rows.every((row) => isNumberCell(row[index])))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => (numeric[index] ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...text.map(line)].join('\n') + '\n'
}

function isNumberCell(cell: Cell): boolean {
  return typeof cell === 'number' || cell === null || cell === undefined
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  return typeof cell === 'number' ? formatNumber(cell) : String(cell)
}

/** A number with at most two decimals and no trailing zeros: `12.5`, `10`, `0.33`. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100)
}

/** Points with their sign: `+12.5`, `-10`, `0`. */
export function formatPoints(points: number): string {
  const text = formatNumber(points)
  return points > 0 ? `+${text}` : text
}

/**
 * The `limit` contributions with the most effect, as text: `+20 Executive title; +12.5 Viewed pricing (x3)`.
 * Clamping adjustments are left out: they say how the score was bounded, not why the lead scored.
 */
export function formatReasons(contributions: readonly Contribution[], limit = 3): string {
  return contributions
    .filter((contribution) => contribution.kind !== 'adjustment' && contribution.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
    .slice(0, limit)
    .map(({ points, label, count }) => `${label}${count > 1 ? ` x${count}` : ''} (${formatPoints(points)})`)
    .join('; ')
}

/** Writes `data` as indented JSON and a newline. */
export function writeJson(sink: TextSink, data: unknown): void {
  sink.write(`${JSON.stringify(data, null, 2)}\n`)
}

/** An ISO-8601 timestamp, or an empty string for null. */
export function formatTime(epochMs: number | null | undefined): string {
  return epochMs === null || epochMs === undefined ? '' : new Date(epochMs).toISOString()
}
